package org.rhizome.graph.analytics.centrality;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Eigenvector centrality of the simple undirected graph: the principal eigenvector of the adjacency matrix A,
 * scaled to unit Euclidean norm (NetworkX's convention; igraph scales the maximum to 1 instead).
 *
 * <p>Power iteration on {@code A + I}, which has the same eigenvectors and avoids the oscillation of plain
 * iteration on bipartite graphs, from the uniform vector, until the L1 change is below {@code n * tolerance}
 * (NetworkX's stopping rule). O(m) per iteration. On a disconnected graph the vector concentrates on the component
 * with the largest eigenvalue, as the definition implies.
 */
public final class EigenvectorCentrality implements NodeScoring {
    private final UndirectedGraph graph;
    private final double tolerance;
    private final int maxIterations;
    private NodeScores result;

    public EigenvectorCentrality(UndirectedGraph graph, double tolerance, int maxIterations) {
        this.graph = Objects.requireNonNull(graph, "graph");
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        this.tolerance = tolerance;
        this.maxIterations = maxIterations;
    }

    /** Tolerance 1e-10, at most 10,000 iterations. */
    public EigenvectorCentrality(UndirectedGraph graph) {
        this(graph, 1e-10, 10_000);
    }

    @Override
    public synchronized NodeScores scores() {
        if (result != null) {
            return result;
        }
        int n = graph.nodeCount();
        int[] off = graph.offsetsArray();
        int[] nb = graph.neighboursArray();
        double[] x = new double[n];
        double[] next = new double[n];
        Arrays.fill(x, n == 0 ? 0 : 1.0 / n);
        int it = 0;
        boolean converged = n == 0 || graph.edgeCount() == 0;
        if (!converged) {
            for (it = 1; it <= maxIterations; it++) {
                double norm = 0;
                for (int v = 0; v < n; v++) {
                    double s = x[v];
                    for (int i = off[v], e = off[v + 1]; i < e; i++) {
                        s += x[nb[i]];
                    }
                    next[v] = s;
                    norm += s * s;
                }
                norm = Math.sqrt(norm);
                double err = 0;
                for (int v = 0; v < n; v++) {
                    next[v] /= norm;
                    err += Math.abs(next[v] - x[v]);
                }
                double[] t = x;
                x = next;
                next = t;
                if (err < n * tolerance) {
                    converged = true;
                    break;
                }
            }
        }
        if (!converged) {
            throw new IllegalStateException("eigenvector centrality did not converge in " + maxIterations
                    + " iterations");
        }
        if (graph.edgeCount() == 0) {
            Arrays.fill(x, 0);
        }
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("tolerance", tolerance);
        p.put("iterations", it);
        p.put("normalisation", "L2");
        result = new NodeScores("eigenvector", p, graph, x);
        return result;
    }
}
