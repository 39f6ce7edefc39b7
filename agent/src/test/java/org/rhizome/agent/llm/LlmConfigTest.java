package org.rhizome.agent.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmConfigTest {
    @TempDir
    Path dir;

    @Test
    void aFileIsReadWithDurationsPricesAndAKeyFromTheEnvironment() throws Exception {
        Path f = Files.writeString(dir.resolve("llm.properties"), """
                provider = openai
                base-url = http://localhost:8080/v1
                model = qwen
                api-key-env = MY_KEY
                timeout = 30s
                initial-backoff = 250ms
                requests-per-minute = 60
                input-price-per-million = 0.15
                json-schema = true
                """);
        LlmConfig c = LlmConfig.fromMap(load(f), f.toString(), Map.of("MY_KEY", "secret"));
        assertThat(c.provider()).isEqualTo(LlmConfig.Provider.OPENAI);
        assertThat(c.baseUrl()).contains("http://localhost:8080/v1");
        assertThat(c.apiKey()).contains("secret");
        assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.initialBackoff()).isEqualTo(Duration.ofMillis(250));
        assertThat(c.requestsPerMinute()).isEqualTo(60);
        assertThat(c.inputPricePerMillion()).isEqualTo(0.15);
        assertThat(c.jsonSchema()).isTrue();
        assertThat(c.describe()).doesNotContain("secret");
    }

    @Test
    void badFilesAreRefusedNamingTheFileAndKey() throws Exception {
        Path typo = Files.writeString(dir.resolve("typo.properties"), "provider=openai\nmodel=m\ntimeuot=3s\n");
        assertThatThrownBy(() -> LlmConfig.load(typo)).hasMessageContaining("typo.properties")
                .hasMessageContaining("unknown key 'timeuot'");
        Path bad = Files.writeString(dir.resolve("bad.properties"), "provider=openai\nmodel=m\ntimeout=soon\n");
        assertThatThrownBy(() -> LlmConfig.load(bad)).hasMessageContaining("timeout must be a duration");
        Path noModel = Files.writeString(dir.resolve("nomodel.properties"), "provider=ollama\n");
        assertThatThrownBy(() -> LlmConfig.load(noModel)).hasMessageContaining("'model' is required");
        Path provider = Files.writeString(dir.resolve("p.properties"), "provider=skynet\nmodel=m\n");
        assertThatThrownBy(() -> LlmConfig.load(provider)).hasMessageContaining("unknown LLM provider 'skynet'");
        Path missingKey = Files.writeString(dir.resolve("k.properties"), "model=m\napi-key-env=NOPE_NOT_SET_X\n");
        assertThatThrownBy(() -> LlmConfig.load(missingKey)).hasMessageContaining("NOPE_NOT_SET_X, which is not set");
    }

    @Test
    void theEnvironmentOverridesAndTheRecordedModelIsTheFallback() {
        assertThat(LlmConfig.resolve(Optional.empty(), Map.of()).provider()).isEqualTo(LlmConfig.Provider.RECORDED);
        LlmConfig c = LlmConfig.resolve(Optional.empty(), Map.of(LlmConfig.ENV_PROVIDER, "ollama",
                LlmConfig.ENV_MODEL, "llama3", LlmConfig.ENV_URL, "http://gpu:11434"));
        assertThat(c.provider()).isEqualTo(LlmConfig.Provider.OLLAMA);
        assertThat(c.model()).isEqualTo("llama3");
        assertThat(c.baseUrl()).contains("http://gpu:11434");
        assertThatThrownBy(() -> LlmConfig.resolve(Optional.empty(), Map.of(LlmConfig.ENV_PROVIDER, "openai")))
                .hasMessageContaining(LlmConfig.ENV_MODEL);
    }

    @Test
    void backoffDoublesWithJitterUpToTheCap() {
        LlmClient c = new LlmClient(RecordedChatModel.demo(), LlmConfig.recorded()
                .withRetries(5, Duration.ofMillis(100), Duration.ofMillis(1000)));
        for (int trial = 0; trial < 50; trial++) {
            assertThat(c.backoff(1).toMillis()).isBetween(50L, 100L);
            assertThat(c.backoff(2).toMillis()).isBetween(100L, 200L);
            assertThat(c.backoff(4).toMillis()).isBetween(400L, 800L);
            assertThat(c.backoff(10).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        assertThat(JdkLlmHttpClient.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(JdkLlmHttpClient.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).contains(Duration.ZERO);
        assertThat(JdkLlmHttpClient.parseRetryAfter("soon")).isEmpty();
    }

    private static Map<String, String> load(Path f) throws Exception {
        java.util.Properties p = new java.util.Properties();
        try (var r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k).trim()));
        return m;
    }
}
