package org.rhizome.agent.growth;

import java.util.Optional;
import java.util.Set;

import org.rhizome.agent.extract.LocalGraph;
import org.rhizome.graph.KnowledgeGraph;

/**
 * Chooses the next question of a growth run. Implementations are in {@link Strategies}.
 */
public interface QuestionStrategy {
    /** The strategy's name, recorded with each question it chooses. */
    String name();

    /**
     * The next question, or empty when this strategy has nothing to ask (the run then stops, saying so).
     *
     * @param kg       the graph as it now stands
     * @param last     the latest local graph, if the latest iteration was committed
     * @param asked    every question the run has asked (normalised lower-case), to avoid repeats
     * @param focused  every concept IRI the run has already focused on
     */
    Optional<NextQuestion> next(KnowledgeGraph kg, Optional<LocalGraph> last, Set<String> asked, Set<String> focused);
}
