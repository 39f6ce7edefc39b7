package org.rhizome.retrieval.subgraph;

import java.util.Objects;

/**
 * Settings of a {@link KHopNeighbourhood} expansion.
 *
 * @param hops      how many hops to expand from the seeds, >= 0 (0 returns the seeds alone)
 * @param fanOut    how many edges a node expands per hop and which ones
 * @param relations which relations may be followed
 * @param direction which way edges may be walked
 * @param maxNodes  most nodes in the result, seeds included, >= 1; once full, edges to new nodes are dropped
 */
public record KHopOptions(int hops, FanOut fanOut, RelationFilter relations, Direction direction, int maxNodes) {
    public KHopOptions {
        Checks.nonNegative(hops, "hops");
        Objects.requireNonNull(fanOut, "fanOut");
        Objects.requireNonNull(relations, "relations");
        Objects.requireNonNull(direction, "direction");
        Checks.positive(maxNodes, "maxNodes");
    }

    /** One hop, no fan-out cap, all relations, both directions, no node cap. */
    public static KHopOptions defaults() {
        return new KHopOptions(1, FanOut.unlimited(), RelationFilter.all(), Direction.BOTH, Integer.MAX_VALUE);
    }

    public KHopOptions withHops(int h) {
        return new KHopOptions(h, fanOut, relations, direction, maxNodes);
    }

    public KHopOptions withFanOut(FanOut f) {
        return new KHopOptions(hops, f, relations, direction, maxNodes);
    }

    public KHopOptions withRelations(RelationFilter r) {
        return new KHopOptions(hops, fanOut, r, direction, maxNodes);
    }

    public KHopOptions withDirection(Direction d) {
        return new KHopOptions(hops, fanOut, relations, d, maxNodes);
    }

    public KHopOptions withMaxNodes(int m) {
        return new KHopOptions(hops, fanOut, relations, direction, m);
    }
}
