package org.rhizome.graph.analytics.paths;

/**
 * The path family: an analysis of shortest paths bound to a graph and its options at construction (where inputs are
 * validated), computing on the first call to {@link #lengths()} and returning the cached, immutable result after, like
 * the centrality ({@code NodeScoring}) and community ({@code CommunityDetection}) families. Paths between two given
 * concepts are a query, not an analysis: see the retrieval module's path finder and {@code rhizome paths}.
 */
public interface PathAnalysis {
    /** The distribution of shortest-path lengths, its mean and the diameter (or its lower bound), on first call. */
    PathLengths.Result lengths();
}
