package org.rhizome.retrieval.index;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a search hit shows of an indexed concept, read from the index's doc values ({@link ConceptIndex#summaries}).
 *
 * @param iri         the concept's IRI
 * @param label       its label
 * @param description its description, if any
 * @param types       its type IRIs
 */
public record ConceptSummary(String iri, String label, Optional<String> description, List<String> types) {
    public ConceptSummary {
        Objects.requireNonNull(iri, "iri");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        types = List.copyOf(types);
    }
}
