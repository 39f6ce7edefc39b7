package org.rhizome.graph.analytics;

import java.util.Arrays;
import java.util.Objects;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Counts, density and degree statistics of a graph, in O(n + m).
 *
 * <p>Two readings are reported side by side. <b>Statement degrees</b> (in, out, total) count the snapshot's
 * statements, so parallel statements with different relations count separately and a self-loop counts once in and
 * once out. <b>Simple degree</b> is the number of distinct neighbours in the {@link UndirectedGraph} (no self-loops,
 * parallels collapsed): the degree that NetworkX and igraph report for the same edge list, and the one the
 * degree distribution and power-law fit use.
 *
 * @param nodes          entities
 * @param statements     snapshot edges (distinct statements)
 * @param simpleEdges    undirected simple edges
 * @param selfLoops      statements whose subject is their object
 * @param density        2 * simpleEdges / (n (n - 1)) of the simple undirected graph (0 when n < 2)
 * @param meanDegree     mean simple degree (2 m / n)
 * @param maxDegree      largest simple degree
 * @param medianDegree   median simple degree
 * @param maxInDegree    largest statement in-degree
 * @param maxOutDegree   largest statement out-degree
 * @param isolated       nodes of simple degree 0 (only self-loops, or declared without statements)
 * @param distribution   {@code distribution[k]} = number of nodes with simple degree k
 */
public record DegreeStatistics(int nodes, long statements, long simpleEdges, long selfLoops, double density,
        double meanDegree, int maxDegree, double medianDegree, int maxInDegree, int maxOutDegree, int isolated,
        long[] distribution) {

    public DegreeStatistics {
        distribution = distribution.clone();
    }

    @Override
    public long[] distribution() {
        return distribution.clone();
    }

    /** Computes the statistics of {@code g}. */
    public static DegreeStatistics of(UndirectedGraph g) {
        Objects.requireNonNull(g, "g");
        GraphSnapshot s = g.snapshot();
        int n = g.nodeCount();
        int maxIn = 0;
        int maxOut = 0;
        int max = 0;
        int isolated = 0;
        int[] simple = simpleDegrees(g);
        for (int v = 0; v < n; v++) {
            maxIn = Math.max(maxIn, s.inDegree(v));
            maxOut = Math.max(maxOut, s.outDegree(v));
            max = Math.max(max, simple[v]);
            if (simple[v] == 0) {
                isolated++;
            }
        }
        long[] dist = new long[max + 1];
        for (int d : simple) {
            dist[d]++;
        }
        int[] sorted = simple.clone();
        Arrays.sort(sorted);
        double median = n == 0 ? Double.NaN
                : (n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0);
        long m = g.edgeCount();
        double density = n < 2 ? 0.0 : 2.0 * m / ((double) n * (n - 1));
        return new DegreeStatistics(n, s.edgeCount(), m, g.droppedSelfLoops(), density,
                n == 0 ? Double.NaN : 2.0 * m / n, max, median, maxIn, maxOut, isolated, dist);
    }

    /** The simple undirected degree of every node. */
    public static int[] simpleDegrees(UndirectedGraph g) {
        int n = g.nodeCount();
        int[] d = new int[n];
        for (int v = 0; v < n; v++) {
            d[v] = g.degree(v);
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DegreeStatistics x && nodes == x.nodes && statements == x.statements
                && simpleEdges == x.simpleEdges && selfLoops == x.selfLoops && maxDegree == x.maxDegree
                && Double.compare(meanDegree, x.meanDegree) == 0 && Arrays.equals(distribution, x.distribution);
    }

    @Override
    public int hashCode() {
        return Objects.hash(nodes, statements, simpleEdges, Arrays.hashCode(distribution));
    }

    @Override
    public String toString() {
        return "DegreeStatistics[nodes=" + nodes + ", statements=" + statements + ", simpleEdges=" + simpleEdges
                + ", meanDegree=" + meanDegree + ", maxDegree=" + maxDegree + "]";
    }
}
