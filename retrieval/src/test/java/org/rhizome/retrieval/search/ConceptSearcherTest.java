package org.rhizome.retrieval.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.TestEmbedders;

/** Search over a small graph with the real MiniLM embedder. */
class ConceptSearcherTest {
    private static KnowledgeGraph kg;
    private static Retrieval r;

    @BeforeAll
    static void build() {
        kg = KnowledgeGraph.inMemory();
        kg.write(Source.of(SourceKind.MANUAL, "t"), w -> {
            w.concept(ConceptSpec.of("Myocardial infarction", "Death of heart muscle from blocked blood flow")
                    .withTypes("Disease"));
            w.concept(ConceptSpec.of("Graph database", "A database that stores nodes and edges").withTypes("Software"));
            w.concept(ConceptSpec.of("Kitten", "A young cat").withTypes("Organism"));
            w.concept(ConceptSpec.of("SPARQL", "Query language for RDF").withTypes("Software"));
            w.concept(ConceptSpec.of("Eiffel Tower", "Wrought-iron tower in Paris").withTypes("Place"));
            w.concept(ConceptSpec.of("Heart", "Organ that pumps blood").withTypes("Organ"));
        });
        r = Retrieval.builder(kg).embedder(TestEmbedders.miniLm()).open();
    }

    @AfterAll
    static void close() {
        r.close();
        kg.close();
    }

    private static List<String> labels(List<SearchHit> hits) {
        return hits.stream().map(SearchHit::label).toList();
    }

    @Test
    void vectorSearchFindsByMeaning() {
        assertThat(labels(r.searcher().search(SearchRequest.of("heart attack", SearchMode.VECTOR, 2))))
                .contains("Myocardial infarction");
        assertThat(labels(r.searcher().search(SearchRequest.of("a baby cat", SearchMode.VECTOR, 1))))
                .containsExactly("Kitten");
        List<SearchHit> hits = r.searcher().search(SearchRequest.of("a baby cat", SearchMode.VECTOR, 6));
        assertThat(hits).hasSize(6);
        for (int i = 1; i < hits.size(); i++) {
            assertThat(hits.get(i).score()).isLessThanOrEqualTo(hits.get(i - 1).score());
            assertThat(hits.get(i).cosine()).isPresent();
        }
    }

    @Test
    void bm25FindsWordsButNotMeaning() {
        assertThat(labels(r.searcher().search(SearchRequest.of("tower", SearchMode.BM25, 3))))
                .containsExactly("Eiffel Tower");
        assertThat(r.searcher().search(SearchRequest.of("juvenile feline", SearchMode.BM25, 5))).isEmpty();
        assertThat(labels(r.searcher().search(SearchRequest.of("juvenile feline", SearchMode.VECTOR, 1))))
                .containsExactly("Kitten");
    }

    @Test
    void hybridFusesRanksByTheRrfFormula() {
        SearchRequest req = SearchRequest.of("heart attack", SearchMode.HYBRID, 6).withWeights(1.0, 2.0);
        List<SearchHit> fused = r.searcher().search(req);
        List<SearchHit> bm25 = r.searcher().search(new SearchRequest("heart attack", SearchMode.BM25, 50, Set.of(),
                1, 1, 60, 50));
        List<SearchHit> vec = r.searcher().search(new SearchRequest("heart attack", SearchMode.VECTOR, 50, Set.of(),
                1, 1, 60, 50));
        for (SearchHit h : fused) {
            double want = 0;
            int bi = bm25.stream().map(SearchHit::iri).toList().indexOf(h.iri());
            int vi = vec.stream().map(SearchHit::iri).toList().indexOf(h.iri());
            if (bi >= 0) {
                want += 1.0 / (60 + bi + 1);
                assertThat(h.bm25Rank()).hasValue(bi + 1);
            }
            if (vi >= 0) {
                want += 2.0 / (60 + vi + 1);
                assertThat(h.vectorRank()).hasValue(vi + 1);
            }
            assertThat(h.score()).as(h.label()).isCloseTo(want, within(1e-12));
        }
        // "Heart" is first in BM25 and high in the vector list: it leads the fused list
        assertThat(fused.get(0).label()).isIn("Heart", "Myocardial infarction");
    }

    @Test
    void typeFiltersApplyInsideTheVectorSearch() {
        List<SearchHit> sw = r.searcher().search(SearchRequest.of("heart attack", SearchMode.VECTOR, 5)
                .withTypes(Set.of(kg.classIri("Software"))));
        assertThat(labels(sw)).containsExactlyInAnyOrder("Graph database", "SPARQL");
    }

    @Test
    void similarToANodeExcludesItself() {
        List<SearchHit> hits = r.searcher().similarTo(kg.conceptIri("SPARQL"), 2, Set.of());
        assertThat(labels(hits)).doesNotContain("SPARQL").hasSize(2).contains("Graph database");
        assertThatThrownBy(() -> r.searcher().similarTo("https://nowhere/x", 2, Set.of()))
                .hasMessageContaining("not in the search index");
    }

    @Test
    void rejectsBadRequests() {
        assertThatThrownBy(() -> SearchRequest.of("x", SearchMode.HYBRID, 0)).hasMessageContaining("k must be >= 1");
        assertThatThrownBy(() -> SearchRequest.of("x", SearchMode.HYBRID, 3).withWeights(0, 0))
                .hasMessageContaining("not both 0");
        assertThatThrownBy(() -> SearchMode.parse("fuzzy")).hasMessageContaining("expected bm25, vector or hybrid");
        assertThat(r.searcher().search(SearchRequest.of("  ", SearchMode.HYBRID, 3))).isEmpty();
        // query syntax is not interpreted
        assertThat(r.searcher().search(SearchRequest.of("tower AND (\"paris", SearchMode.BM25, 3)))
                .extracting(SearchHit::label).contains("Eiffel Tower");
    }
}
