package org.rhizome.graph.snapshot;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

import org.apache.jena.graph.Node;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Rz;

/**
 * A read-only integer view of a knowledge graph for algorithms: a directed multigraph whose edges carry relation
 * ids. Entities and relations get dense ids ({@code 0..n-1}, {@code 0..r-1}) with dictionaries back to IRIs and
 * labels; adjacency is stored as CSR in both directions.
 *
 * <p><b>What becomes an edge.</b> Every distinct statement {@code s p o} of the selected sources whose subject and
 * object are IRIs or blank nodes, except {@code rdf:type} (unless {@link SnapshotOptions#includeTypeEdges()}) and
 * predicates of the {@code rz:} vocabulary. Literal statements are not edges; {@code rdfs:label}s become the
 * entity and relation labels. An entity exists only if it is the end of some edge. Parallel edges (same ends,
 * different relations) and self-loops are kept; an identical {@code (head, relation, tail)} is one edge.
 *
 * <p><b>Layout.</b> Edge ids are positions in the out-CSR: the out-edges of {@code v} are
 * {@code outStart(v)..outEnd(v)-1}, sorted by (target, relation). The in-CSR lists for each node the sources and
 * edge ids of its in-edges, sorted by source. Per edge: target (4 bytes), relation (2 bytes when there are at most
 * 65,536 relations, else 4), in-source (4) and in-edge id (4): 14 bytes, plus 8 bytes per node for the offsets.
 *
 * <p><b>Building.</b> {@link #of(KnowledgeGraph, SnapshotOptions)} reads the store once, streaming, in
 * O(m + n) store work plus O(m log d) to sort each row (d = largest out-degree). On TDB2 it scans the quad index as
 * node ids and decodes each distinct node once; an in-memory store is read statement by statement. Growth is handled by cheap rebuild:
 * {@link #withEdges(String[][])} patches a snapshot from its own arrays without reading the store, at O(n + m log d);
 * there is no in-place mutation, so a snapshot is immutable and safe to share between threads.
 */
public final class GraphSnapshot {
    private final String[] entityIris;
    private final String[] entityLabels;
    private final String[] relationIris;
    private final String[] relationLabels;
    private final StringIdIndex entityIndex;
    private final StringIdIndex relationIndex;

    private final int[] outOffsets;
    private final int[] outTargets;
    private final char[] outRelationsSmall;
    private final int[] outRelationsLarge;
    private final int[] inOffsets;
    private final int[] inSources;
    private final int[] inEdges;

    GraphSnapshot(String[] entityIris, String[] entityLabels, String[] relationIris, String[] relationLabels,
            int[] outOffsets, int[] outTargets, int[] outRelations, int[] inOffsets, int[] inSources,
            int[] inEdges) {
        this.entityIris = entityIris;
        this.entityLabels = entityLabels;
        this.relationIris = relationIris;
        this.relationLabels = relationLabels;
        this.entityIndex = new StringIdIndex(entityIris);
        this.relationIndex = new StringIdIndex(relationIris);
        this.outOffsets = outOffsets;
        this.outTargets = outTargets;
        if (relationIris.length <= 65536) {
            this.outRelationsSmall = new char[outRelations.length];
            for (int i = 0; i < outRelations.length; i++) {
                outRelationsSmall[i] = (char) outRelations[i];
            }
            this.outRelationsLarge = null;
        } else {
            this.outRelationsSmall = null;
            this.outRelationsLarge = outRelations;
        }
        this.inOffsets = inOffsets;
        this.inSources = inSources;
        this.inEdges = inEdges;
    }

    /** Builds the snapshot of {@code kg}'s asserted statements. */
    public static GraphSnapshot of(KnowledgeGraph kg) {
        return of(kg, SnapshotOptions.defaults());
    }

    /** Builds the snapshot of {@code kg} in one streaming pass over the selected sources. */
    public static GraphSnapshot of(KnowledgeGraph kg, SnapshotOptions options) {
        Objects.requireNonNull(kg, "kg");
        Objects.requireNonNull(options, "options");
        Builder b = new Builder();
        options.progress().begin("snapshot", -1, "statements");
        kg.read(() -> {
            List<Node> graphs = kg.contentGraphs(options.statuses());
            if (kg.isTdb2()) {
                Tdb2SnapshotReader.read(kg, graphs, options, b);
            } else {
                readStatements(kg, graphs, options, b);
            }
            return null;
        });
        GraphSnapshot snap = b.build();
        options.progress().end(String.format("snapshot: %,d entities, %,d relations, %,d edges",
                snap.entityCount(), snap.relationCount(), snap.edgeCount()));
        return snap;
    }

    /** Generic path: the distinct statements of the graphs, decoded. */
    private static void readStatements(KnowledgeGraph kg, List<Node> graphs, SnapshotOptions options, Builder b) {
        Node type = RDF.type.asNode();
        Node label = RDFS.label.asNode();
        Map<Node, String> labels = new HashMap<>();
        long[] seen = {0};
        kg.forEachStatementIn(graphs, Node.ANY, Node.ANY, Node.ANY, t -> {
            if ((++seen[0] & 0xFFFF) == 0) {
                options.progress().progress(seen[0]);
            }
            Node s = t.getSubject();
            Node p = t.getPredicate();
            Node o = t.getObject();
            if (o.isLiteral()) {
                if (p.equals(label)) {
                    labels.putIfAbsent(s, o.getLiteralLexicalForm());
                }
                return true;
            }
            if (p.getURI().startsWith(Rz.NS) || (!options.includeTypeEdges() && p.equals(type))
                    || !(s.isURI() || s.isBlank()) || !(o.isURI() || o.isBlank())) {
                return true;
            }
            b.addEdge(key(s), key(p), key(o));
            return true;
        });
        for (Map.Entry<Node, String> e : labels.entrySet()) {
            b.label(key(e.getKey()), e.getValue());
        }
    }

    static String key(Node n) {
        return n.isURI() ? n.getURI() : "_:" + n.getBlankNodeLabel();
    }

    /** A builder for snapshots from plain edges (tests, generators, patches). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A new snapshot with these edges added ({@code {head, relation, tail}} IRIs; new entities and relations get
     * the next ids, existing ids are kept). Does not read the store: O(n + m log d).
     */
    public GraphSnapshot withEdges(String[][] edges) {
        Builder b = new Builder();
        for (int v = 0; v < entityIris.length; v++) {
            b.entityId(entityIris[v]);
            if (entityLabels[v] != null) {
                b.label(entityIris[v], entityLabels[v]);
            }
        }
        for (int r = 0; r < relationIris.length; r++) {
            b.relationId(relationIris[r]);
            if (relationLabels[r] != null) {
                b.label(relationIris[r], relationLabels[r]);
            }
        }
        for (int v = 0; v < entityIris.length; v++) {
            for (int e = outOffsets[v]; e < outOffsets[v + 1]; e++) {
                b.addEdge(v, relation(e), outTargets[e]);
            }
        }
        for (String[] e : edges) {
            if (e.length != 3) {
                throw new IllegalArgumentException("an edge is {head, relation, tail}, got " + e.length + " items");
            }
            b.addEdge(e[0], e[1], e[2]);
        }
        return b.build();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sizes and dictionaries

    /** Number of entities n. */
    public int entityCount() {
        return entityIris.length;
    }

    /** Number of relations r. */
    public int relationCount() {
        return relationIris.length;
    }

    /** Number of edges m. */
    public int edgeCount() {
        return outTargets.length;
    }

    /** IRI (or {@code _:label} for a blank node) of entity {@code id}. */
    public String entityIri(int id) {
        return entityIris[id];
    }

    /** Label of entity {@code id}: its {@code rdfs:label}, else its IRI's last segment. */
    public String entityLabel(int id) {
        String l = entityLabels[id];
        return l != null ? l : localName(entityIris[id]);
    }

    /** The id of the entity with this IRI. */
    public OptionalInt entityId(String iri) {
        int id = entityIndex.get(iri);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** IRI of relation {@code id}. */
    public String relationIri(int id) {
        return relationIris[id];
    }

    /** Label of relation {@code id}: its {@code rdfs:label}, else its IRI's last segment. */
    public String relationLabel(int id) {
        String l = relationLabels[id];
        return l != null ? l : localName(relationIris[id]);
    }

    /** The id of the relation with this IRI. */
    public OptionalInt relationId(String iri) {
        int id = relationIndex.get(iri);
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    static String localName(String iri) {
        int cut = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
        String tail = cut >= 0 && cut < iri.length() - 1 ? iri.substring(cut + 1) : iri;
        return org.rhizome.graph.Iris.decodeToken(tail);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Adjacency

    /** Out-degree of {@code v} (parallel edges counted). */
    public int outDegree(int v) {
        return outOffsets[v + 1] - outOffsets[v];
    }

    /** In-degree of {@code v}. */
    public int inDegree(int v) {
        return inOffsets[v + 1] - inOffsets[v];
    }

    /** First out-edge id of {@code v}. */
    public int outStart(int v) {
        return outOffsets[v];
    }

    /** One past the last out-edge id of {@code v}. */
    public int outEnd(int v) {
        return outOffsets[v + 1];
    }

    /** Target entity of edge {@code e}. */
    public int target(int e) {
        return outTargets[e];
    }

    /** Relation id of edge {@code e}. */
    public int relation(int e) {
        return outRelationsSmall != null ? outRelationsSmall[e] : outRelationsLarge[e];
    }

    /** Source entity of edge {@code e}, by binary search over the offsets: O(log n). */
    public int source(int e) {
        if (e < 0 || e >= outTargets.length) {
            throw new IndexOutOfBoundsException("edge " + e + " not in [0, " + outTargets.length + ")");
        }
        int lo = 0;
        int hi = entityIris.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (outOffsets[mid] <= e) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** First position of {@code v}'s in-list (for {@link #inSource(int)} and {@link #inEdge(int)}). */
    public int inStart(int v) {
        return inOffsets[v];
    }

    /** One past the last position of {@code v}'s in-list. */
    public int inEnd(int v) {
        return inOffsets[v + 1];
    }

    /** Source entity of the in-edge at in-list position {@code i}. */
    public int inSource(int i) {
        return inSources[i];
    }

    /** Edge id of the in-edge at in-list position {@code i}. */
    public int inEdge(int i) {
        return inEdges[i];
    }

    /** The first edge id from {@code u} to {@code v} (any relation), or -1: O(log outDegree(u)). */
    public int findEdge(int u, int v) {
        int lo = outOffsets[u];
        int hi = outOffsets[u + 1];
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (outTargets[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo < outOffsets[u + 1] && outTargets[lo] == v ? lo : -1;
    }

    /** Bytes held by the adjacency arrays (offsets and per-edge columns). */
    public long adjacencyBytes() {
        long rel = outRelationsSmall != null ? 2L * outRelationsSmall.length : 4L * outRelationsLarge.length;
        return 4L * (outOffsets.length + outTargets.length + inOffsets.length + inSources.length + inEdges.length)
                + rel;
    }

    /** Rough bytes of the whole snapshot: adjacency, id indexes and dictionary strings. */
    public long estimatedBytes() {
        long strings = 0;
        for (String[] a : new String[][] {entityIris, entityLabels, relationIris, relationLabels}) {
            strings += 16L + 4L * a.length;
            for (String s : a) {
                if (s != null) {
                    strings += 40L + s.length();
                }
            }
        }
        return adjacencyBytes() + entityIndex.bytes() + relationIndex.bytes() + strings;
    }

    @Override
    public String toString() {
        return "GraphSnapshot[" + entityCount() + " entities, " + relationCount() + " relations, " + edgeCount()
                + " edges]";
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Collects edges and labels and builds a {@link GraphSnapshot}. Ids are given in first-seen order. Duplicate
     * {@code (head, relation, tail)} edges are kept once. Not thread-safe; single use.
     */
    public static final class Builder {
        private final Map<String, Integer> entities = new HashMap<>();
        private final Map<String, Integer> relations = new HashMap<>();
        private final Map<String, String> labels = new HashMap<>();
        private int[] heads = new int[1024];
        private int[] rels = new int[1024];
        private int[] tails = new int[1024];
        private int size;

        private Builder() {}

        /** The id of entity {@code iri}, assigning the next one if new. */
        public int entityId(String iri) {
            Integer id = entities.get(iri);
            if (id == null) {
                id = entities.size();
                entities.put(iri, id);
            }
            return id;
        }

        /** The id of relation {@code iri}, assigning the next one if new. */
        public int relationId(String iri) {
            Integer id = relations.get(iri);
            if (id == null) {
                id = relations.size();
                relations.put(iri, id);
            }
            return id;
        }

        /** Sets the label of an entity or relation IRI (kept only if the IRI ends up in the snapshot). */
        public Builder label(String iri, String label) {
            labels.put(iri, label);
            return this;
        }

        /** Adds an edge by IRIs. */
        public Builder addEdge(String head, String relation, String tail) {
            int h = entityId(head);
            int r = relationId(relation);
            return addEdge(h, r, entityId(tail));
        }

        /** Adds an edge by ids already assigned by this builder. */
        public Builder addEdge(int head, int relation, int tail) {
            if (head < 0 || head >= entities.size() || tail < 0 || tail >= entities.size()) {
                throw new IllegalArgumentException("entity ids must be in [0, " + entities.size() + "), got "
                        + head + " and " + tail);
            }
            if (relation < 0 || relation >= relations.size()) {
                throw new IllegalArgumentException("relation id must be in [0, " + relations.size() + "), got "
                        + relation);
            }
            if (size == heads.length) {
                int cap = Math.max(1024, (int) Math.min(Integer.MAX_VALUE - 8L, heads.length * 2L));
                heads = Arrays.copyOf(heads, cap);
                rels = Arrays.copyOf(rels, cap);
                tails = Arrays.copyOf(tails, cap);
            }
            heads[size] = head;
            rels[size] = relation;
            tails[size] = tail;
            size++;
            return this;
        }

        public GraphSnapshot build() {
            int n = entities.size();
            String[] entityIris = new String[n];
            entities.forEach((iri, id) -> entityIris[id] = iri);
            String[] relationIris = new String[relations.size()];
            relations.forEach((iri, id) -> relationIris[id] = iri);
            String[] entityLabels = new String[n];
            for (int i = 0; i < n; i++) {
                entityLabels[i] = labels.get(entityIris[i]);
            }
            String[] relationLabels = new String[relationIris.length];
            for (int i = 0; i < relationIris.length; i++) {
                relationLabels[i] = labels.get(relationIris[i]);
            }

            // Out-CSR by counting sort on the head, then each row sorted by (tail, relation) and deduplicated.
            int[] offsets = new int[n + 1];
            for (int i = 0; i < size; i++) {
                offsets[heads[i] + 1]++;
            }
            for (int v = 0; v < n; v++) {
                offsets[v + 1] += offsets[v];
            }
            long[] packed = new long[size];
            int[] fill = Arrays.copyOf(offsets, n);
            for (int i = 0; i < size; i++) {
                packed[fill[heads[i]]++] = ((long) tails[i] << 32) | (rels[i] & 0xFFFFFFFFL);
            }
            heads = null;
            rels = null;
            tails = null;
            int[] outOffsets = new int[n + 1];
            int m = 0;
            for (int v = 0; v < n; v++) {
                int from = offsets[v];
                int to = offsets[v + 1];
                Arrays.sort(packed, from, to);
                outOffsets[v] = m;
                for (int i = from; i < to; i++) {
                    if (i == from || packed[i] != packed[i - 1]) {
                        packed[m++] = packed[i];
                    }
                }
            }
            outOffsets[n] = m;
            int[] outTargets = new int[m];
            int[] outRelations = new int[m];
            for (int e = 0; e < m; e++) {
                outTargets[e] = (int) (packed[e] >>> 32);
                outRelations[e] = (int) packed[e];
            }
            packed = null;

            // In-CSR: counting sort on the target; scanning edges in id order keeps each in-list sorted by source.
            int[] inOffsets = new int[n + 1];
            for (int e = 0; e < m; e++) {
                inOffsets[outTargets[e] + 1]++;
            }
            for (int v = 0; v < n; v++) {
                inOffsets[v + 1] += inOffsets[v];
            }
            int[] inSources = new int[m];
            int[] inEdges = new int[m];
            int[] pos = Arrays.copyOf(inOffsets, n);
            for (int v = 0; v < n; v++) {
                for (int e = outOffsets[v]; e < outOffsets[v + 1]; e++) {
                    int p = pos[outTargets[e]]++;
                    inSources[p] = v;
                    inEdges[p] = e;
                }
            }
            return new GraphSnapshot(entityIris, entityLabels, relationIris, relationLabels, outOffsets, outTargets,
                    outRelations, inOffsets, inSources, inEdges);
        }
    }
}
