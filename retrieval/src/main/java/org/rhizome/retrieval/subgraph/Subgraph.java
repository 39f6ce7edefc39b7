package org.rhizome.retrieval.subgraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;

/**
 * An immutable piece of a snapshot: entity ids with their hop distance from the seeds, and edge ids with their
 * {@code (head, relation, tail)} ids (kept here, so no snapshot is needed to read the triples).
 *
 * <p>Nodes are ordered by (hop distance, id); edges by edge id, which in a snapshot is (head, tail, relation) order.
 * {@link #hopDistance(int)} and {@link #contains(int)} are O(log N) by binary search over a by-id copy; memory is
 * 16 bytes per node and 16 per edge. Built by {@link KHopNeighbourhood}.
 */
public final class Subgraph {
    private final int[] nodes;
    private final int[] distances;
    private final int[] byId;
    private final int[] byIdDistance;
    private final int[] edges;
    private final int[] heads;
    private final int[] relations;
    private final int[] tails;

    /**
     * @param nodes     node ids sorted by (distance, id), distinct
     * @param distances hop distance of each node, aligned with {@code nodes}
     * @param edges     edge ids ascending, distinct
     * @param heads     head of each edge, aligned with {@code edges}
     * @param relations relation of each edge
     * @param tails     tail of each edge
     */
    Subgraph(int[] nodes, int[] distances, int[] edges, int[] heads, int[] relations, int[] tails) {
        this.nodes = nodes;
        this.distances = distances;
        this.edges = edges;
        this.heads = heads;
        this.relations = relations;
        this.tails = tails;
        long[] packed = new long[nodes.length];
        for (int i = 0; i < nodes.length; i++) {
            packed[i] = ((long) nodes[i] << 32) | distances[i];
        }
        Arrays.sort(packed);
        byId = new int[nodes.length];
        byIdDistance = new int[nodes.length];
        for (int i = 0; i < packed.length; i++) {
            byId[i] = (int) (packed[i] >>> 32);
            byIdDistance[i] = (int) packed[i];
        }
    }

    /** Number of nodes. */
    public int nodeCount() {
        return nodes.length;
    }

    /** Number of edges. */
    public int edgeCount() {
        return edges.length;
    }

    /** Node ids ordered by (hop distance, id); a copy. */
    public int[] nodes() {
        return nodes.clone();
    }

    /** Hop distance of each node of {@link #nodes()}, in the same order; a copy. */
    public int[] distances() {
        return distances.clone();
    }

    /** True iff {@code node} is in the subgraph. */
    public boolean contains(int node) {
        return Arrays.binarySearch(byId, node) >= 0;
    }

    /** Hop distance of {@code node} from the nearest seed, or empty if it is not in the subgraph. */
    public OptionalInt hopDistance(int node) {
        int i = Arrays.binarySearch(byId, node);
        return i < 0 ? OptionalInt.empty() : OptionalInt.of(byIdDistance[i]);
    }

    /** The nodes at exactly {@code hop} hops, ascending. */
    public int[] nodesAtHop(int hop) {
        int from = 0;
        while (from < nodes.length && distances[from] < hop) {
            from++;
        }
        int to = from;
        while (to < nodes.length && distances[to] == hop) {
            to++;
        }
        return Arrays.copyOfRange(nodes, from, to);
    }

    /** Edge ids ascending; a copy. */
    public int[] edges() {
        return edges.clone();
    }

    /** The edges as {@code (head, relation, tail)} ids, in edge-id order. */
    public List<Triple> triples() {
        List<Triple> out = new ArrayList<>(edges.length);
        for (int i = 0; i < edges.length; i++) {
            out.add(new Triple(heads[i], relations[i], tails[i]));
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Subgraph s && Arrays.equals(s.nodes, nodes) && Arrays.equals(s.distances, distances)
                && Arrays.equals(s.edges, edges);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(nodes) + Arrays.hashCode(distances)) + Arrays.hashCode(edges);
    }

    @Override
    public String toString() {
        return "Subgraph[" + nodes.length + " nodes, " + edges.length + " edges]";
    }
}
