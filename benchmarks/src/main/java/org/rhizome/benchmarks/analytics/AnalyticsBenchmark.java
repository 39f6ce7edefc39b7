package org.rhizome.benchmarks.analytics;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.RankedNode;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.centrality.Betweenness;
import org.rhizome.graph.analytics.centrality.PageRank;
import org.rhizome.graph.analytics.community.Leiden;
import org.rhizome.graph.analytics.community.Partition;
import org.rhizome.graph.analytics.structure.Assortativity;
import org.rhizome.graph.analytics.structure.Clustering;
import org.rhizome.graph.analytics.structure.Components;
import org.rhizome.graph.analytics.structure.KCore;

/**
 * Rhizome's side of the graph-analytics benchmark against igraph and NetworkX ({@code /work/shared/bench/graph_ref.py}):
 * the same measures on the same simple undirected graph, timed in process, written as JSON with the reference
 * script's keys so that {@code benchmarks/compare-analytics.py} can put the three side by side.
 *
 * <p>Commands:
 * <pre>
 * generate-ba  NODES ATTACH SEED OUT            Barabási–Albert graph to an edge-list file
 * generate-sbm SIZES P_IN P_OUT SEED OUT        stochastic block model; SIZES "100x2000" (100 blocks of 2000) or "50,30,20"
 * run EDGES OUT.json [--reps K] [--seeds S] [--warmup auto|yes|no] [--warmup-max-edges E]
 *                    [--max-betweenness-nodes N] [--threads 1,2] [--dump-dir DIR]
 *                    [--measures LIST] [--community-budget SECONDS]
 * </pre>
 *
 * <p><b>Timing.</b> Before the graph is read, every measure runs once on a small generated graph so the JIT has seen
 * the code. Then each measure runs {@code K} timed repetitions on the graph (wall clock, a GC before each) and the
 * median is reported; with warm-up ({@code auto}: graphs of at most {@code E} edges, default 200,000) untimed runs
 * on the graph itself precede them: at least one, more until three seconds have passed (at most 1,000). The JIT needs
 * that long: Leiden on CA-GrQc took 30-45 ms per run for its first 20 runs in a fresh JVM and 9-11 ms from about the
 * 40th on (the former limit of half a second and ten runs timed the former). Community detection runs seeds
 * {@code 0..S-1}, each once: the timed repetitions
 * there are the seeds (median seconds per run, best modularity over the seeds, as the reference script reports).
 * Clustering (transitivity and average clustering) is one call that computes both. Reading the file is timed
 * separately ({@code load_seconds}) and, as in the reference script, not counted in any measure. Everything runs on
 * one thread except betweenness, which is timed for each thread count given.
 *
 * <p>{@code --measures} picks a subset of {@code components,clustering,assortativity,max_core,pagerank,betweenness,
 * louvain,leiden} (default: all). {@code --community-budget SECONDS} stops starting further seeds of a community
 * algorithm once its timed runs have taken that long (the JSON says how many seeds ran).
 *
 * <p>A missing input file is reported and skipped with exit status 0.
 */
public final class AnalyticsBenchmark {
    /** Warm-up on the graph itself goes on until this much time has passed (or {@link #WARMUP_MAX_RUNS} runs). */
    static final double WARMUP_SECONDS = 3.0;

    static final int WARMUP_MAX_RUNS = 1000;

    private AnalyticsBenchmark() {}

    /** Settings of a {@code run}; see the class comment. */
    record Settings(int reps, int seeds, String warmup, long warmupMaxEdges, int maxBetweennessNodes, int[] threads,
            Path dumpDir, Set<String> measures, double communityBudget) {
        static final List<String> ALL_MEASURES = List.of("components", "clustering", "assortativity", "max_core",
                "pagerank", "betweenness", "louvain", "leiden");

        static Settings parse(List<String> args) {
            int reps = 3;
            int seeds = 3;
            String warmup = "auto";
            long warmupMaxEdges = 200_000;
            int maxBc = 20_000;
            int[] threads = {1, 2};
            Path dump = null;
            Set<String> measures = new LinkedHashSet<>(ALL_MEASURES);
            double budget = Double.POSITIVE_INFINITY;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException("option " + a + " needs a value");
                }
                String v = args.get(++i);
                switch (a) {
                    case "--reps" -> reps = positive(a, v);
                    case "--seeds" -> seeds = positive(a, v);
                    case "--warmup" -> {
                        if (!List.of("auto", "yes", "no").contains(v)) {
                            throw new IllegalArgumentException("--warmup must be auto, yes or no, got " + v);
                        }
                        warmup = v;
                    }
                    case "--warmup-max-edges" -> warmupMaxEdges = Long.parseLong(v);
                    case "--max-betweenness-nodes" -> maxBc = Integer.parseInt(v);
                    case "--threads" -> threads = Arrays.stream(v.split(",")).mapToInt(s -> positive(a, s)).toArray();
                    case "--dump-dir" -> dump = Path.of(v);
                    case "--measures" -> {
                        measures = new LinkedHashSet<>(List.of(v.split(",")));
                        for (String m : measures) {
                            if (!ALL_MEASURES.contains(m)) {
                                throw new IllegalArgumentException("unknown measure " + m + " in --measures; valid: "
                                        + String.join(",", ALL_MEASURES));
                            }
                        }
                    }
                    case "--community-budget" -> budget = Double.parseDouble(v);
                    default -> throw new IllegalArgumentException("unknown option " + a + "; valid: --reps, --seeds, "
                            + "--warmup, --warmup-max-edges, --max-betweenness-nodes, --threads, --dump-dir, "
                            + "--measures, --community-budget");
                }
            }
            return new Settings(reps, seeds, warmup, warmupMaxEdges, maxBc, threads, dump, measures, budget);
        }

        boolean warmUpOn(UndirectedGraph g) {
            return warmup.equals("yes") || (warmup.equals("auto") && g.edgeCount() <= warmupMaxEdges);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> rest = List.of(args).subList(1, args.length);
        switch (args[0]) {
            case "generate-ba" -> generateBa(rest);
            case "generate-sbm" -> generateSbm(rest);
            case "run" -> run(rest);
            default -> {
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.err.println("""
                usage: AnalyticsBenchmark generate-ba NODES ATTACH SEED OUT
                       AnalyticsBenchmark generate-sbm SIZES P_IN P_OUT SEED OUT   (SIZES: 100x2000 or 50,30,20)
                       AnalyticsBenchmark run EDGES OUT.json [--reps K] [--seeds S] [--warmup auto|yes|no]
                           [--warmup-max-edges E] [--max-betweenness-nodes N] [--threads 1,2] [--dump-dir DIR]
                           [--measures components,clustering,assortativity,max_core,pagerank,betweenness,louvain,leiden]
                           [--community-budget SECONDS]""");
    }

    private static void generateBa(List<String> a) throws IOException {
        if (a.size() != 4) {
            throw new IllegalArgumentException("generate-ba needs NODES ATTACH SEED OUT, got " + a);
        }
        int nodes = positive("NODES", a.get(0));
        int attach = positive("ATTACH", a.get(1));
        long seed = Long.parseLong(a.get(2));
        Path out = Path.of(a.get(3));
        try (EdgeListFile.Writer w = new EdgeListFile.Writer(out,
                "Barabasi-Albert nodes=" + nodes + " attach=" + attach + " seed=" + seed)) {
            GraphGenerators.barabasiAlbert(nodes, attach, seed, w);
            System.out.printf(Locale.ROOT, "wrote %s: Barabasi-Albert n=%d m_attach=%d seed=%d, %d edges%n", out,
                    nodes, attach, seed, w.edges());
        }
    }

    private static void generateSbm(List<String> a) throws IOException {
        if (a.size() != 5) {
            throw new IllegalArgumentException("generate-sbm needs SIZES P_IN P_OUT SEED OUT, got " + a);
        }
        int[] sizes = parseSizes(a.get(0));
        double pIn = Double.parseDouble(a.get(1));
        double pOut = Double.parseDouble(a.get(2));
        long seed = Long.parseLong(a.get(3));
        Path out = Path.of(a.get(4));
        try (EdgeListFile.Writer w = new EdgeListFile.Writer(out, "stochastic block model sizes=" + a.get(0)
                + " p_in=" + pIn + " p_out=" + pOut + " seed=" + seed)) {
            GraphGenerators.stochasticBlockModel(sizes, pIn, pOut, seed, w);
            System.out.printf(Locale.ROOT, "wrote %s: SBM %d blocks (%d nodes) p_in=%g p_out=%g seed=%d, %d edges%n",
                    out, sizes.length, Arrays.stream(sizes).asLongStream().sum(), pIn, pOut, seed, w.edges());
        }
    }

    static int[] parseSizes(String s) {
        if (s.contains("x")) {
            String[] p = s.split("x");
            int count = positive("SIZES block count", p[0]);
            int size = positive("SIZES block size", p[1]);
            int[] out = new int[count];
            Arrays.fill(out, size);
            return out;
        }
        return Arrays.stream(s.split(",")).mapToInt(x -> positive("SIZES", x)).toArray();
    }

    private static int positive(String name, String v) {
        int x = Integer.parseInt(v.trim());
        if (x < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
        return x;
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void run(List<String> a) throws IOException {
        if (a.size() < 2) {
            throw new IllegalArgumentException("run needs EDGES OUT.json [options], got " + a);
        }
        Path input = Path.of(a.get(0));
        Path out = Path.of(a.get(1));
        Settings s = Settings.parse(a.subList(2, a.size()));
        if (!Files.isRegularFile(input)) {
            System.out.println("skipped: " + input + " not found");
            return;
        }
        prewarm(s);
        EdgeListFile.Loaded loaded = EdgeListFile.read(input);
        UndirectedGraph g = loaded.graph();
        boolean warm = s.warmUpOn(g);
        log("%s: %d nodes, %d edges, read in %.2f s; %d timed reps, %s", input, g.nodeCount(), g.edgeCount(),
                loaded.seconds(), s.reps(), warm ? "untimed warm-up runs first (at least one per measure, 3 s)"
                        : "no untimed run on this graph (JVM pre-warmed on a 10k-edge graph; medians include the "
                                + "first run)");
        Map<String, Object> r = measure(g, s, warm, true);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("input", input.toString());
        root.put("simple_undirected_edges", g.edgeCount());
        root.put("data_lines", loaded.dataLines());
        root.put("self_loops_dropped", loaded.selfLoops());
        root.put("load_seconds", round(loaded.seconds()));
        Map<String, Object> timing = new LinkedHashMap<>();
        timing.put("reps", s.reps());
        timing.put("seeds", s.seeds());
        timing.put("warmup_on_graph", warm);
        timing.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        timing.put("available_processors", Runtime.getRuntime().availableProcessors());
        root.put("timing", timing);
        root.put("rhizome", r);
        if (s.dumpDir() != null) {
            Files.createDirectories(s.dumpDir());
            NodeScores pr = (NodeScores) r.remove("_pagerank_scores");
            if (pr != null) {
                dump(s.dumpDir().resolve("pagerank_rhizome.tsv"), pr);
            }
            NodeScores bc = (NodeScores) r.remove("_betweenness_scores");
            if (bc != null) {
                dump(s.dumpDir().resolve("betweenness_rhizome.tsv"), bc);
            }
        }
        r.remove("_pagerank_scores");
        r.remove("_betweenness_scores");
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, Json.write(root) + "\n", StandardCharsets.UTF_8);
        log("wrote %s", out);
    }

    /** Runs every measure once on a small generated graph so that the JIT has compiled the hot loops. */
    private static void prewarm(Settings s) {
        GraphSnapshotSink sink = new GraphSnapshotSink();
        GraphGenerators.barabasiAlbert(2_000, 5, 7, sink);
        UndirectedGraph small = sink.graph();
        Settings quick = new Settings(1, 2, "no", 0, s.maxBetweennessNodes(), s.threads(), null, s.measures(),
                Double.POSITIVE_INFINITY);
        measure(small, quick, false, false);
    }

    /**
     * Times every measure on {@code g}.
     *
     * @param keepScores whether to keep the PageRank and betweenness vectors in the result (for dumping)
     */
    private static Map<String, Object> measure(UndirectedGraph g, Settings s, boolean warm, boolean keepScores) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("version", "rhizome " + versionOf());
        r.put("nodes", g.nodeCount());
        r.put("edges", g.edgeCount());
        r.put("mean_degree", g.nodeCount() == 0 ? 0.0 : 2.0 * g.edgeCount() / g.nodeCount());

        Set<String> want = s.measures();
        if (want.contains("components")) {
            Timed<Components.Result> comps = time(s, warm, () -> Components.weak(g));
            r.put("components", valueAndTime(comps.value().count(), comps));
            r.put("giant_component", comps.value().largest());
        }
        if (want.contains("clustering")) {
            Timed<Clustering> cl = time(s, warm, () -> Clustering.of(g));
            Map<String, Object> tr = valueAndTime(cl.value().transitivity(), cl);
            tr.put("note", "one Clustering.of call computes transitivity and average clustering");
            r.put("transitivity", tr);
            Map<String, Object> ac = valueAndTime(cl.value().average(), cl);
            ac.put("note", "same call as transitivity");
            r.put("average_clustering", ac);
            r.put("triangles", cl.value().totalTriangles());
        }
        if (want.contains("assortativity")) {
            Timed<Double> as = time(s, warm, () -> Assortativity.degree(g));
            r.put("assortativity", valueAndTime(as.value(), as));
        }
        if (want.contains("max_core")) {
            Timed<Integer> core = time(s, warm, () -> KCore.maxCore(KCore.coreNumbers(g)));
            r.put("max_core", valueAndTime(core.value(), core));
        }
        if (want.contains("pagerank")) {
            Timed<PageRank> pr = time(s, warm, () -> {
                PageRank p = new PageRank(g, PageRank.Options.defaults());
                p.scores();
                return p;
            });
            NodeScores prScores = pr.value().scores();
            Map<String, Object> prOut = new LinkedHashMap<>();
            prOut.put("top10", top10(prScores));
            prOut.put("seconds", round(pr.median()));
            prOut.put("runs", rounded(pr.seconds()));
            prOut.put("iterations", pr.value().iterations());
            prOut.put("damping", 0.85);
            prOut.put("tolerance_l1", 1e-10);
            r.put("pagerank", prOut);
            if (keepScores) {
                r.put("_pagerank_scores", prScores);
            }
        }
        if (!want.contains("betweenness")) {
            r.put("betweenness_skipped", "not requested");
        } else if (g.nodeCount() <= s.maxBetweennessNodes()) {
            Map<String, Object> bcOut = new LinkedHashMap<>();
            Map<String, Object> byThreads = new LinkedHashMap<>();
            Map<String, Object> runsByThreads = new LinkedHashMap<>();
            NodeScores first = null;
            double maxThreadDiff = 0;
            for (int t : s.threads()) {
                Timed<NodeScores> bc = time(s, warm,
                        () -> new Betweenness(g, Betweenness.Options.exact().withThreads(t)).scores());
                byThreads.put(Integer.toString(t), round(bc.median()));
                runsByThreads.put(Integer.toString(t), rounded(bc.seconds()));
                if (first == null) {
                    first = bc.value();
                    bcOut.put("top10", top10(first));
                    bcOut.put("seconds", round(bc.median()));
                    bcOut.put("threads", t);
                } else {
                    maxThreadDiff = Math.max(maxThreadDiff, maxRelDiff(first.values(), bc.value().values()));
                }
            }
            bcOut.put("seconds_by_threads", byThreads);
            bcOut.put("runs_by_threads", runsByThreads);
            bcOut.put("max_rel_diff_between_thread_counts", maxThreadDiff);
            r.put("betweenness", bcOut);
            if (keepScores) {
                r.put("_betweenness_scores", first);
            }
        } else {
            r.put("betweenness_skipped", g.nodeCount() + " nodes > --max-betweenness-nodes "
                    + s.maxBetweennessNodes());
        }
        if (want.contains("louvain")) {
            r.put("louvain_modularity", community(g, s, warm, Leiden.Options.louvain()));
        } else {
            r.put("louvain_skipped", "not requested");
        }
        if (want.contains("leiden")) {
            r.put("leiden_modularity", community(g, s, warm, Leiden.Options.leiden()));
        } else {
            r.put("leiden_skipped", "not requested");
        }
        return r;
    }

    private static Map<String, Object> community(UndirectedGraph g, Settings s, boolean warm, Leiden.Options base) {
        if (warm) {
            warmUp(() -> new Leiden(g, base.withSeed(0)).partition());
        }
        double best = Double.NEGATIVE_INFINITY;
        int bestCount = 0;
        double[] secs = new double[s.seeds()];
        double spent = 0;
        int seedsRun = 0;
        for (int seed = 0; seed < s.seeds() && spent < s.communityBudget(); seed++) {
            System.gc();
            long t0 = System.nanoTime();
            Partition p = new Leiden(g, base.withSeed(seed)).partition();
            secs[seed] = (System.nanoTime() - t0) / 1e9;
            spent += secs[seed];
            seedsRun++;
            if (p.modularity() > best) {
                best = p.modularity();
                bestCount = p.count();
            }
        }
        secs = Arrays.copyOf(secs, seedsRun);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("value", best);
        out.put("seeds_run", seedsRun);
        out.put("communities", bestCount);
        out.put("seconds_per_run", round(median(secs)));
        out.put("runs", rounded(secs));
        out.put("options", base.algorithm() + " iterations=" + base.iterations() + " starts=" + base.starts());
        return out;
    }

    /** A value and the seconds of each timed repetition. */
    record Timed<T>(T value, double[] seconds) {
        double median() {
            return AnalyticsBenchmark.median(seconds);
        }
    }

    private static <T> Timed<T> time(Settings s, boolean warm, Supplier<T> work) {
        if (warm) {
            warmUp(work::get);
        }
        double[] secs = new double[s.reps()];
        T value = null;
        for (int i = 0; i < s.reps(); i++) {
            System.gc();
            long t0 = System.nanoTime();
            value = work.get();
            secs[i] = (System.nanoTime() - t0) / 1e9;
        }
        return new Timed<>(value, secs);
    }

    /** Untimed runs: at least one, and more until {@link #WARMUP_SECONDS} have passed (at most {@link #WARMUP_MAX_RUNS}). */
    private static void warmUp(Runnable work) {
        long t0 = System.nanoTime();
        int runs = 0;
        do {
            work.run();
            runs++;
        } while (runs < WARMUP_MAX_RUNS && (System.nanoTime() - t0) / 1e9 < WARMUP_SECONDS);
    }

    private static Map<String, Object> valueAndTime(Object value, Timed<?> t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("value", value);
        m.put("seconds", round(t.median()));
        m.put("runs", rounded(t.seconds()));
        return m;
    }

    private static List<Object> top10(NodeScores scores) {
        List<Object> out = new ArrayList<>();
        for (RankedNode n : scores.top(10)) {
            out.add(List.of(n.iri(), n.score()));
        }
        return out;
    }

    private static void dump(Path file, NodeScores scores) throws IOException {
        UndirectedGraph g = scores.graph();
        double[] v = scores.values();
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            for (int i = 0; i < v.length; i++) {
                w.print(g.iri(i));
                w.print('\t');
                w.print(Double.toString(v[i])); // round-trips exactly
                w.print('\n');
            }
        }
    }

    static double maxRelDiff(double[] a, double[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            double scale = Math.max(Math.abs(a[i]), Math.abs(b[i]));
            if (scale > 0) {
                max = Math.max(max, Math.abs(a[i] - b[i]) / scale);
            }
        }
        return max;
    }

    static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        int n = c.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
    }

    private static double round(double secs) {
        return Math.round(secs * 1e5) / 1e5;
    }

    private static List<Object> rounded(double[] secs) {
        List<Object> out = new ArrayList<>();
        for (double x : secs) {
            out.add(round(x));
        }
        return out;
    }

    private static String versionOf() {
        String v = AnalyticsBenchmark.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }

    private static void log(String fmt, Object... args) {
        System.err.printf(Locale.ROOT, fmt + "%n", args);
    }

    /** Collects generated edges into a graph in memory (for the JIT pre-warm). */
    private static final class GraphSnapshotSink implements EdgeListFile.EdgeSink {
        private final org.rhizome.graph.snapshot.GraphSnapshot.Builder b =
                org.rhizome.graph.snapshot.GraphSnapshot.builder();
        private final int rel = b.relationId("edge");

        @Override
        public void edge(int u, int v) {
            b.addEdge(b.entityId(Integer.toString(u)), rel, b.entityId(Integer.toString(v)));
        }

        UndirectedGraph graph() {
            return UndirectedGraph.of(b.build());
        }
    }
}
