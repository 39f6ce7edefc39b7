package org.rhizome.retrieval.subgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.snapshot.GraphSnapshot;

class PersonalisedPageRankTest {
    private static final double D = 0.85;
    private static final double EPS = 1e-8;

    private static PersonalisedPageRank.Options directed() {
        return PersonalisedPageRank.Options.defaults().withDirected(true);
    }

    /** Star c -> l1, l2, l3: ids c=0, l1..l3=1..3. */
    private static GraphSnapshot star() {
        return Graphs.of(new String[] {"c", "l1", "l2", "l3"}, new String[] {"r"}, "c r l1", "c r l2", "c r l3");
    }

    @Test
    void twoCycleMatchesTheClosedForm() {
        // x_a = (1-d) + d x_b and x_b = d x_a give x_a = 1/(1+d), x_b = d/(1+d).
        GraphSnapshot g = Graphs.of(new String[] {"a", "b"}, new String[] {"r"}, "a r b", "b r a");
        PersonalisedPageRank.Result r = new PersonalisedPageRank(g, directed()).topK(new int[] {0}, 5);
        assertThat(r.converged()).isTrue();
        assertThat(r.top()).extracting(ScoredNode::node).containsExactly(0, 1);
        assertThat(r.top().get(0).score()).isCloseTo(1 / (1 + D), within(EPS));
        assertThat(r.top().get(1).score()).isCloseTo(D / (1 + D), within(EPS));
    }

    @Test
    void danglingMassReturnsToTheSeeds() {
        // a -> b with b dangling: b's mass goes back to a, which gives the same fixed point as the 2-cycle.
        // (Spread uniformly instead, b would get more: x_b = d x_a + d x_b / 2.)
        GraphSnapshot g = Graphs.of(new String[] {"a", "b"}, new String[] {"r"}, "a r b");
        double[] x = new PersonalisedPageRank(g, directed()).scores(new int[] {0}, new double[] {1});
        assertThat(x[0]).isCloseTo(1 / (1 + D), within(EPS));
        assertThat(x[1]).isCloseTo(D / (1 + D), within(EPS));
    }

    @Test
    void undirectedStarFromALeafMatchesTheHandComputation() {
        // x_c = d (x_l1 + x_l2 + x_l3) (leaves have degree 1), x_li = d x_c / 3 + (1-d)[i = 1]
        // => x_c = d/(1+d), x_l1 = (1-d) + d^2/(3(1+d)), x_l2 = x_l3 = d^2/(3(1+d)).
        PersonalisedPageRank.Result r = new PersonalisedPageRank(star()).topK(new int[] {1}, 10);
        List<ScoredNode> top = r.top();
        assertThat(top).extracting(ScoredNode::node).containsExactly(0, 1, 2, 3);
        double leaf = D * D / (3 * (1 + D));
        assertThat(top.get(0).score()).isCloseTo(D / (1 + D), within(EPS));
        assertThat(top.get(1).score()).isCloseTo(1 - D + leaf, within(EPS));
        assertThat(top.get(2).score()).isCloseTo(leaf, within(EPS));
        assertThat(top.get(3).score()).isCloseTo(leaf, within(EPS));
        assertThat(top.stream().mapToDouble(ScoredNode::score).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void tiesAreOrderedByIdAndSeedsCanBeExcluded() {
        // Seed at the centre: x_c = 1/(1+d), every leaf d/(3(1+d)).
        PersonalisedPageRank all = new PersonalisedPageRank(star());
        assertThat(all.topK(new int[] {0}, 10).top()).extracting(ScoredNode::node).containsExactly(0, 1, 2, 3);
        assertThat(all.topK(new int[] {0}, 2).top()).extracting(ScoredNode::node).containsExactly(0, 1);
        PersonalisedPageRank noSeeds = new PersonalisedPageRank(star(),
                PersonalisedPageRank.Options.defaults().withExcludeSeeds(true));
        List<ScoredNode> top = noSeeds.topK(new int[] {0}, 10).top();
        assertThat(top).extracting(ScoredNode::node).containsExactly(1, 2, 3);
        assertThat(top.get(0).score()).isCloseTo(D / (3 * (1 + D)), within(EPS));
    }

    @Test
    void directedReadingKeepsTheWalkOnTheSeedWhenItHasNoOutEdges() {
        // From leaf l1 nothing is reachable along edge directions: all mass stays on l1, others score 0 and are
        // not returned.
        PersonalisedPageRank.Result r = new PersonalisedPageRank(star(), directed()).topK(new int[] {1}, 10);
        assertThat(r.top()).extracting(ScoredNode::node).containsExactly(1);
        assertThat(r.top().get(0).score()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void weightedSeedsInTwoComponentsSplitTheMassByWeight() {
        // a -> b and c -> d, seeds a (3) and c (1): p = (3/4, 0, 1/4, 0). With D = x_b + x_d = d (x_a + x_c)
        // = d (1 - D): D = d/(1+d); x_a = 3/4 * 1/(1+d), x_b = 3/4 * d/(1+d), x_c = 1/4 * 1/(1+d), x_d = 1/4 * d/(1+d).
        GraphSnapshot g = Graphs.of(new String[] {"a", "b", "c", "d"}, new String[] {"r"}, "a r b", "c r d");
        double[] x = new PersonalisedPageRank(g, directed()).scores(new int[] {0, 2}, new double[] {3, 1});
        assertThat(x[0]).isCloseTo(0.75 / (1 + D), within(EPS));
        assertThat(x[1]).isCloseTo(0.75 * D / (1 + D), within(EPS));
        assertThat(x[2]).isCloseTo(0.25 / (1 + D), within(EPS));
        assertThat(x[3]).isCloseTo(0.25 * D / (1 + D), within(EPS));
        // A repeated seed adds its weights: {a: 1, c: 1, a: 2} is the same as {a: 3, c: 1}.
        double[] y = new PersonalisedPageRank(g, directed()).scores(new int[] {0, 2, 0}, new double[] {1, 1, 2});
        assertThat(y).containsExactly(x, within(1e-15));
    }

    @Test
    void scoresSumToOneOnAGridWithSeveralSeeds() {
        GraphSnapshot g = Graphs.grid(5, 6);
        for (boolean directedReading : new boolean[] {false, true}) {
            double[] x = new PersonalisedPageRank(g, PersonalisedPageRank.Options.defaults()
                    .withDirected(directedReading)).scores(new int[] {0, 7, 29}, new double[] {0.5, 2, 1});
            double sum = 0;
            for (double v : x) {
                assertThat(v).isGreaterThanOrEqualTo(0);
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-12));
        }
    }

    @Test
    void zeroDampingReturnsThePersonalisation() {
        PersonalisedPageRank.Result r = new PersonalisedPageRank(star(),
                PersonalisedPageRank.Options.defaults().withDamping(0)).topK(new int[] {1, 2}, new double[] {1, 3}, 10);
        assertThat(r.top()).containsExactly(new ScoredNode(2, 0.75), new ScoredNode(1, 0.25));
        assertThat(r.iterations()).isEqualTo(1);
    }

    @Test
    void reportsWhenItStopsBeforeConverging() {
        GraphSnapshot g = Graphs.of(new String[] {"a", "b"}, new String[] {"r"}, "a r b", "b r a");
        PersonalisedPageRank.Result r = new PersonalisedPageRank(g, directed().withMaxIterations(1))
                .topK(new int[] {0}, 2);
        // One step from p = (1, 0): x = (1-d, d), an L1 change of 2d.
        assertThat(r.converged()).isFalse();
        assertThat(r.iterations()).isEqualTo(1);
        assertThat(r.residual()).isCloseTo(2 * D, within(1e-12));
        assertThat(r.top()).containsExactly(new ScoredNode(1, D), new ScoredNode(0, 1 - D));
    }

    @Test
    void rejectsBadSeedsWeightsAndOptions() {
        PersonalisedPageRank p = new PersonalisedPageRank(star());
        assertThatThrownBy(() -> p.topK(new int[] {4}, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed must be an entity id in [0, 4), got 4");
        assertThatThrownBy(() -> p.topK(new int[0], 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.topK(new int[] {0}, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 0, got -1");
        assertThatThrownBy(() -> p.topK(new int[] {0, 1}, new double[] {1}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 seeds, 1 weights");
        assertThatThrownBy(() -> p.topK(new int[] {0}, new double[] {-1}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
        assertThatThrownBy(() -> p.topK(new int[] {0}, new double[] {Double.NaN}, 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> p.topK(new int[] {0, 1}, new double[] {0, 0}, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> PersonalisedPageRank.Options.defaults().withDamping(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("damping");
        assertThatThrownBy(() -> PersonalisedPageRank.Options.defaults().withTolerance(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tolerance");
    }
}
