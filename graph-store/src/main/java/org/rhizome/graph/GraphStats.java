package org.rhizome.graph;

/**
 * Store-level counts.
 *
 * @param statements    distinct asserted content statements (annotations excluded)
 * @param quads         quads in all named graphs (annotations and duplicates across sources included)
 * @param sources       sources in the catalogue
 * @param concepts      distinct nodes typed {@code rz:Concept}
 * @param relationTypes distinct nodes typed {@code rz:RelationType}
 * @param merges        recorded merges (undone ones included)
 */
public record GraphStats(long statements, long quads, long sources, long concepts, long relationTypes,
        long merges) {}
