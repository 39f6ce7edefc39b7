package org.rhizome.graph.analytics.centrality;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * PageRank with uniform teleportation and dangling nodes (no out-edges) spreading their rank uniformly, as
 * NetworkX's {@code pagerank} and igraph's PRPACK solver define it, solved by Gauss–Seidel sweeps (see
 * {@link #iterations()}).
 *
 * <p><b>Graph reading.</b> Undirected (default): on the simple undirected graph, each node passes its rank equally to
 * its neighbours. Directed: over the snapshot's statements with parallel statements between the same ordered pair
 * counted once and self-loops ignored (NetworkX's {@code DiGraph} of the edge list without self-loops).
 *
 * <p>Sweeps until the L1 change of the rank vector over one sweep falls below {@code tolerance}, or fails after
 * {@code maxIterations} sweeps. Each sweep is O(n + m); scores sum to 1.
 */
public final class PageRank implements NodeScoring {
    /**
     * @param damping       probability of following an edge (0.85 in the literature)
     * @param tolerance     stop when the L1 change over one sweep is below this
     * @param maxIterations give up (IllegalStateException) after this many sweeps
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

        /** Damping 0.85, tolerance 1e-10, at most 1000 sweeps, undirected. */
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

    /** Gauss–Seidel sweeps the computation took. */
    public synchronized int iterations() {
        scores();
        return iterations;
    }

    private double[] undirected() {
        int n = graph.nodeCount();
        int[] off = graph.offsetsArray();
        int[] nb = graph.neighboursArray();
        int[] deg = new int[n];
        for (int v = 0; v < n; v++) {
            deg[v] = off[v + 1] - off[v];
        }
        return iterate(n, off, nb, deg);
    }

    private double[] directed() {
        GraphSnapshot s = graph.snapshot();
        int n = s.entityCount();
        // Pull lists: distinct in-sources per node, self-loops dropped; the snapshot's in-lists are sorted by
        // source, so repeated sources are adjacent. Out-degrees count the same distinct pairs.
        int[] off = new int[n + 1];
        int[] deg = new int[n];
        int[] src = new int[s.edgeCount()];
        int k = 0;
        for (int v = 0; v < n; v++) {
            off[v] = k;
            int prev = -1;
            for (int i = s.inStart(v), end = s.inEnd(v); i < end; i++) {
                int u = s.inSource(i);
                if (u != v && u != prev) {
                    src[k++] = u;
                    deg[u]++;
                }
                prev = u;
            }
        }
        off[n] = k;
        return iterate(n, off, src, deg);
    }

    /**
     * Gauss–Seidel sweeps in pull form over the lists {@code nb[off[v]..off[v+1])} of the nodes that pass rank to v,
     * with {@code deg[u]} the number of nodes u passes rank to, solving x = d P x + (d·dangling + 1 − d) / n.
     *
     * <p>A sweep visits the nodes in id order and updates x[v] in place, so later nodes of the same sweep already pull
     * the new values (Gauss–Seidel, a standard way to speed up PageRank, e.g. Arasu et al. 2002); the dangling mass of
     * a sweep is that of the previous one. After each sweep the vector is rescaled to sum 1 and the L1 change is taken
     * against the previous sweep's vector. The rescaling matters: the power method conserves mass, so its error stays
     * off the stationary direction, while plain Gauss–Seidel does not, and the error it puts on that direction decays
     * only at about the damping rate (measured: 67 sweeps on a Barabási–Albert graph of 10^5 edges, against 30 power
     * iterations). With it, against the power method at the same tolerance: BA 10^5 15 sweeps against 30 iterations,
     * SBM 10^5 28 against 48, CA-GrQc 61 against 118, facebook_combined 58 against 99, Wiki-Vote 53 against 99, each
     * as near the fixed point or nearer, and 1.3-1.8x faster. The sum for v is gathered into four independent
     * accumulators (one running sum is bound by the latency of floating-point addition, about four cycles per edge).
     */
    private double[] iterate(int n, int[] off, int[] nb, int[] deg) {
        if (n == 0) {
            return new double[0];
        }
        double d = options.damping();
        double[] inverseDegree = new double[n];
        double[] x = new double[n];
        double[] share = new double[n];
        double[] previous = new double[n];
        double dangling = 0;
        double start = 1.0 / n;
        for (int v = 0; v < n; v++) {
            x[v] = start;
            if (deg[v] == 0) {
                dangling += start;
            } else {
                inverseDegree[v] = 1.0 / deg[v];
            }
            share[v] = start * inverseDegree[v];
        }
        for (int it = 1; it <= options.maxIterations(); it++) {
            double base = (d * dangling + 1 - d) / n;
            double nextDangling = 0;
            double sum = 0;
            System.arraycopy(x, 0, previous, 0, n);
            for (int v = 0; v < n; v++) {
                int i = off[v];
                int e = off[v + 1];
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                for (; i + 3 < e; i += 4) {
                    s0 += share[nb[i]];
                    s1 += share[nb[i + 1]];
                    s2 += share[nb[i + 2]];
                    s3 += share[nb[i + 3]];
                }
                for (; i < e; i++) {
                    s0 += share[nb[i]];
                }
                double nv = d * ((s0 + s1) + (s2 + s3)) + base;
                x[v] = nv;
                double inv = inverseDegree[v];
                share[v] = nv * inv;
                sum += nv;
                if (inv == 0) {
                    nextDangling += nv;
                }
            }
            double scale = 1.0 / sum;
            double err = 0;
            for (int v = 0; v < n; v++) {
                x[v] *= scale;
                share[v] *= scale;
                err += Math.abs(x[v] - previous[v]);
            }
            dangling = nextDangling * scale;
            if (err < options.tolerance()) {
                iterations = it;
                return x;
            }
        }
        throw new IllegalStateException("PageRank did not converge to " + options.tolerance() + " in "
                + options.maxIterations() + " iterations");
    }
}
