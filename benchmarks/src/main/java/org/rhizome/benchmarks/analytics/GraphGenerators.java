package org.rhizome.benchmarks.analytics;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random graph generators for the analytics benchmark. Each streams its edges to an
 * {@link EdgeListFile.EdgeSink} (so a generated graph is written once to an edge-list file that Rhizome and the Python
 * references then read alike) and is deterministic for a given seed.
 */
public final class GraphGenerators {
    private GraphGenerators() {}

    /**
     * Barabási–Albert preferential attachment (Barabási & Albert, Science 1999): a star of {@code attach + 1} nodes
     * (node 0 joined to nodes 1..attach), then each further node joins {@code attach} distinct existing nodes drawn
     * with probability proportional to degree (uniform draws from the list of all edge ends, redrawing duplicates).
     * Produces {@code attach * (nodes - attach)} edges, no self-loops or parallel edges. O(nodes * attach) time
     * (expected, the redraws are rare) and 8 bytes per edge of memory for the list of ends.
     *
     * @return the number of edges written
     */
    public static long barabasiAlbert(int nodes, int attach, long seed, EdgeListFile.EdgeSink sink) {
        if (attach < 1) {
            throw new IllegalArgumentException("attach must be >= 1, got " + attach);
        }
        if (nodes <= attach) {
            throw new IllegalArgumentException("nodes must be > attach (" + attach + "), got " + nodes);
        }
        long edgeCount = (long) attach * (nodes - attach);
        if (2 * edgeCount > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many edges for one int array of ends: " + edgeCount);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] ends = new int[(int) (2 * edgeCount)];
        int size = 0;
        for (int v = 1; v <= attach; v++) {
            sink.edge(0, v);
            ends[size++] = 0;
            ends[size++] = v;
        }
        int[] chosen = new int[attach];
        for (int v = attach + 1; v < nodes; v++) {
            int k = 0;
            while (k < attach) {
                int t = ends[rnd.nextInt(size)];
                boolean seen = false;
                for (int i = 0; i < k; i++) {
                    if (chosen[i] == t) {
                        seen = true;
                        break;
                    }
                }
                if (!seen) {
                    chosen[k++] = t;
                }
            }
            for (int i = 0; i < attach; i++) {
                sink.edge(v, chosen[i]);
                ends[size++] = chosen[i];
                ends[size++] = v;
            }
        }
        return edgeCount;
    }

    /**
     * Stochastic block model (Holland, Laskey & Leinhardt 1983): nodes are numbered block after block; each pair of
     * nodes is joined independently with probability {@code pIn} when both lie in the same block and {@code pOut}
     * otherwise. Instead of a coin per pair (O(n²)) the gaps between successive chosen pairs of each block pair are
     * drawn from the geometric distribution (Batagelj & Brandes 2005, "Efficient generation of large random
     * networks"), so time is O(m + B²) for B blocks and memory O(B).
     *
     * @param sizes nodes per block
     * @return the number of edges written
     */
    public static long stochasticBlockModel(int[] sizes, double pIn, double pOut, long seed,
            EdgeListFile.EdgeSink sink) {
        if (sizes.length == 0) {
            throw new IllegalArgumentException("sizes must name at least one block");
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("block sizes must be >= 1, got " + Arrays.toString(sizes));
            }
        }
        checkProbability("pIn", pIn);
        checkProbability("pOut", pOut);
        int[] first = new int[sizes.length + 1];
        for (int b = 0; b < sizes.length; b++) {
            long next = (long) first[b] + sizes[b];
            if (next > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("too many nodes: " + next);
            }
            first[b + 1] = (int) next;
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        long edges = 0;
        for (int a = 0; a < sizes.length; a++) {
            for (int b = a; b < sizes.length; b++) {
                long sa = sizes[a];
                long sb = sizes[b];
                boolean same = a == b;
                double p = same ? pIn : pOut;
                long pairs = same ? sa * (sa - 1) / 2 : sa * sb;
                if (p == 0 || pairs == 0) {
                    continue;
                }
                double logQ = Math.log1p(-p); // -inf when p == 1: every gap is 0
                long k = -1;
                while (true) {
                    // Number of failures before the next success: floor(log(U) / log(1 - p)), U in (0, 1].
                    double u = 1.0 - rnd.nextDouble();
                    double skip = p == 1 ? 0 : Math.floor(Math.log(u) / logQ);
                    if (skip >= pairs - k - 1) {
                        break;
                    }
                    k += 1 + (long) skip;
                    if (same) {
                        // Pair index k enumerates (i, j), 0 <= i < j < sa, as k = j (j - 1) / 2 + i.
                        long j = (long) ((1 + Math.sqrt(1 + 8.0 * k)) / 2);
                        while (j * (j - 1) / 2 > k) {
                            j--;
                        }
                        while ((j + 1) * j / 2 <= k) {
                            j++;
                        }
                        long i = k - j * (j - 1) / 2;
                        sink.edge(first[a] + (int) i, first[a] + (int) j);
                    } else {
                        sink.edge(first[a] + (int) (k / sb), first[b] + (int) (k % sb));
                    }
                    edges++;
                }
            }
        }
        return edges;
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
        }
    }
}
