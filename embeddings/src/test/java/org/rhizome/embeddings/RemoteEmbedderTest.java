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
 * The OpenAI-compatible provider against a small local server speaking the {@code /v1/embeddings} protocol (the JDK's
 * HTTP server; vectors derived from each text's length so the test knows what to expect).
 */
class RemoteEmbedderTest {
    private HttpServer server;
    private final List<Integer> batchSizes = new ArrayList<>();

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
        server.start();
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
        assertThat(e.modelId()).startsWith("openai:").endsWith(":toy:4");
        List<float[]> vs = e.embedAll(List.of("ab", "abc", "abcd"));
        assertThat(batchSizes).containsExactly(1, 2, 1); // probe, then batches of 2
        float s = (float) Math.sqrt(5);
        assertThat(vs.get(0)[0]).isCloseTo(1 / s, within(1e-6f));
        assertThat(vs.get(0)[3]).isCloseTo(2 / s, within(1e-6f));
        assertThat(VectorKernels.get().dot(vs.get(1), vs.get(1))).isCloseTo(1f, within(1e-6f));
    }

    @Test
    void anUnreachableServerIsAClearError() {
        server.stop(0);
        assertThatThrownBy(() -> TextEmbedders.create(EmbedderConfig.remote(EmbedderConfig.Provider.OPENAI, url(),
                "toy"))).isInstanceOf(EmbeddingException.class).hasMessageContaining("could not reach")
                .hasMessageContaining("RHIZOME_EMBEDDINGS_DIMENSION");
    }
}
