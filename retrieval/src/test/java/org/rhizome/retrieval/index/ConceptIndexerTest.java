package org.rhizome.retrieval.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDFS;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.embeddings.ConceptText;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.TestEmbedders;
import org.rhizome.retrieval.search.SearchHit;
import org.rhizome.retrieval.search.SearchMode;
import org.rhizome.retrieval.search.SearchRequest;

class ConceptIndexerTest {
    private static final Source SRC = Source.of(SourceKind.MANUAL, "test");

    @TempDir
    Path dir;

    private static void seed(KnowledgeGraph kg) {
        kg.write(SRC, w -> {
            w.concept(ConceptSpec.of("Sherlock Holmes", "A fictional consulting detective in London")
                    .withTypes("Person").withAliases("The Great Detective"));
            w.concept(ConceptSpec.of("Baker Street", "A street in Marylebone").withTypes("Place"));
            w.concept("Moriarty");
            w.add(w.concept("Moriarty"), w.relationType("enemy of"), w.concept("Sherlock Holmes"));
        });
    }

    private static List<String> iris(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::iri).toList();
    }

    @Test
    void indexesConceptsButNotRelationTypesOrClasses() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            seed(kg);
            try (Retrieval r = Retrieval.builder(kg).embedder(new TestEmbedders.BagOfWords()).open()) {
                assertThat(r.openingSync()).hasValueSatisfying(s -> assertThat(s.added()).isEqualTo(3));
                assertThat(r.indexer().conceptIris()).containsExactlyInAnyOrder(kg.conceptIri("Sherlock Holmes"),
                        kg.conceptIri("Baker Street"), kg.conceptIri("Moriarty"));
                assertThat(r.index().count()).isEqualTo(3);
                IndexedConcept holmes = r.index().get(kg.conceptIri("Sherlock Holmes")).orElseThrow();
                assertThat(holmes.aliases()).containsExactly("The Great Detective");
                assertThat(holmes.types()).containsExactly(kg.classIri("Person"));
                assertThat(r.indexer().check(10, 1).inStep()).isTrue();
            }
        }
    }

    @Test
    void derivedStatementsDoNotMakeConcepts() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            seed(kg);
            try (Retrieval r = Retrieval.builder(kg).embedder(new TestEmbedders.BagOfWords()).open()) {
                Source derived = Source.builder(SourceKind.ANALYSIS, "metrics").status(
                        org.rhizome.graph.Status.DERIVED).graphIri("https://rhizome.dev/id/analytics/test").build();
                kg.write(derived, w -> w.add(NodeFactory.createURI("https://rhizome.dev/id/analytics/point/1"),
                        RDFS.label.asNode(), NodeFactory.createLiteralString("iteration 1")));
                assertThat(r.index().count()).isEqualTo(3);
                assertThat(r.indexer().conceptIris()).hasSize(3);
                assertThat(r.indexer().sync(ProgressListener.NONE).wasInStep()).isTrue();
            }
        }
    }

    @Test
    void findsAPlantedConceptByLabelAliasAndDescription() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            seed(kg);
            try (Retrieval r = Retrieval.builder(kg).embedder(new TestEmbedders.BagOfWords()).open()) {
                String holmes = kg.conceptIri("Sherlock Holmes");
                for (String text : List.of("holmes", "great detective", "consulting detective London")) {
                    assertThat(iris(r.searcher().search(SearchRequest.of(text, SearchMode.BM25, 3))))
                            .as(text).startsWith(holmes);
                }
                assertThat(r.searcher().search(SearchRequest.of("the of and", SearchMode.BM25, 3))).isEmpty();
                assertThat(iris(r.searcher().search(SearchRequest.of("street", SearchMode.BM25, 3)
                        .withTypes(java.util.Set.of(kg.classIri("Person")))))).isEmpty();
            }
        }
    }

    @Test
    void followsWritesDeletesAndMerges() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            seed(kg);
            try (Retrieval r = Retrieval.builder(kg).embedder(new TestEmbedders.BagOfWords()).open()) {
                kg.write(SRC, w -> w.concept(ConceptSpec.of("Irene Adler", "An opera singer")));
                assertThat(iris(r.searcher().search(SearchRequest.of("opera singer", SearchMode.BM25, 1))))
                        .containsExactly(kg.conceptIri("Irene Adler"));

                // delete Moriarty from the store: every statement about him
                String moriarty = kg.conceptIri("Moriarty");
                for (var t : kg.find(NodeFactory.createURI(moriarty), null, null, 0, 100)) {
                    kg.remove(t);
                }
                assertThat(kg.concept(moriarty)).isEmpty();
                assertThat(iris(r.searcher().search(SearchRequest.of("moriarty", SearchMode.BM25, 5))))
                        .doesNotContain(moriarty);
                assertThat(r.index().get(moriarty)).isEmpty();

                // a merge: the duplicate leaves the index, the kept concept gains its label as an alias
                kg.write(SRC, w -> w.concept("S. Holmes"));
                kg.merge(kg.conceptIri("Sherlock Holmes"), kg.conceptIri("S. Holmes"), 0.9);
                assertThat(r.index().get(kg.conceptIri("S. Holmes"))).isEmpty();
                assertThat(r.index().get(kg.conceptIri("Sherlock Holmes")).orElseThrow().aliases())
                        .contains("S. Holmes");
                assertThat(r.indexer().check(100, 7).inStep()).isTrue();
            }
        }
    }

    @Test
    void rebuildEqualsIncremental() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            TestEmbedders.BagOfWords emb = new TestEmbedders.BagOfWords();
            try (Retrieval r = Retrieval.builder(kg).embedder(emb).open()) {
                seed(kg);
                kg.write(SRC, w -> w.concept(ConceptSpec.of("Watson", "A doctor").withAliases("John Watson")));
                kg.write(SRC, w -> w.concept(ConceptSpec.of("Watson", "A doctor and writer")));
                kg.merge(kg.conceptIri("Sherlock Holmes"), kg.conceptIri("Moriarty"), 0.1);
                Map<String, String> incremental = new HashMap<>();
                r.index().forEachFingerprint(incremental::put);
                List<SearchHit> before = r.searcher().search(SearchRequest.of("doctor holmes", SearchMode.HYBRID,
                        5));

                r.indexer().rebuild(ProgressListener.NONE);
                Map<String, String> rebuilt = new HashMap<>();
                r.index().forEachFingerprint(rebuilt::put);
                assertThat(rebuilt).isEqualTo(incremental).hasSize(3);
                assertThat(iris(r.searcher().search(SearchRequest.of("doctor holmes", SearchMode.HYBRID, 5))))
                        .isEqualTo(iris(before));
            }
        }
    }

    @Test
    void reportsDriftFromWritesAroundTheApiAndSyncRepairsIt() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            seed(kg);
            try (Retrieval r = Retrieval.builder(kg).embedder(new TestEmbedders.BagOfWords()).follow(false)
                    .open()) {
                var dsg = kg.datasetGraph();
                Txn.executeWrite(dsg, () -> {
                    dsg.add(Quad.create(NodeFactory.createURI("https://example.org/g"),
                            NodeFactory.createURI("https://example.org/newcomer"), RDFS.label.asNode(),
                            NodeFactory.createLiteralString("Newcomer")));
                    dsg.deleteAny(Quad.ANY.getGraph(), NodeFactory.createURI(kg.conceptIri("Baker Street")),
                            RDFS.comment.asNode(), Quad.ANY.getObject());
                    dsg.deleteAny(Node_ANY(), NodeFactory.createURI(kg.conceptIri("Moriarty")), Node_ANY(),
                            Node_ANY());
                    dsg.deleteAny(Node_ANY(), Node_ANY(), Node_ANY(),
                            NodeFactory.createURI(kg.conceptIri("Moriarty")));
                });
                DriftReport d = r.indexer().check(100, 3);
                assertThat(d.inStep()).isFalse();
                assertThat(d.missing()).isEqualTo(1);
                assertThat(d.orphaned()).isEqualTo(1);
                assertThat(d.stale()).isEqualTo(1);
                assertThat(d.examples()).contains("missing:https://example.org/newcomer",
                        "orphaned:" + kg.conceptIri("Moriarty"), "stale:" + kg.conceptIri("Baker Street"));

                SyncReport s = r.indexer().sync(ProgressListener.NONE);
                assertThat(s.added()).isEqualTo(1);
                assertThat(s.updated()).isEqualTo(1);
                assertThat(s.deleted()).isEqualTo(1);
                assertThat(s.unchanged()).isEqualTo(1);
                assertThat(r.indexer().check(100, 3).inStep()).isTrue();
            }
        }
    }

    private static org.apache.jena.graph.Node Node_ANY() {
        return org.apache.jena.graph.Node.ANY;
    }

    @Test
    void anIndexOnDiskSurvivesReopeningAndRefusesAnotherModel() {
        Path store = dir.resolve("store");
        TestEmbedders.BagOfWords emb = new TestEmbedders.BagOfWords();
        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            seed(kg);
            try (Retrieval r = Retrieval.builder(kg).embedder(emb).open()) {
                assertThat(r.index().path()).hasValue(store.resolve("retrieval").resolve("index"));
            }
        }
        int callsAfterBuild = emb.calls;
        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            try (Retrieval r = Retrieval.builder(kg).embedder(emb).open()) {
                assertThat(r.openingSync()).hasValueSatisfying(s -> assertThat(s.wasInStep()).isTrue());
                assertThat(r.index().count()).isEqualTo(3);
            }
            assertThat(emb.calls).isEqualTo(callsAfterBuild); // nothing re-embedded
            TestEmbedders.BagOfWords other = new TestEmbedders.BagOfWords() {
                @Override
                public String modelId() {
                    return "test:other";
                }
            };
            assertThatThrownBy(() -> ConceptIndex.open(store.resolve("retrieval").resolve("index"), other.modelId(),
                    64, ConceptText.RECIPE)).isInstanceOf(IndexException.class).hasMessageContaining("rebuild");
        }
    }

    @Test
    void replacingTheIndexSwitchesModelsAndKeepsTheOldOneUntilTheFirstCommit() throws java.io.IOException {
        Path store = dir.resolve("store");
        TestEmbedders.BagOfWords first = new TestEmbedders.BagOfWords();
        TestEmbedders.BagOfWords second = new TestEmbedders.BagOfWords() {
            @Override
            public String modelId() {
                return "test:second";
            }
        };
        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            seed(kg);
            try (Retrieval r = Retrieval.builder(kg).embedder(first).open()) {
                assertThat(r.index().count()).isEqualTo(3);
            }
            assertThatThrownBy(() -> Retrieval.builder(kg).embedder(second).open())
                    .isInstanceOf(IndexException.class).hasMessageContaining("built with test:bag-of-words:64");
            // Replaced, before its first commit: what is on disk (what a reader or a crash would see) is still the
            // first model's index.
            Path indexDir = store.resolve("retrieval").resolve("index");
            try (Retrieval r = Retrieval.builder(kg).embedder(second).replaceIndex(true).follow(false).open()) {
                assertThat(r.openingSync()).isEmpty();
                assertThat(r.index().count()).isZero();
                try (var fs = org.apache.lucene.store.FSDirectory.open(indexDir);
                        var reader = org.apache.lucene.index.DirectoryReader.open(fs)) {
                    assertThat(reader.numDocs()).isEqualTo(3);
                    assertThat(reader.getIndexCommit().getUserData())
                            .containsEntry(ConceptIndex.META_MODEL, first.modelId());
                }
            }
            // Closing committed the empty replacement. Replaced again and rebuilt: the index holds every concept,
            // belongs to the second model, and refuses the first.
            int before = second.calls;
            try (Retrieval r = Retrieval.builder(kg).embedder(second).replaceIndex(true).open()) {
                assertThat(r.indexer().rebuild(ProgressListener.NONE).added()).isEqualTo(3);
                assertThat(second.calls).isGreaterThan(before);
            }
            try (Retrieval r = Retrieval.builder(kg).embedder(second).open()) {
                assertThat(r.openingSync()).hasValueSatisfying(s -> assertThat(s.wasInStep()).isTrue());
                assertThat(iris(r.searcher().search(SearchRequest.of("consulting detective", SearchMode.VECTOR, 1))))
                        .first().isEqualTo(kg.conceptIri("Sherlock Holmes"));
            }
            assertThatThrownBy(() -> Retrieval.builder(kg).embedder(first).open())
                    .isInstanceOf(IndexException.class).hasMessageContaining("built with test:second");
        }
    }
}
