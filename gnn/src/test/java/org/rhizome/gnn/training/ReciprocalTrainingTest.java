package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.EvaluationResult;
import org.rhizome.gnn.evaluation.LinkScorer;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.ReciprocalScorer;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

/**
 * LibKGE's training setting: the softmax cross-entropy loss, reciprocal relations with tails corrupted only, and head
 * queries answered through the reciprocal relations ({@link ReciprocalScorer}).
 */
class ReciprocalTrainingTest {
    /** The loss as training computes it, on the scalar kernel (double arithmetic). */
    private static final org.rhizome.gnn.kernel.Kernels SCALAR = new org.rhizome.gnn.kernel.ScalarKernels();

    /** The loss written out in doubles, independently of the kernels' softmax cross-entropy. */
    private static double referenceLoss(double pos, double[] neg) {
        double sum = Math.exp(pos);
        for (double n : neg) {
            sum += Math.exp(n);
        }
        return -pos + Math.log(sum);
    }

    private static float[] floats(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    @Test
    void crossEntropyCoefficientsAreTheLossGradient() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int trial = 0; trial < 20; trial++) {
            int k = 1 + rnd.nextInt(12);
            double pos = rnd.nextDouble(-4, 4);
            double[] neg = new double[k];
            for (int j = 0; j < k; j++) {
                neg[j] = rnd.nextDouble(-4, 4);
            }
            // scores exactly representable as floats, so the reference sees what the trainer sees
            pos = (float) pos;
            neg = toDoubles(floats(neg));
            double weight = 0.37;
            float[] scores = new float[k + 3];
            System.arraycopy(floats(neg), 0, scores, 3, k); // at an offset, as in a chunk's score matrix
            float[] coeff = new float[k + 3];
            double loss = SCALAR.softmaxCrossEntropy((float) pos, scores, 3, k, weight, coeff, 3);
            assertThat(loss).isCloseTo(weight * referenceLoss(pos, neg), within(1e-6));
            double h = 1e-5;
            double posSum = 0;
            for (int j = 0; j < k; j++) {
                double[] up = neg.clone();
                double[] down = neg.clone();
                up[j] += h;
                down[j] -= h;
                double fd = weight * (referenceLoss(pos, up) - referenceLoss(pos, down)) / (2 * h);
                assertThat((double) coeff[3 + j]).as("dL/dS_%d", j).isCloseTo(fd, within(1e-6));
                posSum += coeff[3 + j];
            }
            double fdPos = weight * (referenceLoss(pos + h, neg) - referenceLoss(pos - h, neg)) / (2 * h);
            assertThat(-posSum).as("dL/dS_pos").isCloseTo(fdPos, within(1e-6));
        }
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void crossEntropyStaysFiniteForFarApartScores() {
        float[] scores = {1000f, -1000f, 0f};
        float[] coeff = new float[3];
        double loss = SCALAR.softmaxCrossEntropy(0f, scores, 0, 3, 1.0, coeff, 0);
        assertThat(loss).isCloseTo(1000.0, within(1e-9)); // log(e^0 + e^1000 + ...) - 0 = 1000 to double precision
        assertThat(coeff[0]).isCloseTo(1f, within(1e-6f));
        assertThat(coeff[1]).isEqualTo(0f);
        assertThat(SCALAR.softmaxCrossEntropy(1000f, scores, 1, 2, 1.0, coeff, 1)).isCloseTo(0.0, within(1e-9));
    }

    /**
     * 30 entities in two families of "parent" trees (each entity but the roots has one parent); relation 0 is
     * parent-of, relation 1 child-of (its inverse). A quarter of the child-of triples are held out as the test.
     */
    private static final TripleSet TRAIN;
    private static final TripleSet TEST;

    static {
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(11);
        for (int e = 1; e < 30; e++) {
            if (e == 15) {
                continue; // the second family's root
            }
            int parent = e < 15 ? rnd.nextInt(e) : 15 + rnd.nextInt(e - 15);
            train.add(new int[] {parent, 0, e});
            (e % 4 == 0 ? test : train).add(new int[] {e, 1, parent});
        }
        TRAIN = TripleSet.of(train);
        TEST = TripleSet.of(test);
    }

    private static TrainingConfig libKgeStyle(ModelKind kind) {
        return TrainingConfig.defaults(kind).withRank(16).withBatch(32, 16).withSteps(400)
                .withLearningRate(0.02f, "adam").withLoss("cross-entropy", 0f, 0f).withSides("tail")
                .withInit(0.1f);
    }

    /**
     * Trained on the triples and their reciprocals with tails corrupted only, the models answer both the tail and
     * the head queries of the held-out child-of triples through {@link ReciprocalScorer}: head queries never go
     * through relation 1 itself, which training never asked to rank heads.
     */
    @ParameterizedTest
    @CsvSource({"COMPLEX, 1", "COMPLEX, 2", "TRANSE_L2, 1", "DISTMULT, 1"})
    void reciprocalTrainingAnswersHeadAndTailQueries(ModelKind kind, int threads) {
        TripleSet withReciprocals = TRAIN.concat(TRAIN.reciprocal(2));
        TrainingResult r = new Trainer(libKgeStyle(kind)).threads(threads).train(withReciprocals, 30, 4);
        EvaluationResult e = new RankEvaluator().evaluate(new ReciprocalScorer(r.model(), 2), TEST,
                FilterIndex.of(TRAIN, TEST), 1);
        double tail = e.metrics(Side.TAIL, TieBreak.REALISTIC).mrr();
        double head = e.metrics(Side.HEAD, TieBreak.REALISTIC).mrr();
        // a model that learnt the inversion ranks the parent (tail) and the child (head, the parent's other
        // children filtered) first; at random the MRR over 30 entities is about 0.13. Measured: 1.0 and 1.0 for
        // ComplEx and TransE, 0.93 and 0.79 for DistMult, which scores (e, child-of, p) as (p, child-of, e)
        assertThat(tail).as("%s tail MRR", kind).isGreaterThan(0.85);
        assertThat(head).as("%s head MRR", kind).isGreaterThan(0.7);
    }

    /** A model file's names tell whether it has reciprocals; its head predictions then go through them. */
    @Test
    void aTrainedModelWithReciprocalNamesPredictsHeadsThroughThem() {
        KgeModel m = KgeModel.random(ModelKind.DISTMULT, 30, 4, 16, 0.5f, 2);
        org.rhizome.gnn.data.IdMap entities = new org.rhizome.gnn.data.IdMap();
        for (int e = 0; e < 30; e++) {
            entities.idOf("e" + e);
        }
        org.rhizome.gnn.data.IdMap relations = new org.rhizome.gnn.data.IdMap();
        for (String r : new String[] {"parent", "child", "parent^-1", "child^-1"}) {
            relations.idOf(r);
        }
        org.rhizome.gnn.io.TrainedModel tm = new org.rhizome.gnn.io.TrainedModel(m, entities, relations, "{}");
        assertThat(tm.reciprocalBase()).isEqualTo(2);
        assertThat(tm.scorer()).isInstanceOf(ReciprocalScorer.class);
        float[] want = new float[30];
        m.scoreTails(7, 3, want); // (?, child, e7) is (e7, child^-1, ?)
        int best = 0;
        for (int e = 1; e < 30; e++) {
            best = want[e] > want[best] && e != 7 ? e : best;
        }
        assertThat(tm.predictHeads("child", "e7", 1).get(0).name()).isEqualTo("e" + best);
        org.rhizome.gnn.data.IdMap plain = new org.rhizome.gnn.data.IdMap();
        for (String r : new String[] {"parent", "child", "sibling", "child^-1"}) {
            plain.idOf(r);
        }
        org.rhizome.gnn.io.TrainedModel other = new org.rhizome.gnn.io.TrainedModel(m, entities, plain, "{}");
        assertThat(other.reciprocalBase()).isZero();
        assertThat(other.scorer()).isSameAs(m);
    }

    @Test
    void reciprocalScorerAnswersHeadQueriesThroughTheReciprocalRelation() {
        KgeModel m = KgeModel.random(ModelKind.COMPLEX, 30, 4, 16, 0.5f, 1);
        ReciprocalScorer s = new ReciprocalScorer(m, 2);
        float[] got = new float[30];
        float[] want = new float[30];
        s.scoreHeads(1, 7, got);
        m.scoreTails(7, 3, want);
        assertThat(got).isEqualTo(want);
        s.scoreTails(7, 1, got);
        m.scoreTails(7, 1, want);
        assertThat(got).isEqualTo(want);
        assertThatThrownBy(() -> s.scoreHeads(2, 7, got)).hasMessageContaining("relation 2")
                .hasMessageContaining("2 original relations");
        // the matrix-product path (dot-product queries) ranks as one query at a time does
        RankEvaluator ev = new RankEvaluator();
        FilterIndex f = FilterIndex.of(TRAIN, TEST);
        EvaluationResult blocked = ev.evaluate(s, TEST, f, 1);
        EvaluationResult single = ev.evaluate(LinkScorer.oneQueryAtATime(s), TEST, f, 1);
        for (Side side : Side.values()) {
            assertThat(blocked.metrics(side, TieBreak.REALISTIC).mrr())
                    .isCloseTo(single.metrics(side, TieBreak.REALISTIC).mrr(), within(1e-9));
        }
    }
}
