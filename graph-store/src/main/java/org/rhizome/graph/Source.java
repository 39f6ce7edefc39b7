package org.rhizome.graph;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a batch of statements comes from and how far to trust it. Every statement Rhizome stores is written under
 * a source; the source becomes a named graph, described in the store's default graph (the catalogue) with the
 * fields below (see {@code rhizome-vocabulary.ttl}).
 *
 * @param kind       what produced the statements
 * @param id         what the source is within its kind: a file name, an iteration number, a chunk id, a run id
 * @param model      identity of the producing model (LLM or predictor), where relevant
 * @param promptHash hash of the prompt that produced the statements, where relevant
 * @param createdAt  when the source was created
 * @param confidence default confidence in [0, 1] of its statements (a statement may carry its own)
 * @param status     asserted, predicted or rejected
 * @param note       free text: the question asked, a file path, a reason
 * @param graphIri   the named graph to use; empty to let the store mint {@code <base>source/<kind>/<uuid>}
 */
public record Source(SourceKind kind, String id, Optional<String> model, Optional<String> promptHash,
        Instant createdAt, double confidence, Status status, Optional<String> note, Optional<String> graphIri) {

    public Source {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptHash, "promptHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(graphIri, "graphIri");
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        if (id.isBlank()) {
            throw new IllegalArgumentException("source id must not be blank");
        }
        if (kind == SourceKind.PREDICTION && status == Status.ASSERTED) {
            throw new IllegalArgumentException("a prediction source cannot be asserted: use Status.PREDICTED");
        }
        if ((kind == SourceKind.ANALYSIS) != (status == Status.DERIVED)) {
            throw new IllegalArgumentException("analysis sources, and only they, have status derived; got " + kind
                    + " with " + status);
        }
    }

    /**
     * A builder with defaults: now, confidence 1.0 (0.5 for predictions), asserted (predicted for predictions, derived
     * for analyses).
     */
    public static Builder builder(SourceKind kind, String id) {
        return new Builder(kind, id);
    }

    /** An asserted source of the given kind and id with every other field at its default. */
    public static Source of(SourceKind kind, String id) {
        return builder(kind, id).build();
    }

    /** Builder of {@link Source}. */
    public static final class Builder {
        private final SourceKind kind;
        private final String id;
        private String model;
        private String promptHash;
        private Instant createdAt;
        private Double confidence;
        private Status status;
        private String note;
        private String graphIri;

        private Builder(SourceKind kind, String id) {
            this.kind = Objects.requireNonNull(kind, "kind");
            this.id = Objects.requireNonNull(id, "id");
        }

        public Builder model(String model) {
            this.model = model;
            return this;
        }

        public Builder promptHash(String promptHash) {
            this.promptHash = promptHash;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder confidence(double confidence) {
            this.confidence = confidence;
            return this;
        }

        public Builder status(Status status) {
            this.status = status;
            return this;
        }

        public Builder note(String note) {
            this.note = note;
            return this;
        }

        /** Use this named graph instead of a minted one (it must be an absolute IRI). */
        public Builder graphIri(String graphIri) {
            this.graphIri = graphIri;
            return this;
        }

        public Source build() {
            boolean prediction = kind == SourceKind.PREDICTION;
            Status defaultStatus = prediction ? Status.PREDICTED
                    : kind == SourceKind.ANALYSIS ? Status.DERIVED : Status.ASSERTED;
            return new Source(kind, id, Optional.ofNullable(model), Optional.ofNullable(promptHash),
                    createdAt == null ? Instant.now() : createdAt,
                    confidence == null ? (prediction ? 0.5 : 1.0) : confidence,
                    status == null ? defaultStatus : status,
                    Optional.ofNullable(note), Optional.ofNullable(graphIri));
        }
    }
}
