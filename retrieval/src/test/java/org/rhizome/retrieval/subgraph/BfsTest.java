package org.rhizome.retrieval.subgraph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.snapshot.GraphSnapshot;

class BfsTest {
    @Test
    void samplesShortestPathsUniformlyNotParentByParent() {
        // The ladder has three shortest paths a0 -> b2. Walking back from b2, its parents are a2 (1 path) and
        // b1 (2 paths): uniform sampling takes a2 with probability 1/3, whereas picking a parent uniformly would
        // take it with 1/2 and give the other two paths 1/4 each.
        GraphSnapshot g = Graphs.ladder();
        Bfs bfs = new Bfs(g, Direction.OUT, null);
        SplittableRandom random = new SplittableRandom(7);
        Map<GraphPath, Integer> counts = new HashMap<>();
        int draws = 3000;
        for (int i = 0; i < draws; i++) {
            assertThat(bfs.search(0, 5, true)).isTrue();
            counts.merge(bfs.samplePath(random), 1, Integer::sum);
        }
        assertThat(counts).hasSize(3);
        // Binomial(3000, 1/3): sd ~ 26; 1000 +- 100 is about 4 sd.
        assertThat(counts.values()).allSatisfy(c -> assertThat(c).isBetween(900, 1100));
    }

    @Test
    void firstFoundModeStopsAtTheTargetWithItsDistance() {
        Bfs bfs = new Bfs(Graphs.ladder(), Direction.BOTH, null);
        assertThat(bfs.search(0, 4, false)).isTrue();
        assertThat(bfs.targetDistance()).isEqualTo(2);
        assertThat(bfs.path().nodes()).containsExactly(0, 1, 4);
        assertThat(bfs.search(3, 2, false)).isTrue();
        assertThat(bfs.targetDistance()).isEqualTo(3); // b0 -> a0 -> a1 -> a2 (or b0 b1 a1 a2)
    }

    @Test
    void staysUniformWhenPathCountsExceedTheRangeOfADouble() {
        // A chain of 400 bundles hub_j -> {m_j_0..m_j_9} -> hub_{j+1}: 10^400 shortest paths, beyond 1.8e308.
        // Without rescaling the counts would be infinite and the choice at the last bundle degenerate.
        int bundles = 400;
        int width = 10;
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (int j = 0; j < bundles; j++) {
            for (int i = 0; i < width; i++) {
                b.addEdge("h" + j, "r", "m" + j + "_" + i);
                b.addEdge("m" + j + "_" + i, "r", "h" + (j + 1));
            }
        }
        GraphSnapshot g = b.build();
        int from = g.entityId("h0").getAsInt();
        int to = g.entityId("h" + bundles).getAsInt();
        Bfs bfs = new Bfs(g, Direction.OUT, null);
        SplittableRandom random = new SplittableRandom(11);
        int[] firstBundle = new int[width];
        int[] lastBundle = new int[width];
        int draws = 2000;
        for (int k = 0; k < draws; k++) {
            assertThat(bfs.search(from, to, true)).isTrue();
            GraphPath p = bfs.samplePath(random);
            assertThat(p.length()).isEqualTo(2 * bundles);
            firstBundle[middleIndex(g, p.node(1))]++;
            lastBundle[middleIndex(g, p.node(2 * bundles - 1))]++;
        }
        // Each of the 10 middles: Binomial(2000, 0.1), mean 200, sd ~ 13.4.
        for (int i = 0; i < width; i++) {
            assertThat(firstBundle[i]).as("first bundle, middle %d", i).isBetween(140, 260);
            assertThat(lastBundle[i]).as("last bundle, middle %d", i).isBetween(140, 260);
        }
    }

    private static int middleIndex(GraphSnapshot g, int node) {
        String iri = g.entityIri(node);
        return Integer.parseInt(iri.substring(iri.indexOf('_') + 1));
    }
}
