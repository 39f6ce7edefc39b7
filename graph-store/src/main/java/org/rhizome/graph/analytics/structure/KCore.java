package org.rhizome.graph.analytics.structure;

import java.util.Objects;

import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * k-core decomposition of the simple undirected graph: the core number of each node (the largest k such that the
 * node belongs to a subgraph where every node has degree at least k), by the bucket algorithm of Batagelj &
 * Zaversnik (2003), O(n + m). Matches NetworkX's {@code core_number} and igraph's {@code coreness}.
 */
public final class KCore {
    private KCore() {}

    /** Core number of every node. */
    public static int[] coreNumbers(UndirectedGraph g) {
        Objects.requireNonNull(g, "g");
        int n = g.nodeCount();
        int[] off = g.offsetsArray();
        int[] nb = g.neighboursArray();
        int[] deg = new int[n];
        int maxDeg = 0;
        for (int v = 0; v < n; v++) {
            deg[v] = g.degree(v);
            maxDeg = Math.max(maxDeg, deg[v]);
        }
        int[] bin = new int[maxDeg + 1];
        for (int v = 0; v < n; v++) {
            bin[deg[v]]++;
        }
        int start = 0;
        for (int d = 0; d <= maxDeg; d++) {
            int c = bin[d];
            bin[d] = start;
            start += c;
        }
        int[] pos = new int[n];
        int[] vert = new int[n];
        for (int v = 0; v < n; v++) {
            pos[v] = bin[deg[v]];
            vert[pos[v]] = v;
            bin[deg[v]]++;
        }
        for (int d = maxDeg; d > 0; d--) {
            bin[d] = bin[d - 1];
        }
        if (maxDeg >= 0 && bin.length > 0) {
            bin[0] = 0;
        }
        for (int i = 0; i < n; i++) {
            int v = vert[i];
            for (int j = off[v], e = off[v + 1]; j < e; j++) {
                int u = nb[j];
                if (deg[u] > deg[v]) {
                    int du = deg[u];
                    int pu = pos[u];
                    int pw = bin[du];
                    int w = vert[pw];
                    if (u != w) {
                        pos[u] = pw;
                        vert[pu] = w;
                        pos[w] = pu;
                        vert[pw] = u;
                    }
                    bin[du]++;
                    deg[u]--;
                }
            }
        }
        return deg;
    }

    /** The largest core number (0 for a graph without edges). */
    public static int maxCore(int[] coreNumbers) {
        int max = 0;
        for (int c : coreNumbers) {
            max = Math.max(max, c);
        }
        return max;
    }
}
