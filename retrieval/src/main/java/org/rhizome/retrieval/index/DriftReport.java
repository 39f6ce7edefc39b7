package org.rhizome.retrieval.index;

import java.util.List;

/**
 * How far the index has drifted from the store, found by {@link ConceptIndexer#check}: counts on both sides, and
 * examples of each kind of disagreement (up to a few of each).
 *
 * @param storeConcepts   concepts in the store
 * @param indexedConcepts documents in the index
 * @param missing         number of store concepts absent from the index
 * @param stale           number of indexed concepts whose store content changed since they were indexed
 * @param orphaned        number of documents whose concept is no longer in the store
 * @param sampled         how many store concepts were compared field by field
 * @param examples        IRIs of some disagreements, each prefixed by its kind ({@code missing:}, {@code stale:},
 *                        {@code orphaned:})
 */
public record DriftReport(long storeConcepts, long indexedConcepts, long missing, long stale, long orphaned,
        int sampled, List<String> examples) {
    public DriftReport {
        examples = List.copyOf(examples);
    }

    /** True if index and store agree on every count and every sampled concept. */
    public boolean inStep() {
        return missing == 0 && stale == 0 && orphaned == 0 && storeConcepts == indexedConcepts;
    }

    @Override
    public String toString() {
        return (inStep() ? "in step: " : "DRIFT: ") + storeConcepts + " concepts in the store, " + indexedConcepts
                + " in the index; " + missing + " missing, " + stale + " stale, " + orphaned + " orphaned"
                + (examples.isEmpty() ? "" : " (e.g. " + String.join(", ", examples) + ")");
    }
}
