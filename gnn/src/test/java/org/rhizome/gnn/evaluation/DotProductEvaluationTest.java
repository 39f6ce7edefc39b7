package org.rhizome.gnn.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.kernel.Kernels;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

/**
 * The evaluator's matrix-product path for dot-product models (and its block path for RotatE) against its
 * one-query-at-a-time path. Embeddings are
 * small integers, so every score is an exact sum in float whatever the order of accumulation: the two paths must
 * give the same optimistic and pessimistic ranks for every query, ties included (and such embeddings tie often).
 */
class DotProductEvaluationTest {
    private static final int N = 157; // not a multiple of any stripe width
    private static final int DIM = 24;

    private static KgeModel integerModel(ModelKind kind, long seed) {
        KgeModel m = KgeModel.random(kind, N, 5, DIM, 0.1f, seed);
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] e = m.entities();
        for (int i = 0; i < e.length; i++) {
            e[i] = rnd.nextInt(5) - 2;
        }
        float[] r = m.relations();
        for (int i = 0; i < r.length; i++) {
            r[i] = rnd.nextInt(5) - 2;
        }
        return m;
    }

    private static TripleSet randomTriples(int count, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[count];
        int[] r = new int[count];
        int[] t = new int[count];
        for (int i = 0; i < count; i++) {
            h[i] = rnd.nextInt(N);
            r[i] = rnd.nextInt(5);
            t[i] = rnd.nextInt(N);
        }
        return new TripleSet(h, r, t);
    }

    private static void assertSameRanks(QueryRanks a, QueryRanks b) {
        assertThat(a.size()).isEqualTo(b.size());
        for (int i = 0; i < a.size(); i++) {
            assertThat(new int[] {a.tailOptimistic(i), a.tailPessimistic(i), a.headOptimistic(i), a.headPessimistic(i)})
                    .as("query %d", i).containsExactly(b.tailOptimistic(i), b.tailPessimistic(i),
                            b.headOptimistic(i), b.headPessimistic(i));
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"DISTMULT", "COMPLEX"})
    void matrixProductRanksEqualPerQueryRanksTiesIncluded(ModelKind kind) {
        KgeModel m = integerModel(kind, 7);
        assertThat(m.dotProducts()).isTrue();
        TripleSet test = randomTriples(300, 11); // several blocks of 64 and a partial one
        FilterIndex filter = FilterIndex.of(randomTriples(2000, 12), test);
        QueryRanks reference = new RankEvaluator().ranks(LinkScorer.oneQueryAtATime(m), test, filter, 1, d -> { });
        int ties = 0;
        for (int i = 0; i < reference.size(); i++) {
            ties += reference.tailOptimistic(i) != reference.tailPessimistic(i) ? 1 : 0;
        }
        assertThat(ties).as("the integer embeddings should produce tied scores").isGreaterThan(10);
        for (Kernels k : new Kernels[] {Kernels.get(), Kernels.scalar()}) {
            for (int threads : new int[] {1, 2, 3}) {
                long[] last = {0};
                QueryRanks dot = new RankEvaluator(k).ranks(m, test, filter, threads, d -> last[0] = d);
                assertSameRanks(dot, reference);
                assertThat(last[0]).isEqualTo(test.size());
            }
        }
        assertThat(new RankEvaluator().evaluate(m, test, filter, 2))
                .isEqualTo(new RankEvaluator().evaluate(LinkScorer.oneQueryAtATime(m), test, filter, 1));
    }

    /** NaN embeddings (a diverged model): NaN scores rank below every number on both paths, NaN true scores too. */
    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"DISTMULT", "COMPLEX"})
    void nanScoresRankTheSameOnBothPaths(ModelKind kind) {
        KgeModel m = integerModel(kind, 9);
        for (int e : new int[] {3, 40, 41, 150}) {
            m.entities()[e * DIM + 1] = Float.NaN;
        }
        TripleSet test = randomTriples(200, 21);
        FilterIndex filter = FilterIndex.of(randomTriples(1000, 22), test);
        QueryRanks reference = new RankEvaluator().ranks(LinkScorer.oneQueryAtATime(m), test, filter, 1, d -> { });
        for (Kernels k : new Kernels[] {Kernels.get(), Kernels.scalar()}) {
            assertSameRanks(new RankEvaluator(k).ranks(m, test, filter, 2, d -> { }), reference);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"DISTMULT", "COMPLEX"})
    void queryVectorsScoreLikeTheModel(ModelKind kind) {
        KgeModel m = integerModel(kind, 3);
        float[] q = new float[DIM + 2];
        float[] all = new float[N];
        m.tailQuery(4, 2, q, 2);
        m.scoreTails(4, 2, all);
        float[] c = m.candidateVectors();
        for (int e = 0; e < N; e++) {
            float s = 0;
            for (int p = 0; p < DIM; p++) {
                s += q[2 + p] * c[e * DIM + p];
            }
            assertThat(s).isEqualTo(all[e]).isEqualTo(m.score(4, 2, e));
        }
        m.headQuery(1, 9, q, 0);
        m.scoreHeads(1, 9, all);
        for (int e = 0; e < N; e++) {
            float s = 0;
            for (int p = 0; p < DIM; p++) {
                s += q[p] * c[e * DIM + p];
            }
            assertThat(s).isEqualTo(all[e]).isEqualTo(m.score(e, 1, 9));
        }
    }

    /**
     * RotatE's blocks ({@code Kernels.complexModulusScores}, rank 37: whole vectors and a tail) give the per-query
     * scores bit for bit, so the same ranks, ties included (two entity rows made equal tie on every query), for
     * both kernel sets, any thread count, and through a {@link ReciprocalScorer}.
     */
    @Test
    void rotatEBlocksScoreBitForBitLikeOneQueryAtATime() {
        int dim = 2 * 37;
        KgeModel m = KgeModel.random(ModelKind.ROTATE, N, 10, dim, 0.5f, 5);
        assertThat(m.complexModuli()).isTrue();
        assertThat(m.dotProducts()).isFalse();
        System.arraycopy(m.entities(), 3 * dim, m.entities(), 40 * dim, dim);
        float[] q = new float[dim];
        float[] all = new float[N];
        float[] block = new float[N];
        int[] ids = java.util.stream.IntStream.range(0, N).toArray();
        for (Kernels k : new Kernels[] {Kernels.get(), Kernels.scalar()}) {
            m.tailQuery(4, 2, q, 0);
            m.scoreTails(4, 2, all);
            k.complexModulusScores(q, 1, m.candidateVectors(), ids, 0, N, dim / 2, -0f, block, 0, N);
            if (k == Kernels.get()) { // the model scores with the default kernels
                assertThat(block).isEqualTo(all);
            }
            assertThat(block[40]).isEqualTo(block[3]);
        }
        TripleSet test = randomTriples(300, 31);
        FilterIndex filter = FilterIndex.of(randomTriples(2000, 32), test);
        QueryRanks reference = new RankEvaluator().ranks(LinkScorer.oneQueryAtATime(m), test, filter, 1, d -> { });
        for (Kernels k : new Kernels[] {Kernels.get(), Kernels.scalar()}) {
            for (int threads : new int[] {1, 2, 3}) {
                assertSameRanks(new RankEvaluator(k).ranks(m, test, filter, threads, d -> { }), reference);
            }
        }
        ReciprocalScorer reciprocal = new ReciprocalScorer(m, 5);
        assertSameRanks(new RankEvaluator().ranks(reciprocal, test, filter, 2, d -> { }),
                new RankEvaluator().ranks(LinkScorer.oneQueryAtATime(reciprocal), test, filter, 1, d -> { }));
    }

    @ParameterizedTest
    @EnumSource(value = ModelKind.class, names = {"TRANSE_L1", "TRANSE_L2"})
    void distanceModelsKeepThePerQueryPath(ModelKind kind) {
        KgeModel m = KgeModel.random(kind, N, 5, DIM, 0.5f, 5);
        assertThat(m.dotProducts()).isFalse();
        assertThat(m.complexModuli()).isFalse();
        assertThatThrownBy(() -> m.tailQuery(0, 0, new float[DIM], 0))
                .isInstanceOf(UnsupportedOperationException.class);
        TripleSet test = randomTriples(70, 13);
        FilterIndex filter = FilterIndex.of(test);
        assertSameRanks(new RankEvaluator().ranks(m, test, filter, 2, d -> { }),
                new RankEvaluator().ranks(LinkScorer.oneQueryAtATime(m), test, filter, 1, d -> { }));
    }
}
