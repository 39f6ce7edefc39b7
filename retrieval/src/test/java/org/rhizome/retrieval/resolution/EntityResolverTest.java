package org.rhizome.retrieval.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.MergeRecord;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.TestEmbedders;
import org.rhizome.retrieval.resolution.EntityResolver.NewConcept;

class EntityResolverTest {
    private static KnowledgeGraph kg;
    private static Retrieval r;

    @BeforeAll
    static void build() {
        kg = KnowledgeGraph.inMemory();
        kg.write(Source.of(SourceKind.MANUAL, "t"), w -> {
            w.concept(ConceptSpec.of("Sherlock Holmes", "Fictional detective created by Arthur Conan Doyle")
                    .withTypes("Person"));
            w.concept(ConceptSpec.of("Java (island)", "Indonesian island").withTypes("Place"));
            w.concept(ConceptSpec.of("Java (programming language)", "Object-oriented programming language")
                    .withTypes("Software"));
            w.concept(ConceptSpec.of("North Atlantic Treaty Organization", "Military alliance")
                    .withTypes("Organization"));
            w.concept(ConceptSpec.of("Neural network", "A network of artificial neurons"));
        });
        r = Retrieval.builder(kg).embedder(TestEmbedders.miniLm()).open();
    }

    @AfterAll
    static void close() {
        r.close();
        kg.close();
    }

    private static Resolution resolve(String label) {
        return r.resolver().resolve(NewConcept.of(label));
    }

    @Test
    void mergesVariantsOfAName() {
        for (String variant : new String[] {"SHERLOCK HOLMES", "Holmes, Sherlock", "Sherlok Holmes"}) {
            Resolution res = resolve(variant);
            assertThat(res.decision()).as(variant).isEqualTo(Resolution.Decision.MERGE);
            assertThat(res.mergeTarget()).as(variant).hasValue(kg.conceptIri("Sherlock Holmes"));
        }
        assertThat(resolve("Neural networks").mergeTarget()).hasValue(kg.conceptIri("Neural network"));
    }

    @Test
    void doesNotMergeAnotherSenseOrAnUnrelatedName() {
        Resolution coffee = resolve("Java (coffee)");
        assertThat(coffee.decision()).isNotEqualTo(Resolution.Decision.MERGE);
        assertThat(coffee.candidates()).isNotEmpty(); // the Java concepts were considered
        assertThat(coffee.candidates().get(0).features().qualifierConflict()).isEqualTo(1.0);
        assertThat(resolve("Platypus").decision()).isEqualTo(Resolution.Decision.NEW);
    }

    @Test
    void aDescriptionPicksTheRightSenseOfABareHomonym() {
        Resolution island = r.resolver().resolve(new NewConcept("Java", Optional.of("An island of Indonesia"),
                Set.of()));
        assertThat(island.best().map(Candidate::iri)).hasValue(kg.conceptIri("Java (island)"));
        Resolution lang = r.resolver().resolve(new NewConcept("Java", Optional.of("A programming language"),
                Set.of()));
        assertThat(lang.best().map(Candidate::iri)).hasValue(kg.conceptIri("Java (programming language)"));
    }

    @Test
    void anAcronymIsEvidence() {
        Resolution nato = resolve("NATO");
        assertThat(nato.best().map(Candidate::iri)).hasValue(kg.conceptIri("North Atlantic Treaty Organization"));
        assertThat(nato.best().orElseThrow().features().acronym()).isEqualTo(1.0);
        assertThat(nato.best().orElseThrow().features().unmatchedWords()).isEqualTo(0.0);
    }

    @Test
    void mergesADuplicateThroughTheStoreUndoably() {
        try (KnowledgeGraph g = KnowledgeGraph.inMemory()) {
            g.write(Source.of(SourceKind.MANUAL, "t"), w -> {
                w.concept(ConceptSpec.of("Marie Curie", "Physicist and chemist"));
                w.add(w.concept("Marie Curie"), w.relationType("won"), w.concept("Nobel Prize"));
            });
            g.write(Source.of(SourceKind.MANUAL, "u"), w -> w.concept("Curie, Marie"));
            try (Retrieval rr = Retrieval.builder(g).embedder(TestEmbedders.miniLm()).open()) {
                String dup = g.conceptIri("Curie, Marie");
                assertThat(dup).isNotEqualTo(g.conceptIri("Marie Curie"));
                Optional<MergeRecord> m = rr.resolver().mergeIfDuplicate(g, dup);
                assertThat(m).isPresent();
                assertThat(m.get().kept()).isEqualTo(g.conceptIri("Marie Curie"));
                assertThat(g.concept(dup)).isEmpty();
                assertThat(rr.index().get(dup)).isEmpty(); // the index followed the merge
                g.undoMerge(m.get().node());
                assertThat(g.concept(dup)).isPresent();
                assertThat(rr.index().get(dup)).isPresent();
                // the Nobel Prize is no duplicate of anything
                assertThat(rr.resolver().mergeIfDuplicate(g, g.conceptIri("Nobel Prize"))).isEmpty();
            }
        }
    }
}
