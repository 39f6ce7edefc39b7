package org.rhizome.graph.snapshot;

import java.util.AbstractSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;

import org.jgrapht.Graph;
import org.jgrapht.GraphType;
import org.jgrapht.graph.AbstractGraph;
import org.jgrapht.graph.DefaultGraphType;

/**
 * A read-only JGraphT {@link Graph} over a {@link GraphSnapshot}, without copying: vertices are entity ids
 * {@code 0..n-1}, edges are edge ids {@code 0..m-1}, and every set is a view over the snapshot's CSR arrays. The
 * graph is directed, with parallel edges and self-loops, unweighted (weight 1.0) and unmodifiable; mutators throw
 * {@link UnsupportedOperationException}.
 *
 * <p>Cost: {@code outgoingEdgesOf}, {@code incomingEdgesOf}, degrees and {@code getEdgeTarget} are O(1);
 * {@code getEdgeSource} is O(log n); {@code getEdge(u, v)} is O(log outDegree(u)). Boxing of {@code Integer} ids
 * happens as JGraphT algorithms iterate (they are written for objects), but nothing is copied.
 */
public final class SnapshotGraphView extends AbstractGraph<Integer, Integer> {
    private static final GraphType TYPE = new DefaultGraphType.Builder().directed().allowMultipleEdges(true)
            .allowSelfLoops(true).weighted(false).modifiable(false).build();

    private final GraphSnapshot s;

    /** A view of {@code snapshot}. */
    public SnapshotGraphView(GraphSnapshot snapshot) {
        this.s = Objects.requireNonNull(snapshot, "snapshot");
    }

    /** The viewed snapshot. */
    public GraphSnapshot snapshot() {
        return s;
    }

    private boolean isVertex(Object v) {
        return v instanceof Integer i && i >= 0 && i < s.entityCount();
    }

    private boolean isEdge(Object e) {
        return e instanceof Integer i && i >= 0 && i < s.edgeCount();
    }

    private int vertex(Integer v) {
        if (!isVertex(v)) {
            throw new IllegalArgumentException("no such vertex: " + v + " (vertices are 0.." + (s.entityCount() - 1)
                    + ")");
        }
        return v;
    }

    private int edge(Integer e) {
        if (!isEdge(e)) {
            throw new IllegalArgumentException("no such edge: " + e + " (edges are 0.." + (s.edgeCount() - 1) + ")");
        }
        return e;
    }

    @Override
    public Set<Integer> getAllEdges(Integer u, Integer v) {
        if (!isVertex(u) || !isVertex(v)) {
            return null; // JGraphT's contract for absent vertices
        }
        Set<Integer> out = new LinkedHashSet<>();
        int first = s.findEdge(u, v);
        if (first >= 0) {
            for (int e = first; e < s.outEnd(u) && s.target(e) == v; e++) {
                out.add(e);
            }
        }
        return out;
    }

    @Override
    public Integer getEdge(Integer u, Integer v) {
        if (!isVertex(u) || !isVertex(v)) {
            return null;
        }
        int e = s.findEdge(u, v);
        return e < 0 ? null : e;
    }

    @Override
    public Supplier<Integer> getVertexSupplier() {
        return null;
    }

    @Override
    public Supplier<Integer> getEdgeSupplier() {
        return null;
    }

    @Override
    public Integer addEdge(Integer u, Integer v) {
        throw unmodifiable();
    }

    @Override
    public boolean addEdge(Integer u, Integer v, Integer e) {
        throw unmodifiable();
    }

    @Override
    public Integer addVertex() {
        throw unmodifiable();
    }

    @Override
    public boolean addVertex(Integer v) {
        throw unmodifiable();
    }

    @Override
    public boolean containsEdge(Integer e) {
        return isEdge(e);
    }

    @Override
    public boolean containsVertex(Integer v) {
        return isVertex(v);
    }

    @Override
    public Set<Integer> edgeSet() {
        return new IntRangeSet(0, s.edgeCount());
    }

    @Override
    public int degreeOf(Integer v) {
        int u = vertex(v);
        return s.inDegree(u) + s.outDegree(u);
    }

    /** In- and out-edges of {@code v}; a self-loop appears once. Materialised: O(degree). */
    @Override
    public Set<Integer> edgesOf(Integer v) {
        int u = vertex(v);
        Set<Integer> out = new LinkedHashSet<>();
        for (int e = s.outStart(u); e < s.outEnd(u); e++) {
            out.add(e);
        }
        for (int i = s.inStart(u); i < s.inEnd(u); i++) {
            out.add(s.inEdge(i));
        }
        return out;
    }

    @Override
    public int inDegreeOf(Integer v) {
        return s.inDegree(vertex(v));
    }

    @Override
    public Set<Integer> incomingEdgesOf(Integer v) {
        int u = vertex(v);
        return new MappedRangeSet(s.inStart(u), s.inEnd(u), s::inEdge,
                e -> e >= 0 && e < s.edgeCount() && s.target(e) == u);
    }

    @Override
    public int outDegreeOf(Integer v) {
        return s.outDegree(vertex(v));
    }

    @Override
    public Set<Integer> outgoingEdgesOf(Integer v) {
        int u = vertex(v);
        return new IntRangeSet(s.outStart(u), s.outEnd(u));
    }

    @Override
    public Integer removeEdge(Integer u, Integer v) {
        throw unmodifiable();
    }

    @Override
    public boolean removeEdge(Integer e) {
        throw unmodifiable();
    }

    @Override
    public boolean removeVertex(Integer v) {
        throw unmodifiable();
    }

    @Override
    public Set<Integer> vertexSet() {
        return new IntRangeSet(0, s.entityCount());
    }

    @Override
    public Integer getEdgeSource(Integer e) {
        return s.source(edge(e));
    }

    @Override
    public Integer getEdgeTarget(Integer e) {
        return s.target(edge(e));
    }

    @Override
    public GraphType getType() {
        return TYPE;
    }

    @Override
    public double getEdgeWeight(Integer e) {
        edge(e);
        return Graph.DEFAULT_EDGE_WEIGHT;
    }

    @Override
    public void setEdgeWeight(Integer e, double weight) {
        throw unmodifiable();
    }

    private static UnsupportedOperationException unmodifiable() {
        return new UnsupportedOperationException("a snapshot view is read-only; write to the KnowledgeGraph and "
                + "take a new snapshot");
    }

    /** The integers {@code from..to-1} as an unmodifiable set. */
    static final class IntRangeSet extends AbstractSet<Integer> {
        private final int from;
        private final int to;

        IntRangeSet(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof Integer i && i >= from && i < to;
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next = from;

                @Override
                public boolean hasNext() {
                    return next < to;
                }

                @Override
                public Integer next() {
                    if (next >= to) {
                        throw new NoSuchElementException();
                    }
                    return next++;
                }
            };
        }
    }

    /** {@code map(from)..map(to-1)} as an unmodifiable set whose membership test is {@code member}. */
    static final class MappedRangeSet extends AbstractSet<Integer> {
        private final int from;
        private final int to;
        private final IntUnaryOperator map;
        private final IntPredicate member;

        MappedRangeSet(int from, int to, IntUnaryOperator map, IntPredicate member) {
            this.from = from;
            this.to = to;
            this.map = map;
            this.member = member;
        }

        @Override
        public boolean contains(Object o) {
            return o instanceof Integer i && member.test(i);
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                private int next = from;

                @Override
                public boolean hasNext() {
                    return next < to;
                }

                @Override
                public Integer next() {
                    if (next >= to) {
                        throw new NoSuchElementException();
                    }
                    return map.applyAsInt(next++);
                }
            };
        }
    }
}
