package org.rhizome.agent.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

/**
 * LangChain4j's HTTP client SPI over the JDK client, for one reason: a failed call must keep the server's
 * {@code Retry-After}, so retries can honour it ({@link HttpStatusException}). HTTP/1.1 only; no streaming.
 */
final class JdkLlmHttpClient implements dev.langchain4j.http.client.HttpClient {
    private final HttpClient http;
    private final Duration readTimeout;

    private JdkLlmHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout == null ? Duration.ofSeconds(30) : connectTimeout).build();
        this.readTimeout = readTimeout == null ? Duration.ofSeconds(120) : readTimeout;
    }

    static Builder builder() {
        return new Builder();
    }

    @Override
    public SuccessfulHttpResponse execute(dev.langchain4j.http.client.HttpRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url())).timeout(readTimeout);
        for (Map.Entry<String, List<String>> h : request.headers().entrySet()) {
            for (String v : h.getValue()) {
                b.header(h.getKey(), v);
            }
        }
        String body = request.body();
        switch (request.method()) {
            case GET -> b.GET();
            case DELETE -> b.DELETE();
            case POST -> b.POST(body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
            default -> throw new UnsupportedOperationException("HTTP method " + request.method());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the chat server", e);
        }
        if (r.statusCode() < 200 || r.statusCode() >= 300) {
            throw new HttpStatusException(r.statusCode(), r.body(),
                    r.headers().firstValue("Retry-After").flatMap(JdkLlmHttpClient::parseRetryAfter));
        }
        return SuccessfulHttpResponse.builder().statusCode(r.statusCode()).headers(r.headers().map())
                .body(r.body()).build();
    }

    @Override
    public void execute(dev.langchain4j.http.client.HttpRequest request, ServerSentEventParser parser,
            ServerSentEventListener listener) {
        throw new UnsupportedOperationException("Rhizome's agent does not stream answers");
    }

    /** A {@code Retry-After} value: seconds, or an HTTP date. */
    static Optional<Duration> parseRetryAfter(String v) {
        String s = v.trim();
        try {
            long secs = Long.parseLong(s);
            return secs < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(secs));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
    }

    /** The SPI's builder. */
    static final class Builder implements HttpClientBuilder {
        private Duration connectTimeout;
        private Duration readTimeout;

        @Override
        public Duration connectTimeout() {
            return connectTimeout;
        }

        @Override
        public Builder connectTimeout(Duration d) {
            this.connectTimeout = d;
            return this;
        }

        @Override
        public Duration readTimeout() {
            return readTimeout;
        }

        @Override
        public Builder readTimeout(Duration d) {
            this.readTimeout = d;
            return this;
        }

        @Override
        public JdkLlmHttpClient build() {
            return new JdkLlmHttpClient(connectTimeout, readTimeout);
        }
    }
}
