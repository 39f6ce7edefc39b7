package org.rhizome.graph.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.community.Partition;

class IndexPageTest {
    /**
     * Community A = {0..4}: a star on 0 (degree 4) plus the edge 3-4, so 3 and 4 have degree 2 and 1, 2 degree 1;
     * community B = {5, 6, 7}: the path 5-6-7 (6 has degree 2). A is larger, so it is community 0.
     */
    private static final UndirectedGraph G = UndirectedGraph.fromEdges(8,
            new int[][] {{0, 1}, {0, 2}, {0, 3}, {0, 4}, {3, 4}, {5, 6}, {6, 7}});
    private static final Partition P = Partition.of("test", Map.of(), G, new int[] {0, 0, 0, 0, 0, 1, 1, 1}, 1.0);

    @Test
    void membersComeByDegreeThenId() {
        int[][] m = IndexPage.largestMembers(G, P, 2, 10);

        // Degrees: 0:4, 1:1, 2:1, 3:2, 4:2; 5:1, 6:2, 7:1.
        assertThat(m[0]).containsExactly(0, 3, 4, 1, 2);
        assertThat(m[1]).containsExactly(6, 5, 7);
    }

    @Test
    void membersAreCutAtK() {
        int[][] m = IndexPage.largestMembers(G, P, 1, 2);

        assertThat(m).hasNumberOfRows(1);
        assertThat(m[0]).containsExactly(0, 3);
    }
}
