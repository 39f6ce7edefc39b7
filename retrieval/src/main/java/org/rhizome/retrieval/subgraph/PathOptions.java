package org.rhizome.retrieval.subgraph;

import java.util.Objects;

/**
 * Settings of a {@link ShortestPaths} search.
 *
 * @param direction which way edges may be walked ({@link Direction#BOTH} lets a path walk an edge backwards)
 * @param relations which relations may be used
 * @param maxLength longest path returned, in edges, >= 0 ({@link Integer#MAX_VALUE}: no limit)
 */
public record PathOptions(Direction direction, RelationFilter relations, int maxLength) {
    public PathOptions {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(relations, "relations");
        Checks.nonNegative(maxLength, "maxLength");
    }

    /** Both directions, all relations, no length limit. */
    public static PathOptions defaults() {
        return new PathOptions(Direction.BOTH, RelationFilter.all(), Integer.MAX_VALUE);
    }

    public PathOptions withDirection(Direction d) {
        return new PathOptions(d, relations, maxLength);
    }

    public PathOptions withRelations(RelationFilter r) {
        return new PathOptions(direction, r, maxLength);
    }

    public PathOptions withMaxLength(int m) {
        return new PathOptions(direction, relations, m);
    }
}
