package org.rhizome.gnn.training;

/** Hears training progress. */
public interface TrainingListener {
    /** After step {@code step} of {@code steps}, with the step's loss. Called every {@code reportEvery} steps. */
    void progress(int step, int steps, double loss);

    /**
     * After a validation check at {@code step}: the filtered MRR on the validation triples, and the best so far
     * (equal to {@code mrr} when this check improved it).
     */
    default void validated(int step, double mrr, double best) {}

    /** After the check at {@code step} cut the learning rate to {@code lr} ({@link LearningRateSchedule}). */
    default void learningRateChanged(int step, double lr) {}

    /** No-op. */
    TrainingListener NONE = (step, steps, loss) -> {};
}
