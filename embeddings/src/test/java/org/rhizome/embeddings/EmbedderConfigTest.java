package org.rhizome.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbedderConfigTest {

    @Test
    void defaultsToTheInProcessModel() {
        EmbedderConfig c = EmbedderConfig.fromEnvironment(Map.of());
        assertThat(c.provider()).isEqualTo(EmbedderConfig.Provider.MINILM);
        assertThat(c.batchSize()).isEqualTo(32);
    }

    @Test
    void readsARemoteModelFromTheEnvironment() {
        EmbedderConfig c = EmbedderConfig.fromEnvironment(Map.of("RHIZOME_EMBEDDINGS", "OpenAI",
                "RHIZOME_EMBEDDINGS_URL", "http://localhost:8000/v1", "RHIZOME_EMBEDDINGS_MODEL", "bge-small",
                "OPENAI_API_KEY", "sk-secret", "RHIZOME_EMBEDDINGS_DIMENSION", "512", "RHIZOME_EMBEDDINGS_BATCH", "64"));
        assertThat(c.provider()).isEqualTo(EmbedderConfig.Provider.OPENAI);
        assertThat(c.baseUrl()).hasValue("http://localhost:8000/v1");
        assertThat(c.model()).hasValue("bge-small");
        assertThat(c.apiKey()).hasValue("sk-secret");
        assertThat(c.dimension()).hasValue(512);
        assertThat(c.batchSize()).isEqualTo(64);
        assertThat(c.toString()).doesNotContain("sk-secret").contains("key set");
    }

    @Test
    void readsTheQuantisedInProcessModel() {
        EmbedderConfig c = EmbedderConfig.fromEnvironment(Map.of("RHIZOME_EMBEDDINGS", " MiniLM-Q "));
        assertThat(c.provider()).isEqualTo(EmbedderConfig.Provider.MINILM_Q);
        assertThat(c.provider().word()).isEqualTo("minilm-q");
        assertThat(c.provider().inProcess()).isTrue();
        assertThat(c.model()).isEmpty();
        assertThat(c.toString()).startsWith("EmbedderConfig[minilm-q batch 32");
        assertThatThrownBy(() -> c.withDimension(768)).hasMessageContaining("384 dimensions");
    }

    @Test
    void namesTheBadVariable() {
        assertThatThrownBy(() -> EmbedderConfig.fromEnvironment(Map.of("RHIZOME_EMBEDDINGS", "word2vec")))
                .hasMessageContaining("unknown embedding provider 'word2vec'; expected minilm, minilm-q, openai");
        assertThatThrownBy(() -> EmbedderConfig.fromEnvironment(Map.of("RHIZOME_EMBEDDINGS", "ollama")))
                .hasMessageContaining("needs a model name (RHIZOME_EMBEDDINGS_MODEL)");
        assertThatThrownBy(() -> EmbedderConfig.fromEnvironment(Map.of("RHIZOME_EMBEDDINGS_BATCH", "0")))
                .hasMessageContaining("RHIZOME_EMBEDDINGS_BATCH must be a positive integer, got '0'");
        assertThatThrownBy(() -> EmbedderConfig.defaults().withDimension(768))
                .hasMessageContaining("384 dimensions");
    }
}
