package org.rhizome.cli.demo;

import java.util.List;

/** The steps {@code rhizome demo} runs, in order. */
public final class DemoSteps {
    private DemoSteps() {}

    /**
     * Every demo step, in the order they run.
     *
     * <p>This is the one place the demo's steps are listed: later capabilities (embeddings, retrieval, graph
     * learning, the agent) add their steps here, after the ones whose results they use.
     */
    public static List<DemoStep> all() {
        return List.of(
                new LoadExampleGraph(),
                new StoreStatistics(),
                new AskTheGraph(),
                new SnapshotTour(),
                new AnalyzeStructure(),
                new SearchAndResolve(),
                new GrowWithTheAgent(),
                new PredictLinks(),
                new RetrieveAndRead(),
                new ReasonOverChains(),
                new ServeOverSparql());
    }
}
