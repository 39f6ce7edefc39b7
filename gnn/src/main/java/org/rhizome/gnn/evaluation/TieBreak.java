package org.rhizome.gnn.evaluation;

/**
 * How a rank treats candidates whose score equals the true entity's. With {@code g} candidates scored strictly
 * higher and {@code q} others scored equal: optimistic {@code 1 + g}, pessimistic {@code 1 + g + q}, realistic their
 * mean {@code 1 + g + q / 2} (fractional). Realistic is what to report: optimistic ranks reward a model that gives
 * every entity the same score.
 */
public enum TieBreak {
    /** The true entity ranks before all ties. */
    OPTIMISTIC,
    /** The true entity ranks after all ties. */
    PESSIMISTIC,
    /** The mean of the optimistic and pessimistic ranks. */
    REALISTIC
}
