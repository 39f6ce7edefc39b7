package org.rhizome.graph.analytics.community;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Leiden warm-started from an earlier partition, as a growth run uses it: a graph of four planted groups grows by
 * nodes that join their groups; the warm start keeps the earlier communities' members together, places the new nodes
 * in their planted groups, and never ends below the modularity it started from.
 */
class LeidenWarmStartTest {
    private static final int GROUPS = 4;
    private static final int SIZE = 60;

    /** Planted groups over node ids: node v belongs to group v % GROUPS; only the first {@code n} nodes exist. */
    private static UndirectedGraph planted(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<int[]> e = new ArrayList<>();
        int total = GROUPS * SIZE;
        // Draw every pair of the full graph in a fixed order so the smaller graph is an induced subgraph of the larger.
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                double p = i % GROUPS == j % GROUPS ? 0.15 : 0.005;
                boolean edge = r.nextDouble() < p;
                if (edge && i < n && j < n) {
                    e.add(new int[] {i, j});
                }
            }
        }
        return UndirectedGraph.fromEdges(n, e.toArray(new int[0][]));
    }

    @Test
    void grownGraphKeepsItsCommunitiesAndPlacesNewNodes() {
        int before = GROUPS * SIZE - 20;
        UndirectedGraph small = planted(before, 3);
        UndirectedGraph grown = planted(GROUPS * SIZE, 3);
        Partition p0 = new Leiden(small, Leiden.Options.leiden()).partition();
        // The planted groups are found on the smaller graph.
        assertThat(p0.count()).isEqualTo(GROUPS);

        int[] carried = Leiden.carryOver(p0, grown);
        for (int v = 0; v < grown.nodeCount(); v++) {
            assertThat(carried[v]).isEqualTo(v < before ? p0.community(v) : -1);
        }
        Partition warm = new Leiden(grown, Leiden.Options.leiden().withSeed(9), carried).partition();
        assertThat(warm.parameters()).containsEntry("warmStart", true);
        assertThat(warm.count()).isEqualTo(GROUPS);
        // Every node, old and new, is with the nodes of its planted group.
        for (int v = 0; v < grown.nodeCount(); v++) {
            assertThat(warm.community(v)).isEqualTo(warm.community(v % GROUPS));
        }
        // Starting from the previous partition (new nodes alone), modularity can only go up.
        double start = Modularity.of(grown, withSingletons(carried), 1.0);
        assertThat(warm.modularity()).isGreaterThanOrEqualTo(start);
    }

    @Test
    void warmStartNeverEndsBelowItsStartingModularity() {
        UndirectedGraph g = planted(GROUPS * SIZE, 5);
        SplittableRandom r = new SplittableRandom(1);
        for (int trial = 0; trial < 5; trial++) {
            int[] labels = new int[g.nodeCount()];
            for (int v = 0; v < labels.length; v++) {
                labels[v] = r.nextInt(8); // a poor random partition
            }
            double start = Modularity.of(g, labels, 1.0);
            for (Leiden.Options o : List.of(Leiden.Options.leiden().withSeed(trial),
                    Leiden.Options.louvain().withSeed(trial))) {
                Partition p = new Leiden(g, o, labels).partition();
                assertThat(p.modularity()).isGreaterThanOrEqualTo(start);
            }
        }
    }

    @Test
    void analysisWarmStartsFromThePreviousReport() {
        UndirectedGraph small = planted(GROUPS * SIZE - 20, 3);
        UndirectedGraph grown = planted(GROUPS * SIZE, 3);
        GraphAnalysis analysis = new GraphAnalysis(AnalysisOptions.perIteration());
        AnalysisReport first = analysis.run(small, null);
        assertThat(first.notes()).noneMatch(n -> n.startsWith("Leiden warm-started"));
        AnalysisReport second = analysis.run(grown, first);
        assertThat(second.notes()).contains("Leiden warm-started from the previous analysis's partition ("
                + (GROUPS * SIZE - 20) + " of " + GROUPS * SIZE + " nodes carried over by IRI; new nodes started alone)");
        assertThat(second.leiden().count()).isEqualTo(GROUPS);
    }

    @Test
    void badInitialLabelsAreRefused() {
        UndirectedGraph g = planted(10, 1);
        assertThatThrownBy(() -> new Leiden(g, Leiden.Options.leiden(), new int[9]))
                .hasMessageContaining("expected one initial label per node (10), got 9");
        int[] bad = new int[10];
        bad[4] = -2;
        assertThatThrownBy(() -> new Leiden(g, Leiden.Options.leiden(), bad))
                .hasMessageContaining("initial label of node 4 must be >= -1, got -2");
    }

    private static int[] withSingletons(int[] labels) {
        int[] out = labels.clone();
        int next = 1 + java.util.Arrays.stream(labels).max().orElse(0);
        for (int v = 0; v < out.length; v++) {
            if (out[v] < 0) {
                out[v] = next++;
            }
        }
        return out;
    }
}
