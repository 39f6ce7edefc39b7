package org.rhizome.benchmarks.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Paired, interleaved load test of two SPARQL endpoints that run side by side: the same virtual users (closed loop, as
 * in {@link LoadClient}) switch between server A and server B every {@code slice} seconds, so both are measured under
 * the same machine conditions, seconds apart. On a shared machine whose speed drifts by tens of
 * percent within minutes (measured here: 252 and 421 queries/s from the same server in consecutive runs), comparing
 * two 40-second runs cannot resolve a 5% difference; comparing many adjacent slice pairs can.
 *
 * <p><b>Schedule.</b> A warm-up of alternating slices on both servers (not counted), then {@code pairs} pairs of
 * slices in the order ABBA ABBA... (each pair is A then B or B then A, alternating, so a steady drift within a pair
 * favours neither server). Each slice begins with {@code settle} seconds that are not counted, while answers to the
 * previous slice's queries drain; then the slice's throughput is the queries sent and answered inside the rest of it,
 * divided by its length. Latency is over the queries sent in the counted part.
 *
 * <p><b>Statistic.</b> Per pair, the ratio of A's to B's throughput; reported: the median over pairs with a 95%
 * bootstrap interval (2,000 resamples of the pairs, seeded), the quartiles, and the ratio of the totals. Running the
 * same server as A and B gives the method's own spread (an A/A test).
 *
 * <p>Each user keeps one measured query sequence per server, seeded as {@link LoadClient} seeds it, so both servers
 * are asked the same queries in the same order by each user.
 *
 * <p>Usage: {@code InterleavedLoad --url-a URL --name-a NAME --url-b URL --name-b NAME [--clients 8] [--warmup 20]
 * [--slice 6] [--settle 1] [--pairs 24] [--seed 1] [--statements 1000000] [--kg-seed 42] [--method GET|POST]
 * [--mix full|light] [--out pairs.tsv]}.
 */
public final class InterleavedLoad {
    private InterleavedLoad() {}

    /** One slice of the schedule: [start, end) in nanoseconds from t0, counted from countFrom, on target 0 or 1. */
    private record Slice(long start, long countFrom, long end, int target, int pair) {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = LoadClient.parseArgs(args);
        for (String k : List.of("url-a", "url-b")) {
            if (!a.containsKey(k)) {
                System.err.println("usage: InterleavedLoad --url-a URL --name-a NAME --url-b URL --name-b NAME "
                        + "[--clients 8] [--warmup 20] [--slice 6] [--settle 1] [--pairs 24] [--seed 1] "
                        + "[--statements 1000000] [--kg-seed 42] [--method GET|POST] [--mix full|light] [--out F]");
                System.exit(2);
            }
        }
        String[] names = {a.getOrDefault("name-a", "A"), a.getOrDefault("name-b", "B")};
        SyntheticKg kg = new SyntheticKg(SyntheticKg.Shape.of((long) Double.parseDouble(a.getOrDefault("statements",
                "1000000")), Long.parseLong(a.getOrDefault("kg-seed", "42"))));
        String method = a.getOrDefault("method", "GET").toUpperCase(Locale.ROOT);
        String mixName = a.getOrDefault("mix", "full");
        if (!method.equals("GET") && !method.equals("POST") || !mixName.equals("full") && !mixName.equals("light")) {
            throw new IllegalArgumentException("--method must be GET or POST and --mix full or light");
        }
        QueryMix mix = new QueryMix(kg, mixName.equals("light"));
        LoadClient[] servers = {new LoadClient(a.get("url-a"), method.equals("POST"), mix),
            new LoadClient(a.get("url-b"), method.equals("POST"), mix)};
        int clients = Integer.parseInt(a.getOrDefault("clients", "8"));
        double warmup = Double.parseDouble(a.getOrDefault("warmup", "20"));
        double slice = Double.parseDouble(a.getOrDefault("slice", "6"));
        double settle = Double.parseDouble(a.getOrDefault("settle", "1"));
        int pairs = Integer.parseInt(a.getOrDefault("pairs", "24"));
        long seed = Long.parseLong(a.getOrDefault("seed", "1"));
        if (settle >= slice || pairs < 2) {
            throw new IllegalArgumentException("--settle must be shorter than --slice, and --pairs at least 2");
        }

        List<Slice> schedule = new ArrayList<>();
        long sliceNs = (long) (slice * 1e9);
        long settleNs = (long) (settle * 1e9);
        long t = 0;
        for (int w = 0; t < (long) (warmup * 1e9); w++, t += sliceNs) {
            schedule.add(new Slice(t, Long.MAX_VALUE, t + sliceNs, w % 2, -1));
        }
        for (int p = 0; p < pairs; p++) {
            int first = p % 2;
            for (int k = 0; k < 2; k++, t += sliceNs) {
                schedule.add(new Slice(t, t + settleNs, t + sliceNs, k == 0 ? first : 1 - first, p));
            }
        }
        Slice[] plan = schedule.toArray(new Slice[0]);
        AtomicLongArray completed = new AtomicLongArray(plan.length);
        long[][][] latencies = new long[clients][2][];
        int[][] counts = new int[clients][2];
        long[][] errors = new long[clients][2];

        long t0 = System.nanoTime() + 200_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int u = 0; u < clients; u++) {
            final int user = u;
            SplittableRandom[] measured = {LoadClient.measuredRandom(seed, u), LoadClient.measuredRandom(seed, u)};
            SplittableRandom warm = new SplittableRandom(SyntheticKg.mix(~seed * 31 + u));
            latencies[u][0] = new long[1024];
            latencies[u][1] = new long[1024];
            Thread th = new Thread(() -> {
                int at = 0;
                while (true) {
                    long sent = System.nanoTime() - t0;
                    if (sent < 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(-sent);
                        continue;
                    }
                    while (at < plan.length && sent >= plan[at].end()) {
                        at++;
                    }
                    if (at == plan.length) {
                        return;
                    }
                    Slice s = plan[at];
                    boolean counting = sent >= s.countFrom();
                    QueryMix.Query q = mix.next(counting ? measured[s.target()] : warm);
                    byte[] body = servers[s.target()].send(q.sparql());
                    long done = System.nanoTime() - t0;
                    if (counting) {
                        int tg = s.target();
                        if (body == null) {
                            errors[user][tg]++;
                        }
                        if (done < s.end()) {
                            completed.incrementAndGet(at);
                        }
                        if (counts[user][tg] == latencies[user][tg].length) {
                            latencies[user][tg] = Arrays.copyOf(latencies[user][tg], 2 * counts[user][tg]);
                        }
                        latencies[user][tg][counts[user][tg]++] = done - sent;
                    }
                }
            }, "user-" + u);
            th.setDaemon(true);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }

        double countedSeconds = (sliceNs - settleNs) / 1e9;
        double[][] qps = new double[pairs][2];
        for (int i = 0; i < plan.length; i++) {
            if (plan[i].pair() >= 0) {
                qps[plan[i].pair()][plan[i].target()] = completed.get(i) / countedSeconds;
            }
        }
        double[] ratios = new double[pairs];
        double[] total = new double[2];
        for (int p = 0; p < pairs; p++) {
            ratios[p] = qps[p][0] / qps[p][1];
            total[0] += qps[p][0];
            total[1] += qps[p][1];
        }
        double[] sorted = ratios.clone();
        Arrays.sort(sorted);
        double[] ci = bootstrapMedian(ratios, 2000, seed);
        long[][] lat = new long[2][];
        long[] err = new long[2];
        for (int tg = 0; tg < 2; tg++) {
            int n = 0;
            for (int u = 0; u < clients; u++) {
                n += counts[u][tg];
                err[tg] += errors[u][tg];
            }
            lat[tg] = new long[n];
            int at = 0;
            for (int u = 0; u < clients; u++) {
                System.arraycopy(latencies[u][tg], 0, lat[tg], at, counts[u][tg]);
                at += counts[u][tg];
            }
            Arrays.sort(lat[tg]);
        }
        System.out.printf(Locale.ROOT, "%d clients, %s, mix %s, %d pairs of %.1f s slices (%.1f s counted each)%n",
                clients, method, mixName, pairs, slice, countedSeconds);
        for (int tg = 0; tg < 2; tg++) {
            System.out.printf(Locale.ROOT, "  %-8s %.1f queries/s (mean over slices), p50 %.2f ms, p99 %.2f ms, "
                    + "%d errors of %d%n", names[tg], total[tg] / pairs, ms(lat[tg], 0.5), ms(lat[tg], 0.99),
                    err[tg], lat[tg].length);
        }
        System.out.printf(Locale.ROOT, "RATIO %s/%s clients=%d median=%.3f ci95=%.3f-%.3f q1=%.3f q3=%.3f min=%.3f "
                + "max=%.3f totals=%.3f pairs=%d%n", names[0], names[1], clients, ServerBenchReport.median(sorted),
                ci[0], ci[1], quantile(sorted, 0.25), quantile(sorted, 0.75), sorted[0], sorted[pairs - 1],
                total[0] / total[1], pairs);
        if (a.containsKey("out")) {
            List<String> rows = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                rows.add(String.format(Locale.ROOT, "%s\t%s\t%d\t%s\t%s\t%d\t%.2f\t%.2f\t%.4f\t%.3f\t%.3f\t%.3f\t%.3f"
                        + "\t%d\t%d", names[0], names[1], clients, mixName, method, p, qps[p][0], qps[p][1],
                        ratios[p], ms(lat[0], 0.5), ms(lat[0], 0.99), ms(lat[1], 0.5), ms(lat[1], 0.99), err[0],
                        err[1]));
            }
            LoadClient.appendRows(Path.of(a.get("out")), "a\tb\tclients\tmix\tmethod\tpair\tqps_a\tqps_b\tratio"
                    + "\tp50_a_ms\tp99_a_ms\tp50_b_ms\tp99_b_ms\terrors_a\terrors_b", rows);
        }
        servers[0].errorKinds.forEach((k, v) -> System.out.println("  " + names[0] + " error x" + v.sum() + ": " + k));
        servers[1].errorKinds.forEach((k, v) -> System.out.println("  " + names[1] + " error x" + v.sum() + ": " + k));
    }

    private static double ms(long[] sorted, double p) {
        return LoadClient.Result.ms(sorted, p);
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** 2.5% and 97.5% percentiles of the median over {@code resamples} bootstrap resamples. */
    static double[] bootstrapMedian(double[] values, int resamples, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] medians = new double[resamples];
        double[] sample = new double[values.length];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < sample.length; i++) {
                sample[i] = values[rng.nextInt(values.length)];
            }
            Arrays.sort(sample);
            medians[r] = ServerBenchReport.median(sample);
        }
        Arrays.sort(medians);
        return new double[] {quantile(medians, 0.025), quantile(medians, 0.975)};
    }
}
