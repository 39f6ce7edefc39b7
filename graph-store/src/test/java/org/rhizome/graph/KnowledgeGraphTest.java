package org.rhizome.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnowledgeGraphTest {
    private static final Source ASSERTED = Source.builder(SourceKind.MANUAL, "test").confidence(0.9).build();

    @Test
    void writesConceptsWithMintedIrisLabelsTypesAndAliases() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            kg.write(ASSERTED, w -> {
                w.concept(ConceptSpec.of("Alan Turing", "Mathematician and computer scientist.")
                        .withTypes("Person").withAliases("Alan Mathison Turing"));
            });
            Concept c = kg.concept("https://rhizome.dev/id/concept/alan_turing").orElseThrow();
            assertThat(c.label()).isEqualTo("Alan Turing");
            assertThat(c.description()).contains("Mathematician and computer scientist.");
            assertThat(c.types()).containsExactly("https://rhizome.dev/id/class/person");
            assertThat(c.aliases()).containsExactly("Alan Mathison Turing");
            assertThat(kg.findConceptByLabel("alan-turing")).contains(c);
            assertThat(kg.findConceptByLabel("Alan Mathison Turing")).contains(c);
            assertThat(kg.findConceptByLabel("Ada Lovelace")).isEmpty();
        }
    }

    @Test
    void statementsCarryProvenanceQueryableWithPlainSparql() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            Source llm = Source.builder(SourceKind.GROWTH_ITERATION, "iteration-7").model("qwen2.5-7b")
                    .promptHash("abc123").confidence(0.8).note("Who built ENIAC?").build();
            Node[] nodes = kg.writeAndGet(llm, w -> {
                Node eniac = w.concept("ENIAC");
                Node built = w.relationType("designed by");
                Node eckert = w.concept("J. Presper Eckert");
                Node mauchly = w.concept("John Mauchly");
                w.add(eniac, built, eckert);
                w.add(eniac, built, mauchly, 0.6);
                return new Node[] {eniac, built, eckert, mauchly};
            });
            String q = """
                    PREFIX rz: <https://rhizome.dev/ns#>
                    SELECT ?o ?conf ?model ?kind WHERE {
                      GRAPH ?g { ?s ?p ?o }
                      ?g rz:status rz:asserted ; rz:confidence ?gconf ; rz:model ?model ; rz:sourceKind ?kind .
                      OPTIONAL { GRAPH ?g { << ?s ?p ?o >> rz:confidence ?sconf } }
                      BIND(COALESCE(?sconf, ?gconf) AS ?conf)
                      FILTER(?s = <%s> && ?p = <%s>)
                    } ORDER BY ?o""".formatted(nodes[0].getURI(), nodes[1].getURI());
            List<QuerySolution> rows = kg.read(() -> {
                try (QueryExecution qe = QueryExecution.dataset(kg.dataset()).query(q).build()) {
                    List<QuerySolution> out = new java.util.ArrayList<>();
                    qe.execSelect().forEachRemaining(out::add);
                    return out;
                }
            });
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).getResource("o").getURI()).endsWith("j_presper_eckert");
            assertThat(rows.get(0).getLiteral("conf").getDouble()).isEqualTo(0.8);
            assertThat(rows.get(1).getResource("o").getURI()).endsWith("john_mauchly");
            assertThat(rows.get(1).getLiteral("conf").getDouble()).isEqualTo(0.6);
            assertThat(rows.get(0).getLiteral("model").getString()).isEqualTo("qwen2.5-7b");
            assertThat(rows.get(0).getResource("kind").getURI()).isEqualTo(Rz.NS + "growthIteration");

            List<Provenance> prov = kg.provenance(Triple.create(nodes[0], nodes[1], nodes[3]));
            assertThat(prov).singleElement().satisfies(p -> {
                assertThat(p.confidence()).isEqualTo(0.6);
                assertThat(p.status()).isEqualTo(Status.ASSERTED);
                assertThat(p.source().orElseThrow().source().promptHash()).contains("abc123");
                assertThat(p.source().orElseThrow().source().note()).contains("Who built ENIAC?");
            });
        }
    }

    @Test
    void failedWriteLeavesNoPartialStatements() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            kg.write(ASSERTED, w -> {
                w.concept("Unix");
            });
            TestStores.Fingerprint before = TestStores.fingerprint(kg);
            assertThatThrownBy(() -> kg.write(Source.of(SourceKind.MANUAL, "broken"), w -> {
                w.concept("Linux");
                w.concept("Minix");
                throw new IllegalStateException("model output went bad half-way");
            })).hasMessageContaining("half-way");
            assertThat(TestStores.fingerprint(kg)).isEqualTo(before);
            assertThat(kg.findConceptByLabel("Linux")).isEmpty();
            assertThat(kg.sources()).hasSize(1);
        }
    }

    @Test
    void findPagesThroughDistinctStatementsAcrossSources() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            Node p = NodeFactory.createURI("http://example.org/p");
            for (String src : new String[] {"a", "b"}) {
                kg.write(Source.of(SourceKind.MANUAL, src), w -> {
                    for (int i = 0; i < 25; i++) {
                        w.add(NodeFactory.createURI("http://example.org/s" + i), p,
                                NodeFactory.createURI("http://example.org/o"));
                    }
                });
            }
            assertThat(kg.statementCount()).isEqualTo(25);
            assertThat(kg.quadCount()).isEqualTo(50);
            List<Triple> all = kg.find(Node.ANY, p, Node.ANY, 0, 100);
            assertThat(all).hasSize(25).doesNotHaveDuplicates();
            List<Triple> page1 = kg.find(Node.ANY, p, Node.ANY, 0, 10);
            List<Triple> page3 = kg.find(Node.ANY, p, Node.ANY, 20, 10);
            assertThat(page1).containsExactlyElementsOf(all.subList(0, 10));
            assertThat(page3).containsExactlyElementsOf(all.subList(20, 25));
        }
    }

    @Test
    void predictedAndRejectedStatementsStayOutOfTheAssertedView() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            Node s = NodeFactory.createURI("http://example.org/s");
            Node p = NodeFactory.createURI("http://example.org/p");
            Node o1 = NodeFactory.createURI("http://example.org/o1");
            Node o2 = NodeFactory.createURI("http://example.org/o2");
            kg.write(ASSERTED, w -> {
                w.add(s, p, o1);
            });
            kg.write(Source.builder(SourceKind.PREDICTION, "transe-run-1").model("TransE").build(), w -> {
                w.add(s, p, o2, 0.42);
            });
            assertThat(kg.find(s, p, Node.ANY, 0, 10)).extracting(Triple::getObject).containsExactly(o1);
            assertThat(kg.find(s, p, Node.ANY, EnumSet.of(Status.ASSERTED, Status.PREDICTED), 0, 10))
                    .extracting(Triple::getObject).containsExactlyInAnyOrder(o1, o2);

            Node rejection = kg.reject(Triple.create(s, p, o1), Source.of(SourceKind.MANUAL, "reviewer")).orElseThrow();
            assertThat(kg.find(s, p, Node.ANY, 0, 10)).isEmpty();
            assertThat(kg.find(s, p, Node.ANY, EnumSet.of(Status.REJECTED), 0, 10))
                    .extracting(Triple::getObject).containsExactly(o1);
            assertThat(kg.source(rejection).orElseThrow().source().status()).isEqualTo(Status.REJECTED);
        }
    }

    @Test
    void mergeRewritesEverythingAndUndoRestoresTheStoreExactly() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            kg.write(ASSERTED, w -> {
                Node sherlock = w.concept(ConceptSpec.of("Sherlock Holmes", "A consulting detective."));
                Node holmes = w.concept("Holmes");
                Node watson = w.concept("John Watson");
                Node friend = w.relationType("friend of");
                Node lives = w.relationType("lives at");
                Node baker = w.concept("221B Baker Street");
                w.add(watson, friend, sherlock);
                w.add(watson, friend, holmes);
                w.add(holmes, lives, baker, 0.7);
            });
            List<String> contentBefore = namedGraphContent(kg);
            TestStores.Fingerprint before = TestStores.fingerprint(kg);
            String sherlock = kg.conceptIri("Sherlock Holmes");
            String holmes = kg.conceptIri("Holmes");

            MergeRecord m = kg.merge(sherlock, holmes, 0.93);
            assertThat(m.mergedLabel()).isEqualTo("Holmes");
            assertThat(kg.concept(holmes)).isEmpty();
            Concept merged = kg.concept(sherlock).orElseThrow();
            assertThat(merged.label()).isEqualTo("Sherlock Holmes");
            assertThat(merged.aliases()).contains("Holmes");
            Node lives = NodeFactory.createURI(kg.relationIri("lives at"));
            Triple moved = Triple.create(NodeFactory.createURI(sherlock), lives,
                    NodeFactory.createURI(kg.conceptIri("221B Baker Street")));
            assertThat(kg.provenance(moved)).singleElement()
                    .satisfies(p -> assertThat(p.confidence()).isEqualTo(0.7));
            // Watson's two "friend of" edges became one.
            Node friend = NodeFactory.createURI(kg.relationIri("friend of"));
            assertThat(kg.find(Node.ANY, friend, Node.ANY, 0, 10)).hasSize(1);
            assertThat(kg.merges()).singleElement().satisfies(r -> {
                assertThat(r.score()).isEqualTo(0.93);
                assertThat(r.undone()).isFalse();
            });

            kg.undoMerge(m.node());
            // Every statement is back exactly; only the catalogue grew by the (now undone) merge record.
            assertThat(namedGraphContent(kg)).isEqualTo(contentBefore);
            assertThat(TestStores.fingerprint(kg).quads()).isGreaterThan(before.quads());
            assertThat(kg.concept(holmes)).isPresent();
            assertThat(kg.merges()).singleElement().satisfies(r -> assertThat(r.undone()).isTrue());
            assertThatThrownBy(() -> kg.undoMerge(m.node())).hasMessageContaining("already undone");
        }
    }

    /** Named-graph content as sorted lines (the catalogue excluded). */
    private static List<String> namedGraphContent(KnowledgeGraph kg) {
        return kg.read(() -> {
            List<String> lines = new java.util.ArrayList<>();
            kg.datasetGraph().findNG(Node.ANY, Node.ANY, Node.ANY, Node.ANY)
                    .forEachRemaining(q -> lines.add(q.toString()));
            lines.sort(null);
            return lines;
        });
    }

    @Test
    void rejectsMergeOfUnknownConceptAndLeavesStoreUnchanged() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            kg.write(ASSERTED, w -> {
                w.concept("Unix");
            });
            TestStores.Fingerprint before = TestStores.fingerprint(kg);
            assertThatThrownBy(() -> kg.merge(kg.conceptIri("Unix"), kg.conceptIri("Plan 9"), 0.5))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("plan_9");
            assertThat(TestStores.fingerprint(kg)).isEqualTo(before);
        }
    }

    @Test
    void tdb2StoreKeepsDataAcrossReopenAndRefusesSecondOpen(@TempDir Path dir) {
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir)) {
            kg.write(ASSERTED, w -> {
                w.concept("Bell Labs");
            });
            assertThatThrownBy(() -> KnowledgeGraph.open(dir)).isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining(dir.toString());
        }
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir)) {
            assertThat(kg.findConceptByLabel("Bell Labs")).isPresent();
            assertThat(kg.sources()).singleElement()
                    .satisfies(s -> assertThat(s.source().confidence()).isEqualTo(0.9));
        }
    }

    @Test
    void readersSeeACommittedSnapshotWhileAWriterCommits(@TempDir Path dir) throws Exception {
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir)) {
            kg.write(ASSERTED, w -> {
                w.concept("Unix");
            });
            long before = kg.statementCount();
            java.util.concurrent.CountDownLatch readerIn = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch writerDone = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicLong seenDuring = new java.util.concurrent.atomic.AtomicLong(-1);
            Thread reader = new Thread(() -> kg.read(() -> {
                readerIn.countDown();
                try {
                    assertThat(writerDone.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                seenDuring.set(kg.statementCount());
                return null;
            }));
            reader.start();
            assertThat(readerIn.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            // The writer is not blocked by the open read transaction (MR+SW).
            kg.write(Source.of(SourceKind.MANUAL, "second"), w -> {
                w.concept("Linux");
            });
            writerDone.countDown();
            reader.join(30_000);
            assertThat(seenDuring.get()).as("reader kept its snapshot").isEqualTo(before);
            assertThat(kg.statementCount()).isGreaterThan(before);
        }
    }

    @Test
    void secondProcessIsRefusedWithTheHoldersPidAndTheStoreOpensOnceItDies(@TempDir Path dir) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process holder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                HoldStoreMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        try {
            java.io.BufferedReader r = new java.io.BufferedReader(new java.io.InputStreamReader(
                    holder.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null && !line.startsWith("READY ")) {
                // skip log lines
            }
            assertThat(line).as("child opened the store").isNotNull();
            long pid = holder.pid();
            assertThatThrownBy(() -> KnowledgeGraph.open(dir)).isInstanceOf(StoreLockedException.class)
                    .hasMessageContaining("pid " + pid)
                    .satisfies(e -> assertThat(((StoreLockedException) e).holderPid()).hasValue(pid));
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir)) {
            assertThat(kg.statementCount()).isZero();
        }
    }

    @Test
    void rejectsInvalidArgumentsWithMessagesNamingThem() {
        assertThatThrownBy(() -> Source.builder(SourceKind.MANUAL, "x").confidence(1.5).build())
                .hasMessageContaining("confidence").hasMessageContaining("1.5");
        assertThatThrownBy(() -> KnowledgeGraph.builder().baseNamespace("urn:x"))
                .hasMessageContaining("base namespace");
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            assertThatThrownBy(() -> kg.write(ASSERTED, w -> {
                w.add(NodeFactory.createLiteralString("lit"), RDFS.label.asNode(), RDF.nil.asNode());
            })).hasMessageContaining("subject must not be a literal");
            assertThatThrownBy(() -> kg.find(Node.ANY, Node.ANY, Node.ANY, -1, 5)).hasMessageContaining("offset");
        }
    }

    @Test
    void everyVocabularyConstantIsDeclaredInTheTurtleFile() throws Exception {
        Graph vocab = GraphFactory.createDefaultGraph();
        try (InputStream in = Rz.class.getResourceAsStream(Rz.VOCABULARY_RESOURCE)) {
            RDFParser.source(in).lang(Lang.TURTLE).parse(vocab);
        }
        int checked = 0;
        for (Field f : Rz.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Node.class) {
                Node term = (Node) f.get(null);
                assertThat(vocab.contains(term, RDFS.label.asNode(), Node.ANY))
                        .as("rz term %s has an rdfs:label in the vocabulary file", term).isTrue();
                checked++;
            }
        }
        for (SourceKind k : SourceKind.values()) {
            assertThat(vocab.contains(k.node(), RDF.type.asNode(), Rz.term("SourceKind"))).isTrue();
        }
        for (Status s : Status.values()) {
            assertThat(vocab.contains(s.node(), RDF.type.asNode(), Rz.term("Status"))).isTrue();
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void removingASourceTakesItsStatementsAndWhatOnlyItSaidButNothingElse() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            Source a = Source.builder(SourceKind.DOCUMENT_CHUNK, "doc#0").graphIri("https://example.org/g/a").build();
            Source b = Source.builder(SourceKind.MANUAL, "b").graphIri("https://example.org/g/b").build();
            kg.write(a, w -> w.add(w.concept("Only in A"), w.relationType("near"), w.concept("Shared")));
            kg.write(b, w -> w.add(w.concept("Shared"), w.relationType("near"), w.concept("Only in B")));
            long before = kg.quadCount();
            java.util.List<GraphChange> changes = new java.util.ArrayList<>();
            kg.addChangeListener(changes::add);
            long removed = kg.removeSources(java.util.List.of(org.apache.jena.graph.NodeFactory.createURI(
                    "https://example.org/g/a")));
            // A's 7 quads: two concepts and a relation type (type and label each), and the edge
            assertThat(removed).isEqualTo(7);
            assertThat(kg.quadCount()).isEqualTo(before - 7);
            assertThat(kg.findConceptByLabel("Only in A")).isEmpty();
            assertThat(kg.findConceptByLabel("Shared")).isPresent();
            assertThat(kg.findConceptByLabel("Only in B")).isPresent();
            assertThat(kg.sources()).extracting(si -> si.source().id()).containsExactly("b");
            assertThat(changes).hasSize(1);
            assertThat(changes.get(0).iris()).contains(kg.conceptIri("Only in A"));
        }
    }
}
