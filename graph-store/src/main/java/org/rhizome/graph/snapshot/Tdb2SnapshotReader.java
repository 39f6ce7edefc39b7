package org.rhizome.graph.snapshot;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

import org.apache.jena.atlas.lib.tuple.Tuple;
import org.apache.jena.graph.Node;
import org.apache.jena.tdb2.store.DatasetGraphTDB;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.nodetable.NodeTable;
import org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Rz;

/**
 * Feeds a {@link GraphSnapshot.Builder} from a TDB2 store by scanning its quad index as NodeIds: each distinct node
 * is decoded once (to classify it and name it), not once per quad. Same edges as the generic path (duplicates across
 * sources are removed by the builder). Must run inside a read transaction.
 */
final class Tdb2SnapshotReader {
    private static final int UNSEEN = Integer.MIN_VALUE;
    private static final int SKIP = -1;
    private static final int LABEL = -2;
    private static final Node REIFIES = org.apache.jena.graph.NodeFactory.createURI(RDF.getURI() + "reifies");

    private Tdb2SnapshotReader() {}

    static void read(KnowledgeGraph kg, List<Node> graphs, SnapshotOptions options, GraphSnapshot.Builder b) {
        DatasetGraphTDB tdb = TDBInternal.getDatasetGraphTDB(kg.datasetGraph());
        NodeTupleTable quads = tdb.getQuadTable().getNodeTupleTable();
        NodeTable nodes = quads.getNodeTable();
        LongIntMap entityOf = new LongIntMap();
        LongIntMap predicateOf = new LongIntMap();
        // Predicates get a relation id only when they first carry an edge (one with only literal objects, such as
        // rdfs:comment, is not a relation of the snapshot).
        List<String> predicateIris = new java.util.ArrayList<>();
        int[] relationOf = new int[16];
        LongIntMap labelOf = new LongIntMap(); // subject ptr -> index into labelIds
        NodeId[] labelIds = new NodeId[1024];
        NodeId[] labelSubjects = new NodeId[1024];
        int labels = 0;
        Node type = RDF.type.asNode();
        Node label = RDFS.label.asNode();
        long seen = 0;
        for (Node g : graphs) {
            NodeId gid = nodes.getNodeIdForNode(g);
            if (NodeId.isDoesNotExist(gid)) {
                continue;
            }
            Iterator<Tuple<NodeId>> it = quads.find(gid, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny);
            while (it.hasNext()) {
                Tuple<NodeId> t = it.next();
                if ((++seen & 0xFFFF) == 0) {
                    options.progress().progress(seen);
                }
                NodeId p = t.get(2);
                int rel = predicateOf.get(p.getPtrLocation());
                if (rel == UNSEEN) {
                    Node pn = nodes.getNodeForNodeId(p);
                    if (pn.equals(label)) {
                        rel = LABEL;
                    } else if (pn.getURI().startsWith(Rz.NS) || pn.equals(REIFIES)
                            || (!options.includeTypeEdges() && pn.equals(type))) {
                        rel = SKIP;
                    } else {
                        rel = predicateIris.size();
                        predicateIris.add(pn.getURI());
                        if (rel == relationOf.length) {
                            relationOf = Arrays.copyOf(relationOf, rel * 2);
                        }
                        relationOf[rel] = -1;
                    }
                    predicateOf.put(p.getPtrLocation(), rel);
                }
                if (rel == SKIP) {
                    continue;
                }
                NodeId s = t.get(1);
                NodeId o = t.get(3);
                if (rel == LABEL) {
                    if (!s.isInline() && labelOf.get(s.getPtrLocation()) == UNSEEN && !o.isInline()) {
                        if (labels == labelIds.length) {
                            labelIds = Arrays.copyOf(labelIds, labels * 2);
                            labelSubjects = Arrays.copyOf(labelSubjects, labels * 2);
                        }
                        labelIds[labels] = o;
                        labelSubjects[labels] = s;
                        labelOf.put(s.getPtrLocation(), labels++);
                    }
                    continue;
                }
                int h = entity(s, nodes, entityOf, b);
                int tail = entity(o, nodes, entityOf, b);
                if (h >= 0 && tail >= 0) {
                    if (relationOf[rel] < 0) {
                        relationOf[rel] = b.relationId(predicateIris.get(rel));
                    }
                    b.addEdge(h, relationOf[rel], tail);
                }
            }
        }
        // Labels of the nodes that became entities or relations.
        for (int i = 0; i < labels; i++) {
            Node subject = nodes.getNodeForNodeId(labelSubjects[i]);
            Node lit = nodes.getNodeForNodeId(labelIds[i]);
            if (lit.isLiteral() && (subject.isURI() || subject.isBlank())) {
                b.label(GraphSnapshot.key(subject), lit.getLiteralLexicalForm());
            }
        }
    }

    /** Entity id of a subject or object NodeId, or -1 when it is a literal or a triple term. */
    private static int entity(NodeId id, NodeTable nodes, LongIntMap entityOf, GraphSnapshot.Builder b) {
        if (id.isInline()) {
            return SKIP; // inline values are always literals (numbers, dates, booleans)
        }
        int e = entityOf.get(id.getPtrLocation());
        if (e == UNSEEN) {
            Node n = nodes.getNodeForNodeId(id);
            e = (n.isURI() || n.isBlank()) ? b.entityId(GraphSnapshot.key(n)) : SKIP;
            entityOf.put(id.getPtrLocation(), e);
        }
        return e;
    }

    /** Open-addressing long to int map (no boxing); {@link #UNSEEN} marks an absent key. */
    static final class LongIntMap {
        private long[] keys = new long[1 << 12];
        private int[] values = new int[1 << 12];
        private boolean[] used = new boolean[1 << 12];
        private int size;

        int get(long key) {
            int mask = keys.length - 1;
            int slot = mix(key) & mask;
            while (used[slot]) {
                if (keys[slot] == key) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            return UNSEEN;
        }

        void put(long key, int value) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int slot = mix(key) & mask;
            while (used[slot]) {
                if (keys[slot] == key) {
                    values[slot] = value;
                    return;
                }
                slot = (slot + 1) & mask;
            }
            used[slot] = true;
            keys[slot] = key;
            values[slot] = value;
            size++;
        }

        private void grow() {
            long[] k = keys;
            int[] v = values;
            boolean[] u = used;
            keys = new long[k.length * 2];
            values = new int[k.length * 2];
            used = new boolean[k.length * 2];
            size = 0;
            for (int i = 0; i < k.length; i++) {
                if (u[i]) {
                    put(k[i], v[i]);
                }
            }
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
