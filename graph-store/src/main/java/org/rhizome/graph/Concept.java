package org.rhizome.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A node of the knowledge graph as the API shows it, read from all sources together.
 *
 * @param iri         the concept's IRI
 * @param label       its {@code rdfs:label} (the first one in a stable order when sources disagree)
 * @param description its {@code rdfs:comment}, if any
 * @param types       IRIs of its {@code rdf:type}s other than {@code rz:Concept}, sorted
 * @param aliases     its {@code skos:altLabel}s, sorted
 */
public record Concept(String iri, String label, Optional<String> description, List<String> types,
        List<String> aliases) {
    public Concept {
        Objects.requireNonNull(iri, "iri");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        types = List.copyOf(types);
        aliases = List.copyOf(aliases);
    }
}
