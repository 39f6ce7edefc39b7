package org.rhizome.graph.analytics.centrality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * PageRank against a second, deliberately plain implementation: the Google matrix built densely from the edge list
 * and iterated to 1e-15, on random multigraphs with hubs (rows longer than the four-way unrolled gather), self-loops,
 * parallel edges and dangling nodes.
 */
class PageRankTest {

    @Test
    void undirectedMatchesDenseReference() {
        for (long seed = 1; seed <= 3; seed++) {
            int n = 80;
            int[][] edges = randomEdges(n, 500, seed);
            UndirectedGraph g = UndirectedGraph.of(snapshot(n, edges));
            boolean[][] adj = new boolean[n][n];
            for (int[] e : edges) {
                if (e[0] != e[1]) {
                    adj[e[0]][e[1]] = true;
                    adj[e[1]][e[0]] = true;
                }
            }
            double[] expected = denseReference(adj, 0.85);
            double[] actual = new PageRank(g).scores().values();
            assertThat(actual).containsExactly(expected, within(1e-9));
        }
    }

    @Test
    void directedMatchesDenseReference() {
        for (long seed = 4; seed <= 6; seed++) {
            int n = 70;
            int[][] edges = randomEdges(n, 400, seed);
            UndirectedGraph g = UndirectedGraph.of(snapshot(n, edges));
            boolean[][] adj = new boolean[n][n];
            for (int[] e : edges) {
                if (e[0] != e[1]) {
                    adj[e[0]][e[1]] = true;
                }
            }
            double[] expected = denseReference(adj, 0.9);
            PageRank pr = new PageRank(g, PageRank.Options.defaults().withDirected(true).withDamping(0.9));
            assertThat(pr.scores().values()).containsExactly(expected, within(1e-9));
        }
    }

    /** Edges from a few hubs (so some rows have dozens of entries) plus uniform ones; the last 5 nodes stay isolated. */
    private static int[][] randomEdges(int n, int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int live = n - 5;
        int[][] edges = new int[m][];
        for (int i = 0; i < m; i++) {
            int a = i % 3 == 0 ? r.nextInt(3) : r.nextInt(live);
            int b = r.nextInt(live);
            edges[i] = new int[] {a, b};
        }
        return edges;
    }

    private static GraphSnapshot snapshot(int n, int[][] edges) {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (int v = 0; v < n; v++) {
            b.entityId("urn:n" + v);
        }
        int rel = b.relationId("urn:r");
        for (int[] e : edges) {
            b.addEdge(e[0], rel, e[1]);
        }
        return b.build();
    }

    /** x' = d M x + (d * dangling + 1 - d) / n with M column-stochastic over out-neighbours, to convergence. */
    private static double[] denseReference(boolean[][] adj, double d) {
        int n = adj.length;
        int[] out = new int[n];
        for (int u = 0; u < n; u++) {
            for (int v = 0; v < n; v++) {
                out[u] += adj[u][v] ? 1 : 0;
            }
        }
        double[] x = new double[n];
        java.util.Arrays.fill(x, 1.0 / n);
        for (int it = 0; it < 10_000; it++) {
            double dangling = 0;
            for (int u = 0; u < n; u++) {
                if (out[u] == 0) {
                    dangling += x[u];
                }
            }
            double[] next = new double[n];
            for (int v = 0; v < n; v++) {
                double s = 0;
                for (int u = 0; u < n; u++) {
                    if (adj[u][v]) {
                        s += x[u] / out[u];
                    }
                }
                next[v] = d * s + (d * dangling + 1 - d) / n;
            }
            double err = 0;
            for (int v = 0; v < n; v++) {
                err += Math.abs(next[v] - x[v]);
            }
            x = next;
            if (err < 1e-15) {
                break;
            }
        }
        return x;
    }
}
