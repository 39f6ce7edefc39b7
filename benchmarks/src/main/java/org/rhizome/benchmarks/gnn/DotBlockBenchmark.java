package org.rhizome.benchmarks.gnn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.rhizome.benchmarks.BenchArgs;
import org.rhizome.gnn.kernel.Kernels;

/**
 * GFLOP/s of {@link Kernels#dotBlock} alone, at the shapes chunked training gives it, to set beside {@link FmaPeak}.
 * Each shape {@code ROWSxLENxCOLS} is one product of {@code ROWS} query rows of length {@code LEN} against {@code COLS}
 * packed candidates ({@code 2 x ROWS x LEN x COLS} FLOP). With {@code threads=2} each thread runs its own product on
 * its own arrays, as the two training workers do. Prints one JSON line per shape and thread count: the median of
 * {@code runs} timed runs (each {@code repeats} products per thread) after {@code warmup} untimed ones.
 *
 * <p>The default shapes are the three products of a DistMult chunk of 512 queries with 1,024 negatives at dimension
 * 400 (benchmarks/README.md, "goal 4"): the scores ({@code 512x400x1024}), the queries' gradients
 * ({@code 512x1024x400}) and the negatives' gradients ({@code 1024x512x400}).
 *
 * <pre>java --add-modules jdk.incubator.vector -cp ... org.rhizome.benchmarks.gnn.DotBlockBenchmark threads=1,2</pre>
 */
public final class DotBlockBenchmark {
    private DotBlockBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> o = BenchArgs.parse(args, "shapes", "512x400x1024,512x1024x400,1024x512x400",
                "threads", "1,2", "repeats", "20", "runs", "5", "warmup", "3");
        Kernels kernels = Kernels.get();
        int repeats = Integer.parseInt(o.get("repeats"));
        int runs = Integer.parseInt(o.get("runs"));
        int warmup = Integer.parseInt(o.get("warmup"));
        for (String shape : o.get("shapes").split(",")) {
            String[] s = shape.trim().split("x");
            int rows = Integer.parseInt(s[0]);
            int len = Integer.parseInt(s[1]);
            int cols = Integer.parseInt(s[2]);
            for (String t : o.get("threads").split(",")) {
                int threads = Integer.parseInt(t.trim());
                double[] gflops = measure(kernels, rows, len, cols, threads, repeats, runs, warmup);
                double[] sorted = gflops.clone();
                Arrays.sort(sorted);
                System.out.printf("{\"shape\": \"%dx%dx%d\", \"threads\": %d, \"gflops_median\": %.1f, \"runs\": %s}%n",
                        rows, len, cols, threads, sorted[runs / 2], Arrays.toString(FmaPeak.round(gflops)));
            }
        }
    }

    private static double[] measure(Kernels kernels, int rows, int len, int cols, int threads, int repeats, int runs,
            int warmup) throws Exception {
        int width = kernels.dotBlockWidth();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Float>> tasks = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Random random = new Random(17 + i);
                float[] q = new float[rows * len];
                float[] table = new float[cols * len];
                for (int j = 0; j < q.length; j++) {
                    q[j] = random.nextFloat() - 0.5f;
                }
                for (int j = 0; j < table.length; j++) {
                    table[j] = random.nextFloat() - 0.5f;
                }
                float[] packed = Kernels.packColumns(table, cols, len, width);
                float[] out = new float[rows * cols];
                tasks.add(() -> {
                    for (int r = 0; r < repeats; r++) {
                        kernels.dotBlock(q, 0, rows, len, packed, width, cols, out, 0, cols);
                    }
                    return out[out.length - 1];
                });
            }
            double[] gflops = new double[runs];
            for (int r = -warmup; r < runs; r++) {
                long t0 = System.nanoTime();
                float sink = 0;
                for (Future<Float> f : pool.invokeAll(tasks)) {
                    sink += f.get();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (r >= 0) {
                    gflops[r] = 2.0 * rows * len * cols * repeats * threads / seconds / 1e9;
                }
                if (Float.isNaN(sink)) {
                    System.out.println("# NaN"); // keeps the products alive
                }
            }
            return gflops;
        } finally {
            pool.shutdown();
        }
    }
}
