package org.rhizome.agent.growth;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A growth run as stored in the catalogue ({@link RunLedger}).
 *
 * @param id            the run's id
 * @param iri           its IRI ({@code <base>run/<id>})
 * @param seedQuestion  the question it started from
 * @param llm           the model it uses (provider, model, URL; never the key)
 * @param strategy      its next-question strategy
 * @param status        where it stands
 * @param iterations    iterations committed or refused so far (the next one is {@code iterations + 1})
 * @param concepts      concepts created by the run
 * @param pending       the questions waiting to be asked, first the one the next iteration asks (with several
 *                      branches, also the questions that were in flight when this record was written)
 * @param inputTokens   prompt tokens so far
 * @param outputTokens  completion tokens so far
 * @param cost          USD so far
 * @param createdAt     when it started
 * @param updatedAt     when it last committed anything
 * @param stopReason    why it last stopped, if it did
 */
public record RunRecord(String id, String iri, String seedQuestion, String llm, String strategy, RunStatus status,
        int iterations, long concepts, List<NextQuestion> pending, long inputTokens, long outputTokens, double cost,
        Instant createdAt, Instant updatedAt, Optional<String> stopReason) {
    public RunRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(iri, "iri");
        Objects.requireNonNull(seedQuestion, "seedQuestion");
        Objects.requireNonNull(status, "status");
        pending = List.copyOf(pending);
        Objects.requireNonNull(stopReason, "stopReason");
    }

    /** The question the next iteration asks, if any. */
    public Optional<NextQuestion> next() {
        return pending.isEmpty() ? Optional.empty() : Optional.of(pending.get(0));
    }

    /** Prompt plus completion tokens. */
    public long tokens() {
        return inputTokens + outputTokens;
    }
}
