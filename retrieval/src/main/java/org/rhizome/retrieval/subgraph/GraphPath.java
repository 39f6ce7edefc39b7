package org.rhizome.retrieval.subgraph;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A walk through a snapshot: {@code length() + 1} node ids, {@code length()} edge ids, and for each edge whether it
 * was walked forward (from its head to its tail) or backwards. Edge {@code i} joins {@code node(i)} and
 * {@code node(i + 1)}. A path of length 0 is a single node. Immutable value; equality is on all three sequences.
 */
public final class GraphPath {
    /**
     * Shorter first, then by node sequence, then edge sequence, then walk directions (backwards before forward),
     * each compared lexicographically: the deterministic tie-break of {@link ShortestPaths#kShortestPaths}.
     */
    public static final Comparator<GraphPath> BY_LENGTH_THEN_IDS = GraphPath::compareByLengthThenIds;

    private final int[] nodes;
    private final int[] edges;
    private final boolean[] forward;

    private GraphPath(int[] nodes, int[] edges, boolean[] forward) {
        this.nodes = nodes;
        this.edges = edges;
        this.forward = forward;
    }

    /**
     * A path from its sequences (copied). Consistency with a snapshot is not checked here; {@link PromptFormat}
     * checks it when rendering.
     *
     * @param nodes   [length + 1] entity ids, at least one
     * @param edges   [length] edge ids
     * @param forward [length] true where the edge was walked head to tail
     */
    public static GraphPath of(int[] nodes, int[] edges, boolean[] forward) {
        if (nodes.length == 0) {
            throw new IllegalArgumentException("a path has at least one node");
        }
        if (edges.length != nodes.length - 1 || forward.length != edges.length) {
            throw new IllegalArgumentException("a path of " + nodes.length + " nodes needs " + (nodes.length - 1)
                    + " edges and directions, got " + edges.length + " and " + forward.length);
        }
        return new GraphPath(nodes.clone(), edges.clone(), forward.clone());
    }

    /** The path of length 0 at {@code node}. */
    public static GraphPath single(int node) {
        return new GraphPath(new int[] {node}, new int[0], new boolean[0]);
    }

    /** Wraps arrays the caller hands over (no copy). */
    static GraphPath wrap(int[] nodes, int[] edges, boolean[] forward) {
        return new GraphPath(nodes, edges, forward);
    }

    /** Number of edges. */
    public int length() {
        return edges.length;
    }

    /** First node. */
    public int source() {
        return nodes[0];
    }

    /** Last node. */
    public int target() {
        return nodes[nodes.length - 1];
    }

    /** Node {@code i}, {@code 0 <= i <= length()}. */
    public int node(int i) {
        return nodes[i];
    }

    /** Edge {@code i}, joining {@code node(i)} and {@code node(i + 1)}. */
    public int edge(int i) {
        return edges[i];
    }

    /** True iff edge {@code i} was walked from its head {@code node(i)} to its tail {@code node(i + 1)}. */
    public boolean isForward(int i) {
        return forward[i];
    }

    /** The node ids; a copy. */
    public int[] nodes() {
        return nodes.clone();
    }

    /** The edge ids; a copy. */
    public int[] edges() {
        return edges.clone();
    }

    /** The walk directions; a copy. */
    public boolean[] forward() {
        return forward.clone();
    }

    /** True iff no node occurs twice. O(L log L). */
    public boolean isSimple() {
        int[] s = nodes.clone();
        Arrays.sort(s);
        for (int i = 1; i < s.length; i++) {
            if (s[i] == s[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** This path followed by {@code next}, which must start where this one ends. */
    public GraphPath concat(GraphPath next) {
        if (next.source() != target()) {
            throw new IllegalArgumentException("cannot join a path ending at " + target()
                    + " to one starting at " + next.source());
        }
        int[] n = Arrays.copyOf(nodes, nodes.length + next.edges.length);
        System.arraycopy(next.nodes, 1, n, nodes.length, next.edges.length);
        int[] e = Arrays.copyOf(edges, edges.length + next.edges.length);
        System.arraycopy(next.edges, 0, e, edges.length, next.edges.length);
        boolean[] f = Arrays.copyOf(forward, forward.length + next.forward.length);
        System.arraycopy(next.forward, 0, f, forward.length, next.forward.length);
        return new GraphPath(n, e, f);
    }

    /** True iff the first {@code i + 1} nodes and first {@code i} edges equal those of {@code other}. */
    boolean sharesPrefix(GraphPath other, int i) {
        if (other.nodes.length <= i || nodes.length <= i) {
            return false;
        }
        return Arrays.equals(nodes, 0, i + 1, other.nodes, 0, i + 1) && Arrays.equals(edges, 0, i, other.edges, 0, i)
                && Arrays.equals(forward, 0, i, other.forward, 0, i);
    }

    /** The first {@code i} edges as a path. */
    GraphPath prefix(int i) {
        return new GraphPath(Arrays.copyOf(nodes, i + 1), Arrays.copyOf(edges, i), Arrays.copyOf(forward, i));
    }

    private static int compareByLengthThenIds(GraphPath a, GraphPath b) {
        int c = Integer.compare(a.edges.length, b.edges.length);
        if (c == 0) {
            c = Arrays.compare(a.nodes, b.nodes);
        }
        if (c == 0) {
            c = Arrays.compare(a.edges, b.edges);
        }
        if (c == 0) {
            c = Arrays.compare(a.forward, b.forward);
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GraphPath p && Arrays.equals(p.nodes, nodes) && Arrays.equals(p.edges, edges)
                && Arrays.equals(p.forward, forward);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(nodes) + Arrays.hashCode(edges)) + Arrays.hashCode(forward);
    }

    /** Ids only, for example {@code 0 -[3]-> 1 <-[5]- 4}; {@link PromptFormat} renders labels. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(nodes[0]);
        for (int i = 0; i < edges.length; i++) {
            sb.append(forward[i] ? " -[" : " <-[").append(edges[i]).append(forward[i] ? "]-> " : "]- ")
                    .append(nodes[i + 1]);
        }
        return sb.toString();
    }
}
