package org.rhizome.benchmarks.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import org.apache.jena.graph.Node;
import org.apache.jena.query.ResultSet;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;

/**
 * HTTP load client of the endpoint benchmark: {@code clients} virtual users, one thread each, each sending its next
 * query as soon as the previous answer has been read in full (a closed loop, no think time), through one
 * {@link HttpClient} (HTTP/1.1, a pooled connection per user), asking for SPARQL JSON results.
 *
 * <p><b>Phases.</b> All users start together and send warm-up queries for {@code warmup} seconds, then measured
 * queries for {@code duration} seconds. Each user draws warm-up and measured queries from two generators seeded from
 * {@code seed} and its number, so user {@code u}'s measured sequence is the same on every server (a faster server
 * gets further along it). <b>Throughput</b> counts the answers completed inside the measured window, divided by its
 * length. <b>Latency</b> (time from sending to the last byte of the body) is over every query started inside the
 * window (the ones still running at its end are waited for). <b>Errors</b>: a non-2xx status, an exception, or a body
 * that is not a JSON object, among the measured queries (warm-up errors are reported apart).
 *
 * <p>One line per run is appended to {@code --out} (tab-separated, with a header when the file is new) and a summary
 * printed. {@code --check N} instead runs user 0's first {@code N} measured queries one at a time, parses every
 * result and prints a digest of the sorted rows per query, so two servers can be shown to give the same answers.
 *
 * <p>Usage: {@code LoadClient --url <sparql endpoint> [--clients 8] [--warmup 15] [--duration 30] [--seed 1]
 * [--statements 1000000] [--kg-seed 42] [--server name] [--round 1] [--method GET|POST] [--mix full|light]
 * [--out results.tsv] [--check N]}. {@code POST} sends an HTML form ({@code query=...}), as Jena's client does for long queries.
 */
public final class LoadClient {
    private static final String ACCEPT = "application/sparql-results+json";
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final QueryMix.Kind[] KINDS = QueryMix.Kind.values();

    private final HttpClient http;
    private final String url;
    private final boolean post;
    private final QueryMix mix;
    final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();

    LoadClient(String url, boolean post, QueryMix mix) {
        this.url = url;
        this.post = post;
        this.mix = mix;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = parseArgs(args);
        if (!a.containsKey("url")) {
            System.err.println("usage: LoadClient --url <sparql endpoint> [--clients 8] [--warmup 15] [--duration 30] "
                    + "[--seed 1] [--statements 1000000] [--kg-seed 42] [--server name] [--round 1] "
                    + "[--method GET|POST] [--mix full|light] [--out results.tsv] [--check N]");
            System.exit(2);
        }
        SyntheticKg kg = new SyntheticKg(SyntheticKg.Shape.of((long) Double.parseDouble(a.getOrDefault("statements",
                "1000000")), Long.parseLong(a.getOrDefault("kg-seed", "42"))));
        String method = a.getOrDefault("method", "GET").toUpperCase(Locale.ROOT);
        if (!method.equals("GET") && !method.equals("POST")) {
            throw new IllegalArgumentException("--method must be GET or POST, got " + method);
        }
        String mixName = a.getOrDefault("mix", "full");
        if (!mixName.equals("full") && !mixName.equals("light")) {
            throw new IllegalArgumentException("--mix must be full or light, got " + mixName);
        }
        LoadClient client = new LoadClient(a.get("url"), method.equals("POST"), new QueryMix(kg,
                mixName.equals("light")));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        String server = a.getOrDefault("server", a.get("url"));
        if (a.containsKey("check")) {
            client.check(Integer.parseInt(a.get("check")), seed, server);
            return;
        }
        int clients = Integer.parseInt(a.getOrDefault("clients", "8"));
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "15"));
        double duration = Double.parseDouble(a.getOrDefault("duration", "30"));
        Result r = client.run(clients, warmup, duration, seed);
        String round = a.getOrDefault("round", "1");
        System.out.println(r.summary(server, clients, method));
        client.errorKinds.forEach((k, v) -> System.out.println("  error x" + v.sum() + ": " + k));
        if (a.containsKey("out")) {
            appendRows(Path.of(a.get("out")), Result.header(), List.of(r.row(server, clients, round, method)));
        }
    }


    // ---------------------------------------------------------------------------------------------------------
    // Load

    private Result run(int clients, double warmupSeconds, double durationSeconds, long seed)
            throws InterruptedException {
        long warmupNanos = (long) (warmupSeconds * 1e9);
        long durationNanos = (long) (durationSeconds * 1e9);
        CountDownLatch go = new CountDownLatch(1);
        long[] times = new long[2]; // measure start, end; set before the latch opens
        List<User> users = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < clients; u++) {
            User user = new User(measuredRandom(seed, u), new SplittableRandom(SyntheticKg.mix(~seed * 31 + u)), go,
                    times);
            users.add(user);
            Thread t = new Thread(user, "user-" + u);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        times[0] = t0 + warmupNanos;
        times[1] = times[0] + durationNanos;
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        return Result.of(users, durationNanos);
    }

    static SplittableRandom measuredRandom(long seed, int user) {
        return new SplittableRandom(SyntheticKg.mix(seed * 1_000_003L + user));
    }

    /** One virtual user: its generators, and its measured samples in growable arrays. */
    private final class User implements Runnable {
        private final SplittableRandom measured;
        private final SplittableRandom warm;
        private final CountDownLatch go;
        private final long[] times;
        long[] latencies = new long[1024];
        byte[] kinds = new byte[1024];
        boolean[] ok = new boolean[1024];
        int n;
        long completedInWindow;
        long warmupQueries;
        long warmupErrors;
        long bytes;

        User(SplittableRandom measured, SplittableRandom warm, CountDownLatch go, long[] times) {
            this.measured = measured;
            this.warm = warm;
            this.go = go;
            this.times = times;
        }

        @Override
        public void run() {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            long start = times[0];
            long end = times[1];
            while (true) {
                long sent = System.nanoTime();
                if (sent >= end) {
                    break;
                }
                boolean measuring = sent >= start;
                QueryMix.Query q = mix.next(measuring ? measured : warm);
                byte[] body = send(q.sparql());
                boolean good = body != null;
                long done = System.nanoTime();
                if (done >= start && done < end) {
                    completedInWindow++;
                }
                if (measuring) {
                    add(done - sent, q.kind(), good);
                    if (good) {
                        bytes += body.length;
                    }
                } else {
                    warmupQueries++;
                    if (!good) {
                        warmupErrors++;
                    }
                }
            }
        }

        private void add(long latency, QueryMix.Kind kind, boolean good) {
            if (n == latencies.length) {
                latencies = Arrays.copyOf(latencies, 2 * n);
                kinds = Arrays.copyOf(kinds, 2 * n);
                ok = Arrays.copyOf(ok, 2 * n);
            }
            latencies[n] = latency;
            kinds[n] = (byte) kind.ordinal();
            ok[n] = good;
            n++;
        }
    }

    /** Sends one query and reads the whole answer: the body, or null (an error, counted by kind) if it failed. */
    byte[] send(String sparql) {
        String form = "query=" + URLEncoder.encode(sparql, StandardCharsets.UTF_8);
        HttpRequest.Builder b = HttpRequest.newBuilder().timeout(REQUEST_TIMEOUT).header("Accept", ACCEPT);
        HttpRequest req = post
                ? b.uri(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form)).build()
                : b.uri(URI.create(url + "?" + form)).GET().build();
        try {
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            byte[] body = r.body();
            if (r.statusCode() / 100 != 2) {
                String text = new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8).strip();
                error("HTTP " + r.statusCode() + ": " + text.replaceAll("\\s+", " "));
                return null;
            }
            if (!isJsonObject(body)) {
                error("HTTP " + r.statusCode() + " with a body that is not a JSON object (" + body.length + " bytes)");
                return null;
            }
            return body;
        } catch (IOException e) {
            error(e.getClass().getSimpleName() + ": " + e.getMessage());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error("interrupted");
            return null;
        }
    }

    private void error(String what) {
        errorKinds.computeIfAbsent(what, k -> new LongAdder()).increment();
    }

    /** True if the first and last non-blank bytes are braces (a whole body, not a truncated stream). */
    private static boolean isJsonObject(byte[] b) {
        int i = 0;
        int j = b.length - 1;
        while (i <= j && Character.isWhitespace(b[i])) {
            i++;
        }
        while (j >= i && Character.isWhitespace(b[j])) {
            j--;
        }
        return i < j && b[i] == '{' && b[j] == '}';
    }

    // ---------------------------------------------------------------------------------------------------------
    // Check

    private void check(int count, long seed, String server) throws NoSuchAlgorithmException {
        SplittableRandom rng = measuredRandom(seed, 0);
        MessageDigest all = MessageDigest.getInstance("SHA-256");
        long[] rows = new long[KINDS.length];
        int[] queries = new int[KINDS.length];
        int failed = 0;
        for (int i = 0; i < count; i++) {
            QueryMix.Query q = mix.next(rng);
            byte[] body = send(q.sparql());
            queries[q.kind().ordinal()]++;
            if (body == null) {
                failed++;
                all.update(("error " + i + "\n").getBytes(StandardCharsets.UTF_8));
                continue;
            }
            ResultSet rs = ResultSetMgr.read(new ByteArrayInputStream(body), ResultSetLang.RS_JSON);
            List<String> lines = new ArrayList<>();
            List<String> vars = rs.getResultVars();
            while (rs.hasNext()) {
                Binding b = rs.nextBinding();
                StringBuilder sb = new StringBuilder();
                for (String v : vars) {
                    Node node = b.get(Var.alloc(v));
                    sb.append(v).append('=').append(node == null ? "" : node.toString()).append('\t');
                }
                lines.add(sb.toString());
            }
            rows[q.kind().ordinal()] += lines.size();
            lines.sort(null);
            all.update((i + " " + q.kind() + " " + lines.size() + "\n" + String.join("\n", lines) + "\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        StringBuilder per = new StringBuilder();
        for (QueryMix.Kind k : KINDS) {
            per.append(' ').append(k).append('=').append(queries[k.ordinal()]).append('/').append(rows[k.ordinal()]);
        }
        System.out.println("CHECK " + HexFormat.of().formatHex(all.digest()) + " queries=" + count + " errors="
                + failed + " (kind=queries/rows)" + per + " server=" + server);
        errorKinds.forEach((k, v) -> System.out.println("  error x" + v.sum() + ": " + k));
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Outcome of one load run. Latencies in nanoseconds, sorted; per kind likewise. */
    record Result(double throughput, long[] latencies, long[][] byKind, long errors, long measured,
            long warmupQueries, long warmupErrors, long bytes) {

        static Result of(List<User> users, long durationNanos) {
            long completed = 0;
            long errors = 0;
            long warmQ = 0;
            long warmE = 0;
            long bytes = 0;
            int total = 0;
            for (User u : users) {
                completed += u.completedInWindow;
                warmQ += u.warmupQueries;
                warmE += u.warmupErrors;
                bytes += u.bytes;
                total += u.n;
            }
            long[] all = new long[total];
            int[] perKind = new int[KINDS.length];
            int at = 0;
            for (User u : users) {
                for (int i = 0; i < u.n; i++) {
                    all[at++] = u.latencies[i];
                    perKind[u.kinds[i]]++;
                    if (!u.ok[i]) {
                        errors++;
                    }
                }
            }
            long[][] byKind = new long[KINDS.length][];
            int[] fill = new int[KINDS.length];
            for (int k = 0; k < KINDS.length; k++) {
                byKind[k] = new long[perKind[k]];
            }
            for (User u : users) {
                for (int i = 0; i < u.n; i++) {
                    byKind[u.kinds[i]][fill[u.kinds[i]]++] = u.latencies[i];
                }
            }
            Arrays.sort(all);
            for (long[] k : byKind) {
                Arrays.sort(k);
            }
            return new Result(completed / (durationNanos / 1e9), all, byKind, errors, total, warmQ, warmE, bytes);
        }

        /** Nearest-rank quantile in milliseconds (NaN when there are no samples). */
        static double ms(long[] sorted, double p) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }

        double meanMs() {
            return Arrays.stream(latencies).average().orElse(Double.NaN) / 1e6;
        }

        static String header() {
            StringBuilder sb = new StringBuilder("server\tclients\tround\tmethod\tqps\tp50_ms\tp99_ms\tmean_ms\tmax_ms"
                    + "\terrors\tmeasured\twarmup_queries\twarmup_errors\tMiB");
            for (QueryMix.Kind k : KINDS) {
                sb.append('\t').append(k).append("_n\t").append(k).append("_p50\t").append(k).append("_p99");
            }
            return sb.toString();
        }

        String row(String server, int clients, String round, String method) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%s\t%d\t%s\t%s\t%.2f\t%.3f\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%.1f", server, clients, round, method,
                    throughput, ms(latencies, 0.50), ms(latencies, 0.99), meanMs(), ms(latencies, 1.0), errors,
                    measured, warmupQueries, warmupErrors, bytes / 1048576.0));
            for (long[] k : byKind) {
                sb.append(String.format(Locale.ROOT, "\t%d\t%.3f\t%.3f", k.length, ms(k, 0.50), ms(k, 0.99)));
            }
            return sb.toString();
        }

        String summary(String server, int clients, String method) {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "%s, %d clients, %s: %.1f queries/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, %d errors of %d "
                    + "measured (warm-up: %d queries, %d errors), %.1f MiB read", server, clients, method, throughput,
                    ms(latencies, 0.50), ms(latencies, 0.99), ms(latencies, 1.0), errors, measured, warmupQueries,
                    warmupErrors, bytes / 1048576.0));
            for (QueryMix.Kind k : KINDS) {
                long[] s = byKind[k.ordinal()];
                sb.append(String.format(Locale.ROOT, "%n  %-9s n=%d p50 %.2f ms p99 %.2f ms", k, s.length,
                        ms(s, 0.50), ms(s, 0.99)));
            }
            return sb.toString();
        }
    }

    /** Appends {@code rows} to the tab-separated file {@code out}, writing {@code header} first if it is new. */
    static void appendRows(Path out, String header, List<String> rows) throws IOException {
        boolean fresh = !Files.exists(out);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND))) {
            if (fresh) {
                w.println(header);
            }
            rows.forEach(w::println);
        }
    }

    static Map<String, String> parseArgs(String[] args) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            m.put(args[i].substring(2), args[++i]);
        }
        return m;
    }
}
