package org.rhizome.retrieval.search;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One concept found by a search.
 *
 * @param iri         the concept's IRI
 * @param label       its label
 * @param description its description, if any
 * @param types       its type IRIs
 * @param score       the ranking score of the mode: BM25 score, cosine, or fused RRF score
 * @param bm25Rank    its 1-based rank in the BM25 list, if it was in it
 * @param vectorRank  its 1-based rank in the vector list, if it was in it
 * @param cosine      cosine similarity of its vector to the query's, if it was in the vector list
 */
public record SearchHit(String iri, String label, Optional<String> description, List<String> types, double score,
        OptionalInt bm25Rank, OptionalInt vectorRank, OptionalDouble cosine) {
    public SearchHit {
        Objects.requireNonNull(iri, "iri");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        types = List.copyOf(types);
    }
}
