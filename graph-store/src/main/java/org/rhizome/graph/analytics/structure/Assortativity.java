package org.rhizome.graph.analytics.structure;

import java.util.Objects;

import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Degree assortativity of the simple undirected graph: Pearson's correlation between the degrees at the two ends of
 * an edge, each edge taken in both directions (Newman 2002, eq. 4; NetworkX's
 * {@code degree_assortativity_coefficient} and igraph's {@code assortativity_degree(directed=False)}). O(m).
 */
public final class Assortativity {
    private Assortativity() {}

    /** The coefficient; NaN when undefined (no edges, or every edge joins nodes of equal degree everywhere). */
    public static double degree(UndirectedGraph g) {
        Objects.requireNonNull(g, "g");
        int n = g.nodeCount();
        int[] off = g.offsetsArray();
        int[] nb = g.neighboursArray();
        // Sums over directed edge ends (each undirected edge twice), exact in long arithmetic.
        long sxy = 0;
        long sx = 0;
        long sxx = 0;
        long ends = 0;
        for (int v = 0; v < n; v++) {
            long dv = off[v + 1] - off[v];
            long row = 0;
            for (int i = off[v], e = off[v + 1]; i < e; i++) {
                row += off[nb[i] + 1] - off[nb[i]];
            }
            sxy += dv * row;
            sx += dv * dv;
            sxx += dv * dv * dv;
            ends += off[v + 1] - off[v];
        }
        if (ends == 0) {
            return Double.NaN;
        }
        double mean = (double) sx / ends;
        double num = (double) sxy / ends - mean * mean;
        double den = (double) sxx / ends - mean * mean;
        return den == 0 ? Double.NaN : num / den;
    }
}
