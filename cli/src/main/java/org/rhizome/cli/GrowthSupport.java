package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.rhizome.agent.growth.GrowthListener;
import org.rhizome.agent.growth.GrowthOptions;
import org.rhizome.agent.growth.GrowthRun;
import org.rhizome.agent.growth.IterationResult;
import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.growth.Strategies;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmConfig;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.retrieval.Retrieval;

import picocli.CommandLine.Option;

/** The options {@code grow} and {@code resume} share, and the loop they both run. */
final class GrowthSupport {
    @Option(names = "--llm", paramLabel = "FILE",
            description = "LLM configuration (properties: provider, base-url, model, api-key-env, timeout, "
                    + "max-retries, requests-per-minute, tokens-per-minute, prices, ...; see the README). Without "
                    + "it, RHIZOME_LLM_PROVIDER/_URL/_MODEL/_API_KEY are read; without those, the recorded demo "
                    + "model answers (offline, only the demo's questions).")
    Path llm;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "10",
            description = "Stop after N iterations in all (a resumed run counts its earlier ones). Default: "
                    + "${DEFAULT-VALUE}")
    int iterations;

    @Option(names = "--strategy", paramLabel = "NAME", defaultValue = "follow-up",
            description = "Next question: follow-up (the model's own), low-degree (least-connected concept), "
                    + "bridge (highest participation across communities) or hypothesis (a path between two "
                    + "far-apart concepts, to explain and test). Default: ${DEFAULT-VALUE}")
    String strategy;

    @Option(names = "--max-tokens", paramLabel = "N", defaultValue = "0",
            description = "Stop once the run has used N tokens (0: no limit).")
    long maxTokens;

    @Option(names = "--max-cost", paramLabel = "USD", defaultValue = "0",
            description = "Stop once the run has cost this much at the configured prices (0: no limit).")
    double maxCost;

    @Option(names = "--max-time", paramLabel = "SECONDS", defaultValue = "0",
            description = "Stop after this much wall time (0: no limit).")
    long maxSeconds;

    @Option(names = "--stop-when-stale", paramLabel = "N", defaultValue = "5",
            description = "Stop after N iterations in a row without a new concept (0: never). Default: "
                    + "${DEFAULT-VALUE}")
    int stale;

    @Option(names = "--repairs", paramLabel = "N", defaultValue = "2",
            description = "Repair prompts per iteration when an answer cannot be used. Default: ${DEFAULT-VALUE}")
    int repairs;

    @Option(names = "--analyze-every", paramLabel = "N", defaultValue = "10",
            description = "Record the structural metrics every N iterations in the metrics history (0: never; "
                    + "`rhizome analyze --report` plots it). Default: ${DEFAULT-VALUE}")
    int analyzeEvery;

    @Option(names = "--branches", paramLabel = "N", defaultValue = "1",
            description = "Questions in flight at once (parallel branches; resolution and writing stay one "
                    + "iteration at a time). Default: ${DEFAULT-VALUE}")
    int branches;

    @Option(names = "--excerpt", description = "Send the model what the graph already holds around the question.")
    boolean excerpt;

    @Option(names = "--critic", paramLabel = "MODEL",
            description = "A link-prediction model (rhizome train) that scores every proposed statement between "
                    + "concepts already in the graph; implausible ones go to a review graph instead.")
    Path critic;

    @Option(names = "--critic-threshold", paramLabel = "P", defaultValue = "0.1",
            description = "Plausibility (the proposed tail's percentile among all entities) below which the critic "
                    + "holds a statement back. Default: ${DEFAULT-VALUE}")
    double criticThreshold;

    @Option(names = "--shapes", paramLabel = "FILE",
            description = "SHACL shapes (Turtle) every local graph must satisfy; violations are sent back for repair.")
    Path shapes;

    @Option(names = "--exact-match",
            description = "Resolve concepts by exact label only (no search index, no embedding model).")
    boolean exactMatch;

    LlmConfig llmConfig() {
        try {
            return LlmConfig.resolve(Optional.ofNullable(llm), System.getenv());
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
    }

    GrowthOptions options() {
        try {
            return GrowthOptions.defaults().withMaxIterations(iterations)
                    .withBudgets(maxTokens, maxCost, Duration.ofSeconds(maxSeconds)).withStopAfterNoNewConcepts(stale)
                    .withRepairs(repairs, 3).withAnalyzeEvery(analyzeEvery).withGraphExcerpt(excerpt)
                    .withBranches(branches);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    /**
     * Builds the loop on {@code kg} (opening the retrieval services unless --exact-match), runs {@code body} with a
     * progress printer attached, and stops the loop cleanly on Ctrl-C (the iteration in flight finishes first, for up
     * to 60 s).
     */
    RunRecord run(KnowledgeGraph kg, Rhizome root, PrintWriter out, PrintWriter err,
            Function<GrowthRun, RunRecord> body) {
        LlmConfig config = llmConfig();
        if (config.maxConcurrent() < branches) {
            // N branches want N calls in flight: a lower client limit would quietly serialise them
            config = config.withLimits(config.requestsPerMinute(), config.tokensPerMinute(), branches);
        }
        GrowthRun.Builder b = GrowthRun.builder(kg).llm(LlmClient.create(config)).options(options());
        try {
            b.strategy(Strategies.named(strategy));
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
        }
        b.listener(new Printer(out, iterations));
        if (critic != null) {
            try {
                b.critic(org.rhizome.agent.growth.EdgeCritic.of(org.rhizome.gnn.io.ModelFile.read(critic),
                        critic.getFileName().toString()), criticThreshold);
            } catch (org.rhizome.graph.RhizomeException | IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
            }
        }
        if (shapes != null) {
            try {
                b.shapes(org.rhizome.agent.extract.LocalGraphShapes.load(shapes, kg));
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
            }
        }
        Retrieval r = exactMatch ? null : RetrievalSupport.open(kg, root, err, true);
        try {
            if (r != null) {
                b.retrieval(r);
            }
            GrowthRun g = b.build();
            out.println("model: " + config.describe());
            out.flush();
            CountDownLatch done = new CountDownLatch(1);
            Thread hook = new Thread(() -> {
                g.requestStop();
                try {
                    done.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "rhizome-grow-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                RunRecord rec = body.apply(g);
                summary(out, rec);
                return rec;
            } finally {
                done.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it sees done and returns
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        } finally {
            if (r != null) {
                r.close();
            }
        }
    }

    static void summary(PrintWriter out, RunRecord r) {
        out.printf(Locale.US, "run %s %s after %d iteration%s: %s%n", r.id(), r.status().word(), r.iterations(),
                r.iterations() == 1 ? "" : "s", r.stopReason().orElse(""));
        out.printf(Locale.US, "  %,d concepts created, %,d tokens (%,d in, %,d out), $%.4f%n", r.concepts(),
                r.tokens(), r.inputTokens(), r.outputTokens(), r.cost());
        r.next().ifPresent(q -> out.println("  next question: " + q.question()));
        out.println("  resume with: rhizome resume " + r.id());
        out.flush();
    }

    /** One line per iteration: what it added, what it cost, how long the rest should take. */
    static final class Printer implements GrowthListener {
        private final PrintWriter out;
        private final int planned;
        private final long t0 = System.nanoTime();
        private int done;

        Printer(PrintWriter out, int planned) {
            this.out = out;
            this.planned = planned;
        }

        @Override
        public void iterationDone(IterationResult it, RunRecord run) {
            done++;
            double elapsed = (System.nanoTime() - t0) / 1e9;
            String eta = planned > 0 && run.iterations() < planned
                    ? String.format(Locale.US, ", ETA %.0f s", elapsed / done * (planned - run.iterations())) : "";
            if (it.committed()) {
                out.printf(Locale.US, "  iteration %d%s: +%d concepts, %d reused, %d edges, %d repair%s, %,d tokens, "
                        + "$%.4f, %.1f s; run: %,d concepts, %,d tokens, $%.4f%s%n", it.iteration(),
                        planned > 0 ? "/" + planned : "", it.newConcepts(), it.reused().size(), it.edges(),
                        it.repairs(), it.repairs() == 1 ? "" : "s", it.inputTokens() + it.outputTokens(), it.cost(),
                        it.elapsed().toNanos() / 1e9, run.concepts(), run.tokens(), run.cost(), eta);
            } else {
                out.printf(Locale.US, "  iteration %d%s: answer refused after %d repair%s: %s%n", it.iteration(),
                        planned > 0 ? "/" + planned : "", it.repairs(), it.repairs() == 1 ? "" : "s",
                        String.join("; ", it.problems()));
            }
            for (IterationResult.HeldBack x : it.heldBack()) {
                out.printf(Locale.US, "    held for review (plausibility %.2f): %s --%s--> %s%n", x.plausibility(),
                        x.head(), x.relation(), x.tail());
            }
            out.printf(Locale.US, "    asked: %s%n", it.question().question());
            out.flush();
        }
    }
}
