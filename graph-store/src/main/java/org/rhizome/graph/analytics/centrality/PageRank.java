package org.rhizome.graph.analytics.centrality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * PageRank by power iteration with uniform teleportation and dangling nodes (no out-edges) spreading their rank
 * uniformly, as NetworkX's {@code pagerank} and igraph's PRPACK solver define it.
 *
 * <p><b>Graph reading.</b> Undirected (default): on the simple undirected graph, each node passes its rank equally to
 * its neighbours. Directed: over the snapshot's statements with parallel statements between the same ordered pair
 * counted once and self-loops ignored (NetworkX's {@code DiGraph} of the edge list without self-loops).
 *
 * <p>Iterates until the L1 change of the rank vector falls below {@code tolerance}, or fails after
 * {@code maxIterations}. Each iteration is O(n + m); scores sum to 1.
 */
public final class PageRank implements NodeScoring {
    /**
     * @param damping       probability of following an edge (0.85 in the literature)
     * @param tolerance     stop when the L1 change between iterations is below this
     * @param maxIterations give up (IllegalStateException) after this many iterations
     * @param directed      follow statement direction instead of the undirected reading
     */
    public record Options(double damping, double tolerance, int maxIterations, boolean directed) {
        public Options {
            if (!(damping >= 0 && damping < 1)) {
                throw new IllegalArgumentException("damping must be in [0, 1), got " + damping);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
            }
            if (maxIterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
            }
        }

        /** Damping 0.85, tolerance 1e-10, at most 1000 iterations, undirected. */
        public static Options defaults() {
            return new Options(0.85, 1e-10, 1000, false);
        }

        public Options withDirected(boolean d) {
            return new Options(damping, tolerance, maxIterations, d);
        }

        public Options withDamping(double d) {
            return new Options(d, tolerance, maxIterations, directed);
        }
    }

    private final UndirectedGraph graph;
    private final Options options;
    private NodeScores result;
    private int iterations;

    public PageRank(UndirectedGraph graph, Options options) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.options = Objects.requireNonNull(options, "options");
    }

    public PageRank(UndirectedGraph graph) {
        this(graph, Options.defaults());
    }

    @Override
    public synchronized NodeScores scores() {
        if (result == null) {
            double[] pr = options.directed() ? directed() : undirected();
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("damping", options.damping());
            params.put("tolerance", options.tolerance());
            params.put("directed", options.directed());
            params.put("iterations", iterations);
            result = new NodeScores("pagerank", params, graph, pr);
        }
        return result;
    }

    /** Iterations the last computation took. */
    public synchronized int iterations() {
        scores();
        return iterations;
    }

    private double[] undirected() {
        int n = graph.nodeCount();
        int[] off = graph.offsetsArray();
        int[] nb = graph.neighboursArray();
        // Pull form: x'[v] = d * sum_{u in N(v)} x[u]/deg(u) + (d * dangling + 1 - d) / n.
        return iterate(n, (x, share, next) -> {
            for (int v = 0; v < n; v++) {
                double s = 0;
                for (int i = off[v], e = off[v + 1]; i < e; i++) {
                    s += share[nb[i]];
                }
                next[v] = s;
            }
        }, v -> off[v + 1] - off[v]);
    }

    private double[] directed() {
        GraphSnapshot s = graph.snapshot();
        int n = s.entityCount();
        // Distinct out-targets per node, self-loops dropped; rows of the snapshot are sorted by target.
        int[] outDeg = new int[n];
        for (int v = 0; v < n; v++) {
            int prev = -1;
            for (int e = s.outStart(v), end = s.outEnd(v); e < end; e++) {
                int t = s.target(e);
                if (t != v && t != prev) {
                    outDeg[v]++;
                }
                prev = t;
            }
        }
        return iterate(n, (x, share, next) -> {
            for (int v = 0; v < n; v++) {
                double sum = 0;
                int prev = -1;
                // In-lists are sorted by source, so repeated sources are adjacent.
                for (int i = s.inStart(v), end = s.inEnd(v); i < end; i++) {
                    int u = s.inSource(i);
                    if (u != v && u != prev) {
                        sum += share[u];
                    }
                    prev = u;
                }
                next[v] = sum;
            }
        }, v -> outDeg[v]);
    }

    private interface Pull {
        void apply(double[] x, double[] share, double[] next);
    }

    private double[] iterate(int n, Pull pull, java.util.function.IntUnaryOperator outDegree) {
        if (n == 0) {
            return new double[0];
        }
        double d = options.damping();
        double[] x = new double[n];
        double[] share = new double[n];
        double[] next = new double[n];
        int[] deg = new int[n];
        for (int v = 0; v < n; v++) {
            deg[v] = outDegree.applyAsInt(v);
        }
        java.util.Arrays.fill(x, 1.0 / n);
        for (int it = 1; it <= options.maxIterations(); it++) {
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                if (deg[v] == 0) {
                    dangling += x[v];
                    share[v] = 0;
                } else {
                    share[v] = x[v] / deg[v];
                }
            }
            pull.apply(x, share, next);
            double base = (d * dangling + 1 - d) / n;
            double err = 0;
            for (int v = 0; v < n; v++) {
                double nv = d * next[v] + base;
                err += Math.abs(nv - x[v]);
                next[v] = nv;
            }
            double[] t = x;
            x = next;
            next = t;
            if (err < options.tolerance()) {
                iterations = it;
                return x;
            }
        }
        throw new IllegalStateException("PageRank did not converge to " + options.tolerance() + " in "
                + options.maxIterations() + " iterations");
    }
}
