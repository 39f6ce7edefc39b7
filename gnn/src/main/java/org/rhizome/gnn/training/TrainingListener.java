package org.rhizome.gnn.training;

/** Hears training progress. */
public interface TrainingListener {
    /** After step {@code step} of {@code steps}, with the step's loss. Called every {@code reportEvery} steps. */
    void progress(int step, int steps, double loss);

    /** No-op. */
    TrainingListener NONE = (step, steps, loss) -> {};
}
