package org.rhizome.agent.growth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rhizome.agent.growth.GrowthRunTest.answer;
import static org.rhizome.agent.growth.GrowthRunTest.question;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmConfig;
import org.rhizome.agent.llm.LlmConfig.Provider;
import org.rhizome.agent.testing.ScriptedLlmServer;
import org.rhizome.agent.testing.ScriptedLlmServer.RecordedRequest;
import org.rhizome.agent.testing.ScriptedLlmServer.Reply;
import org.rhizome.graph.KnowledgeGraph;

/**
 * The growth loop through LangChain4j's Anthropic and Gemini clients against the scripted server speaking their APIs:
 * the same requests, token accounting, retries and refusals as for OpenAI-compatible servers
 * ({@link GrowthRunTest}).
 */
class ProvidersTest {
    private ScriptedLlmServer server;
    private KnowledgeGraph kg;

    @BeforeEach
    void setUp() {
        server = ScriptedLlmServer.start();
        kg = KnowledgeGraph.inMemory();
    }

    @AfterEach
    void tearDown() {
        server.close();
        kg.close();
    }

    private LlmConfig config(Provider p, Map<String, String> more) {
        Map<String, String> m = new java.util.HashMap<>(Map.of("provider", p.name().toLowerCase(),
                "base-url", p == Provider.ANTHROPIC ? server.anthropicBaseUrl() : server.geminiBaseUrl(),
                "model", "scripted-" + p.name().toLowerCase(), "api-key", "key-" + p.name().toLowerCase(),
                "initial-backoff", "20ms", "timeout", "2s", "input-price-per-million", "1",
                "output-price-per-million", "2"));
        m.putAll(more);
        return LlmConfig.fromMap(m, "test", Map.of());
    }

    private RunRecord grow(LlmConfig c, int iterations, String id) {
        return GrowthRun.builder(kg).llm(LlmClient.create(c))
                .options(GrowthOptions.defaults().withMaxIterations(iterations).withAnalyzeEvery(0)).build()
                .start(question(1), id);
    }

    private static String expectedPath(Provider p) {
        return p == Provider.ANTHROPIC ? "/v1/messages" : "/v1beta/models/scripted-gemini:generateContent";
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"ANTHROPIC", "GEMINI"})
    void aRunGrowsThroughTheProvidersOwnApiWithItsKeyPromptsAndTokenCounts(Provider p) {
        server.enqueue(Reply.content(answer(1)).withUsage(30, 20), Reply.content(answer(2)).withUsage(30, 20));
        RunRecord r = grow(config(p, Map.of()), 2, p.name());
        assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
        assertThat(r.iterations()).isEqualTo(2);
        assertThat(kg.stats().concepts()).isEqualTo(4);
        assertThat(r.inputTokens()).isEqualTo(60);
        assertThat(r.outputTokens()).isEqualTo(40);
        assertThat(r.cost()).isEqualTo((60 * 1.0 + 40 * 2.0) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
        List<RecordedRequest> rq = server.requests();
        assertThat(rq).extracting(RecordedRequest::path).containsExactly(expectedPath(p), expectedPath(p));
        RecordedRequest first = rq.get(0);
        if (p == Provider.ANTHROPIC) {
            assertThat(first.header("x-api-key")).isEqualTo("key-anthropic");
            assertThat(first.json().path("model").asText()).isEqualTo("scripted-anthropic");
            assertThat(first.json().path("max_tokens").asInt()).isEqualTo(4096);
        } else {
            assertThat(first.header("x-goog-api-key")).isEqualTo("key-gemini");
        }
        // the loop's system prompt and question reach the provider's own message fields
        assertThat(first.systemMessage()).contains("JSON");
        assertThat(first.lastUserMessage()).startsWith("Question: " + question(1));
        assertThat(rq.get(1).lastUserMessage()).startsWith("Question: " + question(2));
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"ANTHROPIC", "GEMINI"})
    void retriableFailuresAreRetriedHonouringRetryAfter(Provider p) {
        server.enqueue(Reply.status(429, "{\"error\": {\"message\": \"slow down\"}}").withHeader("Retry-After", "1"),
                Reply.status(529, "{\"type\": \"error\", \"error\": {\"type\": \"overloaded_error\"}}"),
                Reply.reset(), Reply.content(answer(1)));
        long t0 = System.nanoTime();
        RunRecord r = grow(config(p, Map.of()), 1, "retry-" + p);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.iterations()).isEqualTo(1);
        assertThat(server.requests()).hasSize(4);
        assertThat(seconds).isGreaterThanOrEqualTo(1.0);
        assertThat(kg.stats().concepts()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"ANTHROPIC", "GEMINI"})
    void aRefusedKeyStopsTheRunAtOnceWithTheReason(Provider p) {
        server.enqueue(Reply.status(401, "{\"error\": {\"message\": \"invalid x-api-key\"}}"));
        RunRecord r = grow(config(p, Map.of()), 3, "refused-" + p);
        assertThat(r.status()).isEqualTo(RunStatus.FAILED);
        assertThat(r.stopReason().orElseThrow()).contains("HTTP 401").contains("invalid x-api-key")
                .contains("check the API key").contains(p.name().toLowerCase());
        assertThat(server.requests()).hasSize(1);
        assertThat(kg.stats().concepts()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"ANTHROPIC", "GEMINI"})
    void outputCapAndStructuredOutputAreSentInTheProvidersTerms(Provider p) {
        server.enqueue(Reply.content(answer(1)));
        RunRecord r = grow(config(p, Map.of("max-output-tokens", "777", "json-schema", "true", "temperature",
                "0.3")), 1, "schema-" + p);
        assertThat(r.iterations()).isEqualTo(1);
        JsonNode body = server.requests().get(0).json();
        JsonNode schema;
        if (p == Provider.ANTHROPIC) {
            assertThat(body.path("max_tokens").asInt()).isEqualTo(777);
            assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
            // Anthropic's structured outputs: output_config.format of type json_schema
            assertThat(body.path("output_config").path("format").path("type").asText()).isEqualTo("json_schema");
            schema = body.path("output_config").path("format").path("schema");
        } else {
            JsonNode g = body.path("generationConfig");
            assertThat(g.path("maxOutputTokens").asInt()).isEqualTo(777);
            assertThat(g.path("temperature").asDouble()).isEqualTo(0.3);
            assertThat(g.path("responseMimeType").asText()).isEqualTo("application/json");
            schema = g.path("responseSchema");
        }
        assertThat(schema.path("required").toString()).contains("nodes", "edges", "follow_up_question");
        assertThat(schema.path("properties").path("edges").path("items").path("required").toString())
                .contains("source", "relation", "target");
    }

    @ParameterizedTest
    @EnumSource(value = Provider.class, names = {"ANTHROPIC", "GEMINI"})
    void theProvidersUsualKeyVariableIsRead(Provider p) {
        String variable = p == Provider.ANTHROPIC ? "ANTHROPIC_API_KEY" : "GEMINI_API_KEY";
        LlmConfig c = LlmConfig.resolve(Optional.empty(), Map.of(LlmConfig.ENV_PROVIDER, p.name().toLowerCase(),
                LlmConfig.ENV_MODEL, "m", variable, "from-env", "OPENAI_API_KEY", "not-this-one"));
        assertThat(c.provider()).isEqualTo(p);
        assertThat(c.apiKey()).contains("from-env");
        assertThat(LlmClient.chatModel(c)).isNotNull();
    }
}
