package org.rhizome.graph.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryExecution;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.graph.DirectedPseudograph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.io.Importer;

class GraphSnapshotTest {
    private static final String E = "http://e/";

    /**
     * Hand-built graph: a -knows-> b, a -likes-> b (parallel), b -knows-> c, c -knows-> a, c -knows-> c (loop),
     * d isolated from a..c: d -knows-> e; the duplicate a -knows-> b is stored once.
     */
    private static GraphSnapshot handBuilt() {
        return GraphSnapshot.builder()
                .addEdge(E + "a", E + "knows", E + "b")
                .addEdge(E + "a", E + "likes", E + "b")
                .addEdge(E + "b", E + "knows", E + "c")
                .addEdge(E + "c", E + "knows", E + "a")
                .addEdge(E + "c", E + "knows", E + "c")
                .addEdge(E + "d", E + "knows", E + "e")
                .addEdge(E + "a", E + "knows", E + "b")
                .label(E + "a", "Alpha")
                .build();
    }

    @Test
    void idsDegreesAndAdjacencyMatchTheHandBuiltGraph() {
        GraphSnapshot s = handBuilt();
        assertThat(s.entityCount()).isEqualTo(5);
        assertThat(s.relationCount()).isEqualTo(2);
        assertThat(s.edgeCount()).isEqualTo(6);
        int a = s.entityId(E + "a").getAsInt();
        int b = s.entityId(E + "b").getAsInt();
        int c = s.entityId(E + "c").getAsInt();
        int knows = s.relationId(E + "knows").getAsInt();
        int likes = s.relationId(E + "likes").getAsInt();
        assertThat(new int[] {a, b, c}).containsExactly(0, 1, 2); // first-seen order
        assertThat(s.entityLabel(a)).isEqualTo("Alpha");
        assertThat(s.entityLabel(b)).isEqualTo("b");
        assertThat(s.outDegree(a)).isEqualTo(2);
        assertThat(s.inDegree(a)).isEqualTo(1);
        assertThat(s.outDegree(c)).isEqualTo(2);
        assertThat(s.inDegree(c)).isEqualTo(2);
        // a's out-edges: both to b, sorted by relation id.
        assertThat(s.target(s.outStart(a))).isEqualTo(b);
        assertThat(s.relation(s.outStart(a))).isEqualTo(knows);
        assertThat(s.relation(s.outStart(a) + 1)).isEqualTo(likes);
        // c's in-edges come from b and c (sorted by source), and every in-edge id points back at c.
        assertThat(s.inSource(s.inStart(c))).isEqualTo(b);
        assertThat(s.inSource(s.inStart(c) + 1)).isEqualTo(c);
        for (int i = s.inStart(c); i < s.inEnd(c); i++) {
            assertThat(s.target(s.inEdge(i))).isEqualTo(c);
            assertThat(s.source(s.inEdge(i))).isEqualTo(s.inSource(i));
        }
        assertThat(s.findEdge(a, c)).isEqualTo(-1);
        assertThat(s.findEdge(b, c)).isGreaterThanOrEqualTo(0);
        assertThat(s.entityId(E + "zzz")).isEmpty();
        // 14 bytes per edge + 8 per node (two offset arrays of n+1 ints)
        assertThat(s.adjacencyBytes()).isEqualTo(6L * 14 + 2L * 4 * 6);
    }

    @Test
    void everyEdgeIdMapsToItsSourceAndAppearsOnceInEachDirection() {
        GraphSnapshot s = handBuilt();
        int[] inCount = new int[s.edgeCount()];
        for (int v = 0; v < s.entityCount(); v++) {
            for (int e = s.outStart(v); e < s.outEnd(v); e++) {
                assertThat(s.source(e)).isEqualTo(v);
            }
            for (int i = s.inStart(v); i < s.inEnd(v); i++) {
                inCount[s.inEdge(i)]++;
            }
        }
        assertThat(inCount).containsOnly(1);
    }

    @Test
    void patchWithEdgesEqualsAFullRebuild() {
        GraphSnapshot s = handBuilt();
        GraphSnapshot patched = s.withEdges(new String[][] {{E + "e", E + "knows", E + "a"},
                {E + "f", E + "hates", E + "a"}, {E + "a", E + "knows", E + "b"}});
        GraphSnapshot rebuilt = GraphSnapshot.builder()
                .addEdge(E + "a", E + "knows", E + "b").addEdge(E + "a", E + "likes", E + "b")
                .addEdge(E + "b", E + "knows", E + "c").addEdge(E + "c", E + "knows", E + "a")
                .addEdge(E + "c", E + "knows", E + "c").addEdge(E + "d", E + "knows", E + "e")
                .addEdge(E + "e", E + "knows", E + "a").addEdge(E + "f", E + "hates", E + "a").build();
        assertThat(edgeSet(patched)).isEqualTo(edgeSet(rebuilt));
        assertThat(patched.edgeCount()).isEqualTo(8);
        assertThat(patched.entityId(E + "a")).isEqualTo(s.entityId(E + "a"));
        assertThat(patched.entityLabel(patched.entityId(E + "a").getAsInt())).isEqualTo("Alpha");
    }

    private static Set<String> edgeSet(GraphSnapshot s) {
        Set<String> out = new HashSet<>();
        for (int v = 0; v < s.entityCount(); v++) {
            for (int e = s.outStart(v); e < s.outEnd(v); e++) {
                out.add(s.entityIri(v) + " " + s.relationIri(s.relation(e)) + " " + s.entityIri(s.target(e)));
            }
        }
        return out;
    }

    @Test
    void jgraphtAlgorithmsRunOnTheViewAndAgreeWithACopiedGraph() {
        GraphSnapshot s = handBuilt();
        SnapshotGraphView view = new SnapshotGraphView(s);
        DirectedPseudograph<Integer, Integer> copy = new DirectedPseudograph<>(null, null, false);
        for (int v = 0; v < s.entityCount(); v++) {
            copy.addVertex(v);
        }
        for (int v = 0; v < s.entityCount(); v++) {
            for (int e = s.outStart(v); e < s.outEnd(v); e++) {
                copy.addEdge(v, s.target(e), e);
            }
        }
        for (int v = 0; v < s.entityCount(); v++) {
            assertThat(view.outgoingEdgesOf(v)).containsExactlyInAnyOrderElementsOf(copy.outgoingEdgesOf(v));
            assertThat(view.incomingEdgesOf(v)).containsExactlyInAnyOrderElementsOf(copy.incomingEdgesOf(v));
            assertThat(view.degreeOf(v)).isEqualTo(copy.degreeOf(v));
        }
        // Weak components {a,b,c} and {d,e}; strong: {a,b,c}, {d}, {e}.
        assertThat(new ConnectivityInspector<>(view).connectedSets()).hasSize(2);
        List<Set<Integer>> scc = new KosarajuStrongConnectivityInspector<>(view).stronglyConnectedSets();
        assertThat(scc).hasSize(3).anySatisfy(c -> assertThat(c).containsExactlyInAnyOrder(0, 1, 2));
        assertThat(view.getAllEdges(0, 1)).hasSize(2);
        assertThat(view.getEdge(0, 2)).isNull();
        assertThat(view.getEdgeSource(view.getEdge(2, 2))).isEqualTo(2);
    }

    @Test
    void snapshotOfTheDemoGraphAgreesWithSparqlCounts(@TempDir Path dir) throws IOException {
        Path ttl = dir.resolve("demo.ttl");
        try (InputStream in = getClass().getResourceAsStream("/org/rhizome/graph/demo/history-of-computing.ttl")) {
            Files.copy(in, ttl, StandardCopyOption.REPLACE_EXISTING);
        }
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir.resolve("store"))) {
            Importer.importFile(kg, ttl);
            // A second source repeating one edge and adding one: the snapshot holds the union, each edge once.
            kg.write(Source.of(SourceKind.MANUAL, "extra"), w -> {
                w.add(kg.conceptIri("Alan Turing"), kg.relationIri("worked at"), kg.conceptIri("Bletchley Park"));
                w.add(kg.conceptIri("Alan Turing"), kg.relationIri("influenced"), kg.conceptIri("Unix"));
            });
            GraphSnapshot s = GraphSnapshot.of(kg);
            String edges = """
                    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
                    SELECT (COUNT(*) AS ?n) WHERE {
                      SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o) && ?p != rdf:type) } }""";
            assertThat(s.edgeCount()).isEqualTo(count(kg, edges));
            String nodes = """
                    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
                    SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
                      { GRAPH ?g { ?x ?p ?o } FILTER(isIRI(?o) && ?p != rdf:type) }
                      UNION { GRAPH ?g { ?s ?p ?x } FILTER(isIRI(?x) && ?p != rdf:type) } }""";
            assertThat((long) s.entityCount()).isEqualTo(count(kg, nodes));
            String outDegrees = """
                    PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
                    SELECT ?s (COUNT(*) AS ?n) WHERE {
                      SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?o) && ?p != rdf:type) } }
                    GROUP BY ?s""";
            Map<String, Long> sparql = new HashMap<>();
            kg.read(() -> {
                try (QueryExecution qe = QueryExecution.dataset(kg.dataset()).query(outDegrees).build()) {
                    qe.execSelect().forEachRemaining(r -> sparql.put(r.getResource("s").getURI(),
                            r.getLiteral("n").getLong()));
                }
                return null;
            });
            int checked = 0;
            for (int v = 0; v < s.entityCount(); v++) {
                long expected = sparql.getOrDefault(s.entityIri(v), 0L);
                assertThat((long) s.outDegree(v)).as(s.entityIri(v)).isEqualTo(expected);
                checked++;
            }
            assertThat(checked).isGreaterThan(100);
            int turing = s.entityId(kg.conceptIri("Alan Turing")).getAsInt();
            assertThat(s.entityLabel(turing)).isEqualTo("Alan Turing");
            assertThat(s.relationLabel(s.relationId(kg.relationIri("worked at")).getAsInt())).isEqualTo("worked at");
        }
    }

    private static long count(KnowledgeGraph kg, String query) {
        return kg.read(() -> {
            try (QueryExecution qe = QueryExecution.dataset(kg.dataset()).query(query).build()) {
                return qe.execSelect().next().getLiteral("n").getLong();
            }
        });
    }

    @Test
    void tdb2NodeIdScanAndGenericPathGiveTheSameSnapshot(@TempDir Path dir) throws IOException {
        Path ttl = dir.resolve("demo.ttl");
        try (InputStream in = getClass().getResourceAsStream("/org/rhizome/graph/demo/history-of-computing.ttl")) {
            Files.copy(in, ttl, StandardCopyOption.REPLACE_EXISTING);
        }
        for (boolean types : new boolean[] {false, true}) {
            SnapshotOptions options = SnapshotOptions.defaults().withTypeEdges(types);
            GraphSnapshot disk;
            GraphSnapshot mem;
            try (KnowledgeGraph kg = KnowledgeGraph.open(dir.resolve("store-" + types))) {
                Importer.importFile(kg, ttl);
                disk = GraphSnapshot.of(kg, options);
            }
            try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
                Importer.importFile(kg, ttl);
                mem = GraphSnapshot.of(kg, options);
            }
            assertThat(edgeSet(disk)).isEqualTo(edgeSet(mem));
            assertThat(disk.entityCount()).isEqualTo(mem.entityCount());
            // 24 relation types carry edges; rdfs:comment and skos:altLabel (literal objects only) are not relations.
            assertThat(disk.relationCount()).isEqualTo(mem.relationCount()).isEqualTo(types ? 25 : 24);
            for (int v = 0; v < disk.entityCount(); v++) {
                int w = mem.entityId(disk.entityIri(v)).getAsInt();
                assertThat(disk.entityLabel(v)).isEqualTo(mem.entityLabel(w));
            }
        }
    }

    @Test
    void typeEdgesAreOptional() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            kg.write(Source.of(SourceKind.MANUAL, "t"), w -> {
                w.concept(org.rhizome.graph.ConceptSpec.of("Unix").withTypes("Operating System"));
                w.add(NodeFactory.createURI(kg.conceptIri("Unix")), NodeFactory.createURI(kg.relationIri("runs on")),
                        NodeFactory.createURI(kg.conceptIri("PDP-11")));
            });
            assertThat(GraphSnapshot.of(kg).edgeCount()).isEqualTo(1);
            GraphSnapshot typed = GraphSnapshot.of(kg, SnapshotOptions.defaults().withTypeEdges(true));
            // With type edges: Unix -> rz:Concept, Unix -> the class, the class -> rdfs:Class.
            assertThat(typed.edgeCount()).isEqualTo(1 + 3);
        }
    }
}
