package org.rhizome.benchmarks.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.rhizome.agent.growth.ConceptMatcher;
import org.rhizome.agent.growth.GrowthOptions;
import org.rhizome.agent.growth.GrowthRun;
import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.growth.RunStatus;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmConfig;
import org.rhizome.agent.testing.ScriptedLlmServer;
import org.rhizome.agent.testing.ScriptedLlmServer.Reply;
import org.rhizome.benchmarks.retrieval.HashedWordsEmbedder;
import org.rhizome.embeddings.LangChain4jEmbedder;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.retrieval.Retrieval;

/**
 * The growth loop's own cost per iteration, and its throughput with parallel branches, against the scripted
 * OpenAI-compatible server of the agent's tests (real HTTP through LangChain4j's client, real TDB2 store on disk).
 *
 * <p><b>Overhead series.</b> For each graph size N: a base store of N concepts ({@link BaseGraph}) is built once,
 * with its retrieval indexes; then, per series and repetition, a fresh copy of it is opened, a warm-up run of
 * {@code warmup} iterations is made, then a measured run of {@code iterations + 1} iterations (the first is dropped:
 * it also pays for creating the run). The server answers at once, each answer proposing 6 new concepts, 4 existing
 * ones and 12 edges ({@link ScriptedAnswers}). Series: exact-label matching; the retrieval resolver with a cheap
 * hashed-words embedder ({@link HashedWordsEmbedder}: not a language model, index-cost only); the retrieval resolver
 * with the default in-process all-MiniLM-L6-v2 (up to {@code minilmMax} concepts: embedding the base graph is slow),
 * and with its quantised version when {@code quantised=true} (same limit);
 * and at {@code metricsSize} exact matching with the structural metrics every iteration. Per iteration it reports
 * {@code elapsed - llmTime} as the loop reports it, and the wall time between iterations minus {@code llmTime}, with
 * its phases ({@link IterationProbe}). Per run: median and p90 over the iterations; over the repetitions: the median
 * of each.
 *
 * <p><b>Throughput.</b> At {@code throughputSize}, with every answer delayed by {@code latencyMs}: {@code
 * throughputIterations} iterations with one branch, and with 8 branches (LLM client at its default of 4 calls in
 * flight, and raised to 8); iterations per second over the run's wall time, and the ratio to the sequential rate.
 *
 * <p>Before anything is recorded, one discarded run of {@code jvmWarmup} iterations per series at the first size
 * compiles the loop's code paths (the warm-up run before each measured run is too short for that).
 *
 * <p>Usage: {@code GrowthLoopBenchmark [key=value ...]}, keys (defaults): {@code sizes} (1e3,1e4,1e5), {@code reps}
 * (3), {@code iterations} (50), {@code warmup} (5), {@code jvmWarmup} (20), {@code minilmMax} (1e4), {@code quantised}
 * (false), {@code hashed}
 * (true), {@code metricsSize} (1e4), {@code throughputSize} (1e3), {@code latencyMs} (500),
 * {@code throughputIterations} (24,64: one set of runs per count), {@code branches} (8), {@code work} (a new
 * temporary directory, deleted at the end), {@code seed} (42).
 */
public final class GrowthLoopBenchmark {
    private GrowthLoopBenchmark() {}

    private enum Resolver {
        EXACT("exact labels"), HASHED("resolver, hashed-words embedder"), MINILM("resolver, MiniLM"),
        MINILM_Q("resolver, MiniLM quantised");

        final String title;

        Resolver(String title) {
            this.title = title;
        }
    }

    private record Series(int n, Resolver resolver, int analyzeEvery) {
        String name() {
            return resolver.title + (analyzeEvery > 0 ? ", metrics every iteration" : "");
        }
    }

    /** Per-run medians and p90s of each measure (ms), and the mean new and reused concepts per iteration. */
    private record RunStats(Map<String, double[]> medianP90, double newConcepts, double reused) {}

    private record ThroughputRun(String config, int iterations, double seconds, double llmSeconds) {}

    private static final String[] MEASURES = {"reported", "wall", "prep", "resolve", "write", "follow", "after",
        "llm", "embedResolve", "textsResolve", "embedFollow", "textsFollow"};

    /** The embedding models of the resolver series, one instance each for the whole run (MiniLM loads once). */
    private static final Map<Resolver, TimedEmbedder> EMBEDDERS = new java.util.EnumMap<>(Resolver.class);

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new LinkedHashMap<>();
        String[] defaults = {"sizes", "1e3,1e4,1e5", "reps", "3", "iterations", "50", "warmup", "5", "jvmWarmup", "20",
            "minilmMax", "1e4", "quantised", "false", "hashed", "true", "metricsSize", "1e4", "throughputSize", "1e3", "latencyMs", "500",
            "throughputIterations", "24,64", "branches", "8", "seed", "42"};
        for (int i = 0; i < defaults.length; i += 2) {
            o.put(defaults[i], defaults[i + 1]);
        }
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq < 0 || !o.containsKey(a.substring(0, eq)) && !a.startsWith("work=")) {
                throw new IllegalArgumentException("expected key=value with a key among " + o.keySet()
                        + " or work, got " + a);
            }
            o.put(a.substring(0, eq), a.substring(eq + 1));
        }
        int[] sizes = Arrays.stream(o.get("sizes").split(",")).mapToInt(GrowthLoopBenchmark::count).toArray();
        int reps = count(o.get("reps"));
        int iterations = count(o.get("iterations"));
        int warmup = count(o.get("warmup"));
        int minilmMax = count(o.get("minilmMax"));
        boolean hashed = Boolean.parseBoolean(o.get("hashed"));
        boolean quantised = Boolean.parseBoolean(o.get("quantised"));
        int metricsSize = count(o.get("metricsSize"));
        int throughputSize = count(o.get("throughputSize"));
        int latencyMs = count(o.get("latencyMs"));
        int[] throughputIterations = Arrays.stream(o.get("throughputIterations").split(","))
                .mapToInt(GrowthLoopBenchmark::count).toArray();
        int branches = count(o.get("branches"));
        long seed = Long.parseLong(o.get("seed"));
        int jvmWarmup = count(o.get("jvmWarmup"));
        boolean ownWork = !o.containsKey("work");
        Path work = ownWork ? Files.createTempDirectory("rhizome-growth-bench") : Path.of(o.get("work"));
        Files.createDirectories(work);

        long t0 = System.nanoTime();
        System.out.println("GrowthLoopBenchmark " + o + "; work " + work);
        System.out.println(machine());
        Map<Series, List<RunStats>> results = new LinkedHashMap<>();
        List<ThroughputRun> throughput = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            for (int n : sizes) {
                Path base = work.resolve("base-" + n);
                deleteTree(base);
                long b0 = System.nanoTime();
                BaseGraph graph = BaseGraph.build(base, n, seed);
                double buildS = (System.nanoTime() - b0) / 1e9;
                String line = fmt("N=%,d: base graph %,d concepts, %,d edges written in %.1f s", n, graph.labels.size(),
                        graph.edges, buildS);
                List<Resolver> resolvers = new ArrayList<>(List.of(Resolver.EXACT));
                if (hashed) {
                    line += fmt("; hashed-words index %.1f s", index(base, Resolver.HASHED));
                    resolvers.add(Resolver.HASHED);
                }
                if (n <= minilmMax) {
                    double s = index(base, Resolver.MINILM);
                    line += fmt("; MiniLM index %.1f s (%.0f concepts/s)", s, n / s);
                    resolvers.add(Resolver.MINILM);
                    if (quantised) {
                        double q = index(base, Resolver.MINILM_Q);
                        line += fmt("; quantised MiniLM index %.1f s (%.0f concepts/s)", q, n / q);
                        resolvers.add(Resolver.MINILM_Q);
                    }
                }
                line += fmt("; store %s", mib(sizeOnDisk(base)));
                System.out.println(line);
                notes.add(line);
                List<Series> series = new ArrayList<>();
                for (Resolver r : resolvers) {
                    series.add(new Series(n, r, 0));
                }
                if (n == metricsSize) {
                    series.add(new Series(n, Resolver.EXACT, 1));
                }
                ScriptedAnswers answers = new ScriptedAnswers(graph, seed + n);
                server.fallback(req -> Reply.content(answers.next()));
                if (n == sizes[0] && jvmWarmup > 0) {
                    // compile the loop's code paths before anything is recorded (discarded runs)
                    long w0 = System.nanoTime();
                    for (Series s : series) {
                        overhead(server, work, base, s, 0, warmup, jvmWarmup);
                    }
                    System.out.println(fmt("  JVM warm-up: one discarded run of %d iterations per series, %.0f s",
                            jvmWarmup, (System.nanoTime() - w0) / 1e9));
                }
                for (int rep = 1; rep <= reps; rep++) {
                    for (Series s : series) {
                        RunStats st = overhead(server, work, base, s, rep, warmup, iterations);
                        results.computeIfAbsent(s, k -> new ArrayList<>()).add(st);
                        System.out.println(fmt("  %-50s run %d: wall-overhead median %7.2f ms p90 %7.2f ms, "
                                + "reported median %7.2f ms; resolve %7.2f ms; %.1f new + %.1f reused concepts per "
                                + "iteration", s.name(), rep, st.medianP90.get("wall")[0], st.medianP90.get("wall")[1],
                                st.medianP90.get("reported")[0], st.medianP90.get("resolve")[0], st.newConcepts,
                                st.reused));
                    }
                }
                if (n == throughputSize) {
                    Duration latency = Duration.ofMillis(latencyMs);
                    server.fallback(req -> Reply.content(answers.next()).after(latency));
                    for (int rep = 1; rep <= reps; rep++) {
                        for (int[] cfg : throughputConfigs(throughputIterations, branches)) {
                            ThroughputRun t = throughput(server, work, base, cfg[0], cfg[1], rep, cfg[2]);
                            throughput.add(t);
                            System.out.println(fmt("  throughput %-45s run %d: %d iterations in %.2f s = %.2f "
                                    + "it/s", t.config, rep, t.iterations, t.seconds, t.iterations / t.seconds));
                        }
                    }
                    server.fallback(req -> Reply.content(answers.next()));
                }
                deleteTree(base);
            }
        } finally {
            if (ownWork) {
                deleteTree(work);
            }
        }
        printTables(results, throughput, reps, iterations, sizes, metricsSize, latencyMs, throughputSize);
        System.out.println(fmt("%ntotal %.1f min", (System.nanoTime() - t0) / 60e9));
    }

    private static List<int[]> throughputConfigs(int[] iterations, int branches) {
        List<int[]> out = new ArrayList<>();
        for (int it : iterations) {
            out.add(new int[] {1, 4, it});
            out.add(new int[] {branches, 4, it});
            out.add(new int[] {branches, branches, it});
        }
        return out;
    }

    /** Builds (or brings in step) the retrieval index of {@code resolver} in the base store; returns seconds. */
    private static double index(Path base, Resolver resolver) {
        long t0 = System.nanoTime();
        try (KnowledgeGraph kg = KnowledgeGraph.open(base); Retrieval r = retrieval(kg, base, resolver, true)) {
            r.openingSync().ifPresent(s -> {
                if (s.added() == 0) {
                    throw new IllegalStateException("the " + resolver + " index indexed nothing: " + s);
                }
            });
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static Retrieval retrieval(KnowledgeGraph kg, Path dir, Resolver resolver, boolean sync) {
        return Retrieval.builder(kg).syncOnOpen(sync).embedder(embedder(resolver))
                .directory(dir.resolve("retrieval-" + resolver.name().toLowerCase(Locale.ROOT))).open();
    }

    /**
     * The hashed-words stand-in, all-MiniLM-L6-v2 as the default configuration builds it (batch 32), or its quantised
     * version as {@code RHIZOME_EMBEDDINGS=minilm-q} builds it.
     */
    private static TimedEmbedder embedder(Resolver resolver) {
        return EMBEDDERS.computeIfAbsent(resolver, r -> new TimedEmbedder(switch (r) {
            case HASHED -> new HashedWordsEmbedder(384);
            case MINILM -> LangChain4jEmbedder.miniLm();
            case MINILM_Q -> LangChain4jEmbedder.miniLmQuantized(LangChain4jEmbedder.DEFAULT_BATCH_SIZE);
            case EXACT -> throw new IllegalArgumentException("exact-label matching has no embedder");
        }));
    }

    private static LlmClient client(ScriptedLlmServer server, int maxConcurrent) {
        LlmConfig c = LlmConfig.openAi(server.openAiBaseUrl(), "m", "k");
        if (maxConcurrent != c.maxConcurrent()) {
            c = c.withLimits(0, 0, maxConcurrent);
        }
        return LlmClient.create(c);
    }

    /** One repetition of one overhead series on a fresh copy of the base store. */
    private static RunStats overhead(ScriptedLlmServer server, Path work, Path base, Series s, int rep, int warmup,
            int iterations) throws IOException {
        Path dir = work.resolve("run");
        deleteTree(dir);
        copyTree(base, dir);
        IterationProbe probe = new IterationProbe(s.resolver == Resolver.EXACT ? null : embedder(s.resolver));
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir)) {
            kg.addChangeListener(probe.beforeFollow());
            Retrieval r = s.resolver == Resolver.EXACT ? null : retrieval(kg, dir, s.resolver, false);
            try {
                kg.addChangeListener(probe.afterFollow());
                LlmClient llm = client(server, 4);
                ConceptMatcher matcher = r == null ? ConceptMatcher.exactLabels(kg) : ConceptMatcher.resolver(kg, r);
                GrowthOptions options = GrowthOptions.defaults().withAnalyzeEvery(s.analyzeEvery).withBranches(1)
                        .withStopAfterNoNewConcepts(0);
                RunRecord w = GrowthRun.builder(kg).llm(llm).retrieval(r).matcher(matcher)
                        .options(options.withMaxIterations(warmup)).build()
                        .start("What shaped the ideas around " + s.n + " concepts (warm-up " + rep + ")?",
                                "warmup-" + rep);
                check(w, warmup);
                GrowthRun run = GrowthRun.builder(kg).llm(llm).retrieval(r).matcher(probe.wrap(matcher))
                        .options(options.withMaxIterations(iterations + 1)).listener(probe).build();
                probe.begin();
                RunRecord m = run.start("What shaped the ideas around " + s.n + " concepts (run " + rep + ")?",
                        "measured-" + rep);
                check(m, iterations + 1);
            } finally {
                if (r != null) {
                    r.close();
                }
            }
        } finally {
            deleteTree(dir);
        }
        List<IterationProbe.Sample> samples = probe.samples().subList(1, probe.samples().size());
        Map<String, double[]> stats = new LinkedHashMap<>();
        Map<String, ToLongFunction<IterationProbe.Sample>> get = new LinkedHashMap<>();
        get.put("reported", IterationProbe.Sample::reported);
        get.put("wall", IterationProbe.Sample::wall);
        get.put("prep", IterationProbe.Sample::prep);
        get.put("resolve", IterationProbe.Sample::resolve);
        get.put("write", IterationProbe.Sample::write);
        get.put("follow", IterationProbe.Sample::follow);
        get.put("after", IterationProbe.Sample::after);
        get.put("llm", IterationProbe.Sample::llm);
        get.put("embedResolve", IterationProbe.Sample::resolveEmbedNanos);
        get.put("textsResolve", IterationProbe.Sample::resolveEmbedTexts);
        get.put("embedFollow", IterationProbe.Sample::followEmbedNanos);
        get.put("textsFollow", IterationProbe.Sample::followEmbedTexts);
        for (String k : MEASURES) {
            long[] xs = samples.stream().mapToLong(get.get(k)).sorted().toArray();
            double unit = k.startsWith("texts") ? 1 : 1e6;
            stats.put(k, new double[] {quantile(xs, 0.5) / unit, quantile(xs, 0.9) / unit});
        }
        return new RunStats(stats, samples.stream().mapToInt(IterationProbe.Sample::newConcepts).average().orElse(0),
                samples.stream().mapToInt(IterationProbe.Sample::reused).average().orElse(0));
    }

    /** One throughput run: a warm-up run, then {@code iterations} iterations timed from start to return. */
    private static ThroughputRun throughput(ScriptedLlmServer server, Path work, Path base, int branches,
            int maxConcurrent, int rep, int iterations) throws IOException {
        Path dir = work.resolve("run");
        deleteTree(dir);
        copyTree(base, dir);
        String config = branches == 1 ? "sequential (1 branch)"
                : branches + " branches, LLM client max " + maxConcurrent + " in flight";
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir)) {
            LlmClient llm = client(server, maxConcurrent);
            GrowthOptions options = GrowthOptions.defaults().withAnalyzeEvery(0).withBranches(branches)
                    .withStopAfterNoNewConcepts(0);
            check(GrowthRun.builder(kg).llm(llm).options(options.withMaxIterations(branches + 1)).build()
                    .start("What came before the first idea (warm-up " + rep + ")?", "warmup"), branches + 1);
            long[] llmNanos = {0};
            GrowthRun run = GrowthRun.builder(kg).llm(llm).options(options.withMaxIterations(iterations))
                    .listener(new org.rhizome.agent.growth.GrowthListener() {
                        @Override
                        public void iterationDone(org.rhizome.agent.growth.IterationResult it, RunRecord r) {
                            llmNanos[0] += it.llmTime().toNanos();
                        }
                    }).build();
            long t0 = System.nanoTime();
            RunRecord r = run.start("What came before the first idea (run " + rep + ")?", "measured");
            double seconds = (System.nanoTime() - t0) / 1e9;
            check(r, iterations);
            return new ThroughputRun(config, r.iterations(), seconds, llmNanos[0] / 1e9);
        } finally {
            deleteTree(dir);
        }
    }

    private static void check(RunRecord r, int iterations) {
        if (r.status() != RunStatus.STOPPED || r.iterations() != iterations) {
            throw new IllegalStateException("run " + r.id() + " ended " + r.status() + " after " + r.iterations()
                    + " iterations (expected " + iterations + "): " + r.stopReason().orElse(""));
        }
    }

    // ------------------------------------------------------------------------------------------------- report

    private static void printTables(Map<Series, List<RunStats>> results, List<ThroughputRun> throughput, int reps,
            int iterations, int[] sizes, int metricsSize, int latencyMs, int throughputSize) {
        System.out.println();
        System.out.println(fmt("Loop overhead per iteration, ms (server answering at once; %d iterations after a "
                + "warm-up run; median over %d runs of each run's median / p90)", iterations, reps));
        System.out.println();
        System.out.println("| concepts | matching | reported median | reported p90 | wall median | wall p90 "
                + "| runs' wall medians | prep | resolve | of which embedding (texts) | write + commit "
                + "| index follow | of which embedding (texts) | metrics | LLM call | new / reused per it. |");
        System.out.println("|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Map.Entry<Series, List<RunStats>> e : results.entrySet()) {
            Series s = e.getKey();
            List<RunStats> runs = e.getValue();
            StringBuilder b = new StringBuilder(fmt("| %,d | %s", s.n, s.name()));
            b.append(fmt(" | %.1f | %.1f | **%.1f** | %.1f | %s", med(runs, "reported", 0), med(runs, "reported", 1),
                    med(runs, "wall", 0), med(runs, "wall", 1), String.join(", ",
                            runs.stream().map(x -> fmt("%.1f", x.medianP90.get("wall")[0])).toList())));
            b.append(fmt(" | %.1f | %.1f", med(runs, "prep", 0), med(runs, "resolve", 0)));
            b.append(s.resolver == Resolver.EXACT ? " | -" : fmt(" | %.1f (%.0f)", med(runs, "embedResolve", 0),
                    med(runs, "textsResolve", 0)));
            b.append(fmt(" | %.1f | %.1f", med(runs, "write", 0), med(runs, "follow", 0)));
            b.append(s.resolver == Resolver.EXACT ? " | -" : fmt(" | %.1f (%.0f)", med(runs, "embedFollow", 0),
                    med(runs, "textsFollow", 0)));
            b.append(fmt(" | %.1f | %.1f", med(runs, "after", 0), med(runs, "llm", 0)));
            b.append(fmt(" | %.1f / %.1f |", runs.stream().mapToDouble(RunStats::newConcepts).average().orElse(0),
                    runs.stream().mapToDouble(RunStats::reused).average().orElse(0)));
            System.out.println(b);
        }
        System.out.println();
        System.out.println("reported = IterationResult.elapsed - llmTime; wall = time between iterations - llmTime "
                + "(phases are medians, so they need not add up to it); embedding = texts the model computed (cache "
                + "misses) and its time.");
        // growth per decade and the 50 ms goal
        for (Resolver r : Resolver.values()) {
            List<String> parts = new ArrayList<>();
            Double prev = null;
            int prevN = 0;
            for (int n : sizes) {
                List<RunStats> runs = results.get(new Series(n, r, 0));
                if (runs == null) {
                    continue;
                }
                double m = med(runs, "wall", 0);
                if (prev != null) {
                    parts.add(fmt("x%.2f from %,d to %,d concepts (x%.0f)", m / prev, prevN, n, (double) n / prevN));
                }
                prev = m;
                prevN = n;
            }
            if (!parts.isEmpty()) {
                System.out.println("growth of the wall overhead, " + r.title + ": " + String.join("; ", parts));
            }
        }
        for (Resolver r : Resolver.values()) {
            List<RunStats> runs = results.get(new Series(metricsSize, r, 0));
            if (runs != null) {
                double m = med(runs, "wall", 0);
                System.out.println(fmt("goal 'under 50 ms median at %,d nodes', %s: %.1f ms wall (%.1f ms reported): "
                        + "%s", metricsSize, r.title, m, med(runs, "reported", 0), m < 50 ? "met" : "NOT met"));
            }
        }
        if (!throughput.isEmpty()) {
            System.out.println();
            System.out.println(fmt("Throughput at %,d concepts, server latency %d ms (median of %d runs; exact "
                    + "labels, no metrics)",
                    throughputSize, latencyMs, reps));
            System.out.println();
            System.out.println("| configuration | iterations | wall s | iterations/s | runs, it/s | vs sequential |");
            System.out.println("|---|---:|---:|---:|---|---:|");
            Map<String, List<ThroughputRun>> by = new LinkedHashMap<>();
            for (ThroughputRun t : throughput) {
                by.computeIfAbsent(t.iterations + "|" + t.config, k -> new ArrayList<>()).add(t);
            }
            double seq = Double.NaN;
            for (Map.Entry<String, List<ThroughputRun>> e : by.entrySet()) {
                if (e.getValue().get(0).config.startsWith("sequential")) {
                    seq = Double.NaN;
                }
                double[] rates = e.getValue().stream().mapToDouble(t -> t.iterations / t.seconds).toArray();
                double[] secs = e.getValue().stream().mapToDouble(ThroughputRun::seconds).toArray();
                double rate = median(rates);
                if (Double.isNaN(seq)) {
                    seq = rate;
                }
                System.out.println(fmt("| %s | %d | %.2f | %.2f | %s | **%.2fx** |", e.getValue().get(0).config,
                        e.getValue().get(0).iterations, median(secs), rate, String.join(", ",
                                Arrays.stream(rates).mapToObj(x -> fmt("%.2f", x)).toList()), rate / seq));
            }
        }
    }

    private static double med(List<RunStats> runs, String measure, int which) {
        return median(runs.stream().mapToDouble(r -> r.medianP90.get(measure)[which]).toArray());
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static int count(String s) {
        return (int) Math.round(Double.parseDouble(s));
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** Nearest-rank quantile of sorted values. */
    static long quantile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).orElse(cpu);
        } catch (IOException | UncheckedIOException e) {
            // not Linux
        }
        return fmt("%s, %d cores visible to the JVM, %s %s, -Xmx %d MiB", cpu,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);
    }

    private static String mib(long bytes) {
        return fmt("%.1f MiB", bytes / 1048576.0);
    }

    /** Disk space in use (TDB2's files are sparse: their apparent size is far larger). */
    private static long sizeOnDisk(Path dir) throws IOException {
        return Long.parseLong(exec("du", "-sk", dir.toString()).split("\\s+")[0]) * 1024;
    }

    /** A copy keeping TDB2's files sparse ({@code Files.copy} would write out their holes). */
    private static void copyTree(Path from, Path to) throws IOException {
        exec("cp", "-r", "--sparse=always", from.toString(), to.toString());
    }

    private static String exec(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
