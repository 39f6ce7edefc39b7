package org.rhizome.gnn.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.rhizome.graph.RhizomeException;

/**
 * Runs a per-node computation over {@code 0..n-1} on several threads: the threads claim small consecutive ranges
 * of nodes, each thread has its own worker (its own scratch arrays), and every node's result goes to the node's own
 * slot, so the outcome does not depend on the number of threads.
 */
final class NodeRanges {
    /** Nodes claimed at a time: small enough to balance hubs, large enough to keep the counter cold. */
    static final int CHUNK = 64;

    /** Computes the nodes {@code from..to-1}; one instance per thread. */
    interface Worker {
        void run(int from, int to);
    }

    private NodeRanges() {}

    /**
     * Runs {@code workers.get()} over all ranges of {@code 0..n-1} on up to {@code threads} threads (1 runs on the
     * calling thread). A failure in one thread stops the others and is rethrown.
     */
    static void run(int n, int threads, String name, Supplier<Worker> workers) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        int chunks = (n + CHUNK - 1) / CHUNK;
        int used = Math.min(threads, Math.max(1, chunks));
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        Runnable loop = () -> {
            Worker w = workers.get();
            try {
                while (!failed.get()) {
                    int from = next.getAndAdd(CHUNK);
                    if (from >= n) {
                        return;
                    }
                    w.run(from, Math.min(n, from + CHUNK));
                }
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            }
        };
        if (used == 1) {
            loop.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(used, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < used; i++) {
                futures.add(pool.submit(loop));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            failed.set(true);
            Thread.currentThread().interrupt();
            throw new RhizomeException(name + " interrupted", e);
        } catch (ExecutionException e) {
            failed.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new RhizomeException(name + " failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
