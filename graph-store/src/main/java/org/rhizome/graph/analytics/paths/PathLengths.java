package org.rhizome.graph.analytics.paths;

import java.util.Arrays;
import java.util.Objects;

import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.internal.Parallel;

/**
 * The distribution of shortest-path lengths of the simple undirected graph, over ordered pairs of distinct nodes
 * that are connected, by breadth-first search from source nodes (parallel over sources).
 *
 * <p><b>Exact or sampled.</b> With {@code sources = 0} or {@code >= n}, every node is a source: the distribution,
 * the mean and the diameter are exact, at O(n m). Otherwise {@code sources} nodes are drawn uniformly without
 * replacement (seeded), the distribution is that of the pairs (source, any reachable node), an unbiased sample of
 * the pair distribution, and the diameter is only a <em>lower bound</em>: the largest eccentricity seen, improved by
 * a double sweep (a search from the farthest node found). {@link Result#exact()} says which.
 */
public final class PathLengths implements PathAnalysis {
    /**
     * @param sources sources to search from; 0 (or &gt;= n) means every node (exact)
     * @param seed    seed for drawing sources
     * @param threads worker threads
     */
    public record Options(int sources, long seed, int threads) {
        public Options {
            if (sources < 0) {
                throw new IllegalArgumentException("sources must be >= 0 (0 = all), got " + sources);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /** Every node a source, on all available processors. */
        public static Options exact() {
            return new Options(0, 0L, Parallel.defaultThreads());
        }

        /** {@code k} sources drawn with {@code seed}, on all available processors. */
        public static Options sampled(int k, long seed) {
            return new Options(k, seed, Parallel.defaultThreads());
        }

        public Options withThreads(int t) {
            return new Options(sources, seed, t);
        }
    }

    /**
     * @param histogram    {@code histogram[d]} = ordered (source, target) pairs at distance d (index 0 unused)
     * @param pairs        connected ordered pairs counted
     * @param mean         mean distance over those pairs (NaN when none)
     * @param diameter     largest distance (exact when {@code exact}, else a lower bound)
     * @param sourcesUsed  searches run (not counting the double-sweep search)
     * @param exact        whether every node was a source
     * @param seed         seed used to draw sources (meaningless when exact)
     */
    public record Result(long[] histogram, long pairs, double mean, int diameter, int sourcesUsed, boolean exact,
            long seed) {
        public Result {
            histogram = histogram.clone();
        }

        @Override
        public long[] histogram() {
            return histogram.clone();
        }

        /** Share of counted pairs at distance d. */
        public double share(int d) {
            return d < histogram.length && pairs > 0 ? (double) histogram[d] / pairs : 0.0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && pairs == r.pairs && diameter == r.diameter && exact == r.exact
                    && Arrays.equals(histogram, r.histogram);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(histogram) * 31 + diameter;
        }

        @Override
        public String toString() {
            return "PathLengths[mean=" + mean + ", diameter=" + (exact ? "" : ">=") + diameter + ", pairs=" + pairs
                    + ", exact=" + exact + "]";
        }
    }

    private final UndirectedGraph graph;
    private final Options options;
    private Result result;

    public PathLengths(UndirectedGraph graph, Options options) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public synchronized Result lengths() {
        if (result == null) {
            result = compute(graph, options.sources(), options.seed(), options.threads());
        }
        return result;
    }

    /** Exact over all sources, on all processors. */
    public static Result exact(UndirectedGraph g) {
        return compute(g, 0, 0L, Parallel.defaultThreads());
    }

    /**
     * Over {@code sources} sources drawn with {@code seed} (all nodes when 0 or >= n), on {@code threads} threads.
     */
    public static Result compute(UndirectedGraph g, int sources, long seed, int threads) {
        Objects.requireNonNull(g, "g");
        if (sources < 0) {
            throw new IllegalArgumentException("sources must be >= 0 (0 = all), got " + sources);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int n = g.nodeCount();
        boolean exact = sources == 0 || sources >= n;
        int[] src;
        if (exact) {
            src = new int[n];
            for (int i = 0; i < n; i++) {
                src[i] = i;
            }
        } else {
            src = org.rhizome.graph.analytics.internal.Sampling.distinct(n, sources, seed);
        }
        int t = Math.max(1, Math.min(threads, src.length));
        long[][] hist = new long[t][];
        int[] farthest = new int[t];
        int[] farthestNode = new int[t];
        Parallel.run(t, w -> {
            Bfs bfs = new Bfs(n);
            long[] h = new long[16];
            int far = 0;
            int farNode = -1;
            for (int i = w; i < src.length; i += t) {
                h = bfs.run(g, src[i], h);
                if (bfs.eccentricity > far) {
                    far = bfs.eccentricity;
                    farNode = bfs.last;
                }
            }
            hist[w] = h;
            farthest[w] = far;
            farthestNode[w] = farNode;
        });
        long[] total = new long[1];
        int diameter = 0;
        int sweepFrom = -1;
        for (int w = 0; w < t; w++) {
            if (hist[w].length > total.length) {
                total = Arrays.copyOf(total, hist[w].length);
            }
            for (int d = 0; d < hist[w].length; d++) {
                total[d] += hist[w][d];
            }
            if (farthest[w] > diameter) {
                diameter = farthest[w];
                sweepFrom = farthestNode[w];
            }
        }
        if (!exact && sweepFrom >= 0) {
            Bfs bfs = new Bfs(n);
            bfs.run(g, sweepFrom, new long[16]);
            diameter = Math.max(diameter, bfs.eccentricity);
        }
        int len = total.length;
        while (len > 1 && total[len - 1] == 0) {
            len--;
        }
        total = Arrays.copyOf(total, Math.max(len, 1));
        long pairs = 0;
        double sum = 0;
        for (int d = 1; d < total.length; d++) {
            pairs += total[d];
            sum += (double) d * total[d];
        }
        return new Result(total, pairs, pairs == 0 ? Double.NaN : sum / pairs, diameter, src.length, exact, seed);
    }

    private static final class Bfs {
        final int[] dist;
        final int[] queue;
        int eccentricity;
        int last;

        Bfs(int n) {
            dist = new int[n];
            queue = new int[n];
            Arrays.fill(dist, -1);
        }

        long[] run(UndirectedGraph g, int s, long[] hist) {
            int[] off = g.offsetsArray();
            int[] nb = g.neighboursArray();
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            dist[s] = 0;
            while (head < tail) {
                int v = queue[head++];
                int dv = dist[v] + 1;
                for (int i = off[v], e = off[v + 1]; i < e; i++) {
                    int x = nb[i];
                    if (dist[x] < 0) {
                        dist[x] = dv;
                        queue[tail++] = x;
                        if (dv >= hist.length) {
                            hist = Arrays.copyOf(hist, Math.max(dv + 1, hist.length * 2));
                        }
                        hist[dv]++;
                    }
                }
            }
            last = queue[tail - 1];
            eccentricity = dist[last];
            for (int j = 0; j < tail; j++) {
                dist[queue[j]] = -1;
            }
            return hist;
        }
    }
}
