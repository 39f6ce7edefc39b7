package org.rhizome.agent.llm;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.TokenUsage;

/**
 * Rhizome's access to a chat model: a LangChain4j {@link ChatModel} (OpenAI-compatible, Ollama, Anthropic or Gemini,
 * every one over {@link JdkLlmHttpClient}) with the policies the growth loop needs around it.
 *
 * <ul>
 *   <li><b>Retries</b> of retriable failures only (timeouts, connection errors, 408, 429, 5xx), up to
 *       {@link LlmConfig#maxRetries()}, waiting {@code initialBackoff * 2^(n-1)} capped at {@code maxBackoff}, with
 *       "equal jitter" (a uniform draw in the upper half of that wait), or exactly the server's {@code Retry-After}
 *       when it sent one (a longer {@code Retry-After} than {@code maxBackoff} fails the call with that said).
 *       A non-retriable answer (400, 401, 403, 404) fails at once. LangChain4j's own retries are turned off.</li>
 *   <li><b>Rate limits</b>: requests and tokens per minute ({@link RateLimiter}); <b>concurrency</b>: at most
 *       {@link LlmConfig#maxConcurrent()} calls in flight.</li>
 *   <li><b>Accounting</b>: tokens and cost per call ({@link LlmReply}) and in total ({@link #usage()}).</li>
 * </ul>
 *
 * Thread-safe.
 */
public final class LlmClient {
    private static final Logger LOG = LoggerFactory.getLogger(LlmClient.class);
    /** Anthropic's API requires {@code max_tokens}; this is sent when {@code max-output-tokens} is not set. */
    static final int ANTHROPIC_DEFAULT_MAX_TOKENS = 4096;

    private final ChatModel model;
    private final LlmConfig config;
    private final RateLimiter limiter;
    private final Semaphore inFlight;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong inputTokens = new AtomicLong();
    private final AtomicLong outputTokens = new AtomicLong();
    private final DoubleAdder cost = new DoubleAdder();

    /** A client of {@code model} with the policies of {@code config}. */
    public LlmClient(ChatModel model, LlmConfig config) {
        this.model = Objects.requireNonNull(model, "model");
        this.config = Objects.requireNonNull(config, "config");
        this.limiter = new RateLimiter(config.requestsPerMinute(), config.tokensPerMinute());
        this.inFlight = new Semaphore(config.maxConcurrent(), true);
    }

    /** A client of the model {@code config} describes. */
    public static LlmClient create(LlmConfig config) {
        return new LlmClient(chatModel(config), config);
    }

    /** The LangChain4j model {@code config} describes, with LangChain4j's retries off (this class retries). */
    public static ChatModel chatModel(LlmConfig c) {
        Duration t = c.timeout();
        return switch (c.provider()) {
            case OPENAI -> {
                OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                        .httpClientBuilder(JdkLlmHttpClient.builder().connectTimeout(t).readTimeout(t))
                        .modelName(c.model()).apiKey(c.apiKey().orElse("none")).timeout(t).maxRetries(0);
                c.baseUrl().ifPresent(b::baseUrl);
                c.temperature().ifPresent(b::temperature);
                if (c.jsonSchema()) {
                    b.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA).strictJsonSchema(true);
                }
                if (c.maxOutputTokens() > 0) {
                    b.maxTokens(c.maxOutputTokens());
                }
                yield b.build();
            }
            case OLLAMA -> {
                OllamaChatModel.OllamaChatModelBuilder b = OllamaChatModel.builder();
                b.httpClientBuilder(JdkLlmHttpClient.builder().connectTimeout(t).readTimeout(t));
                b.baseUrl(c.baseUrl().orElse("http://localhost:11434")).modelName(c.model()).timeout(t);
                b.maxRetries(0);
                c.temperature().ifPresent(b::temperature);
                if (c.jsonSchema()) {
                    b.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
                }
                if (c.maxOutputTokens() > 0) {
                    b.numPredict(c.maxOutputTokens());
                }
                yield b.build();
            }
            case ANTHROPIC -> {
                AnthropicChatModel.AnthropicChatModelBuilder b = AnthropicChatModel.builder()
                        .httpClientBuilder(JdkLlmHttpClient.builder().connectTimeout(t).readTimeout(t))
                        .apiKey(c.apiKey().orElse("none")).modelName(c.model()).timeout(t).maxRetries(0)
                        .maxTokens(c.maxOutputTokens() > 0 ? c.maxOutputTokens() : ANTHROPIC_DEFAULT_MAX_TOKENS);
                c.baseUrl().ifPresent(b::baseUrl);
                c.temperature().ifPresent(b::temperature);
                if (c.jsonSchema()) {
                    b.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
                }
                yield b.build();
            }
            case GEMINI -> {
                GoogleAiGeminiChatModel.GoogleAiGeminiChatModelBuilder b = GoogleAiGeminiChatModel.builder()
                        .httpClientBuilder(JdkLlmHttpClient.builder().connectTimeout(t).readTimeout(t))
                        .apiKey(c.apiKey().orElse("none")).modelName(c.model()).timeout(t).maxRetries(0);
                c.baseUrl().ifPresent(b::baseUrl);
                c.temperature().ifPresent(b::temperature);
                if (c.maxOutputTokens() > 0) {
                    b.maxOutputTokens(c.maxOutputTokens());
                }
                if (c.jsonSchema()) {
                    b.supportedCapabilities(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
                }
                yield b.build();
            }
            case RECORDED -> RecordedChatModel.demo();
        };
    }

    /** The configuration in force. */
    public LlmConfig config() {
        return config;
    }

    /** Totals so far. */
    public LlmUsage usage() {
        return new LlmUsage(calls.get(), failed.get(), retries.get(), inputTokens.get(), outputTokens.get(),
                cost.sum());
    }

    /**
     * Asks the model: a system message, a user message and, when structured output is configured and
     * {@code format} is given, that response format.
     *
     * @throws LlmException when the call fails for good (the message says why and after how many attempts)
     */
    public LlmReply chat(String system, String user, Optional<ResponseFormat> format) {
        List<ChatMessage> messages = new ArrayList<>(2);
        if (system != null && !system.isBlank()) {
            messages.add(SystemMessage.from(system));
        }
        messages.add(UserMessage.from(user));
        ChatRequest.Builder rb = ChatRequest.builder().messages(messages);
        if (config.jsonSchema() && format.isPresent()) {
            rb.responseFormat(format.get());
        }
        ChatRequest request = rb.build();
        long estimate = (long) Math.ceil(((system == null ? 0 : system.length()) + user.length()) / 4.0);
        long start = System.nanoTime();
        int attempt = 0;
        while (true) {
            attempt++;
            ChatResponse response;
            try {
                limiter.acquire(estimate);
                inFlight.acquire();
                try {
                    response = model.chat(request);
                } finally {
                    inFlight.release();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.incrementAndGet();
                throw new LlmException("interrupted while calling the model", 0, false, attempt, e);
            } catch (RuntimeException e) {
                Failure f = classify(e);
                if (!f.retriable || attempt > config.maxRetries()) {
                    failed.incrementAndGet();
                    throw new LlmException(describe(f, attempt, e), f.status, f.retriable, attempt, e);
                }
                int failedAttempt = attempt;
                Duration wait = f.retryAfter.orElseGet(() -> backoff(failedAttempt));
                if (wait.compareTo(config.maxBackoff()) > 0 && f.retryAfter.isPresent()) {
                    failed.incrementAndGet();
                    throw new LlmException("the chat server asked to retry after " + wait.toSeconds()
                            + " s, longer than max-backoff (" + config.maxBackoff().toSeconds() + " s): "
                            + f.reason, f.status, true, attempt, e);
                }
                retries.incrementAndGet();
                LOG.warn("chat call failed ({}), retry {} of {} in {} ms", f.reason, attempt, config.maxRetries(),
                        wait.toMillis());
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    failed.incrementAndGet();
                    throw new LlmException("interrupted while waiting to retry", f.status, true, attempt, ie);
                }
                continue;
            }
            String text = response.aiMessage() == null || response.aiMessage().text() == null ? ""
                    : response.aiMessage().text();
            TokenUsage u = response.tokenUsage();
            long in = u != null && u.inputTokenCount() != null ? u.inputTokenCount() : estimate;
            long out = u != null && u.outputTokenCount() != null ? u.outputTokenCount()
                    : (long) Math.ceil(text.length() / 4.0);
            limiter.settle(estimate, in + out);
            double c = in * config.inputPricePerMillion() / 1e6 + out * config.outputPricePerMillion() / 1e6;
            calls.incrementAndGet();
            inputTokens.addAndGet(in);
            outputTokens.addAndGet(out);
            cost.add(c);
            String answeredBy = response.modelName() != null ? response.modelName() : config.model();
            return new LlmReply(text, answeredBy, in, out, c, attempt, Duration.ofNanos(System.nanoTime() - start));
        }
    }

    /** The wait before retry {@code n} (1-based): exponential, capped, equal jitter. */
    Duration backoff(int n) {
        long base = config.initialBackoff().toMillis();
        long cap = config.maxBackoff().toMillis();
        long exp = n >= 62 ? cap : Math.min(cap, base << Math.min(n - 1, 30));
        long half = exp / 2;
        return Duration.ofMillis(half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
    }

    private record Failure(boolean retriable, int status, Optional<Duration> retryAfter, String reason) {}

    /** Retriable: timeouts, connection errors, 408, 429, 5xx. */
    static Failure classify(Throwable e) {
        int status = 0;
        Optional<Duration> retryAfter = Optional.empty();
        String body = null;
        boolean io = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof HttpStatusException h) {
                status = h.statusCode();
                retryAfter = h.retryAfter();
                body = h.getMessage();
            } else if (t instanceof HttpException h && status == 0) {
                status = h.statusCode();
                body = h.getMessage();
            }
            if (t instanceof IOException || t instanceof java.util.concurrent.TimeoutException) {
                io = true;
            }
        }
        if (status != 0) {
            boolean retriable = status == 408 || status == 429 || status >= 500;
            return new Failure(retriable, status, retryAfter, "HTTP " + status + reason(body));
        }
        if (io || e instanceof RetriableException) {
            return new Failure(true, 0, Optional.empty(), rootMessage(e));
        }
        return new Failure(false, 0, Optional.empty(), rootMessage(e)); // NonRetriableException and the rest
    }

    private static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String b = body.strip().replaceAll("\\s+", " ");
        return ": " + (b.length() > 300 ? b.substring(0, 300) + "..." : b);
    }

    private static String rootMessage(Throwable e) {
        Throwable r = e;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        String m = r.getMessage();
        return r.getClass().getSimpleName() + (m == null ? "" : ": " + m);
    }

    private String describe(Failure f, int attempts, Throwable e) {
        String where = config.describe();
        if (!f.retriable) {
            String hint = f.status == 401 || f.status == 403 ? " (check the API key)"
                    : f.status == 404 ? " (check the base URL and the model name)" : "";
            return "the chat server refused the request: " + f.reason + hint + " [" + where + "]";
        }
        return "the chat call still failed after " + attempts + " attempt" + (attempts == 1 ? "" : "s") + ": "
                + f.reason + " [" + where + "]";
    }
}
