package org.rhizome.retrieval.resolution;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The resolver's answer for one new label.
 *
 * @param decision   what to do
 * @param best       the best candidate, if there was any
 * @param candidates every candidate considered, best first
 */
public record Resolution(Decision decision, Optional<Candidate> best, List<Candidate> candidates) {
    /** What the policy decided. */
    public enum Decision {
        /** The label names {@link #best()}: merge into it (or reuse it instead of minting a new concept). */
        MERGE,
        /** Probably {@link #best()}, but not sure enough to merge unattended: ask a reviewer. */
        REVIEW,
        /** A new concept. */
        NEW
    }

    public Resolution {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(best, "best");
        candidates = List.copyOf(candidates);
        if (decision != Decision.NEW && best.isEmpty()) {
            throw new IllegalArgumentException(decision + " needs a best candidate");
        }
    }

    /** The IRI to merge into, if the decision is {@link Decision#MERGE}. */
    public Optional<String> mergeTarget() {
        return decision == Decision.MERGE ? best.map(Candidate::iri) : Optional.empty();
    }
}
