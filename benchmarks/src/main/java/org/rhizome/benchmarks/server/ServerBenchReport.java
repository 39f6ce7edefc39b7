package org.rhizome.benchmarks.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Prints the endpoint benchmark's Markdown tables from the lines {@link LoadClient} appended: per client count and
 * server, the medians over rounds of throughput, p50 and p99, the errors summed over rounds, and the Rhizome/Fuseki
 * throughput ratio as the median of the per-round ratios (each round ran both servers back to back); then the
 * per-kind latencies; then the goals (ratio at least 0.95, no errors, p99 at the largest client count under the
 * query timeout).
 *
 * <p>Usage: {@code ServerBenchReport <results.tsv> [query timeout ms = 10000] [method = GET]}.
 */
public final class ServerBenchReport {
    private static final String RHIZOME = "rhizome";
    private static final String FUSEKI = "fuseki";

    private ServerBenchReport() {}

    private record Run(String server, int clients, String round, String method, Map<String, String> v) {
        double d(String key) {
            return Double.parseDouble(v.get(key));
        }
    }

    public static void main(String[] args) throws IOException {
        List<String> lines = Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8);
        double timeoutMs = args.length > 1 ? Double.parseDouble(args[1]) : 10_000;
        String method = args.length > 2 ? args[2] : "GET";
        String[] header = null;
        List<Run> runs = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t");
            if (f[0].equals("server")) {
                header = f;
                continue;
            }
            Map<String, String> v = new HashMap<>();
            for (int i = 0; i < f.length; i++) {
                v.put(header[i], f[i]);
            }
            if (v.get("method").equals(method)) {
                runs.add(new Run(f[0], Integer.parseInt(f[1]), f[2], f[3], v));
            }
        }
        TreeSet<Integer> clientCounts = new TreeSet<>();
        runs.forEach(r -> clientCounts.add(r.clients()));
        System.out.println("| clients | server | queries/s (median) | min - max | p50 ms | p99 ms | errors "
                + "(all rounds) | rounds | Rhizome / Fuseki queries/s (median of per-round ratios; min - max) |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        List<String> goals = new ArrayList<>();
        for (int c : clientCounts) {
            double[] ratios = ratios(runs, c);
            for (String s : List.of(FUSEKI, RHIZOME)) {
                List<Run> rs = select(runs, s, c);
                if (rs.isEmpty()) {
                    continue;
                }
                double[] qps = rs.stream().mapToDouble(r -> r.d("qps")).toArray();
                long errors = rs.stream().mapToLong(r -> Long.parseLong(r.v().get("errors"))).sum();
                String ratio = s.equals(RHIZOME) && ratios.length > 0 ? String.format(Locale.ROOT,
                        "**%.3f** (%.3f - %.3f)", median(ratios), min(ratios), max(ratios)) : "";
                System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %,.0f - %,.0f | %.2f | %.2f | %d | %d | %s |%n", c,
                        s.equals(RHIZOME) ? "RhizomeServer (safety on)" : "standalone Fuseki", median(qps), min(qps),
                        max(qps), median(col(rs, "p50_ms")), median(col(rs, "p99_ms")), errors, rs.size(), ratio);
            }
            if (ratios.length > 0) {
                List<Run> rz = select(runs, RHIZOME, c);
                long rzErrors = rz.stream().mapToLong(r -> Long.parseLong(r.v().get("errors"))).sum();
                double p99 = median(col(rz, "p99_ms"));
                double worstP99 = max(col(rz, "p99_ms"));
                goals.add(String.format(Locale.ROOT, "%d clients: throughput ratio %.3f (%s 0.95), %d errors, p99 %.1f "
                        + "ms median / %.1f ms worst round (timeout %.0f ms)", c, median(ratios),
                        median(ratios) >= 0.95 ? ">=" : "<", rzErrors, p99, worstP99, timeoutMs));
            }
        }
        System.out.println();
        System.out.println("Latency by query kind, ms (medians over rounds of each run's p50 and p99):");
        System.out.println();
        System.out.println("| clients | kind | share of queries | Fuseki p50 | Rhizome p50 | Rhizome / Fuseki p50 | "
                + "Fuseki p99 | Rhizome p99 |");
        System.out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        for (int c : clientCounts) {
            List<Run> fu = select(runs, FUSEKI, c);
            List<Run> rz = select(runs, RHIZOME, c);
            if (fu.isEmpty() || rz.isEmpty()) {
                continue;
            }
            double all = median(col(rz, "measured"));
            for (QueryMix.Kind k : QueryMix.Kind.values()) {
                if (!rz.get(0).v().containsKey(k + "_n") || median(col(rz, k + "_n")) == 0) {
                    continue; // a kind this mix does not send
                }
                double fp50 = median(col(fu, k + "_p50"));
                double rp50 = median(col(rz, k + "_p50"));
                System.out.printf(Locale.ROOT, "| %d | %s | %.0f%% | %.2f | %.2f | %.2f | %.2f | %.2f |%n", c,
                        k.name().toLowerCase(Locale.ROOT).replace('_', '-'), 100 * median(col(rz, k + "_n")) / all,
                        fp50, rp50, rp50 / fp50, median(col(fu, k + "_p99")), median(col(rz, k + "_p99")));
            }
        }
        System.out.println();
        goals.forEach(g -> System.out.println("- " + g));
    }

    private static List<Run> select(List<Run> runs, String server, int clients) {
        return runs.stream().filter(r -> r.server().equals(server) && r.clients() == clients).toList();
    }

    /** Rhizome/Fuseki throughput for every round that ran both at this client count. */
    private static double[] ratios(List<Run> runs, int clients) {
        List<Double> out = new ArrayList<>();
        for (Run rz : select(runs, RHIZOME, clients)) {
            for (Run fu : select(runs, FUSEKI, clients)) {
                if (fu.round().equals(rz.round())) {
                    out.add(rz.d("qps") / fu.d("qps"));
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] col(List<Run> rs, String key) {
        return rs.stream().mapToDouble(r -> r.d(key)).toArray();
    }

    static double median(double[] xs) {
        if (xs.length == 0) {
            return Double.NaN;
        }
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElse(Double.NaN);
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElse(Double.NaN);
    }
}
