package org.rhizome.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rhizome.embeddings.vector.VectorKernels;

/**
 * The quantised all-MiniLM-L6-v2 against the full-precision model as the reference: the same texts give nearly the
 * same vectors, and the nearest neighbours among a set of labels are the same under both models.
 */
class QuantizedMiniLmTest {
    private static LangChain4jEmbedder full;
    private static LangChain4jEmbedder quantised;

    private static final List<String> TEXTS = List.of("cat", "kitten", "dog", "puppy", "heart attack",
            "myocardial infarction", "table salt", "sodium chloride", "Eiffel Tower", "Paris landmark",
            "graph database", "SPARQL query language", "photosynthesis", "chlorophyll", "Calvin cycle",
            "mitochondrion: the organelle that produces most of the cell's ATP",
            "Java (programming language)", "Java (island)");

    @BeforeAll
    static void load() {
        full = LangChain4jEmbedder.miniLm(8);
        quantised = LangChain4jEmbedder.miniLmQuantized(8);
    }

    @Test
    void hasItsOwnIdentityAndUnitVectors() {
        assertThat(quantised.modelId()).isEqualTo(LangChain4jEmbedder.MINILM_Q_ID).isNotEqualTo(full.modelId());
        assertThat(quantised.dimension()).isEqualTo(384);
        float[] v = quantised.embed("Sherlock Holmes");
        assertThat(v).hasSize(384).containsExactly(quantised.embed("Sherlock Holmes"));
        assertThat(VectorKernels.get().dot(v, v)).isCloseTo(1f, within(1e-4f));
        assertThat(TextEmbedders.create(EmbedderConfig.fromEnvironment(
                java.util.Map.of("RHIZOME_EMBEDDINGS", "minilm-q"))).modelId()).isEqualTo(LangChain4jEmbedder.MINILM_Q_ID);
    }

    @Test
    void vectorsStayCloseToTheFullModel() {
        List<float[]> a = full.embedAll(TEXTS);
        List<float[]> b = quantised.embedAll(TEXTS);
        for (int i = 0; i < TEXTS.size(); i++) {
            // Measured 0.989-0.996 on six such texts; 0.97 leaves room without accepting a different model.
            assertThat(VectorKernels.get().dot(a.get(i), b.get(i))).as(TEXTS.get(i)).isGreaterThan(0.97f);
        }
    }

    @Test
    void nearestNeighboursAgreeWithTheFullModel() {
        List<float[]> a = full.embedAll(TEXTS);
        List<float[]> b = quantised.embedAll(TEXTS);
        int agree = 0;
        for (int i = 0; i < TEXTS.size(); i++) {
            if (nearest(a, i) == nearest(b, i)) {
                agree++;
            }
        }
        // Pairs such as kitten/cat and salt/sodium chloride are far apart from everything else; one borderline
        // text may flip between two near-equal neighbours.
        assertThat(agree).isGreaterThanOrEqualTo(TEXTS.size() - 1);
        assertThat(TEXTS.get(nearest(b, TEXTS.indexOf("kitten")))).isEqualTo("cat");
        assertThat(TEXTS.get(nearest(b, TEXTS.indexOf("sodium chloride")))).isEqualTo("table salt");
    }

    private static int nearest(List<float[]> vs, int i) {
        int best = -1;
        float bestCos = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < vs.size(); j++) {
            float c = VectorKernels.get().dot(vs.get(i), vs.get(j));
            if (j != i && c > bestCos) {
                bestCos = c;
                best = j;
            }
        }
        return best;
    }
}
