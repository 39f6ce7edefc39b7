package org.rhizome.graph.analytics;

import java.util.Arrays;
import java.util.Objects;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * The simple undirected reading of a {@link GraphSnapshot}: node ids are the snapshot's entity ids, two nodes are
 * adjacent when at least one statement links them in either direction, whatever its relation. Parallel edges
 * (several relations, or both directions) collapse into one edge and self-loops are dropped. This is how NetworkX's
 * {@code Graph} and igraph's simplified undirected graphs read an edge list, and how the published figures for the
 * usual benchmark graphs are computed; analyses that need direction or relation labels read the snapshot itself.
 * One difference remains: a node whose only statements are self-loops stays here as an isolated node (degree 0),
 * while an edge list read by NetworkX after dropping self-loops never creates it; averages over nodes (mean degree,
 * average clustering) then differ slightly (CA-GrQc: 5,242 nodes here, 5,241 there).
 *
 * <p>Storage is CSR: {@code offsets} (n + 1 ints) and sorted {@code neighbours} (2m ints, each edge in both rows), so
 * 8 bytes per undirected edge plus 4 per node. Built in O(n + m log d) from the snapshot's two CSR directions.
 * Immutable and safe to share between threads.
 */
public final class UndirectedGraph {
    private final GraphSnapshot snapshot;
    private final int[] offsets;
    private final int[] neighbours;
    private final long droppedSelfLoops;
    private final long collapsedParallel;

    private UndirectedGraph(GraphSnapshot snapshot, int[] offsets, int[] neighbours, long droppedSelfLoops,
            long collapsedParallel) {
        this.snapshot = snapshot;
        this.offsets = offsets;
        this.neighbours = neighbours;
        this.droppedSelfLoops = droppedSelfLoops;
        this.collapsedParallel = collapsedParallel;
    }

    /** The simple undirected reading of {@code snapshot}. */
    public static UndirectedGraph of(GraphSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        int n = snapshot.entityCount();
        int[] offsets = new int[n + 1];
        long selfLoops = 0;
        for (int v = 0; v < n; v++) {
            long d = (long) snapshot.outDegree(v) + snapshot.inDegree(v);
            if (offsets[v] + d > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("graph too large for an int-indexed adjacency");
            }
            offsets[v + 1] = (int) (offsets[v] + d);
        }
        int[] buf = new int[offsets[n]];
        int[] write = new int[n + 1];
        int w = 0;
        for (int v = 0; v < n; v++) {
            int start = w;
            for (int e = snapshot.outStart(v), end = snapshot.outEnd(v); e < end; e++) {
                int t = snapshot.target(e);
                if (t == v) {
                    selfLoops++;
                } else {
                    buf[w++] = t;
                }
            }
            for (int i = snapshot.inStart(v), end = snapshot.inEnd(v); i < end; i++) {
                int s = snapshot.inSource(i);
                if (s != v) {
                    buf[w++] = s;
                }
            }
            Arrays.sort(buf, start, w);
            int k = start;
            for (int i = start; i < w; i++) {
                if (i == start || buf[i] != buf[i - 1]) {
                    buf[k++] = buf[i];
                }
            }
            w = k;
            write[v + 1] = w;
        }
        int[] neighbours = Arrays.copyOf(buf, w);
        long collapsed = snapshot.edgeCount() - selfLoops - w / 2;
        return new UndirectedGraph(snapshot, write, neighbours, selfLoops, collapsed);
    }

    /** A graph over {@code n} unnamed nodes from an undirected edge list (pairs of ids), for tests and tools. */
    public static UndirectedGraph fromEdges(int n, int[][] edges) {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (int v = 0; v < n; v++) {
            b.entityId(Integer.toString(v));
        }
        int rel = b.relationId("edge");
        for (int[] e : edges) {
            if (e[0] < 0 || e[0] >= n || e[1] < 0 || e[1] >= n) {
                throw new IllegalArgumentException("edge " + Arrays.toString(e) + " has an end outside 0.." + (n - 1));
            }
            b.addEdge(e[0], rel, e[1]);
        }
        return of(b.build());
    }

    /** The snapshot this graph reads (for IRIs, labels, directions and relations). */
    public GraphSnapshot snapshot() {
        return snapshot;
    }

    public int nodeCount() {
        return offsets.length - 1;
    }

    /** Undirected simple edges. */
    public long edgeCount() {
        return neighbours.length / 2;
    }

    public int degree(int v) {
        return offsets[v + 1] - offsets[v];
    }

    /** First index of {@code v}'s neighbours in {@link #neighbour(int)}. */
    public int start(int v) {
        return offsets[v];
    }

    /** One past the last index of {@code v}'s neighbours. */
    public int end(int v) {
        return offsets[v + 1];
    }

    /** The neighbour at adjacency index {@code i} (rows are sorted ascending). */
    public int neighbour(int i) {
        return neighbours[i];
    }

    /** Whether {@code u} and {@code v} are adjacent; O(log d). */
    public boolean adjacent(int u, int v) {
        return Arrays.binarySearch(neighbours, offsets[u], offsets[u + 1], v) >= 0;
    }

    /** Statements whose two ends are the same node; not edges of this graph. */
    public long droppedSelfLoops() {
        return droppedSelfLoops;
    }

    /** Statements beyond the first between the same two nodes (either direction); collapsed into one edge. */
    public long collapsedParallelEdges() {
        return collapsedParallel;
    }

    public String iri(int v) {
        return snapshot.entityIri(v);
    }

    /** The node's label ({@link GraphSnapshot#entityLabel(int)}: its {@code rdfs:label}, else its IRI's last segment). */
    public String label(int v) {
        return snapshot.entityLabel(v);
    }

    /** Direct access to the arrays, for code in this module's analytics packages; never modify them. */
    public int[] offsetsArray() {
        return offsets;
    }

    /** Direct access to the arrays, for code in this module's analytics packages; never modify them. */
    public int[] neighboursArray() {
        return neighbours;
    }

    @Override
    public String toString() {
        return "UndirectedGraph[nodes=" + nodeCount() + ", edges=" + edgeCount() + "]";
    }
}
