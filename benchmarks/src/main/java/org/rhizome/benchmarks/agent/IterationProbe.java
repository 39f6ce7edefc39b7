package org.rhizome.benchmarks.agent;

import java.util.ArrayList;
import java.util.List;

import org.rhizome.agent.growth.ConceptMatcher;
import org.rhizome.agent.growth.GrowthListener;
import org.rhizome.agent.growth.IterationResult;
import org.rhizome.agent.growth.RunRecord;
import org.rhizome.graph.GraphChangeListener;

/**
 * Times one sequential run's iterations from the outside, without touching the loop: a wrapper around the concept
 * matcher, two graph-change listeners (one registered before the retrieval services' index follower, one after)
 * and a growth listener. For each iteration it records:
 * <ul>
 *   <li>{@code reported}: {@code elapsed - llmTime} from {@link IterationResult} (what the loop itself reports);</li>
 *   <li>{@code wall}: time from the previous {@code iterationDone} (or the start) to this one, minus
 *       {@code llmTime}: everything the loop spends per iteration besides waiting for the model;</li>
 *   <li>its phases: {@code prep} (prompt, HTTP client work outside the timed call, parsing and validation: from
 *       the start of the iteration to the first concept resolved, minus {@code llmTime}), {@code resolve} (the
 *       matcher calls), {@code write} (from the last matcher call to the commit notification: next-question
 *       choice, the write transaction with the ledger, the commit), {@code follow} (the listeners between the two
 *       probes: the retrieval index following the write, when there is one) and {@code after} (from then to
 *       {@code iterationDone}: the structural metrics, when on);</li>
 *   <li>with a {@link TimedEmbedder}: the texts the embedding model computed (cache misses) and its time, while
 *       resolving and while the index followed the write.</li>
 * </ul>
 * Single-threaded use only (sequential runs: the matcher, the commit and the listeners all run on the loop thread).
 */
final class IterationProbe implements GrowthListener {
    /** One iteration's times, in nanoseconds. */
    record Sample(long reported, long wall, long llm, long prep, long resolve, long write, long follow, long after,
            long resolveEmbedNanos, long resolveEmbedTexts, long followEmbedNanos, long followEmbedTexts,
            int newConcepts, int reused) {}

    private final List<Sample> samples = new ArrayList<>();
    private long iterationStart;
    private long firstMatch = -1;
    private long lastMatch = -1;
    private long resolveNanos;
    private long committed = -1;
    private long followed = -1;
    private boolean armed;
    private final TimedEmbedder embedder;
    private long[] atFirstMatch = {0, 0};
    private long[] atCommit = {0, 0};
    private long[] atFollow = {0, 0};

    /** @param embedder the model under the retrieval services' cache, or null (exact matching) */
    IterationProbe(TimedEmbedder embedder) {
        this.embedder = embedder;
    }

    private long[] embedCounters() {
        return embedder == null ? new long[] {0, 0} : new long[] {embedder.nanos(), embedder.texts()};
    }

    /** Call just before starting the run. */
    void begin() {
        iterationStart = System.nanoTime();
    }

    List<Sample> samples() {
        return samples;
    }

    ConceptMatcher wrap(ConceptMatcher inner) {
        return node -> {
            long t0 = System.nanoTime();
            if (firstMatch < 0) {
                firstMatch = t0;
                atFirstMatch = embedCounters();
            }
            ConceptMatcher.Match m = inner.match(node);
            lastMatch = System.nanoTime();
            resolveNanos += lastMatch - t0;
            armed = true;
            return m;
        };
    }

    /** Register before the retrieval services are opened (so before their index follower). */
    GraphChangeListener beforeFollow() {
        return change -> {
            if (armed && committed < 0) {
                committed = System.nanoTime();
                atCommit = embedCounters();
            }
        };
    }

    /** Register after the retrieval services are opened. */
    GraphChangeListener afterFollow() {
        return change -> {
            if (armed && followed < 0) {
                followed = System.nanoTime();
                atFollow = embedCounters();
                armed = false;
            }
        };
    }

    @Override
    public void iterationDone(IterationResult it, RunRecord run) {
        long now = System.nanoTime();
        long llm = it.llmTime().toNanos();
        long wall = now - iterationStart;
        boolean phases = firstMatch >= 0 && committed >= 0 && followed >= 0;
        samples.add(new Sample(it.elapsed().toNanos() - llm, wall - llm, llm,
                phases ? firstMatch - iterationStart - llm : -1, phases ? resolveNanos : -1,
                phases ? committed - lastMatch : -1, phases ? followed - committed : -1,
                phases ? now - followed : -1, atCommit[0] - atFirstMatch[0], atCommit[1] - atFirstMatch[1],
                atFollow[0] - atCommit[0], atFollow[1] - atCommit[1], it.newConcepts(), it.reused().size()));
        iterationStart = now;
        firstMatch = -1;
        lastMatch = -1;
        resolveNanos = 0;
        committed = -1;
        followed = -1;
        armed = false;
    }
}
