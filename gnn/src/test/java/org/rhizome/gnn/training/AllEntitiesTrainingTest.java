package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.EvaluationResult;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.sampling.NegativeSampler;

/**
 * Training against every entity (negatives {@link TrainingConfig#ALL_ENTITIES}, LibKGE's 1vsAll): its loss is the
 * softmax cross-entropy over the whole entity table, written out here; it trains exactly as sampled training does
 * when the "sample" is every other entity; its matrix products agree with the row-by-row path; and it learns.
 */
class AllEntitiesTrainingTest {
    private static final int N = 9;

    private static TrainingConfig oneVsAll(ModelKind kind, String sides) {
        return TrainingConfig.defaults(kind).withRank(4).withBatch(3, 64).withSteps(1)
                .withLearningRate(0.05f, "adagrad").withAllEntities(sides).withInit(0.5f);
    }

    /** {@code -s(target) + log sum_e exp(s(e))} in doubles over the scores of every entity. */
    private static double softmaxLoss(float[] scores, int target) {
        double max = Double.NEGATIVE_INFINITY;
        for (float s : scores) {
            max = Math.max(max, s);
        }
        double sum = 0;
        for (float s : scores) {
            sum += Math.exp(s - max);
        }
        return -scores[target] + max + Math.log(sum);
    }

    private static KgeModel copy(KgeModel m) {
        return new KgeModel(m.kind(), m.entityCount(), m.relationCount(), m.dim(), m.entities().clone(),
                m.relations().clone());
    }

    @ParameterizedTest
    @CsvSource({"DISTMULT, tail", "DISTMULT, both", "COMPLEX, both", "TRANSE_L2, both", "COMPLEX, tail"})
    void theLossIsTheSoftmaxCrossEntropyOverEveryEntity(ModelKind kind, String sides) {
        // one training triple, so every positive of the batch is (2, 0, 5): the step's loss is its loss
        TripleSet one = TripleSet.of(List.of(new int[] {2, 0, 5}));
        KgeModel m = KgeModel.random(kind, N, 1, oneVsAll(kind, sides).entityWidth(), -0.5f, 0.5f, 7);
        KgeModel before = copy(m);
        TrainingResult r = new Trainer(oneVsAll(kind, sides)).train(m, one);
        float[] scores = new float[N];
        before.scoreTails(2, 0, scores);
        double want = softmaxLoss(scores, 5);
        if (sides.equals("both")) {
            before.scoreHeads(0, 5, scores);
            want += softmaxLoss(scores, 2);
        }
        assertThat(r.finalLoss()).isCloseTo(want, within(1e-5 * Math.max(1, want)));
        assertThat(m.entities()).isNotEqualTo(before.entities()); // and it took a step
    }

    /**
     * Sampled training whose "sample" for each positive is every other entity, in table order: the same scores,
     * loss and gradients, so the same model up to the rounding of the softmax's sums (with vector kernels the masked
     * column shifts the later candidates to other lanes, so the partial sums round differently).
     */
    @ParameterizedTest
    @CsvSource({"DISTMULT", "COMPLEX", "TRANSE_L2"})
    void equalsSampledTrainingAgainstEveryOtherEntity(ModelKind kind) {
        TripleSet train = trees().get(0);
        TrainingConfig all = TrainingConfig.defaults(kind).withRank(8).withBatch(16, 64).withSteps(30)
                .withLearningRate(0.05f, "adagrad").withAllEntities("tail").withInit(0.3f);
        assertThat(all.negatives()).isEqualTo(TrainingConfig.ALL_ENTITIES);
        TrainingConfig listed = all.withBatch(16, 29);
        KgeModel a = new Trainer(all).train(train, 30, 2).model();
        KgeModel b = new Trainer(listed).sampler(new EveryOtherEntity(30)).train(train, 30, 2).model();
        assertClose(a.entities(), b.entities(), kind + " entities");
        assertClose(a.relations(), b.relations(), kind + " relations");
    }

    /** Chunks as matrix products against the whole table agree with one positive at a time. */
    @ParameterizedTest
    @CsvSource({"DISTMULT, tail", "COMPLEX, both"})
    void matrixProductsAgreeWithOnePositiveAtATime(ModelKind kind, String sides) {
        TripleSet train = trees().get(0);
        TrainingConfig one = TrainingConfig.defaults(kind).withRank(8).withBatch(16, 64).withSteps(30)
                .withLearningRate(0.05f, "adagrad").withAllEntities(sides).withInit(0.3f);
        KgeModel rows = new Trainer(one).train(train, 30, 2).model();
        KgeModel matrix = new Trainer(one.withChunk(16)).train(train, 30, 2).model();
        float[] x = rows.entities();
        float[] y = matrix.entities();
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).as("entity float %d", i).isCloseTo(x[i], within(1e-4f + 1e-4f * Math.abs(x[i])));
        }
    }

    /** With dropout and two threads as well, training against every entity learns the parent trees. */
    @ParameterizedTest
    @CsvSource({"COMPLEX, 1, 0", "COMPLEX, 2, 0.2", "DISTMULT, 1, 0.2"})
    void learnsTheParentTrees(ModelKind kind, int threads, float dropout) {
        TrainingConfig c = parentTreesConfig(kind).withAllEntities("both").withInit(0.1f).withChunk(16)
                .withDropout(dropout, dropout);
        // at random the MRR over 30 entities is about 0.13; the child-of tails (parents) are learnt from the
        // parent-of triples and the training child-of triples
        assertThat(parentTreesTailMrr(c, threads)).as("%s tail MRR", kind).isGreaterThan(0.8);
    }

    /** Rank 16, batches of 32, 300 steps of Adagrad 0.05: enough for the parent trees. */
    static TrainingConfig parentTreesConfig(ModelKind kind) {
        return TrainingConfig.defaults(kind).withRank(16).withBatch(32, 64).withSteps(300)
                .withLearningRate(0.05f, "adagrad");
    }

    /** The filtered tail MRR on the parent trees' test triples of a model trained on their training triples. */
    static double parentTreesTailMrr(TrainingConfig c, int threads) {
        List<TripleSet> split = trees();
        KgeModel m = new Trainer(c).threads(threads).train(split.get(0), 30, 2).model();
        EvaluationResult e = new RankEvaluator().evaluate(m, split.get(1), FilterIndex.of(split.get(0), split.get(1)),
                1);
        return e.metrics(Side.TAIL, TieBreak.REALISTIC).mrr();
    }

    @Test
    void refusesWhatAllEntitiesCannotMean() {
        TrainingConfig ok = oneVsAll(ModelKind.DISTMULT, "both");
        assertThat(ok.allEntities()).isTrue();
        assertThatThrownBy(() -> ok.withLoss("self-adversarial", 6f, 0.5f))
                .hasMessageContaining("needs the cross-entropy loss");
        assertThatThrownBy(() -> ok.withSides("alternate")).hasMessageContaining("sides tail")
                .hasMessageContaining("not alternate");
        assertThatThrownBy(() -> ok.withBatch(3, 5)).hasMessageContaining("sides both is for training against all");
        assertThatThrownBy(() -> ok.withBatch(3, -2)).hasMessageContaining("negatives >= 0");
    }

    /** Every float within 1e-5 of its counterpart, relative to the larger of 1 and its size (measured: 2e-7). */
    private static void assertClose(float[] want, float[] got, String what) {
        double worst = 0;
        for (int i = 0; i < want.length; i++) {
            worst = Math.max(worst, Math.abs(got[i] - want[i]) / Math.max(1, Math.abs(want[i])));
        }
        assertThat(worst).as(what).isLessThanOrEqualTo(1e-5);
    }

    /** The negatives "sampled" as every entity but the positive's, in table order. Single-threaded use only. */
    private static final class EveryOtherEntity implements NegativeSampler {
        private final int n;
        private int next;

        EveryOtherEntity(int n) {
            this.n = n;
        }

        @Override
        public int corrupt(int h, int r, int t, boolean head, SplittableRandom rnd) {
            int target = head ? h : t;
            int e = next;
            next = (next + 1) % (n - 1);
            return e >= target ? e + 1 : e;
        }
    }

    /**
     * 30 entities in two "parent" trees: relation 0 parent-of, relation 1 child-of. A quarter of the child-of triples
     * are the test (element 1), the rest and every parent-of triple the training set (element 0).
     */
    static List<TripleSet> trees() {
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int e = 1; e < 30; e++) {
            if (e == 15) {
                continue;
            }
            int parent = e < 15 ? rnd.nextInt(e) : 15 + rnd.nextInt(e - 15);
            train.add(new int[] {parent, 0, e});
            (e % 4 == 0 ? test : train).add(new int[] {e, 1, parent});
        }
        return List.of(TripleSet.of(train), TripleSet.of(test));
    }
}
