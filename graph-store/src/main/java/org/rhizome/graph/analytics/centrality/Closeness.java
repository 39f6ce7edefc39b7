package org.rhizome.graph.analytics.centrality;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.internal.Parallel;
import org.rhizome.graph.analytics.internal.Sampling;
import org.rhizome.graph.analytics.structure.Components;

/**
 * Closeness and harmonic centrality on the simple undirected graph, exact (one breadth-first search per node) or
 * estimated from sampled pivots (one search per pivot). O(n m) time exact, O(k m) with k pivots; O(n) memory per
 * thread; parallel over sources, with a static split so results are reproducible for a given thread count.
 *
 * <ul>
 *   <li>Closeness uses the Wasserman–Faust correction so it stays meaningful on disconnected graphs (NetworkX's
 *       default {@code wf_improved=True}): {@code C(u) = ((r-1)/(n-1)) * ((r-1)/D(u))}, r the number of nodes
 *       reachable from u (u included) and D(u) the sum of their distances; 0 when u reaches nothing.</li>
 *   <li>Harmonic centrality is {@code H(u) = sum over v != u of 1/d(u, v)} with 1/inf = 0, not normalised (NetworkX
 *       {@code harmonic_centrality}).</li>
 * </ul>
 *
 * <p><b>Sampled</b> (after Eppstein &amp; Wang 2004, stratified by component). The graph is undirected, so a search
 * from pivot p gives d(p, u) = d(u, p) for every u. Pivots are drawn per connected component, uniformly without
 * replacement with the seeded generator: component c of r nodes gets {@code min(r, max(2, ceil(k r / n)))} pivots,
 * so every node of a component of two or more nodes has at least one pivot other than itself, and components no
 * bigger than their share are covered exactly. For node u in component c, let P be its pivots other than u (a uniform
 * sample without replacement of the r − 1 other nodes of c, of size k_u). Then
 * <ul>
 *   <li>H(u) is estimated by {@code (r-1)/k_u * sum over p in P of 1/d(u,p)}: unbiased; its standard error is
 *       {@code (r-1) sqrt((1 - k_u/(r-1)) s^2 / k_u)}, s^2 the sample variance of the 1/d(u,p) (finite-population
 *       correction for drawing without replacement);</li>
 *   <li>C(u) is {@code ((r-1)/(n-1)) / mean d}, with the mean distance estimated by the pivots' mean distance: a ratio
 *       estimator, biased by O(1/k_u) (Jensen), with the delta-method standard error
 *       {@code C(u) * se(mean d) / mean d}.</li>
 * </ul>
 * r is known exactly from the components. When every node of a component is a pivot its nodes' values are exact and
 * their standard errors 0.
 */
public final class Closeness {
    /**
     * @param pivots  sampled pivots in total (spread over components as above); 0 (or &gt;= n) means exact
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
    private NodeScores closeness;
    private NodeScores harmonic;
    private double[] closenessErrors;
    private double[] harmonicErrors;
    private int pivotsUsed;

    public Closeness(UndirectedGraph graph, Options options) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.options = Objects.requireNonNull(options, "options");
    }

    /** Exact, on {@code threads} threads. */
    public Closeness(UndirectedGraph graph, int threads) {
        this(graph, Options.exact().withThreads(threads));
    }

    public Closeness(UndirectedGraph graph) {
        this(graph, Options.exact());
    }

    /** Whether every node is a source (no sampling). */
    public boolean exact() {
        return options.pivots() == 0 || options.pivots() >= graph.nodeCount();
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

    /** Per-node standard errors of the closeness estimates (delta method; all 0 when exact). */
    public synchronized double[] closenessStandardErrors() {
        compute();
        return closenessErrors.clone();
    }

    /** Per-node standard errors of the harmonic estimates (all 0 when exact). */
    public synchronized double[] harmonicStandardErrors() {
        compute();
        return harmonicErrors.clone();
    }

    /** How many searches were run (n when exact; about k plus two per small component when sampled). */
    public synchronized int pivotsUsed() {
        compute();
        return pivotsUsed;
    }

    private void compute() {
        if (closeness != null) {
            return;
        }
        int n = graph.nodeCount();
        boolean exact = exact();
        int[] membership;
        int[] sizes;
        int[] sources;
        if (exact) {
            sources = new int[n];
            for (int i = 0; i < n; i++) {
                sources[i] = i;
            }
            membership = null;
            sizes = null;
        } else {
            Components.Result comps = Components.weak(graph);
            membership = comps.membership();
            sizes = comps.sizes();
            sources = stratifiedPivots(membership, sizes, options.pivots(), options.seed());
        }
        pivotsUsed = sources.length;
        int t = Math.max(1, Math.min(options.threads(), sources.length));
        // Per thread: exact mode writes each source's own values; sampled mode sums per node over the pivots.
        double[] cc = new double[n];
        double[] hc = new double[n];
        double[][] sums = exact ? null : new double[t][];
        Parallel.run(t, w -> {
            int[] dist = new int[n];
            int[] queue = new int[n];
            Arrays.fill(dist, -1);
            // [4u] sum of d, [4u+1] sum of d^2, [4u+2] sum of 1/d, [4u+3] sum of 1/d^2 over this thread's pivots
            double[] acc = exact ? null : new double[4 * n];
            for (int i = w; i < sources.length; i += t) {
                int s = sources[i];
                int tail = bfs(s, dist, queue);
                if (exact) {
                    long total = 0;
                    double harm = 0;
                    for (int j = 1; j < tail; j++) {
                        int d = dist[queue[j]];
                        total += d;
                        harm += 1.0 / d;
                    }
                    cc[s] = total > 0 && n > 1 ? ((tail - 1.0) / (n - 1.0)) * ((tail - 1.0) / total) : 0.0;
                    hc[s] = harm;
                } else {
                    for (int j = 1; j < tail; j++) {
                        int u = queue[j];
                        double d = dist[u];
                        int b = 4 * u;
                        acc[b] += d;
                        acc[b + 1] += d * d;
                        acc[b + 2] += 1.0 / d;
                        acc[b + 3] += 1.0 / (d * d);
                    }
                }
                for (int j = 0; j < tail; j++) {
                    dist[queue[j]] = -1;
                }
            }
            if (!exact) {
                sums[w] = acc;
            }
        });
        double[] ccSe = new double[n];
        double[] hcSe = new double[n];
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("wassermanFaust", true);
        p.put("exact", exact);
        Map<String, Object> hp = new LinkedHashMap<>();
        hp.put("exact", exact);
        if (!exact) {
            estimate(n, membership, sizes, sources, sums, cc, hc, ccSe, hcSe);
            for (Map<String, Object> m : java.util.List.of(p, hp)) {
                m.put("pivots", sources.length);
                m.put("seed", options.seed());
            }
        }
        closeness = new NodeScores("closeness", p, graph, cc);
        harmonic = new NodeScores("harmonic", hp, graph, hc);
        closenessErrors = ccSe;
        harmonicErrors = hcSe;
    }

    /** Breadth-first search from {@code s}; the reached nodes are {@code queue[0..return)}, s first. */
    private int bfs(int s, int[] dist, int[] queue) {
        int[] off = graph.offsetsArray();
        int[] nb = graph.neighboursArray();
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
                }
            }
        }
        return tail;
    }

    private static void estimate(int n, int[] membership, int[] sizes, int[] sources, double[][] sums, double[] cc,
            double[] hc, double[] ccSe, double[] hcSe) {
        double[] acc = new double[4 * n];
        for (double[] part : sums) {
            for (int i = 0; i < acc.length; i++) {
                acc[i] += part[i];
            }
        }
        int[] pivotsPerComponent = new int[sizes.length];
        boolean[] isPivot = new boolean[n];
        for (int s : sources) {
            pivotsPerComponent[membership[s]]++;
            isPivot[s] = true;
        }
        for (int u = 0; u < n; u++) {
            int c = membership[u];
            double others = sizes[c] - 1.0; // r - 1
            int k = pivotsPerComponent[c] - (isPivot[u] ? 1 : 0);
            if (others == 0 || k == 0) {
                continue; // isolated node: closeness and harmonic 0 exactly
            }
            double fpc = 1.0 - k / others;
            int b = 4 * u;
            double meanD = acc[b] / k;
            double varD = k > 1 ? Math.max(0, (acc[b + 1] - k * meanD * meanD) / (k - 1)) : 0;
            double meanInv = acc[b + 2] / k;
            double varInv = k > 1 ? Math.max(0, (acc[b + 3] - k * meanInv * meanInv) / (k - 1)) : 0;
            hc[u] = others * meanInv;
            hcSe[u] = others * Math.sqrt(Math.max(0, fpc) * varInv / k);
            cc[u] = (others / (n - 1.0)) / meanD;
            double seMean = Math.sqrt(Math.max(0, fpc) * varD / k);
            ccSe[u] = cc[u] * seMean / meanD;
        }
    }

    /**
     * Pivots per component: {@code min(r, max(2, ceil(k r / n)))} for a component of r &ge; 2 nodes (none for an
     * isolated node), drawn uniformly without replacement inside the component; ascending.
     */
    static int[] stratifiedPivots(int[] membership, int[] sizes, int k, long seed) {
        int n = membership.length;
        int components = sizes.length;
        int[] start = new int[components + 1];
        for (int c = 0; c < components; c++) {
            start[c + 1] = start[c] + sizes[c];
        }
        int[] byComponent = new int[n];
        int[] fill = Arrays.copyOf(start, components);
        for (int u = 0; u < n; u++) {
            byComponent[fill[membership[u]]++] = u;
        }
        int total = 0;
        int[] quota = new int[components];
        for (int c = 0; c < components; c++) {
            int r = sizes[c];
            quota[c] = r < 2 ? 0 : (int) Math.min(r, Math.max(2, (long) Math.ceil((double) k * r / n)));
            total += quota[c];
        }
        int[] out = new int[total];
        int o = 0;
        for (int c = 0; c < components; c++) {
            if (quota[c] == 0) {
                continue;
            }
            int[] pick = Sampling.distinct(sizes[c], quota[c], seed + 0x9E3779B97F4A7C15L * (c + 1));
            for (int i : pick) {
                out[o++] = byComponent[start[c] + i];
            }
        }
        Arrays.sort(out);
        return out;
    }
}
