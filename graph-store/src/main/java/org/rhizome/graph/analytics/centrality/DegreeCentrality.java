package org.rhizome.graph.analytics.centrality;

import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Degree centrality: the number of distinct neighbours in the simple undirected graph divided by n - 1 (NetworkX's
 * {@code degree_centrality}). For raw in/out/total statement counts see
 * {@link org.rhizome.graph.analytics.DegreeStatistics}. O(n).
 */
public final class DegreeCentrality implements NodeScoring {
    private final UndirectedGraph graph;
    private NodeScores result;

    public DegreeCentrality(UndirectedGraph graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    @Override
    public synchronized NodeScores scores() {
        if (result == null) {
            int n = graph.nodeCount();
            double[] d = new double[n];
            double scale = n > 1 ? 1.0 / (n - 1) : 1.0;
            for (int v = 0; v < n; v++) {
                d[v] = graph.degree(v) * scale;
            }
            result = new NodeScores("degree", Map.of("normalised", true), graph, d);
        }
        return result;
    }
}
