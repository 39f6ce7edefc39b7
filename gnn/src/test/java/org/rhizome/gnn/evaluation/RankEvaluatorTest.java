package org.rhizome.gnn.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;

class RankEvaluatorTest {
    private static final double EPS = 1e-12;

    private final RankEvaluator evaluator = new RankEvaluator();

    /** A scorer that returns fixed score vectors per query (all zeros for queries it was not given). */
    private static final class TableScorer implements LinkScorer {
        private final int n;
        private final Map<String, float[]> tails = new HashMap<>();
        private final Map<String, float[]> heads = new HashMap<>();

        TableScorer(int n) {
            this.n = n;
        }

        TableScorer tails(int h, int r, float... scores) {
            tails.put(h + " " + r, scores);
            return this;
        }

        TableScorer heads(int r, int t, float... scores) {
            heads.put(r + " " + t, scores);
            return this;
        }

        @Override
        public int entityCount() {
            return n;
        }

        @Override
        public void scoreTails(int head, int relation, float[] out) {
            fill(tails.get(head + " " + relation), out);
        }

        @Override
        public void scoreHeads(int relation, int tail, float[] out) {
            fill(heads.get(relation + " " + tail), out);
        }

        private void fill(float[] scores, float[] out) {
            if (scores == null) {
                Arrays.fill(out, 0, n, 0f);
            } else {
                System.arraycopy(scores, 0, out, 0, n);
            }
        }
    }

    private static TripleSet triples(int[]... hrt) {
        int[] h = new int[hrt.length];
        int[] r = new int[hrt.length];
        int[] t = new int[hrt.length];
        for (int i = 0; i < hrt.length; i++) {
            h[i] = hrt[i][0];
            r[i] = hrt[i][1];
            t[i] = hrt[i][2];
        }
        return new TripleSet(h, r, t);
    }

    /**
     * Five entities. Query 1 is (0, r0, 2); train knows (0, r0, 1) and (3, r0, 2).
     *
     * <pre>
     * tail (0, r0, ?): scores [.5, .9, .7, .9, .7], true 2 (.7); entity 1 (.9) is filtered out.
     *   candidates 0 (.5), 2 (.7), 3 (.9), 4 (.7): higher {3}, equal {4}
     *   optimistic 1 + 1 = 2, pessimistic 1 + 2 = 3, realistic 2.5
     * head (?, r0, 2): scores [.4, .4, .4, .8, .1], true 0 (.4); entity 3 (.8) is filtered out.
     *   candidates 0 (.4), 1 (.4), 2 (.4), 4 (.1): higher {}, equal {1, 2}
     *   optimistic 1, pessimistic 3, realistic 2
     * </pre>
     *
     * Query 2 is (1, r1, 4), nothing else known.
     *
     * <pre>
     * tail (1, r1, ?): scores [.9, .8, .8, .8, .8], true 4: higher {0}, equal {1, 2, 3}
     *   optimistic 2, pessimistic 5, realistic 3.5
     * head (?, r1, 4): scores [.2, .6, .3, .1, 0], true 1: nothing higher or equal
     *   optimistic 1, pessimistic 1, realistic 1
     * </pre>
     */
    private static TableScorer handScorer() {
        return new TableScorer(5)
                .tails(0, 0, .5f, .9f, .7f, .9f, .7f)
                .heads(0, 2, .4f, .4f, .4f, .8f, .1f)
                .tails(1, 1, .9f, .8f, .8f, .8f, .8f)
                .heads(1, 4, .2f, .6f, .3f, .1f, 0f);
    }

    private static final TripleSet HAND_TRAIN = triples(new int[] {0, 0, 1}, new int[] {3, 0, 2});
    private static final TripleSet HAND_TEST = triples(new int[] {0, 0, 2}, new int[] {1, 1, 4});

    @Test
    void handBuiltTiesGiveTheHandComputedMetrics() {
        EvaluationResult res = evaluator.evaluate(handScorer(), HAND_TEST, FilterIndex.of(HAND_TRAIN, HAND_TEST), 1);

        // both sides, realistic ranks in order: 2.5, 2, 3.5, 1
        RankMetrics real = res.metrics(Side.BOTH, TieBreak.REALISTIC);
        assertThat(real.count()).isEqualTo(4);
        assertThat(real.mrr()).isCloseTo((1 / 2.5 + 1 / 2.0 + 1 / 3.5 + 1) / 4, within(EPS)); // 0.5464...
        assertThat(real.mr()).isCloseTo(9.0 / 4, within(EPS));
        assertThat(real.hits1()).isCloseTo(0.25, within(EPS));
        assertThat(real.hits3()).isCloseTo(0.75, within(EPS)); // 3.5 is not <= 3
        assertThat(real.hits10()).isCloseTo(1.0, within(EPS));
        assertThat(res.realistic()).isEqualTo(real);

        // optimistic ranks 2, 1, 2, 1
        RankMetrics opt = res.metrics(Side.BOTH, TieBreak.OPTIMISTIC);
        assertThat(opt.mrr()).isCloseTo(0.75, within(EPS));
        assertThat(opt.mr()).isCloseTo(1.5, within(EPS));
        assertThat(opt.hits1()).isCloseTo(0.5, within(EPS));
        assertThat(opt.hits3()).isCloseTo(1.0, within(EPS));

        // pessimistic ranks 3, 3, 5, 1
        RankMetrics pes = res.metrics(Side.BOTH, TieBreak.PESSIMISTIC);
        assertThat(pes.mrr()).isCloseTo((1 / 3.0 + 1 / 3.0 + 1 / 5.0 + 1) / 4, within(EPS));
        assertThat(pes.mr()).isCloseTo(3.0, within(EPS));
        assertThat(pes.hits1()).isCloseTo(0.25, within(EPS));
        assertThat(pes.hits3()).isCloseTo(0.75, within(EPS));
        assertThat(pes.hits10()).isCloseTo(1.0, within(EPS));

        // tail side realistic 2.5, 3.5; head side realistic 2, 1
        RankMetrics tail = res.metrics(Side.TAIL, TieBreak.REALISTIC);
        assertThat(tail.count()).isEqualTo(2);
        assertThat(tail.mrr()).isCloseTo((1 / 2.5 + 1 / 3.5) / 2, within(EPS));
        assertThat(tail.mr()).isCloseTo(3.0, within(EPS));
        assertThat(tail.hits1()).isZero();
        assertThat(tail.hits3()).isCloseTo(0.5, within(EPS));
        RankMetrics head = res.metrics(Side.HEAD, TieBreak.REALISTIC);
        assertThat(head.mrr()).isCloseTo(0.75, within(EPS));
        assertThat(head.mr()).isCloseTo(1.5, within(EPS));
        assertThat(head.hits1()).isCloseTo(0.5, within(EPS));
        assertThat(res.metrics(Side.HEAD, TieBreak.PESSIMISTIC).mr()).isCloseTo(2.0, within(EPS)); // 3, 1

        // per relation, realistic over both sides: r0 {2.5, 2}, r1 {3.5, 1}
        assertThat(res.perRelation()).containsOnlyKeys(0, 1);
        assertThat(res.perRelation().get(0).mrr()).isCloseTo((0.4 + 0.5) / 2, within(EPS));
        assertThat(res.perRelation().get(0).mr()).isCloseTo(2.25, within(EPS));
        assertThat(res.perRelation().get(0).count()).isEqualTo(2);
        assertThat(res.perRelation().get(1).mrr()).isCloseTo((1 / 3.5 + 1) / 2, within(EPS));
        assertThat(res.perRelation().get(1).hits1()).isCloseTo(0.5, within(EPS));

        assertThat(res.summary()).isEqualTo(
                "MRR 0.546 MR 2.3 H@1 0.250 H@3 0.750 H@10 1.000 (realistic, both directions, n=4)");
    }

    @Test
    void filteringRemovesOtherTrueTailsButNeverTheQueriedOne() {
        TripleSet query = triples(new int[] {0, 0, 2});
        TableScorer scorer = handScorer();

        // no filter at all: (0, r0, ?) candidates include entity 1 (.9): higher {1, 3}, equal {4}
        RankMetrics raw = evaluator.evaluate(scorer, query, FilterIndex.of(), 1).metrics(Side.TAIL,
                TieBreak.OPTIMISTIC);
        assertThat(raw.mr()).isEqualTo(3.0);
        assertThat(evaluator.evaluate(scorer, query, FilterIndex.of(), 1)
                .metrics(Side.TAIL, TieBreak.PESSIMISTIC).mr()).isEqualTo(4.0);

        // the filter holds the queried triple itself and (0, r0, 1): 1 goes, 2 stays and is ranked
        FilterIndex filter = FilterIndex.of(HAND_TRAIN, query);
        EvaluationResult res = evaluator.evaluate(scorer, query, filter, 1);
        assertThat(res.metrics(Side.TAIL, TieBreak.OPTIMISTIC).mr()).isEqualTo(2.0);
        assertThat(res.metrics(Side.TAIL, TieBreak.PESSIMISTIC).mr()).isEqualTo(3.0);

        // filtering out also the tied entity 4 (another true tail) removes the tie
        FilterIndex more = FilterIndex.of(HAND_TRAIN, query, triples(new int[] {0, 0, 4}));
        EvaluationResult res2 = evaluator.evaluate(scorer, query, more, 1);
        assertThat(res2.metrics(Side.TAIL, TieBreak.PESSIMISTIC).mr()).isEqualTo(2.0);
        assertThat(res2.metrics(Side.TAIL, TieBreak.REALISTIC).mr()).isEqualTo(2.0);
    }

    @Test
    void constantScorerGetsTheMiddleRealisticRankNotRankOne() {
        int n = 9;
        LinkScorer constant = new LinkScorer() {
            @Override
            public int entityCount() {
                return n;
            }

            @Override
            public void scoreTails(int head, int relation, float[] out) {
                Arrays.fill(out, 0, n, 0.25f);
            }

            @Override
            public void scoreHeads(int relation, int tail, float[] out) {
                Arrays.fill(out, 0, n, 0.25f);
            }
        };
        TripleSet queries = triples(new int[] {0, 0, 1}, new int[] {1, 0, 2}, new int[] {2, 0, 3},
                new int[] {3, 1, 4}, new int[] {4, 1, 5});

        EvaluationResult res = evaluator.evaluate(constant, queries, FilterIndex.of(queries), 1);

        // all 9 tie, none filtered (each query's only known answer is its own): optimistic 1, pessimistic 9, realistic 5
        RankMetrics real = res.realistic();
        assertThat(real.mr()).isEqualTo((n + 1) / 2.0);
        assertThat(real.mrr()).isCloseTo(1 / 5.0, within(EPS));
        assertThat(real.hits1()).isZero();
        assertThat(real.hits3()).isZero();
        assertThat(real.hits10()).isEqualTo(1.0);
        assertThat(res.metrics(Side.BOTH, TieBreak.OPTIMISTIC).mrr()).isEqualTo(1.0);
        assertThat(res.metrics(Side.BOTH, TieBreak.PESSIMISTIC).mr()).isEqualTo(9.0);
    }

    @Test
    void nanScoresCountAsWorst() {
        float nan = Float.NaN;
        float[] scores = {nan, .5f, nan, .1f, .2f};
        // true entity 2 scores NaN: below the three numbers, tied with entity 0
        assertThat(RankEvaluator.ranks(scores, 5, 2, new int[0])).containsExactly(4, 5);
        // true entity 3 (.1): the NaNs rank below it, .5 and .2 above
        assertThat(RankEvaluator.ranks(scores, 5, 3, new int[0])).containsExactly(3, 3);
        // filtering the tied NaN entity 0 and the number 1 away
        assertThat(RankEvaluator.ranks(scores, 5, 2, new int[] {0, 1, 2})).containsExactly(3, 3);
    }

    @Test
    void threadCountsOneTwoAndThreeGiveIdenticalResultsThatMatchABruteForceRanking() {
        SplittableRandom random = new SplittableRandom(17);
        int n = 200;
        int relations = 4;
        TripleSet train = randomTriples(random, 2000, n, relations);
        TripleSet test = randomTriples(random, 301, n, relations);
        FilterIndex filter = FilterIndex.of(train, test);
        LinkScorer scorer = new HashScorer(n);

        EvaluationResult one = evaluator.evaluate(scorer, test, filter, 1);
        EvaluationResult two = evaluator.evaluate(scorer, test, filter, 2);
        EvaluationResult three = evaluator.evaluate(scorer, test, filter, 3);

        assertThat(two).isEqualTo(one);
        assertThat(three).isEqualTo(one);
        assertThat(one.realistic().count()).isEqualTo(2L * test.size());

        // brute force: explicit candidate lists and sorting-free counting
        Set<String> known = new HashSet<>();
        for (TripleSet s : new TripleSet[] {train, test}) {
            for (int i = 0; i < s.size(); i++) {
                known.add(s.head(i) + " " + s.relation(i) + " " + s.tail(i));
            }
        }
        double reciprocal = 0;
        double rankSum = 0;
        float[] buf = new float[n];
        for (int i = 0; i < test.size(); i++) {
            int h = test.head(i);
            int r = test.relation(i);
            int t = test.tail(i);
            scorer.scoreTails(h, r, buf);
            List<Float> others = new ArrayList<>();
            for (int e = 0; e < n; e++) {
                if (e != t && !known.contains(h + " " + r + " " + e)) {
                    others.add(buf[e]);
                }
            }
            double rank = realisticRank(buf[t], others);
            reciprocal += 1 / rank;
            rankSum += rank;
            scorer.scoreHeads(r, t, buf);
            others.clear();
            for (int e = 0; e < n; e++) {
                if (e != h && !known.contains(e + " " + r + " " + t)) {
                    others.add(buf[e]);
                }
            }
            rank = realisticRank(buf[h], others);
            reciprocal += 1 / rank;
            rankSum += rank;
        }
        assertThat(one.realistic().mrr()).isCloseTo(reciprocal / (2 * test.size()), within(1e-9));
        assertThat(one.realistic().mr()).isCloseTo(rankSum / (2 * test.size()), within(1e-9));
    }

    private static double realisticRank(float truth, List<Float> others) {
        int higher = 0;
        int ties = 0;
        for (float x : others) {
            if (x > truth) {
                higher++;
            } else if (x == truth) {
                ties++;
            }
        }
        return 1 + higher + ties / 2.0;
    }

    /** Deterministic scores with many exact ties (11 levels). */
    private static class HashScorer implements LinkScorer {
        private final int n;

        HashScorer(int n) {
            this.n = n;
        }

        @Override
        public int entityCount() {
            return n;
        }

        @Override
        public void scoreTails(int head, int relation, float[] out) {
            for (int e = 0; e < n; e++) {
                out[e] = ((head * 31 + relation * 17 + e * 7) % 11) / 11f;
            }
        }

        @Override
        public void scoreHeads(int relation, int tail, float[] out) {
            for (int e = 0; e < n; e++) {
                out[e] = ((e * 13 + relation * 5 + tail * 3) % 11) / 11f;
            }
        }
    }

    private static TripleSet randomTriples(SplittableRandom random, int m, int n, int relations) {
        int[] h = new int[m];
        int[] r = new int[m];
        int[] t = new int[m];
        for (int i = 0; i < m; i++) {
            h[i] = random.nextInt(n);
            r[i] = random.nextInt(relations);
            t[i] = random.nextInt(n);
        }
        return new TripleSet(h, r, t);
    }

    @Test
    void progressCountsQueryTriplesUpToTheTotal() {
        SplittableRandom random = new SplittableRandom(2);
        TripleSet test = randomTriples(random, 100, 50, 3);
        List<Long> seen = new ArrayList<>();

        evaluator.evaluate(new HashScorer(50), test, FilterIndex.of(test), 3, seen::add);

        assertThat(seen).isSorted().isNotEmpty();
        assertThat(seen.get(seen.size() - 1)).isEqualTo(100L);
    }

    @Test
    void aScorerFailureInAWorkerReachesTheCaller() {
        SplittableRandom random = new SplittableRandom(2);
        TripleSet test = randomTriples(random, 200, 50, 3);
        LinkScorer broken = new HashScorer(50) {
            @Override
            public void scoreHeads(int relation, int tail, float[] out) {
                throw new IllegalStateException("model broke");
            }
        };

        assertThatThrownBy(() -> evaluator.evaluate(broken, test, FilterIndex.of(test), 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("model broke");
    }

    @Test
    void rejectsQueriesOutsideTheScorerAndBadThreadCounts() {
        TripleSet test = triples(new int[] {0, 0, 7});
        assertThatThrownBy(() -> evaluator.evaluate(new HashScorer(5), test, FilterIndex.of(), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[0, 5)");
        assertThatThrownBy(() -> evaluator.evaluate(new HashScorer(10), test, FilterIndex.of(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }

    @Test
    void noQueriesGiveEmptyMetrics() {
        EvaluationResult res = evaluator.evaluate(new HashScorer(5), TripleSet.empty(), FilterIndex.of(), 2);
        assertThat(res.realistic()).isEqualTo(RankMetrics.EMPTY);
        assertThat(res.perRelation()).isEmpty();
    }
}
