package org.rhizome.agent.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rhizome.agent.testing.ScriptedLlmServer.RecordedRequest;
import org.rhizome.agent.testing.ScriptedLlmServer.Reply;

class ScriptedLlmServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScriptedLlmServer server;
    private HttpClient http;

    @BeforeEach
    void startServer() {
        server = ScriptedLlmServer.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ChatModel openAi(Duration timeout) {
        return OpenAiChatModel.builder().baseUrl(server.openAiBaseUrl()).apiKey("test").modelName("m").maxRetries(0)
                .timeout(timeout).build();
    }

    private ChatModel openAi() {
        return openAi(Duration.ofSeconds(2));
    }

    private ChatModel ollama() {
        return OllamaChatModel.builder().baseUrl(server.ollamaBaseUrl()).modelName("m").maxRetries(0)
                .timeout(Duration.ofSeconds(5)).build();
    }

    private HttpResponse<String> post(String url, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void urlsPointAtLoopback() {
        assertThat(server.ollamaBaseUrl()).matches("http://127\\.0\\.0\\.1:\\d+");
        assertThat(server.openAiBaseUrl()).isEqualTo(server.ollamaBaseUrl() + "/v1");
    }

    @Test
    void openAiModelGetsScriptedTextAndRequestIsRecorded() {
        server.enqueue(Reply.content("hello there"));

        assertThat(openAi().chat("hi")).isEqualTo("hello there");

        assertThat(server.remaining()).isZero();
        List<RecordedRequest> requests = server.requests();
        assertThat(requests).hasSize(1);
        RecordedRequest request = requests.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/chat/completions");
        assertThat(request.lastUserMessage()).isEqualTo("hi");
        assertThat(request.systemMessage()).isEmpty();
        assertThat(request.json().path("model").asText()).isEqualTo("m");
        assertThat(request.header("AUTHORIZATION")).isEqualTo("Bearer test");
        assertThat(request.headers().get("content-type")).isNotNull();
    }

    @Test
    void ollamaModelGetsScriptedTextAndRequestIsRecorded() {
        server.enqueue(Reply.content("from ollama"));

        assertThat(ollama().chat("hi")).isEqualTo("from ollama");

        RecordedRequest request = server.requests().get(0);
        assertThat(request.path()).isEqualTo("/api/chat");
        assertThat(request.lastUserMessage()).isEqualTo("hi");
        assertThat(request.json().path("model").asText()).isEqualTo("m");
    }

    @Test
    void bothApisShareOneQueueAndConnectionsAreReused() {
        server.enqueue(Reply.content("one"), Reply.content("two"), Reply.content("three"), Reply.content("four"));
        ChatModel openAi = openAi();
        ChatModel ollama = ollama();

        assertThat(openAi.chat("a")).isEqualTo("one");
        assertThat(ollama.chat("b")).isEqualTo("two");
        assertThat(openAi.chat("c")).isEqualTo("three");
        assertThat(server.remaining()).isEqualTo(1);
        assertThat(server.requests()).extracting(RecordedRequest::lastUserMessage).containsExactly("a", "b", "c");
        assertThat(server.requests()).extracting(RecordedRequest::path)
                .containsExactly("/v1/chat/completions", "/api/chat", "/v1/chat/completions");
    }

    @Test
    void status429BecomesRateLimitException() {
        server.enqueue(Reply.status(429, "{\"error\":{\"message\":\"slow down\",\"type\":\"rate_limit\"}}"));

        assertThatThrownBy(() -> openAi().chat("hi")).isInstanceOf(RateLimitException.class)
                .hasMessageContaining("slow down");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void ollamaModelMapsStatusCodesToo() {
        server.enqueue(Reply.status(429, "{\"error\":\"busy\"}"), Reply.status(500, "{\"error\":\"broken\"}"));
        ChatModel model = ollama();

        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(RateLimitException.class);
        assertThatThrownBy(() -> model.chat("hi")).isInstanceOf(InternalServerException.class)
                .hasMessageContaining("broken");
    }

    @Test
    void emptyQueueAnswers500ByDefault() {
        assertThatThrownBy(() -> openAi().chat("hi")).isInstanceOf(InternalServerException.class)
                .hasMessageContaining("no scripted reply left");
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void fallbackAnswersWhenQueueIsEmpty() {
        server.fallback(request -> Reply.content("echo: " + request.lastUserMessage()));
        server.enqueue(Reply.content("queued"));
        ChatModel model = openAi();

        assertThat(model.chat("x")).isEqualTo("queued");
        assertThat(model.chat("y")).isEqualTo("echo: y");
        assertThat(ollama().chat("z")).isEqualTo("echo: z");
    }

    @Test
    void throwingFallbackAnswers500() {
        server.fallback(request -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> openAi().chat("hi")).isInstanceOf(InternalServerException.class)
                .hasMessageContaining("boom");
    }

    @Test
    void resetSurfacesAsException() {
        server.enqueue(Reply.reset(), Reply.content("after reset"));
        ChatModel model = openAi();

        Throwable thrown = catchThrowable(() -> model.chat("hi"));

        assertThat(thrown).isNotNull();
        assertThat(rootCause(thrown)).isInstanceOf(IOException.class);
        // the server keeps serving new connections
        assertThat(model.chat("again")).isEqualTo("after reset");
    }

    @Test
    void hangSurfacesAsTimeoutWithinTenSeconds() {
        server.enqueue(Reply.hang());
        ChatModel model = openAi(Duration.ofSeconds(1));

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> model.chat("hi"));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(thrown).isInstanceOf(dev.langchain4j.exception.TimeoutException.class);
        assertThat(elapsedMs).isBetween(900L, 10_000L);
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void closeReleasesHangingRequests() throws Exception {
        server.enqueue(Reply.hang());
        CompletableFuture<HttpResponse<String>> pending = http.sendAsync(
                HttpRequest.newBuilder(URI.create(server.openAiBaseUrl() + "/chat/completions"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\",\"messages\":[]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (server.requests().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(server.requests()).hasSize(1);
        assertThat(pending).isNotDone();

        server.close();

        assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IOException.class);
    }

    @Test
    void retryAfterHeaderIsSent() throws Exception {
        server.enqueue(Reply.status(429, "{\"error\":{\"message\":\"later\"}}").withHeader("Retry-After", "7"),
                Reply.status(503, "overloaded"));

        HttpResponse<String> limited = post(server.openAiBaseUrl() + "/chat/completions", "{\"model\":\"m\"}");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(limited.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(limited.body()).isEqualTo("{\"error\":{\"message\":\"later\"}}");

        HttpResponse<String> overloaded = post(server.openAiBaseUrl() + "/chat/completions", "{}");
        assertThat(overloaded.statusCode()).isEqualTo(503);
        assertThat(overloaded.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/plain");
        assertThat(overloaded.body()).isEqualTo("overloaded");
    }

    @Test
    void fiveMegabyteContentRoundTripsIntact() {
        StringBuilder big = new StringBuilder(5 * 1024 * 1024 + 64);
        String chunk = "line \"quoted\" \\ back\tslash\u0001 \u00e9\u4e2d\ud83d\ude00\n";
        while (big.length() < 5 * 1024 * 1024) {
            big.append(chunk);
        }
        String text = big.toString();
        server.enqueue(Reply.content(text), Reply.content(text));

        assertThat(openAi(Duration.ofSeconds(20)).chat("big")).isEqualTo(text);
        assertThat(ollama().chat("big")).isEqualTo(text);
    }

    @Test
    void usageIsPassedThrough() {
        server.enqueue(Reply.content("counted").withUsage(11, 22), Reply.content("counted").withUsage(3, 4));
        ChatRequest request = ChatRequest.builder().messages(UserMessage.from("hi")).build();

        ChatResponse openAiResponse = openAi().chat(request);
        assertThat(openAiResponse.aiMessage().text()).isEqualTo("counted");
        assertThat(openAiResponse.tokenUsage().inputTokenCount()).isEqualTo(11);
        assertThat(openAiResponse.tokenUsage().outputTokenCount()).isEqualTo(22);
        assertThat(openAiResponse.tokenUsage().totalTokenCount()).isEqualTo(33);

        ChatResponse ollamaResponse = ollama().chat(request);
        assertThat(ollamaResponse.tokenUsage().inputTokenCount()).isEqualTo(3);
        assertThat(ollamaResponse.tokenUsage().outputTokenCount()).isEqualTo(4);
    }

    @Test
    void openAiResponseShapeAndDefaultUsage() throws Exception {
        server.enqueue(Reply.content("abcdefgh"), Reply.content(""));
        String body = "{\"model\":\"gpt-x\",\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";

        HttpResponse<String> response = post(server.openAiBaseUrl() + "/chat/completions", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length"))
                .contains(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("id").asText()).startsWith("chatcmpl-");
        assertThat(json.path("object").asText()).isEqualTo("chat.completion");
        assertThat(json.path("created").asLong()).isPositive();
        assertThat(json.path("model").asText()).isEqualTo("gpt-x");
        assertThat(json.at("/choices/0/message/role").asText()).isEqualTo("assistant");
        assertThat(json.at("/choices/0/message/content").asText()).isEqualTo("abcdefgh");
        assertThat(json.at("/choices/0/finish_reason").asText()).isEqualTo("stop");
        assertThat(json.at("/usage/prompt_tokens").asInt()).isEqualTo(body.length() / 4);
        assertThat(json.at("/usage/completion_tokens").asInt()).isEqualTo(2);
        assertThat(json.at("/usage/total_tokens").asInt()).isEqualTo(body.length() / 4 + 2);

        JsonNode empty = JSON.readTree(post(server.openAiBaseUrl() + "/chat/completions", "{}").body());
        assertThat(empty.at("/usage/prompt_tokens").asInt()).isEqualTo(1);
        assertThat(empty.at("/usage/completion_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void ollamaStreamingRequestGetsOneJsonObject() throws Exception {
        server.enqueue(Reply.content("whole").withUsage(5, 6));

        HttpResponse<String> response = post(server.ollamaBaseUrl() + "/api/chat",
                "{\"model\":\"llama\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"q\"}]}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = JSON.readTree(response.body());
        assertThat(json.path("model").asText()).isEqualTo("llama");
        assertThat(json.path("created_at").asText()).endsWith("Z");
        assertThat(json.at("/message/content").asText()).isEqualTo("whole");
        assertThat(json.path("done").asBoolean()).isTrue();
        assertThat(json.path("done_reason").asText()).isEqualTo("stop");
        assertThat(json.path("prompt_eval_count").asInt()).isEqualTo(5);
        assertThat(json.path("eval_count").asInt()).isEqualTo(6);
    }

    @Test
    void messagesWithContentPartsAndSystemMessage() throws Exception {
        server.enqueue(Reply.content("ok"));

        post(server.openAiBaseUrl() + "/chat/completions", "{\"model\":\"m\",\"messages\":["
                + "{\"role\":\"system\",\"content\":\"be brief\"},"
                + "{\"role\":\"system\",\"content\":\"second system\"},"
                + "{\"role\":\"user\",\"content\":\"first\"},"
                + "{\"role\":\"assistant\",\"content\":\"reply\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"part one\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"x\"}},{\"type\":\"text\",\"text\":\"part two\"}]}]}");

        RecordedRequest request = server.requests().get(0);
        assertThat(request.systemMessage()).isEqualTo("be brief");
        assertThat(request.lastUserMessage()).isEqualTo("part one\npart two");
    }

    @Test
    void nonJsonBodyIsRecordedAsMissingNode() throws Exception {
        server.enqueue(Reply.content("ok"));

        post(server.ollamaBaseUrl() + "/api/chat", "not json");

        RecordedRequest request = server.requests().get(0);
        assertThat(request.body()).isEqualTo("not json");
        assertThat(request.json().isMissingNode()).isTrue();
        assertThat(request.lastUserMessage()).isEmpty();
        assertThat(request.header("X-Absent")).isNull();
    }

    @Test
    void unknownPathsAnswer404WithoutConsumingOrRecording() throws Exception {
        server.enqueue(Reply.content("kept"));

        HttpResponse<String> missing = post(server.ollamaBaseUrl() + "/v1/embeddings", "{}");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(missing.body()).at("/error/message").asText()).contains("/v1/embeddings");

        HttpResponse<String> models = http.send(
                HttpRequest.newBuilder(URI.create(server.openAiBaseUrl() + "/models")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(models.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(models.body()).at("/data/0/id").asText()).isNotEmpty();

        assertThat(server.requests()).isEmpty();
        assertThat(server.remaining()).isEqualTo(1);
    }

    @Test
    void delayedReplyWaits() {
        server.enqueue(Reply.content("late").after(Duration.ofMillis(300)));

        long start = System.nanoTime();
        assertThat(openAi().chat("hi")).isEqualTo("late");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300L);
    }

    @Test
    void rawKeepAliveConnectionCloseAndH2cUpgradeIgnored() throws Exception {
        server.enqueue(Reply.content("first"), Reply.content("second"));
        int port = Integer.parseInt(server.ollamaBaseUrl().replaceAll(".*:", ""));
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);

        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();

            out.write(("POST /api/chat HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAEAAEAAAAIAAAABAAMAAABkAAQBAAAAAAUAAEAA\r\n"
                    + "Content-Length: " + bodyBytes.length + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(bodyBytes);
            out.flush();
            RawResponse first = RawResponse.read(in);
            assertThat(first.statusLine).isEqualTo("HTTP/1.1 200 OK");
            assertThat(first.headers).doesNotContain("connection: close");
            assertThat(JSON.readTree(first.body).at("/message/content").asText()).isEqualTo("first");

            // chunked body, same connection, asking to close afterwards
            String half = body.substring(0, 10);
            String rest = body.substring(10);
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(half.length()) + "\r\n" + half + "\r\n"
                    + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            RawResponse second = RawResponse.read(in);
            assertThat(second.statusLine).isEqualTo("HTTP/1.1 200 OK");
            assertThat(second.headers).contains("connection: close");
            assertThat(JSON.readTree(second.body).at("/choices/0/message/content").asText()).isEqualTo("second");
            assertThat(in.read()).isEqualTo(-1);
        }
        assertThat(server.requests()).extracting(RecordedRequest::body).containsExactly(body, body);
        assertThat(server.requests().get(0).header("upgrade")).isEqualTo("h2c");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /** A minimal reader of one Content-Length framed HTTP/1.1 response. */
    private static final class RawResponse {
        final String statusLine;
        final List<String> headers;
        final String body;

        private RawResponse(String statusLine, List<String> headers, String body) {
            this.statusLine = statusLine;
            this.headers = headers;
            this.body = body;
        }

        static RawResponse read(InputStream in) throws IOException {
            String statusLine = line(in);
            List<String> headers = new java.util.ArrayList<>();
            int length = 0;
            for (String line = line(in); !line.isEmpty(); line = line(in)) {
                String normalized = line.toLowerCase(Locale.ROOT);
                headers.add(normalized);
                if (normalized.startsWith("content-length:")) {
                    length = Integer.parseInt(normalized.substring("content-length:".length()).strip());
                }
            }
            byte[] body = in.readNBytes(length);
            return new RawResponse(statusLine, headers, new String(body, StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("unexpected end of stream");
                }
                if (b != '\r') {
                    bytes.write(b);
                }
            }
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
