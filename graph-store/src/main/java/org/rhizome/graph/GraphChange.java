package org.rhizome.graph;

import java.util.Objects;
import java.util.Set;

/**
 * What one committed write changed, as told to {@link GraphChangeListener}s: the IRIs that appeared as subject or
 * object of a statement the write added or removed. Derived views (the search index, caches) use it to refresh
 * exactly those nodes.
 *
 * <p>A write that went around the API (an import, a SPARQL Update) cannot list what it touched; it is reported
 * with {@link #everything()} true and an empty IRI set, meaning "anything may have changed: re-synchronise".
 *
 * @param iris       the touched IRIs (unmodifiable)
 * @param everything true when the extent of the change is unknown
 */
public record GraphChange(Set<String> iris, boolean everything) {
    public GraphChange {
        iris = Set.copyOf(Objects.requireNonNull(iris, "iris"));
    }

    /** A change of unknown extent. */
    public static GraphChange unknownExtent() {
        return new GraphChange(Set.of(), true);
    }
}
