package org.rhizome.retrieval.subgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rhizome.retrieval.subgraph.Graphs.path;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.snapshot.GraphSnapshot;

class WaypointPathSamplerTest {
    private static final GraphPath TOP = path(new int[] {0, 1, 2, 5}, new int[] {0, 2, 4});
    private static final GraphPath MIDDLE = path(new int[] {0, 1, 4, 5}, new int[] {0, 3, 6});
    private static final GraphPath BOTTOM = path(new int[] {0, 3, 4, 5}, new int[] {1, 5, 6});

    @Test
    void withoutWaypointsItSamplesAmongTheShortestPaths() {
        SamplingOptions o = SamplingOptions.defaults(3).withWaypoints(0).withSamples(5).withDirection(Direction.OUT);
        List<GraphPath> paths = new WaypointPathSampler(Graphs.ladder()).sample(0, 5, o);
        assertThat(paths).containsExactlyInAnyOrder(TOP, MIDDLE, BOTTOM);
    }

    @Test
    void aWaypointForcesThePathThroughIt() {
        // Through b0: a0 -> b0 is one edge, and b0 -> b2 has the single shortest path b0 b1 b2.
        SamplingOptions o = SamplingOptions.defaults(1).withWaypoints(1).withSamples(3);
        List<GraphPath> paths = new WaypointPathSampler(Graphs.ladder()).sample(0, 5, new int[] {3}, o);
        assertThat(paths).containsExactly(BOTTOM);
        // Through a2, walking both ways: a0 a1 a2 then a2 b2.
        assertThat(new WaypointPathSampler(Graphs.ladder()).sample(0, 5, new int[] {2, 2, 0, 5}, o))
                .containsExactly(TOP);
    }

    @Test
    void samplesThatRevisitANodeAreDroppedUnlessAllowed() {
        // a -> x -> b with a dead end x -> y: through y the walk is a x y x b, which visits x twice.
        GraphSnapshot g = Graphs.of(new String[] {"a", "x", "b", "y"}, new String[] {"r"}, "a r x", "x r b",
                "x r y");
        int ax = g.findEdge(0, 1);
        int xb = g.findEdge(1, 2);
        int xy = g.findEdge(1, 3);
        SamplingOptions o = SamplingOptions.defaults(5).withWaypoints(1).withSamples(2);
        WaypointPathSampler s = new WaypointPathSampler(g);
        assertThat(s.sample(0, 2, new int[] {3}, o)).isEmpty();
        List<GraphPath> revisiting = s.sample(0, 2, new int[] {3}, o.withAllowRevisits(true));
        assertThat(revisiting).containsExactly(
                path(new int[] {0, 1, 3, 1, 2}, new int[] {ax, xy, xy, xb}, true, true, false, true));
    }

    @Test
    void theSameSeedGivesTheSamePathsAndOtherSeedsOthers() {
        GraphSnapshot g = Graphs.grid(4, 4);
        WaypointPathSampler s = new WaypointPathSampler(g);
        SamplingOptions o = SamplingOptions.defaults(42).withWaypoints(2).withSamples(5);
        List<GraphPath> first = s.sample(0, 15, o);
        assertThat(first).isNotEmpty();
        assertThat(s.sample(0, 15, o)).isEqualTo(first);
        Set<List<GraphPath>> bySeed = new HashSet<>();
        for (long seed = 0; seed < 5; seed++) {
            bySeed.add(s.sample(0, 15, o.withSeed(seed)));
        }
        assertThat(bySeed).hasSizeGreaterThan(1);
    }

    @Test
    void everySampleIsADistinctSimpleWalkBetweenTheEnds() {
        GraphSnapshot g = Graphs.grid(5, 5);
        List<GraphPath> paths = new WaypointPathSampler(g).sample(0, 24,
                SamplingOptions.defaults(9).withWaypoints(2).withSamples(8));
        assertThat(paths).hasSize(8).doesNotHaveDuplicates();
        for (GraphPath p : paths) {
            assertThat(p.source()).isZero();
            assertThat(p.target()).isEqualTo(24);
            assertThat(p.isSimple()).isTrue();
            // A grid path between opposite corners has length 8 plus twice any detour.
            assertThat(p.length()).isGreaterThanOrEqualTo(8);
            assertThat((p.length() - 8) % 2).isZero();
            Graphs.assertValidWalk(g, p);
        }
    }

    @Test
    void unreachableEndsGiveNoPaths() {
        GraphSnapshot g = Graphs.of(new String[] {"a", "b", "c", "d"}, new String[] {"r"}, "a r b", "c r d");
        SamplingOptions o = SamplingOptions.defaults(1).withWaypoints(0);
        assertThat(new WaypointPathSampler(g).sample(0, 3, o)).isEmpty();
        assertThat(new WaypointPathSampler(g).sample(0, 1, o.withDirection(Direction.IN))).isEmpty();
    }

    @Test
    void rejectsImpossibleRequests() {
        WaypointPathSampler s = new WaypointPathSampler(Graphs.ladder());
        SamplingOptions o = SamplingOptions.defaults(1).withWaypoints(2);
        assertThatThrownBy(() -> s.sample(0, 5, new int[] {3}, o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("waypoints is 2 but only 1");
        assertThatThrownBy(() -> s.sample(0, 5, o.withWaypoints(5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("only 4");
        assertThatThrownBy(() -> s.sample(0, 5, new int[] {9}, o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("waypoint must be an entity id in [0, 6), got 9");
        assertThatThrownBy(() -> s.sample(0, 7, o)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("to must be");
        assertThatThrownBy(() -> o.withSamples(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("samples");
    }
}
