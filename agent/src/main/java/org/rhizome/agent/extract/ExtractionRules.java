package org.rhizome.agent.extract;

import java.util.Optional;
import java.util.Set;

/**
 * What a local graph may contain; answers outside these limits are refused ({@link LocalGraphParser}) and the model
 * is asked to repair them.
 *
 * @param maxNodes            most concepts in one answer
 * @param maxEdges            most edges in one answer
 * @param maxLabelChars       longest concept or type label
 * @param maxRelationChars    longest relation label
 * @param maxDescriptionChars longest description (longer ones are cut at a word boundary, with a warning)
 * @param allowedRelations    when present, the only relation labels accepted (compared case-insensitively after
 *                            normalising whitespace)
 */
public record ExtractionRules(int maxNodes, int maxEdges, int maxLabelChars, int maxRelationChars,
        int maxDescriptionChars, Optional<Set<String>> allowedRelations) {

    public ExtractionRules {
        if (maxNodes < 1 || maxEdges < 0 || maxLabelChars < 1 || maxRelationChars < 1 || maxDescriptionChars < 0) {
            throw new IllegalArgumentException("extraction limits must be positive");
        }
        allowedRelations = allowedRelations.map(Set::copyOf);
    }

    /** 100 nodes, 300 edges, labels up to 120 characters, relations up to 80, descriptions up to 2,000. */
    public static ExtractionRules defaults() {
        return new ExtractionRules(100, 300, 120, 80, 2_000, Optional.empty());
    }

    /** These rules accepting only the given relation labels. */
    public ExtractionRules withAllowedRelations(Set<String> relations) {
        return new ExtractionRules(maxNodes, maxEdges, maxLabelChars, maxRelationChars, maxDescriptionChars,
                Optional.of(relations));
    }

    /** These rules with other size limits. */
    public ExtractionRules withSizes(int nodes, int edges) {
        return new ExtractionRules(nodes, edges, maxLabelChars, maxRelationChars, maxDescriptionChars,
                allowedRelations);
    }
}
