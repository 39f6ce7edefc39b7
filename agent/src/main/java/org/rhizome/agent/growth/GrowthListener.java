package org.rhizome.agent.growth;

/** Hears a growth run's progress; called on the run's thread. */
public interface GrowthListener {
    /** After each iteration, committed or refused, with the run as it now stands. */
    default void iterationDone(IterationResult iteration, RunRecord run) {}

    /** When the run stops (budget, failure or interruption), with the reason in {@link RunRecord#stopReason()}. */
    default void runStopped(RunRecord run) {}
}
