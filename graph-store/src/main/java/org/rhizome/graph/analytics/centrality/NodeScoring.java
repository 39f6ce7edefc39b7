package org.rhizome.graph.analytics.centrality;

import org.rhizome.graph.analytics.NodeScores;

/**
 * The centrality family: an algorithm bound to a graph and its options at construction (where inputs are
 * validated), computing on the first call to {@link #scores()} and returning the cached, immutable result after.
 */
public interface NodeScoring {
    /** The scores, computed on first call. */
    NodeScores scores();
}
