package org.rhizome.agent.growth;

import java.util.Objects;
import java.util.Optional;

/**
 * The question an iteration asks, and why.
 *
 * @param question the question
 * @param strategy the strategy that chose it ({@code seed} for the run's first)
 * @param focus    the concept it is about, when the strategy chose one
 */
public record NextQuestion(String question, String strategy, Optional<String> focus) {
    public NextQuestion {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(focus, "focus");
        if (question.isBlank()) {
            throw new IllegalArgumentException("a question must not be blank");
        }
    }
}
