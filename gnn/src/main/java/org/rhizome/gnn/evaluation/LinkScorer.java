package org.rhizome.gnn.evaluation;

/**
 * Scores candidate entities for link-prediction queries: what evaluation and prediction need from a model. Higher
 * scores mean more plausible. Implementations must be safe to call from several threads at once.
 */
public interface LinkScorer {
    /** Number of entities (candidates are ids {@code 0..entityCount()-1}). */
    int entityCount();

    /** Scores {@code (head, relation, e)} for every entity {@code e} into {@code out[0..entityCount())}. */
    void scoreTails(int head, int relation, float[] out);

    /** Scores {@code (e, relation, tail)} for every entity {@code e} into {@code out[0..entityCount())}. */
    void scoreHeads(int relation, int tail, float[] out);
}
