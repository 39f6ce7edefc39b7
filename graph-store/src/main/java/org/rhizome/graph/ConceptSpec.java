package org.rhizome.graph;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a caller says about a concept when writing it: its label (from which its IRI is minted), an optional
 * description, type labels (minted as class IRIs) and aliases.
 */
public record ConceptSpec(String label, Optional<String> description, List<String> typeLabels,
        List<String> aliases) {
    public ConceptSpec {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(description, "description");
        typeLabels = List.copyOf(typeLabels);
        aliases = List.copyOf(aliases);
        if (label.isBlank()) {
            throw new IllegalArgumentException("concept label must not be blank");
        }
    }

    /** A concept with only a label. */
    public static ConceptSpec of(String label) {
        return new ConceptSpec(label, Optional.empty(), List.of(), List.of());
    }

    /** A concept with a label and a description. */
    public static ConceptSpec of(String label, String description) {
        return new ConceptSpec(label, Optional.of(description), List.of(), List.of());
    }

    /** This spec with the given type labels. */
    public ConceptSpec withTypes(String... typeLabels) {
        return new ConceptSpec(label, description, List.of(typeLabels), aliases);
    }

    /** This spec with the given aliases. */
    public ConceptSpec withAliases(String... aliases) {
        return new ConceptSpec(label, description, typeLabels, List.of(aliases));
    }
}
