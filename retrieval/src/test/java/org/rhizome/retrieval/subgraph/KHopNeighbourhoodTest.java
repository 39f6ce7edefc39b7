package org.rhizome.retrieval.subgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.snapshot.GraphSnapshot;

class KHopNeighbourhoodTest {
    /** a -r-> b -r-> c -r-> d -r-> e; ids 0..4, edge i joins node i to node i+1. */
    private static GraphSnapshot chain() {
        return Graphs.of(new String[] {"a", "b", "c", "d", "e"}, new String[] {"r"},
                "a r b", "b r c", "c r d", "d r e");
    }

    /**
     * Star c -> l1..l4 plus l2 -> x1, l3 -> x1, l3 -> x2, l4 -> x2. Ids c=0, l1..l4=1..4, x1=5, x2=6; edges 0..3 are
     * c -> l1..l4, 4 = l2->x1, 5 = l3->x1, 6 = l3->x2, 7 = l4->x2. Total degrees: l1 1, l2 2, l3 3, l4 2.
     */
    private static GraphSnapshot star() {
        return Graphs.of(new String[] {"c", "l1", "l2", "l3", "l4", "x1", "x2"}, new String[] {"r"},
                "c r l1", "c r l2", "c r l3", "c r l4", "l2 r x1", "l3 r x1", "l3 r x2", "l4 r x2");
    }

    private static KHopOptions opts(int hops, Direction d) {
        return KHopOptions.defaults().withHops(hops).withDirection(d);
    }

    @Test
    void outwardTwoHopsOnAChainReachesTwoNodesDown() {
        Subgraph s = new KHopNeighbourhood(chain()).expand(0, opts(2, Direction.OUT));
        assertThat(s.nodes()).containsExactly(0, 1, 2);
        assertThat(s.distances()).containsExactly(0, 1, 2);
        assertThat(s.edges()).containsExactly(0, 1);
        assertThat(s.triples()).containsExactly(new Triple(0, 0, 1), new Triple(1, 0, 2));
        assertThat(s.hopDistance(2)).hasValue(2);
        assertThat(s.hopDistance(3)).isEmpty();
        assertThat(s.contains(3)).isFalse();
    }

    @Test
    void inwardExpansionWalksEdgesBackwardsButReportsThemAsStated() {
        Subgraph s = new KHopNeighbourhood(chain()).expand(2, opts(2, Direction.IN));
        assertThat(s.nodes()).containsExactly(2, 1, 0);
        assertThat(s.distances()).containsExactly(0, 1, 2);
        assertThat(s.triples()).containsExactly(new Triple(0, 0, 1), new Triple(1, 0, 2));
    }

    @Test
    void bothDirectionsReachNeighboursOnEitherSide() {
        Subgraph s = new KHopNeighbourhood(chain()).expand(2, opts(1, Direction.BOTH));
        assertThat(s.nodes()).containsExactly(2, 1, 3);
        assertThat(s.distances()).containsExactly(0, 1, 1);
        assertThat(s.edges()).containsExactly(1, 2);
        assertThat(s.nodesAtHop(1)).containsExactly(1, 3);
    }

    @Test
    void outwardFromTheEndOfAChainFindsNothing() {
        Subgraph s = new KHopNeighbourhood(chain()).expand(4, opts(3, Direction.OUT));
        assertThat(s.nodes()).containsExactly(4);
        assertThat(s.edgeCount()).isZero();
    }

    @Test
    void zeroHopsIsTheSeedsAlone() {
        Subgraph s = new KHopNeighbourhood(chain()).expand(new int[] {3, 1, 3}, opts(0, Direction.BOTH));
        assertThat(s.nodes()).containsExactly(1, 3);
        assertThat(s.distances()).containsExactly(0, 0);
        assertThat(s.edgeCount()).isZero();
    }

    @Test
    void severalSeedsExpandTogetherWithDistanceToTheNearest() {
        Subgraph s = new KHopNeighbourhood(chain()).expand(new int[] {0, 4}, opts(1, Direction.BOTH));
        assertThat(s.nodes()).containsExactly(0, 4, 1, 3);
        assertThat(s.distances()).containsExactly(0, 0, 1, 1);
        assertThat(s.edges()).containsExactly(0, 3);
        // Two hops: c is reached from both sides at distance 2, and both edges into it are walked.
        Subgraph two = new KHopNeighbourhood(chain()).expand(new int[] {0, 4}, opts(2, Direction.BOTH));
        assertThat(two.hopDistance(2)).hasValue(2);
        assertThat(two.edges()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void nodeCapStopsAdmittingNodesInBreadthFirstOrder() {
        Subgraph s = new KHopNeighbourhood(chain()).expand(0, opts(10, Direction.OUT).withMaxNodes(3));
        assertThat(s.nodes()).containsExactly(0, 1, 2);
        assertThat(s.edges()).as("the edge c->d leads to a node that did not fit").containsExactly(0, 1);
    }

    @Test
    void highestDegreeFanOutKeepsTheBestConnectedNeighboursTiesById() {
        KHopNeighbourhood k = new KHopNeighbourhood(star());
        // l3 has degree 3; l2 and l4 tie at 2 and l2 has the smaller id; l1 has degree 1.
        Subgraph two = k.expand(0, opts(1, Direction.OUT).withFanOut(FanOut.highestDegree(2)));
        assertThat(two.nodes()).containsExactly(0, 2, 3);
        assertThat(two.edges()).containsExactly(1, 2);
        Subgraph three = k.expand(0, opts(1, Direction.OUT).withFanOut(FanOut.highestDegree(3)));
        assertThat(three.nodes()).containsExactly(0, 2, 3, 4);
    }

    @Test
    void fanOutCapAppliesPerNodeAndHop() {
        // Hop 1 keeps l3 and l2; at hop 2, l2 has one candidate (x1) and l3 two (x1, x2), all within the cap.
        Subgraph s = new KHopNeighbourhood(star()).expand(0,
                opts(2, Direction.OUT).withFanOut(FanOut.highestDegree(2)));
        assertThat(s.nodes()).containsExactly(0, 2, 3, 5, 6);
        assertThat(s.distances()).containsExactly(0, 1, 1, 2, 2);
        assertThat(s.edges()).containsExactly(1, 2, 4, 5, 6);
        // Cap 1: hop 1 keeps l3 only; l3 then keeps x1 and x2 tie at degree 2 -> x1 (smaller id).
        Subgraph one = new KHopNeighbourhood(star()).expand(0,
                opts(2, Direction.OUT).withFanOut(FanOut.highestDegree(1)));
        assertThat(one.nodes()).containsExactly(0, 3, 5);
        assertThat(one.edges()).containsExactly(2, 5);
    }

    @Test
    void edgesAlreadyTakenDoNotUseTheCap() {
        // a -> b -> c from a, BOTH, cap 1: at hop 1, b's candidates are b->c only, because a->b is already in the
        // result. (Were it counted, a would win the tie against c on degree 1 by its smaller id and c would be lost.)
        GraphSnapshot g = Graphs.of(new String[] {"a", "b", "c"}, new String[] {"r"}, "a r b", "b r c");
        Subgraph s = new KHopNeighbourhood(g).expand(0,
                opts(2, Direction.BOTH).withFanOut(FanOut.highestDegree(1)));
        assertThat(s.nodes()).containsExactly(0, 1, 2);
        assertThat(s.edges()).containsExactly(0, 1);
    }

    @Test
    void aSelfLoopIsOneCandidateWhenWalkingBothWays() {
        GraphSnapshot g = Graphs.of(new String[] {"a", "b"}, new String[] {"r"}, "a r a", "a r b");
        int loop = g.findEdge(0, 0);
        int ab = g.findEdge(0, 1);
        Subgraph s = new KHopNeighbourhood(g).expand(0, opts(1, Direction.BOTH).withFanOut(FanOut.highestDegree(2)));
        assertThat(s.nodes()).containsExactly(0, 1);
        assertThat(s.edges()).containsExactlyInAnyOrder(loop, ab);
        assertThat(s.triples()).contains(new Triple(0, 0, 0));
    }

    @Test
    void randomFanOutIsASeededSampleOfTheCapSize() {
        KHopNeighbourhood k = new KHopNeighbourhood(star());
        Set<Set<Integer>> leafPairs = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            KHopOptions o = opts(1, Direction.OUT).withFanOut(FanOut.randomSample(2, seed));
            Subgraph s = k.expand(0, o);
            assertThat(s.nodeCount()).isEqualTo(3);
            assertThat(s.edgeCount()).isEqualTo(2);
            assertThat(s.nodesAtHop(1)).hasSize(2).doesNotContain(0, 5, 6);
            assertThat(k.expand(0, o)).as("same seed, same sample").isEqualTo(s);
            Set<Integer> pair = new HashSet<>();
            for (int v : s.nodesAtHop(1)) {
                pair.add(v);
            }
            leafPairs.add(pair);
        }
        // Six pairs of four leaves are possible; twenty seeds that always picked the same pair would not be random.
        assertThat(leafPairs).hasSizeGreaterThan(2);
    }

    @Test
    void relationFilterRestrictsTheEdgesFollowed() {
        GraphSnapshot g = Graphs.of(new String[] {"a", "b", "c"}, new String[] {"knows", "likes"},
                "a knows b", "a likes c");
        KHopNeighbourhood k = new KHopNeighbourhood(g);
        KHopOptions o = opts(1, Direction.OUT);
        assertThat(k.expand(0, o.withRelations(RelationFilter.only(0))).nodes()).containsExactly(0, 1);
        assertThat(k.expand(0, o.withRelations(RelationFilter.except(0))).nodes()).containsExactly(0, 2);
        assertThat(k.expand(0, o).nodes()).containsExactly(0, 1, 2);
        assertThatThrownBy(() -> k.expand(0, o.withRelations(RelationFilter.only(5))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relation id 5")
                .hasMessageContaining("[0, 2)");
    }

    @Test
    void rejectsBadSeedsAndOptions() {
        KHopNeighbourhood k = new KHopNeighbourhood(chain());
        assertThatThrownBy(() -> k.expand(5, KHopOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed").hasMessageContaining("[0, 5)").hasMessageContaining("5");
        assertThatThrownBy(() -> k.expand(-1, KHopOptions.defaults())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> k.expand(new int[0], KHopOptions.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
        assertThatThrownBy(() -> k.expand(new int[] {0, 1}, KHopOptions.defaults().withMaxNodes(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNodes");
        assertThatThrownBy(() -> KHopOptions.defaults().withHops(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hops must be >= 0, got -1");
        assertThatThrownBy(() -> FanOut.highestDegree(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fan-out cap");
        assertThatThrownBy(() -> KHopOptions.defaults().withMaxNodes(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subgraphIsAValueWithDefensiveCopies() {
        Subgraph s = new KHopNeighbourhood(chain()).expand(0, opts(1, Direction.OUT));
        int[] nodes = s.nodes();
        nodes[0] = 99;
        assertThat(s.nodes()).containsExactly(0, 1);
        assertThat(s).isEqualTo(new KHopNeighbourhood(chain()).expand(0, opts(1, Direction.OUT)));
        List<Triple> triples = s.triples();
        assertThatThrownBy(() -> triples.add(new Triple(0, 0, 0))).isInstanceOf(UnsupportedOperationException.class);
    }
}
