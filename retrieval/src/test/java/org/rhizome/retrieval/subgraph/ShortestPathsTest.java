package org.rhizome.retrieval.subgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rhizome.retrieval.subgraph.Graphs.path;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.snapshot.GraphSnapshot;

class ShortestPathsTest {
    private static final PathOptions OUT = PathOptions.defaults().withDirection(Direction.OUT);
    private static final PathOptions BOTH = PathOptions.defaults();

    // The three monotone paths of the ladder from a0 (0) to b2 (5); see Graphs.ladder() for the edge ids.
    private static final GraphPath TOP = path(new int[] {0, 1, 2, 5}, new int[] {0, 2, 4});
    private static final GraphPath MIDDLE = path(new int[] {0, 1, 4, 5}, new int[] {0, 3, 6});
    private static final GraphPath BOTTOM = path(new int[] {0, 3, 4, 5}, new int[] {1, 5, 6});

    /** a -knows-> b, a -likes-> b, b -knows-> c: ids a=0 b=1 c=2, edges 0 a-knows-b, 1 a-likes-b, 2 b-knows-c. */
    private static GraphSnapshot parallel() {
        return Graphs.of(new String[] {"a", "b", "c"}, new String[] {"knows", "likes"},
                "a knows b", "a likes b", "b knows c");
    }

    @Test
    void shortestPathIsTheOneBreadthFirstSearchMeetsFirst() {
        ShortestPaths sp = new ShortestPaths(Graphs.ladder());
        assertThat(sp.shortestPath(0, 5, OUT)).hasValue(TOP);
        assertThat(sp.shortestPath(0, 5, OUT).orElseThrow().length()).isEqualTo(3);
    }

    @Test
    void againstTheEdgesOnlyBothDirectionsFindAPathAndItRemembersTheWalk() {
        ShortestPaths sp = new ShortestPaths(Graphs.ladder());
        assertThat(sp.shortestPath(5, 0, OUT)).isEmpty();
        // From b2: in-edges by source reach a2 first, then a1 from a2, then a0 from a1, all walked backwards.
        GraphPath back = sp.shortestPath(5, 0, BOTH).orElseThrow();
        assertThat(back).isEqualTo(path(new int[] {5, 2, 1, 0}, new int[] {4, 2, 0}, false, false, false));
        Graphs.assertValidWalk(Graphs.ladder(), back);
        // IN walks every edge backwards.
        assertThat(sp.shortestPath(5, 0, BOTH.withDirection(Direction.IN))).hasValue(back);
    }

    @Test
    void samePlaceIsAPathOfLengthZero() {
        ShortestPaths sp = new ShortestPaths(Graphs.ladder());
        assertThat(sp.shortestPath(4, 4, OUT)).hasValue(GraphPath.single(4));
        assertThat(sp.kShortestPaths(4, 4, 3, OUT)).containsExactly(GraphPath.single(4));
    }

    @Test
    void lengthLimitHidesLongerPaths() {
        ShortestPaths sp = new ShortestPaths(Graphs.ladder());
        assertThat(sp.shortestPath(0, 5, OUT.withMaxLength(2))).isEmpty();
        assertThat(sp.shortestPath(0, 5, OUT.withMaxLength(3))).hasValue(TOP);
        assertThat(sp.kShortestPaths(0, 5, 4, OUT.withMaxLength(2))).isEmpty();
    }

    @Test
    void yenFindsTheThreeShortestPathsOfTheLadderInOrder() {
        // Hand trace: A0 = TOP. Spurs of TOP: at a0 (a0->a1 blocked) BOTTOM, at a1 (a1->a2 blocked) MIDDLE;
        // MIDDLE < BOTTOM by node ids. Spurs of MIDDLE add nothing new; BOTTOM is next; then nothing is left.
        List<GraphPath> paths = new ShortestPaths(Graphs.ladder()).kShortestPaths(0, 5, 5, OUT);
        assertThat(paths).containsExactly(TOP, MIDDLE, BOTTOM);
        assertThat(paths).extracting(GraphPath::length).containsExactly(3, 3, 3);
    }

    @Test
    void yenWalkingBothWaysAddsTheDetourAgainstARung() {
        // The ladder read undirected has four simple paths from a0 to b2: the three of length 3 and
        // a0 b0 b1 a1 a2 b2, which walks the rung a1->b1 backwards.
        List<GraphPath> paths = new ShortestPaths(Graphs.ladder()).kShortestPaths(0, 5, 10, BOTH);
        GraphPath detour = path(new int[] {0, 3, 4, 1, 2, 5}, new int[] {1, 5, 3, 2, 4}, true, true, false, true,
                true);
        assertThat(paths).containsExactly(TOP, MIDDLE, BOTTOM, detour);
        assertThat(new ShortestPaths(Graphs.ladder()).kShortestPaths(0, 5, 10, BOTH.withMaxLength(4)))
                .containsExactly(TOP, MIDDLE, BOTTOM);
    }

    @Test
    void yenReturnsPathsOfGrowingLength() {
        // s->t, s->x->t, s->y->z->t. Ids s0 t1 x2 y3 z4; edges 0 s-t, 1 s-x, 2 s-y, 3 x-t, 4 y-z, 5 z-t.
        GraphSnapshot g = Graphs.of(new String[] {"s", "t", "x", "y", "z"}, new String[] {"r"},
                "s r t", "s r x", "s r y", "x r t", "y r z", "z r t");
        ShortestPaths sp = new ShortestPaths(g);
        assertThat(sp.kShortestPaths(0, 1, 5, OUT)).containsExactly(
                path(new int[] {0, 1}, new int[] {0}),
                path(new int[] {0, 2, 1}, new int[] {1, 3}),
                path(new int[] {0, 3, 4, 1}, new int[] {2, 4, 5}));
        assertThat(sp.kShortestPaths(0, 1, 5, OUT.withMaxLength(2))).extracting(GraphPath::length)
                .containsExactly(1, 2);
        assertThat(sp.kShortestPaths(0, 1, 2, OUT)).extracting(GraphPath::length).containsExactly(1, 2);
    }

    @Test
    void yenListsAllFiveSimplePathsAcrossTheCompleteGraphOnFourNodes() {
        // K4 with edges i->j for i<j, walked both ways. Edge ids: 0 n0n1, 1 n0n2, 2 n0n3, 3 n1n2, 4 n1n3, 5 n2n3.
        // Simple paths n0 -> n3: direct, via n1, via n2, via n1 n2, via n2 n1 (the last walks n1n2 backwards).
        GraphSnapshot g = Graphs.of(new String[] {"n0", "n1", "n2", "n3"}, new String[] {"r"},
                "n0 r n1", "n0 r n2", "n0 r n3", "n1 r n2", "n1 r n3", "n2 r n3");
        List<GraphPath> paths = new ShortestPaths(g).kShortestPaths(0, 3, 10, BOTH);
        assertThat(paths).containsExactly(
                path(new int[] {0, 3}, new int[] {2}),
                path(new int[] {0, 1, 3}, new int[] {0, 4}),
                path(new int[] {0, 2, 3}, new int[] {1, 5}),
                path(new int[] {0, 1, 2, 3}, new int[] {0, 3, 5}),
                path(new int[] {0, 2, 1, 3}, new int[] {1, 3, 4}, true, false, true));
        for (GraphPath p : paths) {
            assertThat(p.isSimple()).isTrue();
            Graphs.assertValidWalk(g, p);
        }
        // Prefix-stable: asking for fewer gives the first ones.
        assertThat(new ShortestPaths(g).kShortestPaths(0, 3, 3, BOTH)).isEqualTo(paths.subList(0, 3));
    }

    @Test
    void parallelEdgesGiveDistinctPaths() {
        List<GraphPath> paths = new ShortestPaths(parallel()).kShortestPaths(0, 2, 5, OUT);
        assertThat(paths).containsExactly(
                path(new int[] {0, 1, 2}, new int[] {0, 2}),
                path(new int[] {0, 1, 2}, new int[] {1, 2}));
    }

    @Test
    void relationFilterRestrictsPaths() {
        ShortestPaths sp = new ShortestPaths(parallel());
        assertThat(sp.shortestPath(0, 2, OUT.withRelations(RelationFilter.only(1)))).isEmpty();
        assertThat(sp.kShortestPaths(0, 2, 5, OUT.withRelations(RelationFilter.except(1))))
                .containsExactly(path(new int[] {0, 1, 2}, new int[] {0, 2}));
    }

    @Test
    void unreachableTargetsGiveNothing() {
        GraphSnapshot g = Graphs.of(new String[] {"a", "b", "c", "d"}, new String[] {"r"}, "a r b", "c r d");
        ShortestPaths sp = new ShortestPaths(g);
        assertThat(sp.shortestPath(0, 3)).isEmpty();
        assertThat(sp.kShortestPaths(0, 3, 4)).isEmpty();
        assertThat(sp.kShortestPaths(0, 1, 0)).isEmpty();
    }

    @Test
    void rejectsUnknownEntitiesAndNegativeArguments() {
        ShortestPaths sp = new ShortestPaths(Graphs.ladder());
        assertThatThrownBy(() -> sp.shortestPath(-1, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from must be an entity id in [0, 6), got -1");
        assertThatThrownBy(() -> sp.shortestPath(0, 6)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("to must be an entity id in [0, 6), got 6");
        assertThatThrownBy(() -> sp.kShortestPaths(0, 5, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be >= 0, got -1");
        assertThatThrownBy(() -> PathOptions.defaults().withMaxLength(-2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLength");
    }
}
