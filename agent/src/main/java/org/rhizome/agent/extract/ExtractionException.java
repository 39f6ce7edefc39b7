package org.rhizome.agent.extract;

import java.util.List;

import org.rhizome.graph.RhizomeException;

/**
 * An LLM answer that cannot be used as a local graph: no JSON in it, malformed or truncated JSON, or a graph that
 * fails validation. {@link #problems()} lists every problem found, each naming where (a JSON line and column, a node
 * or edge number); they are what the repair prompt sends back to the model.
 */
public final class ExtractionException extends RhizomeException {
    private final List<String> problems;

    public ExtractionException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public ExtractionException(String problem) {
        this(List.of(problem));
    }

    /** The problems, one per entry. */
    public List<String> problems() {
        return problems;
    }
}
