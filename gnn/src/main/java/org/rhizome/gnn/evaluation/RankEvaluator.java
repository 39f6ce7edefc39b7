package org.rhizome.gnn.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;

import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.kernel.Kernels;
import org.rhizome.graph.RhizomeException;

/**
 * Filtered rank evaluation of link prediction (Bordes et al., "Translating Embeddings for Modeling
 * Multi-relational Data", NeurIPS 2013, for the filtered setting; realistic tie handling as in Berrendorf et al.,
 * "On the Ambiguity of Rank-Based Evaluation of Entity Alignment or Link Prediction Methods", 2020).
 *
 * <p>For each query triple {@code (h, r, t)} two queries are ranked: the tail query {@code (h, r, ?)}, scoring every
 * entity as the tail, and the head query {@code (?, r, t)}. The candidates are all entities except the other known
 * true answers in the filter (for the tail query, {@link FilterIndex#knownTails(int, int)} minus {@code t}); the true
 * entity itself is always kept, whether or not the filter holds it. With {@code s} the true entity's score:
 * optimistic rank {@code = 1 + #{e : score[e] > s}}, pessimistic rank
 * {@code = 1 + #{e != true : score[e] >= s}}, realistic rank = their mean (a double). A NaN score ranks below every
 * number and ties with other NaNs; so a NaN true score ranks after every scored candidate.
 *
 * <p><b>Cost.</b> Two scorer calls and O(n + f) work per triple (n entities, f filtered answers); memory
 * 16 bytes per triple for the ranks plus one {@code float[n]} buffer per thread.
 *
 * <p><b>Dot-product models.</b> When the scorer is a {@link DotProductScorer} whose scores are dot products
 * (DistMult, ComplEx), the queries are scored in blocks of up to {@value #DOT_BLOCK}: the block's query vectors
 * against the candidate table as one matrix product ({@link Kernels#dotBlock}), then the ranks of each row as
 * above. The table is packed in the kernel's panels (one more copy of the candidates) once per evaluation, and each
 * thread holds a {@code block x n} score buffer (at most {@value #DOT_BUFFER_FLOATS} floats, fewer queries per
 * block for larger n). Same candidates, filtering, ties, threads and determinism; the scores are the same sums
 * accumulated in another order (see {@link DotProductScorer}). RotatE ({@link DotProductScorer#complexModuli()})
 * takes the same blocks through {@link Kernels#complexModulusScores}, which reads each candidate row once for four
 * queries where one query at a time reads the whole table per query; on the model's own kernels its scores are bit
 * for bit the per-query ones.
 *
 * <p><b>Threads and determinism.</b> Triples are handed out to the threads in small consecutive ranges; each thread
 * has its own score buffer and writes the ranks of its triples into per-triple slots; the metrics are then summed
 * in triple order on the calling thread. The result is therefore identical for every thread count (provided the
 * scorer is deterministic). Stateless: one evaluator may run several evaluations at once.
 */
public final class RankEvaluator {
    /** Triples claimed by a thread at a time (also the granularity of progress reports). */
    private static final int CHUNK = 32;
    /** Most queries per matrix product in the dot-product path. */
    static final int DOT_BLOCK = 128;
    /** Largest score buffer per thread in the dot-product path (floats): 64 MiB. */
    static final int DOT_BUFFER_FLOATS = 1 << 24;

    private final Kernels kernels;

    /** An evaluator on the kernels chosen for this JVM (it holds no other state). */
    public RankEvaluator() {
        this(Kernels.get());
    }

    /** An evaluator whose matrix products and rank counting run on {@code kernels} (tests compare them). */
    public RankEvaluator(Kernels kernels) {
        this.kernels = Objects.requireNonNull(kernels, "kernels");
    }

    /**
     * Ranks both sides of every triple of {@code queries}.
     *
     * @param scorer  the model; {@link LinkScorer#entityCount()} entities are the candidates
     * @param queries the triples to rank (test or validation)
     * @param filter  the known true triples to leave out of the candidates (usually train ∪ valid ∪ test)
     * @param threads number of threads, at least 1 (1 runs on the calling thread)
     * @throws IllegalArgumentException if {@code threads < 1} or a query's entity is not a candidate
     */
    public EvaluationResult evaluate(LinkScorer scorer, TripleSet queries, FilterIndex filter, int threads) {
        return evaluate(scorer, queries, filter, threads, done -> { });
    }

    /**
     * As {@link #evaluate(LinkScorer, TripleSet, FilterIndex, int)}, reporting progress: {@code progress} receives
     * the number of query triples done so far (increasing, ending at {@code queries.size()}), every few triples. It
     * may be called from worker threads, but never by two at once.
     */
    public EvaluationResult evaluate(LinkScorer scorer, TripleSet queries, FilterIndex filter, int threads,
            LongConsumer progress) {
        return ranks(scorer, queries, filter, threads, progress).summarize();
    }

    /**
     * The per-query ranks behind {@link #evaluate(LinkScorer, TripleSet, FilterIndex, int, LongConsumer)}, not yet
     * summarised: for per-entity or per-query analyses. Same candidates, ties, threads, progress and determinism;
     * {@link QueryRanks#summarize()} gives exactly what {@code evaluate} returns.
     *
     * @throws IllegalArgumentException if {@code threads < 1} or a query's entity is not a candidate
     */
    public QueryRanks ranks(LinkScorer scorer, TripleSet queries, FilterIndex filter, int threads,
            LongConsumer progress) {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(queries, "queries");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(progress, "progress");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        int n = scorer.entityCount();
        int q = queries.size();
        for (int i = 0; i < q; i++) {
            int h = queries.head(i);
            int t = queries.tail(i);
            if (h < 0 || h >= n || t < 0 || t >= n) {
                throw new IllegalArgumentException("query " + i + " (" + h + ", " + queries.relation(i) + ", " + t
                        + ") has an entity outside the scorer's [0, " + n + ")");
            }
        }
        Run run = scorer instanceof DotProductScorer d && (d.dotProducts() || d.complexModuli()) && n > 0
                ? new DotRun(d, queries, filter, progress, kernels)
                : new Run(scorer, queries, filter, progress, kernels);
        int chunks = (q + run.chunk - 1) / run.chunk;
        int workers = Math.min(threads, Math.max(1, chunks));
        if (workers == 1) {
            run.work();
        } else {
            runParallel(run, workers);
        }
        return new QueryRanks(queries, run.tailOptimistic, run.tailPessimistic, run.headOptimistic,
                run.headPessimistic);
    }

    private static void runParallel(Run run, int workers) {
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "rank-evaluator");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                futures.add(pool.submit(run::work));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            run.failed.set(true);
            Thread.currentThread().interrupt();
            throw new RhizomeException("rank evaluation interrupted", e);
        } catch (ExecutionException e) {
            run.failed.set(true);
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new RhizomeException("rank evaluation failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The filtered ranks of the true entity {@code truth} among {@code scores[0..n)}, leaving out the ids in
     * {@code filtered} other than {@code truth} (sorted and distinct; ids outside {@code [0, n)} are ignored).
     *
     * @return {optimistic rank, pessimistic rank}
     */
    static int[] ranks(float[] scores, int n, int truth, int[] filtered) {
        return ranks(scores, 0, n, truth, filtered, Kernels.scalar());
    }

    /**
     * {@link #ranks(float[], int, int, int[])} over {@code scores[off, off + n)}, counting over all candidates with
     * {@code kernels} ({@link Kernels#countGreaterEqual}).
     */
    static int[] ranks(float[] scores, int off, int n, int truth, int[] filtered, Kernels kernels) {
        float s = scores[off + truth];
        int greater = 0;
        int equal = 0; // includes the true entity itself
        if (Float.isNaN(s)) {
            for (int e = 0; e < n; e++) {
                if (Float.isNaN(scores[off + e])) {
                    equal++;
                } else {
                    greater++;
                }
            }
            for (int e : filtered) {
                if (e != truth && e >= 0 && e < n) {
                    if (Float.isNaN(scores[off + e])) {
                        equal--;
                    } else {
                        greater--;
                    }
                }
            }
        } else {
            // NaN compares false both ways: below every number, as documented
            int[] counts = new int[2];
            kernels.countGreaterEqual(scores, off, n, s, counts);
            greater = counts[0];
            equal = counts[1];
            for (int e : filtered) {
                if (e != truth && e >= 0 && e < n) {
                    float x = scores[off + e];
                    greater -= x > s ? 1 : 0;
                    equal -= x == s ? 1 : 0;
                }
            }
        }
        return new int[] {1 + greater, greater + equal};
    }

    /** One evaluation: the shared inputs, the per-triple rank slots and the hand-out counter. */
    private static class Run {
        final LinkScorer scorer;
        final TripleSet queries;
        final FilterIndex filter;
        final LongConsumer progress;
        final int[] tailOptimistic;
        final int[] tailPessimistic;
        final int[] headOptimistic;
        final int[] headPessimistic;
        final AtomicInteger next = new AtomicInteger();
        final AtomicBoolean failed = new AtomicBoolean();
        /** Triples claimed at a time. */
        final int chunk;
        private long done;

        final Kernels kernels;

        Run(LinkScorer scorer, TripleSet queries, FilterIndex filter, LongConsumer progress, Kernels kernels) {
            this(scorer, queries, filter, progress, kernels, CHUNK);
        }

        Run(LinkScorer scorer, TripleSet queries, FilterIndex filter, LongConsumer progress, Kernels kernels,
                int chunk) {
            this.kernels = kernels;
            this.chunk = chunk;
            this.scorer = scorer;
            this.queries = queries;
            this.filter = filter;
            this.progress = progress;
            int q = queries.size();
            tailOptimistic = new int[q];
            tailPessimistic = new int[q];
            headOptimistic = new int[q];
            headPessimistic = new int[q];
        }

        /** Ranks triples {@code [from, to)} into the rank slots, with the buffers of one thread. */
        @FunctionalInterface
        interface RangeRanker {
            void rank(int from, int to);
        }

        /** Claims ranges of triples until none are left, ranking them with a ranker of this thread's own. */
        final void work() {
            RangeRanker ranker = ranker();
            int q = queries.size();
            try {
                while (!failed.get()) {
                    int from = next.getAndAdd(chunk);
                    if (from >= q) {
                        return;
                    }
                    int to = Math.min(q, from + chunk);
                    ranker.rank(from, to);
                    report(to - from);
                }
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            }
        }

        /** One query at a time: a score buffer per thread. */
        RangeRanker ranker() {
            int n = scorer.entityCount();
            float[] scores = new float[n];
            return (from, to) -> {
                for (int i = from; i < to; i++) {
                    int h = queries.head(i);
                    int r = queries.relation(i);
                    int t = queries.tail(i);
                    scorer.scoreTails(h, r, scores);
                    int[] tail = ranks(scores, 0, n, t, filter.knownTails(h, r), kernels);
                    tailOptimistic[i] = tail[0];
                    tailPessimistic[i] = tail[1];
                    scorer.scoreHeads(r, t, scores);
                    int[] head = ranks(scores, 0, n, h, filter.knownHeads(r, t), kernels);
                    headOptimistic[i] = head[0];
                    headPessimistic[i] = head[1];
                }
            };
        }

        synchronized void report(int triples) {
            done += triples;
            progress.accept(done);
        }
    }

    /**
     * The dot-product path: blocks of {@link #chunk} triples, each side scored as one matrix product of the block's
     * query vectors with the packed candidate table; for complex-modulus scorers (RotatE) the same blocks against the
     * candidate table as it is ({@link Kernels#complexModulusScores}).
     */
    private static final class DotRun extends Run {
        private final DotProductScorer dot;
        private final int len;
        /** The candidate table packed in panels for {@link Kernels#dotBlock}; null for complex moduli. */
        private final float[] packed;
        private final int width;
        /** Complex moduli: the candidate table, and every candidate's id in order. */
        private final float[] candidates;
        private final int[] all;

        DotRun(DotProductScorer scorer, TripleSet queries, FilterIndex filter, LongConsumer progress,
                Kernels kernels) {
            super(scorer, queries, filter, progress, kernels, Math.max(1, Math.min(DOT_BLOCK,
                    DOT_BUFFER_FLOATS / Math.max(1, scorer.entityCount()))));
            this.dot = scorer;
            this.len = scorer.vectorLength();
            int n = scorer.entityCount();
            float[] c = scorer.candidateVectors();
            if ((long) n * len > c.length) {
                throw new IllegalArgumentException("the scorer's candidate table holds " + c.length + " floats, not "
                        + n + " x " + len);
            }
            width = kernels.dotBlockWidth();
            boolean moduli = !scorer.dotProducts();
            packed = moduli ? null : Kernels.packColumns(c, n, len, width);
            candidates = moduli ? c : null;
            all = moduli ? java.util.stream.IntStream.range(0, n).toArray() : null;
        }

        /** The block's {@code rows} query vectors against every candidate into {@code scores}. */
        private void scoreBlock(float[] vectors, int rows, float[] scores) {
            int n = scorer.entityCount();
            if (packed != null) {
                kernels.dotBlock(vectors, 0, rows, len, packed, width, n, scores, 0, n);
            } else { // -0f - d is -d exactly, a distance of +0 included: the per-query path's negated distances
                kernels.complexModulusScores(vectors, rows, candidates, all, 0, n, len / 2, -0f, scores, 0, n);
            }
        }

        /** A block at a time: query vectors and a {@code block x n} score buffer per thread. */
        @Override
        RangeRanker ranker() {
            int n = scorer.entityCount();
            float[] vectors = new float[chunk * len];
            float[] scores = new float[chunk * n];
            return (from, to) -> {
                int rows = to - from;
                for (int i = from; i < to; i++) {
                    dot.tailQuery(queries.head(i), queries.relation(i), vectors, (i - from) * len);
                }
                scoreBlock(vectors, rows, scores);
                for (int i = from; i < to; i++) {
                    int[] tail = ranks(scores, (i - from) * n, n, queries.tail(i),
                            filter.knownTails(queries.head(i), queries.relation(i)), kernels);
                    tailOptimistic[i] = tail[0];
                    tailPessimistic[i] = tail[1];
                }
                for (int i = from; i < to; i++) {
                    dot.headQuery(queries.relation(i), queries.tail(i), vectors, (i - from) * len);
                }
                scoreBlock(vectors, rows, scores);
                for (int i = from; i < to; i++) {
                    int[] head = ranks(scores, (i - from) * n, n, queries.head(i),
                            filter.knownHeads(queries.relation(i), queries.tail(i)), kernels);
                    headOptimistic[i] = head[0];
                    headPessimistic[i] = head[1];
                }
            };
        }
    }
}
