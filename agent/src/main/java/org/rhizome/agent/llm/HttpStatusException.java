package org.rhizome.agent.llm;

import java.time.Duration;
import java.util.Optional;

import dev.langchain4j.exception.HttpException;

/**
 * A non-2xx answer of the chat server, as thrown by {@link JdkLlmHttpClient}: the status, the body and the server's
 * {@code Retry-After}, which LangChain4j's own exceptions do not carry. LangChain4j maps it to its exception types
 * (429 to {@code RateLimitException}, ...) with this as the cause, where {@link LlmClient} finds it again.
 */
public final class HttpStatusException extends HttpException {
    private final transient Optional<Duration> retryAfter;

    public HttpStatusException(int status, String body, Optional<Duration> retryAfter) {
        super(status, body);
        this.retryAfter = retryAfter;
    }

    /** The wait the server asked for, if it sent {@code Retry-After}. */
    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
