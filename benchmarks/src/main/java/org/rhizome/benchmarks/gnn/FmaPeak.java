package org.rhizome.benchmarks.gnn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.rhizome.benchmarks.BenchArgs;

/**
 * The machine's float32 fused multiply-add limit as the Vector API reaches it: each thread runs 12 independent
 * accumulators of the preferred species through {@code iterations} rounds of fused multiply-adds on registers only
 * (no memory traffic), so the figure is what the cores' FMA units deliver to Java, the ceiling for the kernels'
 * GFLOP/s. 12 chains hide the FMA latency (4 cycles) on two FMA pipes with room to spare. Prints one JSON line per
 * thread count: the median of {@code runs} timed runs after {@code warmup} untimed ones.
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... org.rhizome.benchmarks.gnn.FmaPeak threads=1,2 runs=5</pre>
 */
public final class FmaPeak {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private FmaPeak() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchArgs.parse(args, "threads", "1,2", "iterations", "200000000", "runs", "5",
                "warmup", "2");
        long iterations = Long.parseLong(o.get("iterations"));
        int runs = Integer.parseInt(o.get("runs"));
        int warmup = Integer.parseInt(o.get("warmup"));
        for (String t : o.get("threads").split(",")) {
            int threads = Integer.parseInt(t.trim());
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                double[] gflops = new double[runs];
                for (int r = -warmup; r < runs; r++) {
                    // fewer rounds while warming up, enough for C2 to compile the loop
                    long n = r < 0 ? iterations / 20 : iterations / threads;
                    List<Callable<Float>> tasks = new ArrayList<>();
                    for (int i = 0; i < threads; i++) {
                        float seed = 1f + i * 1e-3f;
                        tasks.add(() -> chains(n, seed));
                    }
                    long t0 = System.nanoTime();
                    float sink = 0;
                    for (Future<Float> f : pool.invokeAll(tasks)) {
                        sink += f.get();
                    }
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (r >= 0) {
                        // 12 vectors x lanes x 2 FLOP per round, n rounds per thread
                        gflops[r] = 12.0 * S.length() * 2 * n * threads / s / 1e9;
                    }
                    if (Float.isNaN(sink)) {
                        System.out.println("# NaN"); // keeps the sums alive
                    }
                }
                double[] sorted = gflops.clone();
                java.util.Arrays.sort(sorted);
                System.out.printf("{\"threads\": %d, \"lanes\": %d, \"gflops_median\": %.1f, \"runs\": %s}%n",
                        threads, S.length(), sorted[runs / 2], java.util.Arrays.toString(round(gflops)));
            } finally {
                pool.shutdown();
            }
        }
    }

    /** {@code v} rounded to tenths, for printing. */
    static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 10) / 10.0;
        }
        return r;
    }

    /** {@code n} rounds of 12 independent fused multiply-adds; the result keeps C2 from dropping them. */
    private static float chains(long n, float seed) {
        FloatVector m = FloatVector.broadcast(S, 0.999999f);
        FloatVector c = FloatVector.broadcast(S, 1e-7f * seed);
        FloatVector a0 = FloatVector.broadcast(S, seed);
        FloatVector a1 = FloatVector.broadcast(S, seed + 1);
        FloatVector a2 = FloatVector.broadcast(S, seed + 2);
        FloatVector a3 = FloatVector.broadcast(S, seed + 3);
        FloatVector a4 = FloatVector.broadcast(S, seed + 4);
        FloatVector a5 = FloatVector.broadcast(S, seed + 5);
        FloatVector a6 = FloatVector.broadcast(S, seed + 6);
        FloatVector a7 = FloatVector.broadcast(S, seed + 7);
        FloatVector a8 = FloatVector.broadcast(S, seed + 8);
        FloatVector a9 = FloatVector.broadcast(S, seed + 9);
        FloatVector a10 = FloatVector.broadcast(S, seed + 10);
        FloatVector a11 = FloatVector.broadcast(S, seed + 11);
        for (long i = 0; i < n; i++) {
            a0 = a0.fma(m, c);
            a1 = a1.fma(m, c);
            a2 = a2.fma(m, c);
            a3 = a3.fma(m, c);
            a4 = a4.fma(m, c);
            a5 = a5.fma(m, c);
            a6 = a6.fma(m, c);
            a7 = a7.fma(m, c);
            a8 = a8.fma(m, c);
            a9 = a9.fma(m, c);
            a10 = a10.fma(m, c);
            a11 = a11.fma(m, c);
        }
        return a0.add(a1).add(a2).add(a3).add(a4).add(a5).add(a6).add(a7).add(a8).add(a9).add(a10).add(a11)
                .reduceLanes(jdk.incubator.vector.VectorOperators.ADD);
    }
}
