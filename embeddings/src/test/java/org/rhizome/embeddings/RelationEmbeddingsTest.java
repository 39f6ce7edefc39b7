package org.rhizome.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rhizome.embeddings.vector.VectorKernels;
import org.rhizome.graph.snapshot.GraphSnapshot;

class RelationEmbeddingsTest {
    @Test
    void oneUnitVectorPerRelationInIdOrderWithCloseRelationsClose() {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        b.label("http://x/bornIn", "born in").label("http://x/birthPlace", "place of birth")
                .label("http://x/capitalOf", "capital of");
        b.addEdge("http://x/a", "http://x/bornIn", "http://x/b");
        b.addEdge("http://x/c", "http://x/birthPlace", "http://x/d");
        b.addEdge("http://x/e", "http://x/capitalOf", "http://x/f");
        GraphSnapshot s = b.build();
        CachingEmbedder e = new CachingEmbedder(LangChain4jEmbedder.miniLm(),
                EmbeddingCache.inMemory(LangChain4jEmbedder.MINILM_ID, 384));
        RelationEmbeddings re = RelationEmbeddings.of(s, e);
        assertThat(re.vectors()).hasNumberOfRows(3);
        assertThat(re.recipe()).isEqualTo(ConceptText.RECIPE);
        int born = s.relationId("http://x/bornIn").getAsInt();
        int place = s.relationId("http://x/birthPlace").getAsInt();
        int capital = s.relationId("http://x/capitalOf").getAsInt();
        VectorKernels k = VectorKernels.get();
        assertThat(k.dot(re.vector(born), re.vector(place))).isGreaterThan(k.dot(re.vector(born),
                re.vector(capital)));
        assertThat(re.vector(born)).containsExactly(e.embed("born in"));
        assertThat(e.misses()).isEqualTo(3);
    }
}
