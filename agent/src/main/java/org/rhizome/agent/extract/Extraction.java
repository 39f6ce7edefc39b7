package org.rhizome.agent.extract;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What asking the model for a local graph produced, after any repairs.
 *
 * @param graph        the validated local graph, or empty when the last answer was still unusable
 * @param problems     why the last answer was refused (empty when {@code graph} is present)
 * @param lastAnswer   the last answer's text, as sent
 * @param model        the model that answered
 * @param promptHash   SHA-256 of the first prompt (system and user)
 * @param repairs      repair prompts sent
 * @param inputTokens  prompt tokens over all calls
 * @param outputTokens completion tokens over all calls
 * @param cost         USD over all calls
 * @param llmTime      time spent in the model calls
 */
public record Extraction(Optional<LocalGraph> graph, List<String> problems, String lastAnswer, String model,
        String promptHash, int repairs, long inputTokens, long outputTokens, double cost, Duration llmTime) {
    public Extraction {
        Objects.requireNonNull(graph, "graph");
        problems = List.copyOf(problems);
        Objects.requireNonNull(lastAnswer, "lastAnswer");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(promptHash, "promptHash");
        Objects.requireNonNull(llmTime, "llmTime");
    }
}
