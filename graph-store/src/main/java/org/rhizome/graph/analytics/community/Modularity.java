package org.rhizome.graph.analytics.community;

import java.util.Objects;

import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Newman–Girvan modularity of a partition of the simple undirected (unweighted) graph, with a resolution parameter
 * γ (Reichardt & Bornholdt 2006): {@code Q = sum over communities c of [ L_c / m - γ (D_c / 2m)^2 ]}, L_c the edges
 * inside c and D_c the sum of its members' degrees. γ = 1 is the classical modularity that NetworkX's and igraph's
 * {@code modularity} return. O(n + m), independent of any community algorithm.
 */
public final class Modularity {
    private Modularity() {}

    /** Modularity of {@code membership} (community id per node, any non-negative ints) at resolution γ. */
    public static double of(UndirectedGraph g, int[] membership, double resolution) {
        Objects.requireNonNull(g, "g");
        int n = g.nodeCount();
        if (membership.length != n) {
            throw new IllegalArgumentException("expected " + n + " community ids, got " + membership.length);
        }
        long m = g.edgeCount();
        if (m == 0) {
            return Double.NaN;
        }
        int max = 0;
        for (int c : membership) {
            if (c < 0) {
                throw new IllegalArgumentException("community ids must be >= 0, got " + c);
            }
            max = Math.max(max, c);
        }
        long[] inside = new long[max + 1];
        long[] degree = new long[max + 1];
        int[] off = g.offsetsArray();
        int[] nb = g.neighboursArray();
        for (int v = 0; v < n; v++) {
            int cv = membership[v];
            degree[cv] += off[v + 1] - off[v];
            for (int i = off[v], e = off[v + 1]; i < e; i++) {
                if (membership[nb[i]] == cv) {
                    inside[cv]++;
                }
            }
        }
        double q = 0;
        double twoM = 2.0 * m;
        for (int c = 0; c <= max; c++) {
            // inside[c] counts each internal edge twice (once from each end).
            q += inside[c] / twoM - resolution * (degree[c] / twoM) * (degree[c] / twoM);
        }
        return q;
    }
}
