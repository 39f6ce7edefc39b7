package org.rhizome.agent.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A loopback HTTP/1.1 server that imitates an OpenAI-compatible chat server ({@code POST /v1/chat/completions}),
 * an Ollama server ({@code POST /api/chat}), Anthropic's Messages API ({@code POST /v1/messages}) and Google's Gemini
 * API ({@code POST /v1beta/models/<model>:generateContent}), answering chat requests from one FIFO of scripted
 * {@link Reply replies}, each in the shape of the API that was called (text, usage and model name where that API
 * puts them).
 *
 * <p>It is built on a raw {@link ServerSocket} so that a reply can also reset the connection or hang, and so that
 * tests exercise the real LangChain4j HTTP client, HTTP and JSON paths. One daemon thread serves each connection;
 * connections are kept alive until the client closes them. An {@code Upgrade: h2c} request header is ignored and
 * answered with HTTP/1.1.
 *
 * <pre>{@code
 * try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
 *     server.enqueue(Reply.content("hello"), Reply.status(429, "{\"error\":{\"message\":\"slow down\"}}"));
 *     ChatModel model = OpenAiChatModel.builder().baseUrl(server.openAiBaseUrl()).apiKey("test").modelName("m").build();
 *     ...
 * }
 * }</pre>
 */
public final class ScriptedLlmServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPENAI_CHAT = "/v1/chat/completions";
    private static final String OLLAMA_CHAT = "/api/chat";
    private static final String ANTHROPIC_MESSAGES = "/v1/messages";
    private static final String GEMINI_PREFIX = "/v1beta/models/";
    private static final String GEMINI_SUFFIX = ":generateContent";
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 200;
    private static final AtomicLong SERVER_IDS = new AtomicLong();

    private final ServerSocket serverSocket;
    private final long serverId = SERVER_IDS.incrementAndGet();
    private final Object lock = new Object();
    private final Deque<Reply> queue = new ArrayDeque<>();
    private final List<RecordedRequest> recorded = new ArrayList<>();
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final AtomicLong completionIds = new AtomicLong();
    private final AtomicLong connectionIds = new AtomicLong();
    private volatile Function<RecordedRequest, Reply> fallback = request -> Reply.status(500,
            "{\"error\":{\"message\":\"no scripted reply left\",\"type\":\"server_error\",\"code\":null}}");
    private volatile boolean closed;

    private ScriptedLlmServer(ServerSocket serverSocket) {
        this.serverSocket = serverSocket;
        Thread acceptor = new Thread(this::acceptLoop, "scripted-llm-" + serverId + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a server on 127.0.0.1 with an ephemeral port.
     *
     * @return the running server; close it when done
     */
    public static ScriptedLlmServer start() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            return new ScriptedLlmServer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the scripted LLM server", e);
        }
    }

    /** @return the base URL for an OpenAI-compatible client, {@code http://127.0.0.1:<port>/v1} */
    public String openAiBaseUrl() {
        return ollamaBaseUrl() + "/v1";
    }

    /** @return the base URL for an Anthropic client, {@code http://127.0.0.1:<port>/v1} */
    public String anthropicBaseUrl() {
        return ollamaBaseUrl() + "/v1";
    }

    /** @return the base URL for a Gemini client, {@code http://127.0.0.1:<port>/v1beta} */
    public String geminiBaseUrl() {
        return ollamaBaseUrl() + "/v1beta";
    }

    /** @return the base URL for an Ollama client, {@code http://127.0.0.1:<port>} */
    public String ollamaBaseUrl() {
        return "http://127.0.0.1:" + serverSocket.getLocalPort();
    }

    /**
     * Appends replies to the queue; each chat request (of any of the four APIs) consumes one, in order.
     *
     * @param replies the replies to append
     * @return this server
     */
    public ScriptedLlmServer enqueue(Reply... replies) {
        synchronized (lock) {
            for (Reply reply : replies) {
                queue.addLast(Objects.requireNonNull(reply, "reply"));
            }
        }
        return this;
    }

    /**
     * Sets how to answer a chat request when the queue is empty. The default answers 500 with the message
     * "no scripted reply left". If the function throws, the request is answered 500 with the exception's message.
     *
     * @param f maps the recorded request to a reply
     * @return this server
     */
    public ScriptedLlmServer fallback(Function<RecordedRequest, Reply> f) {
        this.fallback = Objects.requireNonNull(f, "fallback");
        return this;
    }

    /** @return a copy of every chat request received so far, in arrival order */
    public List<RecordedRequest> requests() {
        synchronized (lock) {
            return List.copyOf(recorded);
        }
    }

    /** @return the number of replies left in the queue */
    public int remaining() {
        synchronized (lock) {
            return queue.size();
        }
    }

    /** Stops accepting, closes every open connection and releases hanging or delayed replies. Idempotent. */
    @Override
    public void close() {
        closed = true;
        closedLatch.countDown();
        closeQuietly(serverSocket);
        for (Socket socket : connections) {
            closeQuietly(socket);
        }
    }

    @Override
    public String toString() {
        return "ScriptedLlmServer[" + ollamaBaseUrl() + ", remaining=" + remaining() + "]";
    }

    // ------------------------------------------------------------------------------------------------ serving

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            connections.add(socket);
            if (closed) { // close() may have run between accept() and add()
                closeQuietly(socket);
                connections.remove(socket);
                return;
            }
            Thread worker = new Thread(() -> serve(socket),
                    "scripted-llm-" + serverId + "-conn-" + connectionIds.incrementAndGet());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
            while (!closed) {
                RawRequest request;
                try {
                    request = readRequest(in, out);
                } catch (BadRequest e) {
                    writeResponse(out, 400, List.of(), errorJson(e.getMessage(), "invalid_request_error"), true);
                    return;
                }
                if (request == null) {
                    return; // client closed the connection
                }
                if (!handle(socket, in, out, request)) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // connection reset by the client, or the server was closed: nothing to report
        } finally {
            connections.remove(socket);
        }
    }

    /** Answers one request; returns whether the connection stays open. */
    private boolean handle(Socket socket, InputStream in, OutputStream out, RawRequest raw) throws IOException {
        boolean keepAlive = raw.keepAlive();
        String path = raw.pathWithoutQuery();
        Api api = null;
        if ("POST".equals(raw.method) && OPENAI_CHAT.equals(path)) {
            api = Api.OPENAI;
        } else if ("POST".equals(raw.method) && OLLAMA_CHAT.equals(path)) {
            api = Api.OLLAMA;
        } else if ("POST".equals(raw.method) && ANTHROPIC_MESSAGES.equals(path)) {
            api = Api.ANTHROPIC;
        } else if ("POST".equals(raw.method) && path.startsWith(GEMINI_PREFIX) && path.endsWith(GEMINI_SUFFIX)
                && path.length() > GEMINI_PREFIX.length() + GEMINI_SUFFIX.length()) {
            api = Api.GEMINI;
        } else if ("GET".equals(raw.method) && "/v1/models".equals(path)) {
            writeResponse(out, 200, List.of(), json(modelList()), !keepAlive);
            return keepAlive;
        } else if ("GET".equals(raw.method) && "/api/tags".equals(path)) {
            writeResponse(out, 200, List.of(), json(ollamaTags()), !keepAlive);
            return keepAlive;
        }
        if (api == null) {
            writeResponse(out, 404, List.of(),
                    errorJson("no route for " + raw.method + " " + raw.target, "not_found_error"), !keepAlive);
            return keepAlive;
        }

        String body = new String(raw.body, StandardCharsets.UTF_8);
        RecordedRequest request = new RecordedRequest(raw.method, raw.target, raw.headers, body, parseJson(body));
        Reply reply;
        synchronized (lock) {
            recorded.add(request);
            reply = queue.pollFirst();
        }
        if (reply == null) {
            try {
                reply = Objects.requireNonNull(fallback.apply(request), "the fallback returned null");
            } catch (RuntimeException e) {
                reply = Reply.status(500, errorJson("fallback failed: " + e, "server_error"));
            }
        }

        if (!reply.delay.isZero() && !reply.delay.isNegative()) {
            try {
                if (closedLatch.await(reply.delay.toNanos(), TimeUnit.NANOSECONDS)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        switch (reply.kind) {
            case RESET:
                socket.setSoLinger(true, 0);
                socket.close();
                return false;
            case HANG:
                // Never answer: swallow anything the client sends until it or close() closes the connection.
                byte[] sink = new byte[8192];
                while (in.read(sink) >= 0) {
                    // discard
                }
                return false;
            case STATUS:
                String statusBody = reply.body == null ? "" : reply.body;
                List<Map.Entry<String, String>> headers = new ArrayList<>();
                headers.add(Map.entry("Content-Type", statusBody.strip().startsWith("{")
                        ? "application/json" : "text/plain; charset=utf-8"));
                headers.addAll(reply.headers);
                writeResponse(out, reply.status, headers, statusBody.getBytes(StandardCharsets.UTF_8), !keepAlive);
                return keepAlive;
            case CONTENT:
                String text = reply.text;
                int prompt = reply.promptTokens != null ? reply.promptTokens : Math.max(1, body.length() / 4);
                int completion = reply.completionTokens != null
                        ? reply.completionTokens : Math.max(1, text.length() / 4);
                String model = api == Api.GEMINI
                        ? path.substring(GEMINI_PREFIX.length(), path.length() - GEMINI_SUFFIX.length())
                        : request.json().path("model").asText("scripted");
                ObjectNode answer = switch (api) {
                    case OPENAI -> openAiCompletion(model, text, prompt, completion);
                    case OLLAMA -> ollamaCompletion(model, text, prompt, completion);
                    case ANTHROPIC -> anthropicMessage(model, text, prompt, completion);
                    case GEMINI -> geminiResponse(model, text, prompt, completion);
                };
                List<Map.Entry<String, String>> contentHeaders = new ArrayList<>();
                contentHeaders.add(Map.entry("Content-Type", "application/json"));
                contentHeaders.addAll(reply.headers);
                writeResponse(out, 200, contentHeaders, json(answer), !keepAlive);
                return keepAlive;
            default:
                throw new IllegalStateException("unknown reply kind " + reply.kind);
        }
    }

    private ObjectNode openAiCompletion(String model, String text, int prompt, int completion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "chatcmpl-" + completionIds.incrementAndGet());
        root.put("object", "chat.completion");
        root.put("created", Instant.now().getEpochSecond());
        root.put("model", model);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        choice.put("finish_reason", "stop");
        ObjectNode usage = root.putObject("usage");
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", prompt + completion);
        return root;
    }

    private static ObjectNode ollamaCompletion(String model, String text, int prompt, int completion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", model);
        root.put("created_at", Instant.now().toString());
        ObjectNode message = root.putObject("message");
        message.put("role", "assistant");
        message.put("content", text);
        root.put("done", true);
        root.put("done_reason", "stop");
        root.put("prompt_eval_count", prompt);
        root.put("eval_count", completion);
        return root;
    }

    private ObjectNode anthropicMessage(String model, String text, int prompt, int completion) {
        ObjectNode root = JSON.createObjectNode();
        root.put("id", "msg_" + completionIds.incrementAndGet());
        root.put("type", "message");
        root.put("role", "assistant");
        root.put("model", model);
        ObjectNode block = root.putArray("content").addObject();
        block.put("type", "text");
        block.put("text", text);
        root.put("stop_reason", "end_turn");
        root.putNull("stop_sequence");
        ObjectNode usage = root.putObject("usage");
        usage.put("input_tokens", prompt);
        usage.put("output_tokens", completion);
        return root;
    }

    private static ObjectNode geminiResponse(String model, String text, int prompt, int completion) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        ObjectNode content = candidate.putObject("content");
        content.putArray("parts").addObject().put("text", text);
        content.put("role", "model");
        candidate.put("finishReason", "STOP");
        candidate.put("index", 0);
        ObjectNode usage = root.putObject("usageMetadata");
        usage.put("promptTokenCount", prompt);
        usage.put("candidatesTokenCount", completion);
        usage.put("totalTokenCount", prompt + completion);
        root.put("modelVersion", model);
        return root;
    }

    private static ObjectNode modelList() {
        ObjectNode root = JSON.createObjectNode();
        root.put("object", "list");
        ObjectNode model = root.putArray("data").addObject();
        model.put("id", "scripted");
        model.put("object", "model");
        model.put("created", 0);
        model.put("owned_by", "scripted");
        return root;
    }

    private static ObjectNode ollamaTags() {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode model = root.putArray("models").addObject();
        model.put("name", "scripted");
        model.put("model", "scripted");
        return root;
    }

    private static String errorJson(String message, String type) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message);
        error.put("type", type);
        error.putNull("code");
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] json(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeResponse(OutputStream out, int status, List<Map.Entry<String, String>> headers,
            String body, boolean close) throws IOException {
        writeResponse(out, status, headers, body.getBytes(StandardCharsets.UTF_8), close);
    }

    private static void writeResponse(OutputStream out, int status, List<Map.Entry<String, String>> headers,
            byte[] body, boolean close) throws IOException {
        List<Map.Entry<String, String>> all = headers;
        if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
            all = new ArrayList<>(headers);
            all.add(0, Map.entry("Content-Type", "application/json"));
        }
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        for (Map.Entry<String, String> header : all) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n");
        if (close) {
            head.append("Connection: close\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        switch (status) {
            case 200: return "OK";
            case 400: return "Bad Request";
            case 401: return "Unauthorized";
            case 403: return "Forbidden";
            case 404: return "Not Found";
            case 408: return "Request Timeout";
            case 413: return "Payload Too Large";
            case 429: return "Too Many Requests";
            case 500: return "Internal Server Error";
            case 502: return "Bad Gateway";
            case 503: return "Service Unavailable";
            case 504: return "Gateway Timeout";
            default: return "Status " + status;
        }
    }

    private static JsonNode parseJson(String body) {
        if (body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node == null ? MissingNode.getInstance() : node;
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // ignore
        }
    }

    // ------------------------------------------------------------------------------------------------ parsing

    private enum Api { OPENAI, OLLAMA, ANTHROPIC, GEMINI }

    private static final class BadRequest extends IOException {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private static final class RawRequest {
        final String method;
        final String target;
        final String version;
        final Map<String, List<String>> headers;
        final byte[] body;

        RawRequest(String method, String target, String version, Map<String, List<String>> headers, byte[] body) {
            this.method = method;
            this.target = target;
            this.version = version;
            this.headers = headers;
            this.body = body;
        }

        String pathWithoutQuery() {
            int query = target.indexOf('?');
            return query < 0 ? target : target.substring(0, query);
        }

        boolean keepAlive() {
            List<String> connection = headers.getOrDefault("Connection", List.of());
            boolean close = false;
            boolean keepAlive = false;
            for (String value : connection) {
                for (String token : value.split(",")) {
                    String t = token.strip().toLowerCase(Locale.ROOT);
                    close |= t.equals("close");
                    keepAlive |= t.equals("keep-alive");
                }
            }
            if (close) {
                return false;
            }
            return !"HTTP/1.0".equals(version) || keepAlive;
        }
    }

    /** Reads one request, or returns null if the client closed the connection before sending one. */
    private static RawRequest readRequest(InputStream in, OutputStream out) throws IOException {
        String requestLine;
        do {
            requestLine = readLine(in, true);
            if (requestLine == null) {
                return null;
            }
        } while (requestLine.isEmpty()); // tolerate stray CRLFs between requests
        String[] parts = requestLine.split(" ");
        if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
            throw new BadRequest("malformed request line: " + requestLine);
        }

        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int count = 0; ; count++) {
            String line = readLine(in, false);
            if (line.isEmpty()) {
                break;
            }
            if (count >= MAX_HEADERS) {
                throw new BadRequest("too many headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new BadRequest("malformed header: " + line);
            }
            headers.computeIfAbsent(line.substring(0, colon).strip(), k -> new ArrayList<>())
                    .add(line.substring(colon + 1).strip());
        }
        Map<String, List<String>> frozen = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> frozen.put(name, List.copyOf(values)));

        if (first(frozen, "Expect") != null && first(frozen, "Expect").equalsIgnoreCase("100-continue")) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }

        byte[] body;
        String transferEncoding = first(frozen, "Transfer-Encoding");
        String contentLength = first(frozen, "Content-Length");
        if (transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.strip());
            } catch (NumberFormatException e) {
                throw new BadRequest("malformed Content-Length: " + contentLength);
            }
            if (length < 0 || length > Integer.MAX_VALUE - 16) {
                throw new BadRequest("unsupported Content-Length: " + contentLength);
            }
            body = readExactly(in, (int) length);
        } else {
            body = new byte[0];
        }
        return new RawRequest(parts[0], parts[1], parts[2], Collections.unmodifiableMap(frozen), body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, false);
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new BadRequest("malformed chunk size: " + sizeLine);
            }
            if (size < 0) {
                throw new BadRequest("malformed chunk size: " + sizeLine);
            }
            if (size == 0) {
                while (!readLine(in, false).isEmpty()) {
                    // skip trailers
                }
                return body.toByteArray();
            }
            body.write(readExactly(in, size));
            if (!readLine(in, false).isEmpty()) {
                throw new BadRequest("missing CRLF after chunk");
            }
        }
    }

    private static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException("request body truncated: " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    /** Reads a CRLF- (or LF-) terminated ISO-8859-1 line; at end of stream returns null if allowed, else throws. */
    private static String readLine(InputStream in, boolean eofAllowedAtStart) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (eofAllowedAtStart && line.length() == 0) {
                    return null;
                }
                throw new EOFException("connection closed in the middle of a request");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            if (line.length() >= MAX_LINE) {
                throw new BadRequest("request line or header too long");
            }
            line.append((char) b);
        }
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    // ------------------------------------------------------------------------------------------------ API types

    /**
     * A chat request as received.
     *
     * @param method  the HTTP method
     * @param path    the request target (path and query)
     * @param headers the request headers; lookups with {@code get} are case-insensitive
     * @param body    the body, decoded as UTF-8
     * @param json    the parsed body, or a {@link MissingNode} if the body is empty or not JSON
     */
    public record RecordedRequest(String method, String path, Map<String, List<String>> headers, String body,
            JsonNode json) {

        /**
         * @return the text content of the last message with role "user", or "" if none; array content
         *         contributes its {@code {"type":"text"}} parts, joined with newlines. Gemini's {@code contents}
         *         (user turns made of {@code parts}) are read the same way.
         */
        public String lastUserMessage() {
            JsonNode last = null;
            for (JsonNode message : json.path("messages")) {
                if ("user".equals(message.path("role").asText())) {
                    last = message;
                }
            }
            if (last != null) {
                return textOf(last.path("content"));
            }
            for (JsonNode content : json.path("contents")) {
                if ("user".equals(content.path("role").asText())) {
                    last = content;
                }
            }
            return last == null ? "" : textOf(last.path("parts"));
        }

        /**
         * @return the text of the system prompt, or "" if none: the first message with role "system" (OpenAI,
         *         Ollama), else the top-level {@code system} field (Anthropic), else {@code systemInstruction}
         *         (Gemini)
         */
        public String systemMessage() {
            for (JsonNode message : json.path("messages")) {
                if ("system".equals(message.path("role").asText())) {
                    return textOf(message.path("content"));
                }
            }
            if (!json.path("system").isMissingNode()) {
                return textOf(json.path("system"));
            }
            return textOf(json.path("systemInstruction").path("parts"));
        }

        /**
         * @param name a header name, matched case-insensitively
         * @return the header's first value, or null if absent
         */
        public String header(String name) {
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                    return entry.getValue().get(0);
                }
            }
            return null;
        }

        private static String textOf(JsonNode content) {
            if (content.isTextual()) {
                return content.asText();
            }
            if (content.isArray()) {
                List<String> texts = new ArrayList<>();
                for (JsonNode part : content) {
                    boolean text = "text".equals(part.path("type").asText()) || part.path("type").isMissingNode();
                    if (text && part.path("text").isTextual()) {
                        texts.add(part.path("text").asText());
                    }
                }
                return String.join("\n", texts);
            }
            return "";
        }
    }

    /** A scripted answer to one chat request. Instances are immutable; the {@code with...} methods return copies. */
    public static final class Reply {

        private enum Kind { CONTENT, STATUS, RESET, HANG }

        private final Kind kind;
        private final String text;
        private final int status;
        private final String body;
        private final Integer promptTokens;
        private final Integer completionTokens;
        private final List<Map.Entry<String, String>> headers;
        private final Duration delay;

        private Reply(Kind kind, String text, int status, String body, Integer promptTokens,
                Integer completionTokens, List<Map.Entry<String, String>> headers, Duration delay) {
            this.kind = kind;
            this.text = text;
            this.status = status;
            this.body = body;
            this.promptTokens = promptTokens;
            this.completionTokens = completionTokens;
            this.headers = List.copyOf(headers);
            this.delay = delay;
        }

        private static Reply of(Kind kind, String text, int status, String body) {
            return new Reply(kind, text, status, body, null, null, List.of(), Duration.ZERO);
        }

        /**
         * @param text the assistant message
         * @return a 200 reply carrying {@code text} in the format of the API that was called
         */
        public static Reply content(String text) {
            return of(Kind.CONTENT, Objects.requireNonNull(text, "text"), 200, null);
        }

        /**
         * @param code the HTTP status
         * @param body the body, sent as application/json if it starts with '{', else as text/plain
         * @return a reply with that status and body
         */
        public static Reply status(int code, String body) {
            if (code < 100 || code > 999) {
                throw new IllegalArgumentException("bad HTTP status " + code);
            }
            return of(Kind.STATUS, null, code, body == null ? "" : body);
        }

        /** @return a reply that reads the request, then resets the TCP connection without answering */
        public static Reply reset() {
            return of(Kind.RESET, null, 0, null);
        }

        /** @return a reply that reads the request and never answers (until the client or the server closes) */
        public static Reply hang() {
            return of(Kind.HANG, null, 0, null);
        }

        /**
         * Sets the reported token usage (by default prompt = request body length / 4 and completion = text length / 4,
         * each at least 1). Only affects {@link #content} replies.
         *
         * @param promptTokens     prompt tokens ({@code prompt_tokens} / {@code prompt_eval_count})
         * @param completionTokens completion tokens ({@code completion_tokens} / {@code eval_count})
         * @return a copy with that usage
         */
        public Reply withUsage(int promptTokens, int completionTokens) {
            return new Reply(kind, text, status, body, promptTokens, completionTokens, headers, delay);
        }

        /**
         * Adds a response header, e.g. {@code Retry-After}; content and status replies only.
         *
         * @param name  header name
         * @param value header value
         * @return a copy with the header added
         */
        public Reply withHeader(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value")));
            return new Reply(kind, text, status, body, promptTokens, completionTokens, more, delay);
        }

        /**
         * @param delay how long to wait after reading the request before answering (or resetting)
         * @return a copy with that delay
         */
        public Reply after(Duration delay) {
            return new Reply(kind, text, status, body, promptTokens, completionTokens, headers,
                    Objects.requireNonNull(delay, "delay"));
        }

        @Override
        public String toString() {
            String what;
            switch (kind) {
                case CONTENT:
                    what = "content(" + (text.length() > 40 ? text.substring(0, 40) + "...(" + text.length() + " chars)"
                            : text) + ")";
                    break;
                case STATUS:
                    what = "status(" + status + ")";
                    break;
                default:
                    what = kind.name().toLowerCase(Locale.ROOT) + "()";
            }
            return "Reply." + what + (delay.isZero() ? "" : ".after(" + delay + ")")
                    + (headers.isEmpty() ? "" : " headers=" + headers);
        }
    }
}
