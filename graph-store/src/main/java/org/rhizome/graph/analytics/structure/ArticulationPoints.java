package org.rhizome.graph.analytics.structure;

import java.util.Arrays;
import java.util.Objects;

import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Articulation points (cut vertices) of the simple undirected graph: nodes whose removal increases the number of
 * connected components. Hopcroft–Tarjan low-point depth-first search, iterative so that long paths cannot overflow
 * the call stack; O(n + m).
 */
public final class ArticulationPoints {
    private ArticulationPoints() {}

    /** The articulation points, ascending. */
    public static int[] of(UndirectedGraph g) {
        Objects.requireNonNull(g, "g");
        int n = g.nodeCount();
        int[] off = g.offsetsArray();
        int[] nb = g.neighboursArray();
        int[] disc = new int[n];
        int[] low = new int[n];
        Arrays.fill(disc, -1);
        int[] parent = new int[n];
        int[] stackNode = new int[n];
        int[] stackEdge = new int[n];
        boolean[] cut = new boolean[n];
        int time = 0;
        for (int root = 0; root < n; root++) {
            if (disc[root] >= 0) {
                continue;
            }
            int rootChildren = 0;
            int depth = 0;
            stackNode[0] = root;
            stackEdge[0] = off[root];
            parent[root] = -1;
            disc[root] = low[root] = time++;
            while (depth >= 0) {
                int v = stackNode[depth];
                int i = stackEdge[depth];
                if (i < off[v + 1]) {
                    stackEdge[depth] = i + 1;
                    int w = nb[i];
                    if (disc[w] < 0) {
                        parent[w] = v;
                        disc[w] = low[w] = time++;
                        if (v == root) {
                            rootChildren++;
                        }
                        depth++;
                        stackNode[depth] = w;
                        stackEdge[depth] = off[w];
                    } else if (w != parent[v]) {
                        low[v] = Math.min(low[v], disc[w]);
                    }
                } else {
                    depth--;
                    if (depth >= 0) {
                        int p = stackNode[depth];
                        low[p] = Math.min(low[p], low[v]);
                        if (p != root && low[v] >= disc[p]) {
                            cut[p] = true;
                        }
                    }
                }
            }
            if (rootChildren > 1) {
                cut[root] = true;
            }
        }
        int count = 0;
        for (boolean c : cut) {
            if (c) {
                count++;
            }
        }
        int[] out = new int[count];
        int k = 0;
        for (int v = 0; v < n; v++) {
            if (cut[v]) {
                out[k++] = v;
            }
        }
        return out;
    }
}
