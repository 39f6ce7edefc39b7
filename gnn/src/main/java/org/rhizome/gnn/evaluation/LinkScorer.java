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

    /**
     * {@code scorer} seen only as a {@link LinkScorer}, so that {@link RankEvaluator} scores it one query at a time
     * even when it is a {@link DotProductScorer}: for comparing the two paths.
     */
    static LinkScorer oneQueryAtATime(LinkScorer scorer) {
        return new LinkScorer() {
            @Override
            public int entityCount() {
                return scorer.entityCount();
            }

            @Override
            public void scoreTails(int head, int relation, float[] out) {
                scorer.scoreTails(head, relation, out);
            }

            @Override
            public void scoreHeads(int relation, int tail, float[] out) {
                scorer.scoreHeads(relation, tail, out);
            }
        };
    }
}
