package org.rhizome.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rhizome.embeddings.vector.VectorKernels;

/**
 * The OpenAI-compatible and Ollama providers against a small local server speaking both protocols
 * ({@code /v1/embeddings} and Ollama's {@code /api/embed}; the JDK's HTTP server; vectors derived from each text's
 * length so the test knows what to expect). Ollama's model {@code missing} answers 404 as Ollama does for a model
 * that was never pulled.
 */
class RemoteEmbedderTest {
    private HttpServer server;
    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/embeddings", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("\"input\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(body);
            List<String> inputs = new ArrayList<>();
            if (m.find()) {
                Matcher s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(m.group(1));
                while (s.find()) {
                    inputs.add(s.group(1));
                }
            }
            synchronized (batchSizes) {
                batchSizes.add(inputs.size());
            }
            StringBuilder json = new StringBuilder("{\"object\":\"list\",\"model\":\"toy\",\"data\":[");
            for (int i = 0; i < inputs.size(); i++) {
                int len = inputs.get(i).length();
                json.append(i == 0 ? "" : ",").append("{\"object\":\"embedding\",\"index\":").append(i)
                        .append(",\"embedding\":[").append(len).append(",0,0,").append(2 * len).append("]}");
            }
            json.append("],\"usage\":{\"prompt_tokens\":1,\"total_tokens\":1}}");
            byte[] out = json.toString().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.createContext("/api/embed", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            synchronized (paths) {
                paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
            }
            byte[] out;
            int status;
            if (body.contains("\"missing\"")) {
                status = 404;
                out = "{\"error\":\"model \\\"missing\\\" not found, try pulling it first\"}"
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                List<String> inputs = inputs(body);
                synchronized (batchSizes) {
                    batchSizes.add(inputs.size());
                }
                StringBuilder json = new StringBuilder("{\"model\":\"toy\",\"embeddings\":[");
                for (int i = 0; i < inputs.size(); i++) {
                    int len = inputs.get(i).length();
                    json.append(i == 0 ? "" : ",").append("[0,").append(3 * len).append(",").append(4 * len)
                            .append("]");
                }
                json.append("],\"total_duration\":1,\"prompt_eval_count\":2}");
                status = 200;
                out = json.toString().getBytes(StandardCharsets.UTF_8);
            }
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, out.length);
            ex.getResponseBody().write(out);
            ex.close();
        });
        server.start();
    }

    /** The strings of the request's {@code input}, a list or a single string. */
    private static List<String> inputs(String body) {
        List<String> inputs = new ArrayList<>();
        Matcher list = Pattern.compile("\"input\"\\s*:\\s*\\[(.*?)\\]", Pattern.DOTALL).matcher(body);
        Matcher one = Pattern.compile("\"input\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\")").matcher(body);
        String items = list.find() ? list.group(1) : one.find() ? one.group(1) : "";
        Matcher s = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(items);
        while (s.find()) {
            inputs.add(s.group(1));
        }
        return inputs;
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @Test
    void learnsTheDimensionBatchesAndNormalises() {
        TextEmbedder e = TextEmbedders.create(EmbedderConfig.remote(EmbedderConfig.Provider.OPENAI, url(), "toy")
                .withBatchSize(2));
        assertThat(e.dimension()).isEqualTo(4); // learnt from one probe call
        assertThat(e.modelId()).isEqualTo("openai:" + url() + ":toy:4"); // provider, server, model, dimension
        List<float[]> vs = e.embedAll(List.of("ab", "abc", "abcd"));
        assertThat(batchSizes).containsExactly(1, 2, 1); // probe, then batches of 2
        float s = (float) Math.sqrt(5);
        assertThat(vs.get(0)[0]).isCloseTo(1 / s, within(1e-6f));
        assertThat(vs.get(0)[3]).isCloseTo(2 / s, within(1e-6f));
        assertThat(VectorKernels.get().dot(vs.get(1), vs.get(1))).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void ollamasNativeApiLearnsTheDimensionBatchesAndNormalises() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        TextEmbedder e = TextEmbedders.create(EmbedderConfig.remote(EmbedderConfig.Provider.OLLAMA, base, "toy")
                .withBatchSize(2));
        assertThat(e.dimension()).isEqualTo(3);
        assertThat(e.modelId()).isEqualTo("ollama:" + base + ":toy:3");
        List<float[]> vs = e.embedAll(List.of("ab", "abc", "abcd"));
        assertThat(batchSizes).containsExactly(1, 2, 1);
        assertThat(paths).containsOnly("POST /api/embed").hasSize(3);
        for (int i = 0; i < 3; i++) { // (0, 3n, 4n) normalised is (0, 0.6, 0.8) whatever the length n
            assertThat(vs.get(i)[0]).isCloseTo(0f, within(1e-6f));
            assertThat(vs.get(i)[1]).isCloseTo(0.6f, within(1e-6f));
            assertThat(vs.get(i)[2]).isCloseTo(0.8f, within(1e-6f));
        }
    }

    @Test
    void anOllamaModelThatWasNeverPulledIsAClearError() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        assertThatThrownBy(() -> TextEmbedders.create(EmbedderConfig.remote(EmbedderConfig.Provider.OLLAMA, base,
                "missing"))).isInstanceOf(EmbeddingException.class).hasMessageContaining("missing")
                .hasMessageContaining("not found");
        TextEmbedder e = TextEmbedders.create(EmbedderConfig.remote(EmbedderConfig.Provider.OLLAMA, base, "missing")
                .withDimension(3));
        assertThatThrownBy(() -> e.embedAll(List.of("x"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("failed on texts").hasMessageContaining("not found");
    }

    @Test
    void anUnreachableServerIsAClearError() {
        server.stop(0);
        assertThatThrownBy(() -> TextEmbedders.create(EmbedderConfig.remote(EmbedderConfig.Provider.OPENAI, url(),
                "toy"))).isInstanceOf(EmbeddingException.class).hasMessageContaining("could not reach")
                .hasMessageContaining("RHIZOME_EMBEDDINGS_DIMENSION");
    }
}
