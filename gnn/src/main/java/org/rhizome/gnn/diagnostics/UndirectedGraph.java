package org.rhizome.gnn.diagnostics;

import java.util.Arrays;
import java.util.Objects;

/**
 * A simple undirected graph on the nodes {@code 0..n-1} in compressed rows (CSR): each node's neighbours sorted
 * ascending. Built from an edge list, where a pair {@code (u, v)} and {@code (v, u)} are the same edge: self-loops
 * ({@code u == v}) and repeated edges are dropped on load, and counted ({@link #droppedSelfLoops()},
 * {@link #droppedDuplicates()}). Immutable and safe to share between threads.
 *
 * <p>Memory: {@code 4 (n + 1) + 8 m} bytes for {@code m} edges. Building sorts each row: O(m log d) time, d the
 * largest degree.
 */
public final class UndirectedGraph {
    private final int nodeCount;
    /** Row {@code i} is {@code targets[offsets[i] .. offsets[i + 1])}. [n + 1] */
    private final int[] offsets;
    /** Neighbour ids, each row sorted ascending, no repeats. [2 m] */
    private final int[] targets;
    private final int droppedSelfLoops;
    private final int droppedDuplicates;

    private UndirectedGraph(int nodeCount, int[] offsets, int[] targets, int droppedSelfLoops,
            int droppedDuplicates) {
        this.nodeCount = nodeCount;
        this.offsets = offsets;
        this.targets = targets;
        this.droppedSelfLoops = droppedSelfLoops;
        this.droppedDuplicates = droppedDuplicates;
    }

    /**
     * The graph of the edges {@code (u[e], v[e])}.
     *
     * @param nodeCount number of nodes, at least 0
     * @param u         one end of each edge [m]
     * @param v         the other end of each edge [m]
     * @throws IllegalArgumentException if the arrays differ in length or an id is outside {@code [0, nodeCount)}
     *     (the message names the edge and the id)
     */
    public static UndirectedGraph of(int nodeCount, int[] u, int[] v) {
        Objects.requireNonNull(u, "u");
        Objects.requireNonNull(v, "v");
        if (nodeCount < 0) {
            throw new IllegalArgumentException("nodeCount must not be negative, got " + nodeCount);
        }
        if (u.length != v.length) {
            throw new IllegalArgumentException("u and v must have the same length (one entry per edge), got "
                    + u.length + " and " + v.length);
        }
        int[] degree = new int[nodeCount];
        int selfLoops = 0;
        for (int e = 0; e < u.length; e++) {
            int a = u[e];
            int b = v[e];
            if (a < 0 || a >= nodeCount || b < 0 || b >= nodeCount) {
                throw new IllegalArgumentException("edge " + e + " (" + a + ", " + b + ") has a node outside [0, "
                        + nodeCount + ")");
            }
            if (a == b) {
                selfLoops++;
                continue;
            }
            degree[a]++;
            degree[b]++;
        }
        int[] start = new int[nodeCount + 1];
        for (int i = 0; i < nodeCount; i++) {
            start[i + 1] = start[i] + degree[i];
        }
        int[] raw = new int[start[nodeCount]];
        int[] fill = Arrays.copyOf(start, nodeCount);
        for (int e = 0; e < u.length; e++) {
            int a = u[e];
            int b = v[e];
            if (a != b) {
                raw[fill[a]++] = b;
                raw[fill[b]++] = a;
            }
        }
        // sort each row, then compact it in place without repeats
        int[] offsets = new int[nodeCount + 1];
        int write = 0;
        for (int i = 0; i < nodeCount; i++) {
            Arrays.sort(raw, start[i], start[i + 1]);
            offsets[i] = write;
            for (int p = start[i]; p < start[i + 1]; p++) {
                if (p == start[i] || raw[p] != raw[p - 1]) {
                    raw[write++] = raw[p];
                }
            }
        }
        offsets[nodeCount] = write;
        // every repeated pair was dropped once from each of its two rows
        int duplicates = (raw.length - write) / 2;
        return new UndirectedGraph(nodeCount, offsets, Arrays.copyOf(raw, write), selfLoops, duplicates);
    }

    /** A graph of {@code nodeCount} nodes and no edges. */
    public static UndirectedGraph empty(int nodeCount) {
        return of(nodeCount, new int[0], new int[0]);
    }

    /** Number of nodes. */
    public int nodeCount() {
        return nodeCount;
    }

    /** Number of distinct undirected edges (after dropping self-loops and repeats). */
    public int edgeCount() {
        return targets.length / 2;
    }

    /** Number of neighbours of {@code node}. */
    public int degree(int node) {
        Objects.checkIndex(node, nodeCount);
        return offsets[node + 1] - offsets[node];
    }

    /** The neighbours of {@code node}, ascending (a copy). */
    public int[] neighbours(int node) {
        Objects.checkIndex(node, nodeCount);
        return Arrays.copyOfRange(targets, offsets[node], offsets[node + 1]);
    }

    /** Whether {@code a} and {@code b} are joined by an edge. */
    public boolean hasEdge(int a, int b) {
        Objects.checkIndex(a, nodeCount);
        Objects.checkIndex(b, nodeCount);
        return Arrays.binarySearch(targets, offsets[a], offsets[a + 1], b) >= 0;
    }

    /** Sum of all degrees: twice {@link #edgeCount()}. */
    public long degreeSum() {
        return targets.length;
    }

    /** Number of input edges dropped because both ends were the same node. */
    public int droppedSelfLoops() {
        return droppedSelfLoops;
    }

    /** Number of input edges dropped because the same pair (in either order) came earlier. */
    public int droppedDuplicates() {
        return droppedDuplicates;
    }

    /** The row starts, for the algorithms of this package (not copied: do not change). [n + 1] */
    int[] offsets() {
        return offsets;
    }

    /** The concatenated rows, for the algorithms of this package (not copied: do not change). [2 m] */
    int[] targets() {
        return targets;
    }

    @Override
    public String toString() {
        return "UndirectedGraph[" + nodeCount + " nodes, " + edgeCount() + " edges]";
    }
}
