package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

/**
 * KvsAll training ({@link TrainingConfig#KVS_ALL}): its examples are the distinct queries with all their answers; its
 * loss is the cross-entropy against LibKGE's smoothed target distribution, written out here from the formula; its
 * first step moves every parameter against that loss's gradient, taken here by finite differences; with one answer
 * per query and no smoothing it is 1vsAll exactly; and it learns.
 */
class KvsAllTrainingTest {
    private static final int N = 9;

    private static TrainingConfig kvsAll(ModelKind kind, String sides, float smoothing) {
        return TrainingConfig.defaults(kind).withRank(4).withBatch(3, 64).withSteps(1)
                .withLearningRate(0.05f, "adagrad").withKvsAll(sides, smoothing).withInit(0.5f);
    }

    /**
     * LibKGE's KvsAll loss of one query, from its definition: labels {@code (1 - ls) [e known] + 1/N} (the second
     * term only when smoothing), normalised to sum 1, against the softmax of the scores; {@code -sum y log p}.
     */
    private static double targetCrossEntropy(double[] scores, int[] known, float ls) {
        int n = scores.length;
        double[] label = new double[n];
        for (int e = 0; e < n; e++) {
            label[e] = ls > 0 ? 1.0 / n : 0;
        }
        for (int e : known) {
            label[e] += 1 - ls;
        }
        double labelSum = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int e = 0; e < n; e++) {
            labelSum += label[e];
            max = Math.max(max, scores[e]);
        }
        double z = 0;
        for (double s : scores) {
            z += Math.exp(s - max);
        }
        double logZ = max + Math.log(z);
        double loss = 0;
        for (int e = 0; e < n; e++) {
            loss -= label[e] / labelSum * (scores[e] - logZ);
        }
        return loss;
    }

    private static double[] tailScores(KgeModel m, int h, int r) {
        float[] s = new float[m.entityCount()];
        m.scoreTails(h, r, s);
        return widen(s);
    }

    private static double[] headScores(KgeModel m, int r, int t) {
        float[] s = new float[m.entityCount()];
        m.scoreHeads(r, t, s);
        return widen(s);
    }

    private static double[] widen(float[] s) {
        double[] d = new double[s.length];
        for (int i = 0; i < s.length; i++) {
            d[i] = s[i];
        }
        return d;
    }

    private static KgeModel copy(KgeModel m) {
        return new KgeModel(m.kind(), m.entityCount(), m.relationCount(), m.dim(), m.entities().clone(),
                m.relations().clone());
    }

    /** Three triples that are one query, (2, 0, ?) with answers 5, 6 and 8 (listed twice: it counts once). */
    private static TripleSet oneQuery() {
        return TripleSet.of(List.of(new int[] {2, 0, 6}, new int[] {2, 0, 5}, new int[] {2, 0, 8},
                new int[] {2, 0, 5}));
    }

    @Test
    void theQueriesAreTheDistinctPairsWithAllTheirAnswers() {
        TripleSet train = TripleSet.of(List.of(new int[] {2, 0, 6}, new int[] {2, 0, 5}, new int[] {1, 1, 5},
                new int[] {2, 0, 6}, new int[] {1, 0, 5}));
        KvsAllQueries tails = KvsAllQueries.of(train, false);
        assertThat(tails.size()).isEqualTo(3); // (1, 0), (1, 1), (2, 0)
        KvsAllQueries both = KvsAllQueries.of(train, true);
        assertThat(both.size()).isEqualTo(6); // and (0, 5), (0, 6), (1, 5) asking for heads
        List<String> seen = new ArrayList<>();
        for (int q = 0; q < both.size(); q++) {
            StringBuilder b = new StringBuilder(both.asksHead(q) ? "(?," + both.relation(q) + "," + both.anchor(q)
                    : "(" + both.anchor(q) + "," + both.relation(q) + ",?");
            b.append("):");
            for (int x = both.start(q); x < both.end(q); x++) {
                b.append(' ').append(both.answers()[x]);
            }
            seen.add(b.toString());
        }
        assertThat(seen).containsExactly("(1,0,?): 5", "(1,1,?): 5", "(2,0,?): 5 6", "(?,0,5): 1 2", "(?,1,5): 1",
                "(?,0,6): 2");
    }

    @ParameterizedTest
    @CsvSource({"DISTMULT, 0", "DISTMULT, 0.1", "COMPLEX, 0.07", "TRANSE_L2, 0.1", "COMPLEX, 0"})
    void theLossIsTheCrossEntropyAgainstTheSmoothedTargets(ModelKind kind, float smoothing) {
        TrainingConfig c = kvsAll(kind, "tail", smoothing);
        KgeModel m = KgeModel.random(kind, N, 1, c.entityWidth(), -0.5f, 0.5f, 7);
        KgeModel before = copy(m);
        TrainingResult r = new Trainer(c).train(m, oneQuery());
        double want = targetCrossEntropy(tailScores(before, 2, 0), new int[] {5, 6, 8}, smoothing);
        assertThat(r.finalLoss()).isCloseTo(want, within(1e-5 * Math.max(1, want)));
        assertThat(m.entities()).isNotEqualTo(before.entities());
    }

    /** With both sides one triple is two queries; a batch of one draws either. */
    @Test
    void bothSidesAddTheHeadQueries() {
        TrainingConfig c = kvsAll(ModelKind.COMPLEX, "both", 0.1f).withBatch(1, TrainingConfig.KVS_ALL);
        KgeModel m = KgeModel.random(ModelKind.COMPLEX, N, 1, c.entityWidth(), -0.5f, 0.5f, 7);
        KgeModel before = copy(m);
        double tail = targetCrossEntropy(tailScores(before, 2, 0), new int[] {5}, 0.1f);
        double head = targetCrossEntropy(headScores(before, 0, 5), new int[] {2}, 0.1f);
        assertThat(Math.abs(tail - head)).as("the two queries' losses differ").isGreaterThan(1e-3);
        List<Double> losses = new ArrayList<>();
        for (long seed = 0; seed < 8; seed++) {
            KgeModel fresh = copy(before);
            losses.add(new Trainer(c.withSeed(seed)).train(fresh, TripleSet.of(List.<int[]>of(new int[] {2, 0, 5})))
                    .finalLoss());
        }
        for (double l : losses) {
            assertThat(Math.min(Math.abs(l - tail), Math.abs(l - head))).as("loss %s", l).isLessThan(1e-5);
        }
        assertThat(losses).anySatisfy(l -> assertThat(l).isCloseTo(tail, within(1e-5)))
                .anySatisfy(l -> assertThat(l).isCloseTo(head, within(1e-5)));
    }

    /**
     * Adagrad's first step moves each float by {@code -lr * g / |g|}: by exactly the learning rate, against the sign
     * of its gradient. The gradient is taken here by central differences of the loss written out above.
     */
    @ParameterizedTest
    @CsvSource({"DISTMULT, 0.1", "COMPLEX, 0.1", "TRANSE_L2, 0", "DISTMULT, 0"})
    void theFirstStepFollowsTheGradientOfThatLoss(ModelKind kind, float smoothing) {
        TrainingConfig c = kvsAll(kind, "tail", smoothing);
        KgeModel m = KgeModel.random(kind, N, 1, c.entityWidth(), -0.5f, 0.5f, 7);
        KgeModel before = copy(m);
        new Trainer(c).train(m, oneQuery());
        int[] known = {5, 6, 8};
        int checked = 0;
        float[][] tables = {before.entities(), before.relations()};
        float[][] after = {m.entities(), m.relations()};
        for (int t = 0; t < 2; t++) {
            for (int i = 0; i < tables[t].length; i++) {
                float x = tables[t][i];
                float eps = 1e-2f;
                tables[t][i] = x + eps;
                double up = targetCrossEntropy(tailScores(before, 2, 0), known, smoothing);
                tables[t][i] = x - eps;
                double down = targetCrossEntropy(tailScores(before, 2, 0), known, smoothing);
                tables[t][i] = x;
                double g = (up - down) / (2 * eps);
                double moved = after[t][i] - x;
                if (Math.abs(g) > 1e-3) {
                    assertThat(moved).as("table %d float %d, gradient %s", t, i, g)
                            .isCloseTo(-Math.signum(g) * c.lr(), within(1e-6));
                    checked++;
                } else if (g == 0) {
                    assertThat(moved).as("table %d float %d has no gradient", t, i).isZero();
                }
            }
        }
        assertThat(checked).as("floats with a clear gradient").isGreaterThan(20);
    }

    /** One answer per query and no smoothing: the targets are one-hot, and KvsAll is 1vsAll, float for float. */
    @ParameterizedTest
    @CsvSource({"DISTMULT, 0, 1", "COMPLEX, 0.2, 1", "COMPLEX, 0, 4"})
    void withOneAnswerPerQueryItIsOneVsAll(ModelKind kind, float dropout, int chunk) {
        List<int[]> list = new ArrayList<>();
        for (int h = 0; h < 20; h++) { // listed by head, then relation: the queries' order
            for (int r = 0; r < 2; r++) {
                list.add(new int[] {h, r, (3 * h + 7 * r + 1) % 20});
            }
        }
        TripleSet train = TripleSet.of(list);
        TrainingConfig kvs = TrainingConfig.defaults(kind).withRank(6).withBatch(8, 64).withSteps(25)
                .withLearningRate(0.05f, "adagrad").withKvsAll("tail", 0f).withInit(0.3f).withChunk(chunk)
                .withDropout(dropout, dropout);
        TrainingConfig one = kvs.withAllEntities("tail");
        assertThat(one.subsampling()).isFalse();
        KgeModel a = new Trainer(kvs).train(train, 20, 2).model();
        KgeModel b = new Trainer(one).train(train, 20, 2).model();
        assertThat(a.entities()).isEqualTo(b.entities());
        assertThat(a.relations()).isEqualTo(b.relations());
    }

    /** On the parent trees (a parent has several children: several answers), with dropout and two threads too. */
    @ParameterizedTest
    @CsvSource({"COMPLEX, 1, 0, 0", "DISTMULT, 2, 0.2, 0.1"})
    void learnsTheParentTrees(ModelKind kind, int threads, float dropout, float smoothing) {
        TrainingConfig c = AllEntitiesTrainingTest.parentTreesConfig(kind).withKvsAll("both", smoothing)
                .withInit(0.1f).withChunk(16).withDropout(dropout, dropout);
        // at random the MRR over 30 entities is about 0.13
        assertThat(AllEntitiesTrainingTest.parentTreesTailMrr(c, threads)).as("%s tail MRR", kind)
                .isGreaterThan(0.8);
    }

    @Test
    void refusesWhatKvsAllCannotMean() {
        TrainingConfig ok = kvsAll(ModelKind.DISTMULT, "both", 0.1f);
        assertThat(ok.kvsAll()).isTrue();
        assertThat(ok.allEntities()).isTrue();
        assertThat(ok.subsampling()).isFalse();
        assertThatThrownBy(() -> ok.withLoss("margin", 6f, 0.5f)).hasMessageContaining("KvsAll")
                .hasMessageContaining("needs the cross-entropy loss");
        assertThatThrownBy(() -> ok.withSides("random")).hasMessageContaining("not random");
        assertThatThrownBy(() -> new TrainingConfig(ModelKind.DISTMULT, 4, TrainingConfig.KVS_ALL, 3, 1, 0.1f,
                "adagrad", "cross-entropy", 0f, 0f, 0f, true, "tail", 1L, 1, "l3", 0f, 0f, 0f, 0f,
                TrainingConfig.UNIFORM, 0f)).hasMessageContaining("subsampling");
        assertThatThrownBy(() -> kvsAll(ModelKind.DISTMULT, "tail", 1f)).hasMessageContaining("label smoothing");
        assertThatThrownBy(() -> ok.withAllEntities("both").withBatch(3, 8))
                .hasMessageContaining("sides both is for training against all");
        // label smoothing belongs to KvsAll: 1vsAll drops it, and sampled negatives refuse it
        assertThat(ok.withAllEntities("both").labelSmoothing()).isZero();
        assertThatThrownBy(() -> new TrainingConfig(ModelKind.DISTMULT, 4, 8, 3, 1, 0.1f, "adagrad", "cross-entropy",
                0f, 0f, 0f, false, "tail", 1L, 1, "l3", 0f, 0f, 0f, 0f, TrainingConfig.UNIFORM, 0.1f))
                .hasMessageContaining("label smoothing is for KvsAll");
    }
}
