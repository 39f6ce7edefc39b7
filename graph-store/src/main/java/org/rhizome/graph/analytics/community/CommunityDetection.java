package org.rhizome.graph.analytics.community;

/**
 * The community family: an algorithm bound to a graph and its options at construction, computing on the first call
 * to {@link #partition()} and returning the cached, immutable result after.
 */
public interface CommunityDetection {
    /** The partition, computed on first call. */
    Partition partition();
}
