package org.rhizome.retrieval.resolution;

import java.util.Objects;

/**
 * An existing concept that a new label may name.
 *
 * @param iri      the concept's IRI
 * @param label    its label
 * @param score    the policy's probability-like score in [0, 1] that it is the same concept
 * @param logit    the same score on the log-odds scale (not saturated near 0 and 1; margins are taken on it)
 * @param features the evidence behind the score
 */
public record Candidate(String iri, String label, double score, double logit, CandidateFeatures features) {
    public Candidate {
        Objects.requireNonNull(iri, "iri");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(features, "features");
    }
}
