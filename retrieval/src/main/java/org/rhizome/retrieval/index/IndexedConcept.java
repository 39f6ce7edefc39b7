package org.rhizome.retrieval.index;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A concept as the index holds it: the text fields, the type IRIs, and the fingerprint of what it was built from
 * (to tell whether the store has changed it since).
 *
 * @param iri         the concept's IRI (the index key)
 * @param label       its label
 * @param aliases     its aliases
 * @param description its description, if any
 * @param types       its type IRIs
 * @param fingerprint hash of the fields above plus the embedding model and recipe
 */
public record IndexedConcept(String iri, String label, List<String> aliases, Optional<String> description,
        List<String> types, String fingerprint) {
    public IndexedConcept {
        Objects.requireNonNull(iri, "iri");
        Objects.requireNonNull(label, "label");
        aliases = List.copyOf(aliases);
        Objects.requireNonNull(description, "description");
        types = List.copyOf(types);
        Objects.requireNonNull(fingerprint, "fingerprint");
    }

    /** What a search hit shows of this concept. */
    public ConceptSummary summary() {
        return new ConceptSummary(iri, label, description, types);
    }
}
