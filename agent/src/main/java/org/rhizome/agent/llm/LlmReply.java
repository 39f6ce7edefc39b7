package org.rhizome.agent.llm;

import java.time.Duration;
import java.util.Objects;

/**
 * One successful chat call.
 *
 * @param text         the assistant's answer, as sent
 * @param model        the model that answered (as the server names it, else the configured name)
 * @param inputTokens  prompt tokens as the server counted them (estimated as characters / 4 when it did not say)
 * @param outputTokens completion tokens, likewise
 * @param cost         USD at the configured prices
 * @param attempts     attempts made, the successful one included
 * @param latency      wall time of the call, retries and waits included
 */
public record LlmReply(String text, String model, long inputTokens, long outputTokens, double cost, int attempts,
        Duration latency) {
    public LlmReply {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(latency, "latency");
    }
}
