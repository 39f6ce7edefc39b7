package org.rhizome.embeddings;

import java.util.Objects;
import java.util.Optional;

/**
 * The recipe that turns a concept or a relation type into the text that is embedded, so that every vector of the
 * graph is computed the same way and the recipe can be recorded beside the vectors ({@link #RECIPE}).
 *
 * <p>Recipe {@code label-description-v1}: the label, then, when a description is present, {@code ": "} and the
 * description, whitespace collapsed. Aliases and types are left out: they are matched lexically by the resolver and
 * the search index, and adding them would move a concept's vector each time an alias is merged in.
 */
public final class ConceptText {
    /** The recipe's name, recorded with the vectors. */
    public static final String RECIPE = "label-description-v1";

    private ConceptText() {
    }

    /** The text to embed for a concept or relation type with this label and optional description. */
    public static String of(String label, Optional<String> description) {
        Objects.requireNonNull(label, "label");
        String l = collapse(label);
        return description.map(ConceptText::collapse).filter(d -> !d.isEmpty()).map(d -> l + ": " + d).orElse(l);
    }

    /** The text of a label alone. */
    public static String of(String label) {
        return of(label, Optional.empty());
    }

    private static String collapse(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }
}
