package org.rhizome.agent.llm;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * Which chat model to use, how to reach it and how hard to push it. Immutable.
 *
 * <p>Read from a properties file ({@link #load}) whose keys are the names below, then overridden by environment
 * variables ({@link #withEnvironment}): {@code RHIZOME_LLM_PROVIDER}, {@code RHIZOME_LLM_URL},
 * {@code RHIZOME_LLM_MODEL}, {@code RHIZOME_LLM_API_KEY} (then the provider's usual variable: {@code OPENAI_API_KEY},
 * {@code ANTHROPIC_API_KEY}, {@code GEMINI_API_KEY} or {@code GOOGLE_API_KEY}). A key is never required in the file:
 * {@code api-key-env} names the variable that holds it.
 *
 * <pre>
 * provider = openai              # openai (any OpenAI-compatible server), ollama, anthropic, gemini, recorded
 * base-url = http://localhost:8080/v1
 * model = qwen2.5-7b-instruct
 * api-key-env = MY_SERVER_KEY
 * timeout = 120s                 # per call
 * max-retries = 4                # retriable failures only: timeouts, connection errors, 408, 429, 5xx
 * initial-backoff = 1s           # doubled per retry, with jitter, capped at max-backoff
 * max-backoff = 60s
 * requests-per-minute = 0        # 0: no limit
 * tokens-per-minute = 0
 * max-concurrent = 4
 * input-price-per-million = 0.15 # USD per million prompt tokens, for cost accounting
 * output-price-per-million = 0.60
 * temperature = 0.2
 * json-schema = false            # ask for structured output (response_format json_schema) where supported
 * max-answer-chars = 1000000     # longer answers are refused before parsing
 * max-output-tokens = 0          # cap on the answer's tokens; 0: the server's default (anthropic: 4096, which its
 *                                # API requires to be sent)
 * </pre>
 *
 * @param provider              the kind of server
 * @param baseUrl               its base URL; when absent, the provider's public API ({@code OPENAI},
 *                              {@code ANTHROPIC}, {@code GEMINI}) or {@code http://localhost:11434} ({@code OLLAMA})
 * @param apiKey                the API key, if the server wants one
 * @param model                 the model's name
 * @param timeout               per-call timeout (connect and answer)
 * @param maxRetries            retries of a retriable failure after the first attempt
 * @param initialBackoff        the wait before the first retry (before jitter)
 * @param maxBackoff            the longest wait between attempts, and the longest {@code Retry-After} honoured
 * @param requestsPerMinute     request rate limit, 0 for none
 * @param tokensPerMinute       token rate limit (prompt + completion), 0 for none
 * @param maxConcurrent         calls in flight at once
 * @param inputPricePerMillion  USD per million prompt tokens
 * @param outputPricePerMillion USD per million completion tokens
 * @param temperature           sampling temperature, if set
 * @param jsonSchema            whether to request JSON-schema structured output
 * @param maxAnswerChars        answers longer than this are refused (the model is asked again, shorter)
 * @param maxOutputTokens       the most tokens the model may answer with, 0 for the server's default
 */
public record LlmConfig(Provider provider, Optional<String> baseUrl, Optional<String> apiKey, String model,
        Duration timeout, int maxRetries, Duration initialBackoff, Duration maxBackoff, int requestsPerMinute,
        int tokensPerMinute, int maxConcurrent, double inputPricePerMillion, double outputPricePerMillion,
        Optional<Double> temperature, boolean jsonSchema, int maxAnswerChars, int maxOutputTokens) {

    /** Kinds of chat server. */
    public enum Provider {
        /** Any server speaking OpenAI's chat completions API: OpenAI, vLLM, llama.cpp server, LM Studio. */
        OPENAI,
        /** Ollama's native API. */
        OLLAMA,
        /** Anthropic's Messages API (Claude models). */
        ANTHROPIC,
        /** Google's Gemini API ({@code generativelanguage.googleapis.com}), keyed by an API key. */
        GEMINI,
        /** No server: answers recorded for the project ({@link RecordedChatModel}), used by the offline demo. */
        RECORDED;

        /** Parses a provider's name: {@code openai}, {@code ollama}, {@code anthropic}, {@code gemini} or
         *  {@code recorded} (case-insensitive). */
        public static Provider parse(String word) {
            try {
                return valueOf(word.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown LLM provider '" + word
                        + "'; expected openai, ollama, anthropic, gemini or recorded", e);
            }
        }

        /** The environment variables read for the API key when {@code RHIZOME_LLM_API_KEY} is not set. */
        List<String> keyVariables() {
            return switch (this) {
                case OPENAI -> List.of("OPENAI_API_KEY");
                case ANTHROPIC -> List.of("ANTHROPIC_API_KEY");
                case GEMINI -> List.of("GEMINI_API_KEY", "GOOGLE_API_KEY");
                case OLLAMA, RECORDED -> List.of();
            };
        }
    }

    /** Environment variable naming the provider. */
    public static final String ENV_PROVIDER = "RHIZOME_LLM_PROVIDER";
    /** Environment variable with the server's base URL. */
    public static final String ENV_URL = "RHIZOME_LLM_URL";
    /** Environment variable with the model's name. */
    public static final String ENV_MODEL = "RHIZOME_LLM_MODEL";
    /** Environment variable with the API key (the provider's usual variable is read when it is absent). */
    public static final String ENV_API_KEY = "RHIZOME_LLM_API_KEY";

    private static final Set<String> KEYS = Set.of("provider", "base-url", "model", "api-key", "api-key-env",
            "timeout", "max-retries", "initial-backoff", "max-backoff", "requests-per-minute", "tokens-per-minute",
            "max-concurrent", "input-price-per-million", "output-price-per-million", "temperature", "json-schema",
            "max-answer-chars", "max-output-tokens");

    public LlmConfig {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(temperature, "temperature");
        if (model.isBlank()) {
            throw new IllegalArgumentException("the model name must not be blank");
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        }
        if (maxRetries < 0 || requestsPerMinute < 0 || tokensPerMinute < 0) {
            throw new IllegalArgumentException("max-retries, requests-per-minute and tokens-per-minute must be >= 0");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("max-concurrent must be >= 1, got " + maxConcurrent);
        }
        if (!(inputPricePerMillion >= 0) || !(outputPricePerMillion >= 0)) {
            throw new IllegalArgumentException("prices must be >= 0");
        }
        if (maxAnswerChars < 1) {
            throw new IllegalArgumentException("max-answer-chars must be >= 1");
        }
        if (maxOutputTokens < 0) {
            throw new IllegalArgumentException("max-output-tokens must be >= 0 (0: the server's default)");
        }
    }

    /** The recorded model of the offline demo: no server, no cost, no limits. */
    public static LlmConfig recorded() {
        return new LlmConfig(Provider.RECORDED, Optional.empty(), Optional.empty(), RecordedChatModel.MODEL_NAME,
                Duration.ofSeconds(120), 0, Duration.ofSeconds(1), Duration.ofSeconds(60), 0, 0, 1, 0, 0,
                Optional.empty(), false, 1_000_000, 0);
    }

    /** An OpenAI-compatible server at {@code baseUrl} serving {@code model}, every other setting at its default. */
    public static LlmConfig openAi(String baseUrl, String model, String apiKey) {
        return new LlmConfig(Provider.OPENAI, Optional.ofNullable(baseUrl), Optional.ofNullable(apiKey), model,
                Duration.ofSeconds(120), 4, Duration.ofSeconds(1), Duration.ofSeconds(60), 0, 0, 4, 0, 0,
                Optional.empty(), false, 1_000_000, 0);
    }

    /** An Ollama server at {@code baseUrl} serving {@code model}, every other setting at its default. */
    public static LlmConfig ollama(String baseUrl, String model) {
        return new LlmConfig(Provider.OLLAMA, Optional.ofNullable(baseUrl), Optional.empty(), model,
                Duration.ofSeconds(120), 4, Duration.ofSeconds(1), Duration.ofSeconds(60), 0, 0, 4, 0, 0,
                Optional.empty(), false, 1_000_000, 0);
    }

    /**
     * Reads a properties file (keys above).
     *
     * @throws IllegalArgumentException naming the file and key of an unknown key or a bad value
     */
    public static LlmConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the LLM configuration " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : p.stringPropertyNames()) {
            m.put(k, p.getProperty(k).trim());
        }
        return fromMap(m, file.toString(), System.getenv());
    }

    /** Builds a configuration from {@code key -> value} (keys as in the file); {@code where} names them in errors. */
    public static LlmConfig fromMap(Map<String, String> m, String where, Map<String, String> env) {
        for (String k : m.keySet()) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(where + ": unknown key '" + k + "'; known keys: "
                        + new java.util.TreeSet<>(KEYS));
            }
        }
        Provider provider = Provider.parse(m.getOrDefault("provider", "openai"));
        String model = m.get("model");
        if (model == null) {
            if (provider != Provider.RECORDED) {
                throw new IllegalArgumentException(where + ": 'model' is required");
            }
            model = RecordedChatModel.MODEL_NAME;
        }
        Optional<String> key = Optional.ofNullable(m.get("api-key"));
        if (m.containsKey("api-key-env")) {
            String v = env.get(m.get("api-key-env"));
            if (v == null || v.isBlank()) {
                throw new IllegalArgumentException(where + ": api-key-env names " + m.get("api-key-env")
                        + ", which is not set");
            }
            key = Optional.of(v);
        }
        try {
            return new LlmConfig(provider, Optional.ofNullable(m.get("base-url")), key, model,
                    duration(m, "timeout", "120s", where), integer(m, "max-retries", 4, where),
                    duration(m, "initial-backoff", "1s", where), duration(m, "max-backoff", "60s", where),
                    integer(m, "requests-per-minute", 0, where), integer(m, "tokens-per-minute", 0, where),
                    integer(m, "max-concurrent", 4, where), number(m, "input-price-per-million", 0, where),
                    number(m, "output-price-per-million", 0, where),
                    m.containsKey("temperature") ? Optional.of(number(m, "temperature", 0, where)) : Optional.empty(),
                    Boolean.parseBoolean(m.getOrDefault("json-schema", "false")),
                    integer(m, "max-answer-chars", 1_000_000, where), integer(m, "max-output-tokens", 0, where));
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(where) ? e
                    : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    /**
     * This configuration with the environment's overrides applied; when nothing configures a provider at all (no
     * file and no {@code RHIZOME_LLM_PROVIDER}), {@code base} is returned as it is.
     */
    public LlmConfig withEnvironment(Map<String, String> env) {
        LlmConfig c = this;
        String provider = env.get(ENV_PROVIDER);
        String model = env.get(ENV_MODEL);
        Provider p = provider != null && !provider.isBlank() ? Provider.parse(provider) : c.provider;
        String url = env.get(ENV_URL);
        String key = env.get(ENV_API_KEY);
        for (String variable : p.keyVariables()) {
            if (key == null || key.isBlank()) {
                key = env.get(variable);
            }
        }
        if (p != c.provider && (model == null || model.isBlank()) && p != Provider.RECORDED) {
            throw new IllegalArgumentException(ENV_PROVIDER + "=" + provider + " needs " + ENV_MODEL);
        }
        return new LlmConfig(p, url != null && !url.isBlank() ? Optional.of(url) : c.baseUrl,
                key != null && !key.isBlank() ? Optional.of(key) : c.apiKey,
                model != null && !model.isBlank() ? model
                        : p == Provider.RECORDED ? RecordedChatModel.MODEL_NAME : c.model,
                c.timeout, c.maxRetries, c.initialBackoff, c.maxBackoff, c.requestsPerMinute, c.tokensPerMinute,
                c.maxConcurrent, c.inputPricePerMillion, c.outputPricePerMillion, c.temperature, c.jsonSchema,
                c.maxAnswerChars, c.maxOutputTokens);
    }

    /**
     * What the CLI uses: the file if given, else the environment ({@code RHIZOME_LLM_PROVIDER}), else the recorded
     * demo model.
     */
    public static LlmConfig resolve(Optional<Path> file, Map<String, String> env) {
        if (file.isPresent()) {
            return load(file.get()).withEnvironment(env);
        }
        return recorded().withEnvironment(env);
    }

    /** A copy with other retry settings (tests and callers that want faster retries). */
    public LlmConfig withRetries(int retries, Duration initial, Duration max) {
        return new LlmConfig(provider, baseUrl, apiKey, model, timeout, retries, initial, max, requestsPerMinute,
                tokensPerMinute, maxConcurrent, inputPricePerMillion, outputPricePerMillion, temperature, jsonSchema,
                maxAnswerChars, maxOutputTokens);
    }

    /** A copy with another per-call timeout. */
    public LlmConfig withTimeout(Duration t) {
        return new LlmConfig(provider, baseUrl, apiKey, model, t, maxRetries, initialBackoff, maxBackoff,
                requestsPerMinute, tokensPerMinute, maxConcurrent, inputPricePerMillion, outputPricePerMillion,
                temperature, jsonSchema, maxAnswerChars, maxOutputTokens);
    }

    /** A copy with other rate and concurrency limits. */
    public LlmConfig withLimits(int rpm, int tpm, int concurrent) {
        return new LlmConfig(provider, baseUrl, apiKey, model, timeout, maxRetries, initialBackoff, maxBackoff, rpm,
                tpm, concurrent, inputPricePerMillion, outputPricePerMillion, temperature, jsonSchema,
                maxAnswerChars, maxOutputTokens);
    }

    /** A copy with other prices (USD per million tokens). */
    public LlmConfig withPrices(double inputPerMillion, double outputPerMillion) {
        return new LlmConfig(provider, baseUrl, apiKey, model, timeout, maxRetries, initialBackoff, maxBackoff,
                requestsPerMinute, tokensPerMinute, maxConcurrent, inputPerMillion, outputPerMillion, temperature,
                jsonSchema, maxAnswerChars, maxOutputTokens);
    }

    /** A copy with structured output on or off, and another answer-size cap. */
    public LlmConfig withOutput(boolean schema, int maxChars) {
        return new LlmConfig(provider, baseUrl, apiKey, model, timeout, maxRetries, initialBackoff, maxBackoff,
                requestsPerMinute, tokensPerMinute, maxConcurrent, inputPricePerMillion, outputPricePerMillion,
                temperature, schema, maxChars, maxOutputTokens);
    }

    /** A one-line description without the key, for logs and run records. */
    public String describe() {
        return provider.name().toLowerCase(Locale.ROOT) + ":" + model + baseUrl.map(u -> " at " + u).orElse("");
    }

    private static Duration duration(Map<String, String> m, String key, String dflt, String where) {
        String v = m.getOrDefault(key, dflt).trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1).trim()) * 60);
            }
            return Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + " must be a duration like 30s or 500ms, got '"
                    + v + "'", e);
        }
    }

    private static int integer(Map<String, String> m, String key, int dflt, String where) {
        String v = m.get(key);
        try {
            return v == null ? dflt : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + " must be an integer, got '" + v + "'", e);
        }
    }

    private static double number(Map<String, String> m, String key, double dflt, String where) {
        String v = m.get(key);
        try {
            return v == null ? dflt : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + " must be a number, got '" + v + "'", e);
        }
    }
}
