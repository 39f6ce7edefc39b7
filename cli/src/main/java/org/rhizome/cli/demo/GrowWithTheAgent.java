package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.rhizome.agent.growth.GrowthListener;
import org.rhizome.agent.growth.GrowthOptions;
import org.rhizome.agent.growth.GrowthRun;
import org.rhizome.agent.growth.IterationResult;
import org.rhizome.agent.growth.RunLedger;
import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmConfig;
import org.rhizome.cli.TextTable;
import org.rhizome.retrieval.Retrieval;

/**
 * Demo step: grows the graph for ten iterations with the agent loop, answered by the recorded demo model (answers
 * written for the project and recorded, replayed offline through the same loop code as a live model): extraction,
 * validation, entity resolution against the graph, one transaction per iteration with provenance. Reuses the run
 * when the store already has it.
 */
public final class GrowWithTheAgent implements DemoStep {
    /** The demo run's id. */
    public static final String RUN_ID = "demo-growth";
    /** The demo run's seed question (the first recorded question). */
    public static final String SEED = "How did the stored-program idea change what computers could do?";

    @Override
    public String title() {
        return "Grow the graph with the agent";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        Optional<RunRecord> existing = new RunLedger(ctx.kg()).run(RUN_ID);
        if (existing.isPresent()) {
            RunRecord r = existing.get();
            out.printf(Locale.ROOT, "  reusing run %s, already in the store: %d iterations, %d concepts created "
                    + "(--fresh starts over)%n", r.id(), r.iterations(), r.concepts());
            return;
        }
        out.println("  No LLM is configured for the demo: the recorded demo model answers (answers written for "
                + "Rhizome and");
        out.println("  recorded, replayed through the same loop a live model goes through; see `rhizome grow "
                + "--help` for a real one).");
        out.println("  Seed question: " + SEED);
        List<IterationResult> its = new ArrayList<>();
        long t0 = System.nanoTime();
        RunRecord r;
        try (Retrieval retrieval = Retrieval.builder(ctx.kg()).progress(ctx.progress()).open()) {
            GrowthRun g = GrowthRun.builder(ctx.kg()).llm(LlmClient.create(LlmConfig.recorded()))
                    .retrieval(retrieval)
                    .options(GrowthOptions.defaults().withMaxIterations(10).withAnalyzeEvery(5))
                    .listener(new GrowthListener() {
                        @Override
                        public void iterationDone(IterationResult it, RunRecord run) {
                            its.add(it);
                        }
                    }).build();
            r = g.start(SEED, RUN_ID);
        }
        TextTable t = new TextTable("#", "new", "reused", "edges", "question");
        for (IterationResult it : its) {
            String q = it.question().question();
            t.row(it.iteration(), it.committed() ? it.newConcepts() : "refused", it.reused().size(), it.edges(),
                    q.length() > 70 ? q.substring(0, 67) + "..." : q);
        }
        t.print(out, "    ");
        out.printf(Locale.ROOT, "  run %s: %d iterations in %.1f s, %d concepts created, %,d tokens (estimated), "
                + "stopped: %s%n", r.id(), r.iterations(), (System.nanoTime() - t0) / 1e9, r.concepts(), r.tokens(),
                r.stopReason().orElse("-"));
        out.printf(Locale.ROOT, "  the store now holds %d statements%n", ctx.kg().statementCount());
        out.println("  Labels resolved to concepts already in the graph (not duplicated):");
        TextTable m = new TextTable("label in the answer", "existing concept", "score");
        int shown = 0;
        for (IterationResult it : its) {
            for (IterationResult.Resolved x : it.reused()) {
                String kept = x.iri().substring(x.iri().lastIndexOf('/') + 1);
                if (!kept.equals(org.rhizome.graph.Iris.slug(x.label())) && shown < 8) {
                    m.row(x.label(), kept, String.format(Locale.ROOT, "%.2f", x.score()));
                    shown++;
                }
            }
        }
        m.print(out, "    ");
        out.println("  Each iteration is a named graph <" + r.iri() + "/iteration/N> with its model, prompt hash and "
                + "question;");
        out.println("  `rhizome runs` lists runs, `rhizome resume " + r.id() + " --iterations 20` would go on.");
    }
}
