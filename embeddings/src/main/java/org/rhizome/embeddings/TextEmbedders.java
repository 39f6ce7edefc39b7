package org.rhizome.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import java.nio.file.Path;
import java.util.Locale;

/** Factories of {@link TextEmbedder}s from an {@link EmbedderConfig}, with or without the persistent cache. */
public final class TextEmbedders {
    private TextEmbedders() {
    }

    /**
     * The embedder a configuration names. A remote model without a configured dimension is asked once for the
     * vector of a probe text to learn it (so this call may reach the server).
     */
    public static TextEmbedder create(EmbedderConfig config) {
        switch (config.provider()) {
            case MINILM:
                return LangChain4jEmbedder.miniLm(config.batchSize());
            case MINILM_Q:
                return LangChain4jEmbedder.miniLmQuantized(config.batchSize());
            case OPENAI: {
                var b = OpenAiEmbeddingModel.builder().modelName(config.model().orElseThrow())
                        .apiKey(config.apiKey().orElse("none")).timeout(config.timeout()).maxRetries(2);
                config.baseUrl().ifPresent(b::baseUrl);
                if (config.dimension().isPresent()) {
                    b.dimensions(config.dimension().getAsInt());
                }
                return remote(b.build(), config, config.baseUrl().orElse("https://api.openai.com/v1"));
            }
            case OLLAMA: {
                var b = OllamaEmbeddingModel.builder().modelName(config.model().orElseThrow())
                        .baseUrl(config.baseUrl().orElse("http://localhost:11434")).timeout(config.timeout())
                        .maxRetries(2);
                return remote(b.build(), config, config.baseUrl().orElse("http://localhost:11434"));
            }
            default:
                throw new IllegalStateException("unhandled provider " + config.provider());
        }
    }

    /**
     * {@link #create(EmbedderConfig)} behind the persistent cache in {@code cacheDirectory} (created if needed):
     * each text is embedded once per model identity, across runs.
     */
    public static CachingEmbedder createCached(EmbedderConfig config, Path cacheDirectory) {
        TextEmbedder base = create(config);
        return new CachingEmbedder(base, EmbeddingCache.open(cacheDirectory, base.modelId(), base.dimension()));
    }

    private static TextEmbedder remote(EmbeddingModel model, EmbedderConfig config, String where) {
        int dim;
        if (config.dimension().isPresent()) {
            dim = config.dimension().getAsInt();
        } else {
            try {
                dim = model.embed("dimension probe").content().vector().length;
            } catch (RuntimeException e) {
                throw new EmbeddingException("could not reach the embedding model " + config.model().orElseThrow()
                        + " at " + where + " to learn its dimension (set " + EmbedderConfig.ENV_DIMENSION
                        + " to skip the probe): " + e.getMessage(), e);
            }
        }
        String id = config.provider().name().toLowerCase(Locale.ROOT) + ":" + where + ":"
                + config.model().orElseThrow() + ":" + dim;
        return new LangChain4jEmbedder(model, id, dim, config.batchSize());
    }
}
