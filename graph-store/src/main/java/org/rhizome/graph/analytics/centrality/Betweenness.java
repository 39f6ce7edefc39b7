package org.rhizome.graph.analytics.centrality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.internal.Parallel;
import org.rhizome.graph.analytics.internal.Sampling;

/**
 * Shortest-path betweenness on the simple undirected graph, by Brandes' algorithm (2001) with breadth-first search:
 * O(n m) time for the exact measure, O(n) memory per thread.
 *
 * <p>Values are raw pair counts: each unordered pair {s, t} contributes once, the fraction of s–t shortest paths
 * through v (NetworkX {@code betweenness_centrality(normalized=False)} and igraph {@code betweenness()}).
 * {@link #normalisedScores()} divides by (n-1)(n-2)/2.
 *
 * <p><b>Parallel.</b> Sources are split statically over threads (source {@code s} to thread {@code s mod T}), each
 * thread accumulates into its own array, and the arrays are summed in thread order, so a given thread count gives
 * identical results run after run.
 *
 * <p><b>Sampled.</b> With {@code pivots = k < n}, k sources are drawn uniformly without replacement with the seeded
 * generator and every dependency is scaled by n/k (Brandes & Pich 2007): an unbiased estimator of the exact value.
 * Its standard error for each node is estimated from the spread of the k per-pivot dependencies,
 * {@code se(v) = (n / 2) * sqrt((1 - k/n) * s²(v) / k)} with {@code s²(v)} their sample variance (the finite
 * population correction accounts for drawing without replacement), available from {@link #standardErrors()}.
 */
public final class Betweenness implements NodeScoring {
    /**
     * @param pivots  number of sources; 0 (or >= n) means exact
     * @param seed    seed for choosing pivots
     * @param threads worker threads
     */
    public record Options(int pivots, long seed, int threads) {
        public Options {
            if (pivots < 0) {
                throw new IllegalArgumentException("pivots must be >= 0 (0 = exact), got " + pivots);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /** Exact, on all available processors. */
        public static Options exact() {
            return new Options(0, 0L, Parallel.defaultThreads());
        }

        /** Sampled with {@code k} pivots chosen by {@code seed}, on all available processors. */
        public static Options sampled(int k, long seed) {
            return new Options(k, seed, Parallel.defaultThreads());
        }

        public Options withThreads(int t) {
            return new Options(pivots, seed, t);
        }
    }

    private final UndirectedGraph graph;
    private final Options options;
    private NodeScores result;
    private double[] standardErrors;

    public Betweenness(UndirectedGraph graph, Options options) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Whether these scores are exact (no sampling). */
    public boolean exact() {
        return options.pivots() == 0 || options.pivots() >= graph.nodeCount();
    }

    @Override
    public synchronized NodeScores scores() {
        if (result == null) {
            compute();
        }
        return result;
    }

    /** Betweenness divided by the number of pairs not including the node, (n-1)(n-2)/2. */
    public NodeScores normalisedScores() {
        NodeScores raw = scores();
        int n = graph.nodeCount();
        double[] v = raw.values();
        double pairs = n > 2 ? (n - 1.0) * (n - 2.0) / 2.0 : 1.0;
        for (int i = 0; i < v.length; i++) {
            v[i] /= pairs;
        }
        Map<String, Object> p = new LinkedHashMap<>(raw.parameters());
        p.put("normalised", true);
        return new NodeScores("betweenness", p, graph, v);
    }

    /** Per-node standard error of the estimate: all zeros when exact. */
    public synchronized double[] standardErrors() {
        scores();
        return standardErrors.clone();
    }

    private void compute() {
        int n = graph.nodeCount();
        boolean exact = exact();
        int[] sources;
        if (exact) {
            sources = new int[n];
            for (int i = 0; i < n; i++) {
                sources[i] = i;
            }
        } else {
            sources = Sampling.distinct(n, options.pivots(), options.seed());
        }
        int threads = Math.max(1, Math.min(options.threads(), sources.length));
        double[][] partial = new double[threads][];
        double[][] partialSq = exact ? null : new double[threads][];
        Parallel.run(threads, t -> {
            Scratch sc = new Scratch(n);
            double[] acc = new double[n];
            double[] accSq = exact ? null : new double[n];
            for (int i = t; i < sources.length; i += threads) {
                sc.accumulate(graph, sources[i], acc, accSq);
            }
            partial[t] = acc;
            if (!exact) {
                partialSq[t] = accSq;
            }
        });
        double[] bc = new double[n];
        double[] se = new double[n];
        for (int t = 0; t < threads; t++) {
            double[] p = partial[t];
            for (int v = 0; v < n; v++) {
                bc[v] += p[v];
            }
        }
        if (exact) {
            for (int v = 0; v < n; v++) {
                bc[v] /= 2.0;
            }
        } else {
            int k = sources.length;
            double[] sq = new double[n];
            for (int t = 0; t < threads; t++) {
                for (int v = 0; v < n; v++) {
                    sq[v] += partialSq[t][v];
                }
            }
            double scale = (double) n / k;
            for (int v = 0; v < n; v++) {
                double mean = bc[v] / k;
                double var = k > 1 ? Math.max(0, (sq[v] - k * mean * mean) / (k - 1)) : 0;
                se[v] = (n / 2.0) * Math.sqrt((1.0 - (double) k / n) * var / k);
                bc[v] = bc[v] * scale / 2.0;
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("exact", exact);
        params.put("pivots", sources.length);
        if (!exact) {
            params.put("seed", options.seed());
        }
        params.put("normalised", false);
        result = new NodeScores("betweenness", params, graph, bc);
        standardErrors = se;
    }

    /** Per-thread BFS state; reset only on the nodes a search reached. */
    private static final class Scratch {
        final int[] dist;
        final double[] sigma;
        final double[] delta;
        final int[] order;

        Scratch(int n) {
            dist = new int[n];
            sigma = new double[n];
            delta = new double[n];
            order = new int[n];
            java.util.Arrays.fill(dist, -1);
        }

        void accumulate(UndirectedGraph g, int s, double[] acc, double[] accSq) {
            int[] off = g.offsetsArray();
            int[] nb = g.neighboursArray();
            int head = 0;
            int tail = 0;
            order[tail++] = s;
            dist[s] = 0;
            sigma[s] = 1;
            while (head < tail) {
                int v = order[head++];
                int dv = dist[v] + 1;
                double sv = sigma[v];
                for (int i = off[v], e = off[v + 1]; i < e; i++) {
                    int w = nb[i];
                    int dw = dist[w];
                    if (dw < 0) {
                        dist[w] = dv;
                        sigma[w] = sv;
                        order[tail++] = w;
                    } else if (dw == dv) {
                        sigma[w] += sv;
                    }
                }
            }
            // Dependencies in reverse BFS order; predecessors are the neighbours one level closer to s.
            for (int j = tail - 1; j > 0; j--) {
                int w = order[j];
                int dw = dist[w] - 1;
                double coeff = (1.0 + delta[w]) / sigma[w];
                for (int i = off[w], e = off[w + 1]; i < e; i++) {
                    int v = nb[i];
                    if (dist[v] == dw) {
                        delta[v] += sigma[v] * coeff;
                    }
                }
                acc[w] += delta[w];
                if (accSq != null) {
                    accSq[w] += delta[w] * delta[w];
                }
            }
            for (int j = 0; j < tail; j++) {
                int w = order[j];
                dist[w] = -1;
                sigma[w] = 0;
                delta[w] = 0;
            }
        }
    }
}
