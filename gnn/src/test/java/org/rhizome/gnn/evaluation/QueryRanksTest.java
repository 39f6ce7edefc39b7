package org.rhizome.gnn.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;

class QueryRanksTest {
    /** Every query scores entity e as {@code score[e]}, whatever the query. */
    private record FixedScorer(float... score) implements LinkScorer {
        @Override
        public int entityCount() {
            return score.length;
        }

        @Override
        public void scoreTails(int head, int relation, float[] out) {
            System.arraycopy(score, 0, out, 0, score.length);
        }

        @Override
        public void scoreHeads(int relation, int tail, float[] out) {
            System.arraycopy(score, 0, out, 0, score.length);
        }
    }

    /**
     * Four entities scored [.9, .5, .5, .1]; train (0, r, 1); test (2, r, 1) and (1, r, 3).
     *
     * <pre>
     * (2, r, 1) tail query: known tails of (2, r) = {1}; candidates all; higher {0}, tie {2}: 2 and 3
     *           head query: known heads of (r, 1) = {0, 2}, 0 filtered; higher {}, tie {1}: 1 and 2
     * (1, r, 3) tail query: nothing filtered; higher {0, 1, 2}: 4 and 4
     *           head query: known heads of (r, 3) = {1}; higher {0}, tie {2}: 2 and 3
     * </pre>
     */
    @Test
    void exposesEachQuerysRanksAndSummarisesLikeEvaluate() {
        FixedScorer scorer = new FixedScorer(.9f, .5f, .5f, .1f);
        TripleSet train = new TripleSet(new int[] {0}, new int[] {0}, new int[] {1});
        TripleSet test = new TripleSet(new int[] {2, 1}, new int[] {0, 0}, new int[] {1, 3});
        FilterIndex filter = FilterIndex.of(train, test);
        RankEvaluator evaluator = new RankEvaluator();
        for (int threads = 1; threads <= 2; threads++) {
            QueryRanks r = evaluator.ranks(scorer, test, filter, threads, done -> { });
            assertThat(r.size()).isEqualTo(2);
            assertThat(new int[] {r.tailOptimistic(0), r.tailPessimistic(0), r.headOptimistic(0),
                r.headPessimistic(0)}).containsExactly(2, 3, 1, 2);
            assertThat(new int[] {r.tailOptimistic(1), r.tailPessimistic(1), r.headOptimistic(1),
                r.headPessimistic(1)}).containsExactly(4, 4, 2, 3);
            assertThat(new double[] {r.tailRealistic(0), r.headRealistic(0), r.tailRealistic(1),
                r.headRealistic(1)}).containsExactly(2.5, 1.5, 4, 2.5);
            assertThat(r.summarize()).isEqualTo(evaluator.evaluate(scorer, test, filter, 1));
            assertThat(r.summarize().realistic().mrr())
                    .isCloseTo(Arrays.stream(new double[] {2.5, 1.5, 4, 2.5}).map(x -> 1 / x).sum() / 4,
                            within(1e-12));
        }
    }
}
