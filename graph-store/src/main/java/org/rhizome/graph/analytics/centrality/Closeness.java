package org.rhizome.graph.analytics.centrality;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.internal.Parallel;

/**
 * Closeness and harmonic centrality on the simple undirected graph, from one breadth-first search per node:
 * O(n m) time, O(n) memory per thread, parallel over sources.
 *
 * <ul>
 *   <li>Closeness uses the Wasserman–Faust correction so it stays meaningful on disconnected graphs (NetworkX's
 *       default {@code wf_improved=True}): {@code C(u) = ((r-1)/(n-1)) * ((r-1)/D(u))}, r the number of nodes
 *       reachable from u (u included) and D(u) the sum of their distances; 0 when u reaches nothing.</li>
 *   <li>Harmonic centrality is {@code H(u) = sum over v != u of 1/d(u, v)} with 1/inf = 0, not normalised (NetworkX
 *       {@code harmonic_centrality}).</li>
 * </ul>
 */
public final class Closeness {
    private final UndirectedGraph graph;
    private final int threads;
    private NodeScores closeness;
    private NodeScores harmonic;

    public Closeness(UndirectedGraph graph, int threads) {
        this.graph = Objects.requireNonNull(graph, "graph");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
    }

    public Closeness(UndirectedGraph graph) {
        this(graph, Parallel.defaultThreads());
    }

    /** Wasserman–Faust closeness. */
    public synchronized NodeScores closeness() {
        compute();
        return closeness;
    }

    /** Harmonic centrality. */
    public synchronized NodeScores harmonic() {
        compute();
        return harmonic;
    }

    private void compute() {
        if (closeness != null) {
            return;
        }
        int n = graph.nodeCount();
        int[] off = graph.offsetsArray();
        int[] nb = graph.neighboursArray();
        double[] cc = new double[n];
        double[] hc = new double[n];
        int t = Math.max(1, Math.min(threads, n));
        Parallel.run(t, w -> {
            int[] dist = new int[n];
            int[] queue = new int[n];
            Arrays.fill(dist, -1);
            for (int s = w; s < n; s += t) {
                int head = 0;
                int tail = 0;
                queue[tail++] = s;
                dist[s] = 0;
                long total = 0;
                double harm = 0;
                while (head < tail) {
                    int v = queue[head++];
                    int dv = dist[v] + 1;
                    for (int i = off[v], e = off[v + 1]; i < e; i++) {
                        int x = nb[i];
                        if (dist[x] < 0) {
                            dist[x] = dv;
                            queue[tail++] = x;
                            total += dv;
                            harm += 1.0 / dv;
                        }
                    }
                }
                int reached = tail;
                cc[s] = total > 0 && n > 1 ? ((reached - 1.0) / (n - 1.0)) * ((reached - 1.0) / total) : 0.0;
                hc[s] = harm;
                for (int j = 0; j < tail; j++) {
                    dist[queue[j]] = -1;
                }
            }
        });
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("wassermanFaust", true);
        closeness = new NodeScores("closeness", p, graph, cc);
        harmonic = new NodeScores("harmonic", Map.of(), graph, hc);
    }
}
