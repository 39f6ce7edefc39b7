package org.rhizome.gnn.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.QueryRanks;
import org.rhizome.gnn.evaluation.RankEvaluator;

class NodeMrrTest {
    private static final double EPS = 1e-12;

    /**
     * Four entities scored [.9, .5, .5, .1] in every query; train (0, r, 1); test (2, r, 1) and (1, r, 3). Realistic
     * ranks (ties counted half): (2, r, 1) tail query, true 1: above it 0, tied 2: 2.5; head query, true 2, with 0
     * filtered: tied 1: 1.5. (1, r, 3) tail query, true 3: three above: 4; head query, true 1: above 0, tied 2: 2.5.
     */
    private static QueryRanks handRanks() {
        TripleSet train = new TripleSet(new int[] {0}, new int[] {0}, new int[] {1});
        TripleSet test = new TripleSet(new int[] {2, 1}, new int[] {0, 0}, new int[] {1, 3});
        return new RankEvaluator().ranks(new FixedScorer(.9f, .5f, .5f, .1f), test, FilterIndex.of(train, test), 1,
                done -> { });
    }

    @Test
    void creditsEachRankToTheEntityRanked() {
        NodeMrr m = NodeMrr.of(handRanks(), 4, NodeMrr.Attribution.ANSWER);
        // 1 is the answer of both tail query 1 (2.5) and head query 2 (2.5); 2 of head query 1 (1.5); 3 of tail
        // query 2 (4); 0 of nothing
        assertThat(m.mrr(1).getAsDouble()).isCloseTo(1 / 2.5, within(EPS));
        assertThat(m.rankCount(1)).isEqualTo(2);
        assertThat(m.mrr(2).getAsDouble()).isCloseTo(1 / 1.5, within(EPS));
        assertThat(m.mrr(3).getAsDouble()).isCloseTo(0.25, within(EPS));
        assertThat(m.mrr(0)).isEmpty();
        assertThat(m.rankCount(0)).isZero();
        assertThat(m.values().definedCount()).isEqualTo(3);
    }

    @Test
    void orCreditsEachRankToTheEntityAskedAbout() {
        NodeMrr m = NodeMrr.of(handRanks(), 4, NodeMrr.Attribution.QUERY);
        // 1 is asked about in head query 1 (1.5) and tail query 2 (4); 2 in tail query 1 (2.5); 3 in head query 2
        assertThat(m.mrr(1).getAsDouble()).isCloseTo((1 / 1.5 + 1 / 4.0) / 2, within(EPS)); // 0.458333
        assertThat(m.mrr(2).getAsDouble()).isCloseTo(0.4, within(EPS));
        assertThat(m.mrr(3).getAsDouble()).isCloseTo(0.4, within(EPS));
        assertThat(m.mrr(0)).isEmpty();
        assertThat(m.attribution()).isEqualTo(NodeMrr.Attribution.QUERY);
    }

    @Test
    void rejectsEntitiesOutsideTheRange() {
        assertThatThrownBy(() -> NodeMrr.of(handRanks(), 3, NodeMrr.Attribution.ANSWER))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query 1 (1, 0, 3)")
                .hasMessageContaining("[0, 3)");
        assertThatThrownBy(() -> NodeMrr.Attribution.parse("tail"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected answer or query");
    }
}
