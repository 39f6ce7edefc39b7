package org.rhizome.graph.analytics.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs one task per worker on a fixed number of threads. Work is split statically (worker {@code t} of {@code T}
 * gets items {@code t, t+T, t+2T, ...}) so that, for a given thread count, each worker sees the same items in the
 * same order and floating-point sums are reproducible.
 */
public final class Parallel {
    private static final AtomicInteger POOL_ID = new AtomicInteger();

    private Parallel() {}

    /** A sensible default: the number of available processors. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /**
     * Calls {@code worker.accept(t)} for {@code t = 0..threads-1}, on the calling thread when {@code threads == 1},
     * else on a short-lived pool of daemon threads; rethrows the first failure.
     */
    public static void run(int threads, IntConsumer worker) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (threads == 1) {
            worker.accept(0);
            return;
        }
        int id = POOL_ID.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread th = new Thread(r, "rhizome-analytics-" + id + "-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        try {
            List<Future<?>> futures = new ArrayList<>(threads);
            for (int t = 0; t < threads; t++) {
                int tt = t;
                futures.add(pool.submit(() -> worker.accept(tt)));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    futures.forEach(x -> x.cancel(true));
                    Throwable c = e.getCause();
                    if (c instanceof RuntimeException re) {
                        throw re;
                    }
                    if (c instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(c);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(x -> x.cancel(true));
                    throw new IllegalStateException("interrupted", e);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
