package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

/**
 * Generated graphs with known relation patterns, and what each model can represent (Sun et al., "RotatE", ICLR 2019,
 * table 2): RotatE models symmetry, inversion and composition; DistMult models symmetry but scores every relation
 * symmetrically, so it cannot tell a relation from its inverse. Entities 0..39 on a ring; held-out triples are ranked
 * with the filtered protocol (tail queries, realistic ties).
 */
class RelationPatternsTest {
    private static final int N = 40;

    private record World(TripleSet train, TripleSet test) {}

    /** Relations as steps around the ring: {@code steps[r]} is how far relation r moves; every 4th of the last held out. */
    private static World ring(int... steps) {
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int r = 0; r < steps.length; r++) {
            for (int i = 0; i < N; i++) {
                int[] t = {i, r, Math.floorMod(i + steps[r], N)};
                (r == steps.length - 1 && i % 4 == 0 ? test : train).add(t);
            }
        }
        return new World(TripleSet.of(train), TripleSet.of(test));
    }

    /** A symmetric relation: i married (i + 20), both directions in the graph; a quarter of one direction held out. */
    private static World symmetric() {
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int i = 0; i < N / 2; i++) {
            train.add(new int[] {i, 0, i + N / 2});
            (i % 4 == 0 ? test : train).add(new int[] {i + N / 2, 0, i});
        }
        return new World(TripleSet.of(train), TripleSet.of(test));
    }

    private static double tailMrr(ModelKind kind, World w, int relations) {
        TrainingConfig c = TrainingConfig.defaults(kind).withRank(16).withBatch(64, 16).withSteps(1500)
                .withLearningRate(0.05f, "adam");
        KgeModel m = new Trainer(c).train(w.train(), N, relations).model();
        return new RankEvaluator().evaluate(m, w.test(), FilterIndex.of(w.train(), w.test()), 1)
                .metrics(Side.TAIL, TieBreak.REALISTIC).mrr();
    }

    @Test
    void rotatELearnsComposition() {
        // next (+1), skip (+2), and jump (+3) = next then skip: held-out jumps are predicted
        assertThat(tailMrr(ModelKind.ROTATE, ring(1, 2, 3), 3)).isGreaterThan(0.9);
    }

    @Test
    void rotatEAndDistMultLearnSymmetry() {
        assertThat(tailMrr(ModelKind.ROTATE, symmetric(), 1)).isGreaterThan(0.9);
        assertThat(tailMrr(ModelKind.DISTMULT, symmetric(), 1)).isGreaterThan(0.9);
    }

    /**
     * next (+1) and prev (-1, its inverse; a quarter held out). RotatE answers the held-out prev triples; DistMult
     * cannot, because it scores (h, r, t) and (t, r, h) alike: for (i + 1, prev, ?) the wrong tail i + 2 scores as
     * high as the right one i, since (i + 2, prev, i + 1) is a training triple.
     */
    @Test
    void distMultCannotTellARelationFromItsInverseAndRotatECan() {
        World w = ring(1, -1);
        double rotate = tailMrr(ModelKind.ROTATE, w, 2);
        double distMult = tailMrr(ModelKind.DISTMULT, w, 2);
        assertThat(rotate).isGreaterThan(0.9);
        assertThat(distMult).isLessThan(0.75).isLessThan(rotate - 0.2);
        KgeModel m = KgeModel.random(ModelKind.DISTMULT, N, 2, 16, 0.5f, 3);
        for (int h = 0; h < N; h += 7) {
            for (int t = 1; t < N; t += 5) {
                // symmetric by construction: the same products in another order (float rounding aside)
                assertThat(m.score(h, 1, t)).isCloseTo(m.score(t, 1, h), within(1e-6f));
            }
        }
    }
}
