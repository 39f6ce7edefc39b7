package org.rhizome.agent.growth;

import java.util.Objects;
import java.util.OptionalDouble;

import org.rhizome.gnn.io.TrainedModel;

/**
 * Judges how plausible a statement proposed by the LLM is by the graph's own learned structure: the growth loop's
 * critic. Statements scored below the run's threshold go to a review graph instead of the asserted one.
 */
public interface EdgeCritic {
    /**
     * The plausibility in [0, 1] of {@code (head, relation, tail)}, or empty when the critic cannot judge it (an
     * entity or relation it does not know).
     */
    OptionalDouble plausibility(String headIri, String relationIri, String tailIri);

    /** The critic's identity, recorded with the statements it judged. */
    String name();

    /**
     * A critic from a trained link-prediction model: the plausibility is the proposed tail's percentile among every
     * entity as a tail of {@code (head, relation, ?)}: {@code 1 - (rank - 1) / (n - 1)} with the realistic rank
     * (ties counted half), so 1 means the model's first choice and 0 its last. Raw, not filtered: known true tails
     * compete too, which makes the score conservative for relations with many tails. <b>What it can and cannot
     * catch:</b> a percentile over all entities flags statements the model finds far-fetched (a tail of the wrong
     * kind, from an unrelated part of the graph); a wrong answer of the right kind (another parent instead of the
     * parent) still ranks high among thousands of entities and passes. Measured on a trained model: a first test
     * with RotatE on ten two-child families gave 0.93 to a child-as-parent statement the training data never
     * contradicted, which is why the loop's test uses a hand-built model with known geometry.
     */
    static EdgeCritic of(TrainedModel m, String name) {
        Objects.requireNonNull(m, "m");
        return new EdgeCritic() {
            @Override
            public OptionalDouble plausibility(String headIri, String relationIri, String tailIri) {
                return m.tailPercentile(headIri, relationIri, tailIri);
            }

            @Override
            public String name() {
                return name;
            }
        };
    }
}
