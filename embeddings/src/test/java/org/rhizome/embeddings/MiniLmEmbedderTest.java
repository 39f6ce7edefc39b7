package org.rhizome.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rhizome.embeddings.vector.VectorKernels;

/** The in-process all-MiniLM-L6-v2 through LangChain4j (no network). */
class MiniLmEmbedderTest {
    private static LangChain4jEmbedder embedder;

    @BeforeAll
    static void load() {
        embedder = LangChain4jEmbedder.miniLm(8);
    }

    private static float cos(String a, String b) {
        return VectorKernels.get().dot(embedder.embed(a), embedder.embed(b));
    }

    @Test
    void sameTextSameUnitVector() {
        float[] a = embedder.embed("Sherlock Holmes");
        float[] b = embedder.embed("Sherlock Holmes");
        assertThat(a).hasSize(384).containsExactly(b);
        assertThat(VectorKernels.get().dot(a, a)).isCloseTo(1f, within(1e-4f));
        assertThat(embedder.dimension()).isEqualTo(384);
        assertThat(embedder.modelId()).isEqualTo(LangChain4jEmbedder.MINILM_ID);
    }

    @Test
    void closePairsScoreAboveUnrelatedPairs() {
        assertThat(cos("cat", "kitten")).isGreaterThan(cos("cat", "SPARQL") + 0.2f);
        assertThat(cos("heart attack", "myocardial infarction"))
                .isGreaterThan(cos("heart attack", "graph database"));
        assertThat(cos("table salt", "sodium chloride")).isGreaterThan(cos("table salt", "Eiffel Tower"));
    }

    @Test
    void refusesBlankTexts() {
        assertThatThrownBy(() -> embedder.embedAll(List.of("fine", "  "))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("texts[1] is blank");
    }

    @Test
    void batchedAndSingleCallsAgree() {
        List<String> texts = List.of("a", "b c", "graph theory", "Java (island)", "Java (programming language)",
                "mitochondrion", "the powerhouse of the cell", "x", "y", "z", "eleven");
        List<float[]> batched = embedder.embedAll(texts); // batch size 8: two calls
        assertThat(batched).hasSize(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            float[] single = embedder.embed(texts.get(i));
            for (int j = 0; j < 384; j++) {
                assertThat(batched.get(i)[j]).as("text %d component %d", i, j).isCloseTo(single[j], within(1e-4f));
            }
        }
    }
}
