package org.rhizome.embeddings;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which text embedder to use and how to reach it. Immutable; {@link #defaults()} is the in-process
 * all-MiniLM-L6-v2, which needs nothing else.
 *
 * @param provider  the kind of model
 * @param baseUrl   the server's base URL (remote providers; OpenAI's public API when absent for {@code OPENAI},
 *                  {@code http://localhost:11434} for {@code OLLAMA})
 * @param apiKey    the API key (OpenAI-compatible servers; many local ones accept any value)
 * @param model     the model name (required for remote providers)
 * @param dimension the vectors' dimension; for remote models, when absent, it is learnt from one probe call
 * @param batchSize texts per model call
 * @param timeout   per-call timeout of remote providers
 */
public record EmbedderConfig(Provider provider, Optional<String> baseUrl, Optional<String> apiKey,
        Optional<String> model, OptionalInt dimension, int batchSize, Duration timeout) {

    /** Kinds of embedding model. */
    public enum Provider {
        /** all-MiniLM-L6-v2 in process (ONNX Runtime inside LangChain4j's jar). */
        MINILM,
        /**
         * all-MiniLM-L6-v2 quantised to 8-bit integers, in process: same tokenizer and dimension, about 2.7x faster
         * on a CPU with AVX-512 VNNI, vectors at cosine 0.99 to the full model's (benchmarks/README.md). Its vectors
         * are not interchangeable with {@link #MINILM}'s: an index built with one refuses the other.
         */
        MINILM_Q,
        /** Any server speaking OpenAI's {@code /embeddings} API (OpenAI, vLLM, llama.cpp, LM Studio, Ollama's /v1). */
        OPENAI,
        /** Ollama's native API. */
        OLLAMA;

        /** Parses {@code minilm}, {@code minilm-q}, {@code openai} or {@code ollama} (case-insensitive). */
        public static Provider parse(String word) {
            try {
                return valueOf(word.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown embedding provider '" + word
                        + "'; expected minilm, minilm-q, openai or ollama", e);
            }
        }

        /** The name {@link #parse} reads: {@code minilm}, {@code minilm-q}, {@code openai} or {@code ollama}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether the model runs in this process (no server, fixed dimension 384). */
        public boolean inProcess() {
            return this == MINILM || this == MINILM_Q;
        }
    }

    /** Environment variable naming the provider ({@code minilm}, {@code minilm-q}, {@code openai}, {@code ollama}). */
    public static final String ENV_PROVIDER = "RHIZOME_EMBEDDINGS";
    /** Environment variable with the remote server's base URL. */
    public static final String ENV_URL = "RHIZOME_EMBEDDINGS_URL";
    /** Environment variable with the remote model's name. */
    public static final String ENV_MODEL = "RHIZOME_EMBEDDINGS_MODEL";
    /** Environment variable with the API key ({@code OPENAI_API_KEY} is read when it is absent). */
    public static final String ENV_API_KEY = "RHIZOME_EMBEDDINGS_API_KEY";
    /** Environment variable with the vectors' dimension. */
    public static final String ENV_DIMENSION = "RHIZOME_EMBEDDINGS_DIMENSION";
    /** Environment variable with the batch size. */
    public static final String ENV_BATCH = "RHIZOME_EMBEDDINGS_BATCH";

    public EmbedderConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(dimension, "dimension");
        Objects.requireNonNull(timeout, "timeout");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        if (dimension.isPresent() && dimension.getAsInt() < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension.getAsInt());
        }
        if (!provider.inProcess() && model.isEmpty()) {
            throw new IllegalArgumentException("a " + provider.word() + " embedding model needs a model name ("
                    + ENV_MODEL + ")");
        }
        if (provider.inProcess() && dimension.isPresent() && dimension.getAsInt() != 384) {
            throw new IllegalArgumentException("all-MiniLM-L6-v2 has 384 dimensions, not " + dimension.getAsInt());
        }
    }

    /** The in-process all-MiniLM-L6-v2 with batches of 32. */
    public static EmbedderConfig defaults() {
        return new EmbedderConfig(Provider.MINILM, Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalInt.empty(), LangChain4jEmbedder.DEFAULT_BATCH_SIZE, Duration.ofSeconds(60));
    }

    /** A remote model. */
    public static EmbedderConfig remote(Provider provider, String baseUrl, String model) {
        return new EmbedderConfig(provider, Optional.of(baseUrl), Optional.empty(), Optional.of(model),
                OptionalInt.empty(), LangChain4jEmbedder.DEFAULT_BATCH_SIZE, Duration.ofSeconds(60));
    }

    /** This configuration with an API key. */
    public EmbedderConfig withApiKey(String key) {
        return new EmbedderConfig(provider, baseUrl, Optional.of(key), model, dimension, batchSize, timeout);
    }

    /** This configuration with a known dimension. */
    public EmbedderConfig withDimension(int dim) {
        return new EmbedderConfig(provider, baseUrl, apiKey, model, OptionalInt.of(dim), batchSize, timeout);
    }

    /** This configuration with another batch size. */
    public EmbedderConfig withBatchSize(int size) {
        return new EmbedderConfig(provider, baseUrl, apiKey, model, dimension, size, timeout);
    }

    /**
     * Reads the configuration from environment variables ({@link #ENV_PROVIDER} and the others above); the
     * in-process default when {@link #ENV_PROVIDER} is unset or blank.
     *
     * @throws IllegalArgumentException naming the variable whose value is not valid
     */
    public static EmbedderConfig fromEnvironment(Map<String, String> env) {
        String p = env.getOrDefault(ENV_PROVIDER, "").trim();
        EmbedderConfig c = defaults();
        if (!p.isEmpty()) {
            Provider provider = Provider.parse(p);
            Optional<String> key = nonBlank(env.get(ENV_API_KEY)).or(() -> nonBlank(env.get("OPENAI_API_KEY")));
            c = new EmbedderConfig(provider, nonBlank(env.get(ENV_URL)), key, nonBlank(env.get(ENV_MODEL)),
                    OptionalInt.empty(), c.batchSize(), c.timeout());
        }
        Optional<String> dim = nonBlank(env.get(ENV_DIMENSION));
        if (dim.isPresent()) {
            c = c.withDimension(parsePositive(ENV_DIMENSION, dim.get()));
        }
        Optional<String> batch = nonBlank(env.get(ENV_BATCH));
        if (batch.isPresent()) {
            c = c.withBatchSize(parsePositive(ENV_BATCH, batch.get()));
        }
        return c;
    }

    private static int parsePositive(String name, String value) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be a positive integer, got '" + value + "'");
    }

    private static Optional<String> nonBlank(String s) {
        return s == null || s.isBlank() ? Optional.empty() : Optional.of(s.trim());
    }

    /** A description without the API key, for logs and reports. */
    @Override
    public String toString() {
        return "EmbedderConfig[" + provider.word() + baseUrl.map(u -> " " + u).orElse("")
                + model.map(m -> " model " + m).orElse("")
                + (dimension.isPresent() ? " dim " + dimension.getAsInt() : "") + " batch " + batchSize
                + (apiKey.isPresent() ? " key set" : "") + "]";
    }
}
