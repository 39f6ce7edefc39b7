package org.rhizome.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.rhizome.agent.growth.GrowthListener;
import org.rhizome.agent.growth.GrowthOptions;
import org.rhizome.agent.growth.GrowthRun;
import org.rhizome.agent.growth.IterationResult;
import org.rhizome.agent.growth.RunLedger;
import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmConfig;
import org.rhizome.graph.KnowledgeGraph;

/**
 * Grows a graph with the agent loop, stops, and resumes: three iterations, then two more. The model here is the
 * recorded demo model (answers written for Rhizome, replayed offline); point {@link LlmConfig} at a real server
 * ({@code LlmConfig.openAi(url, model, key)} or {@code LlmConfig.ollama(url, model)}) to grow from a live one.
 *
 * <p>Run: {@code mvn -q -pl examples -am package -DskipTests && java -cp "examples/target/classes:$(cat
 * examples/target/examples.classpath)" org.rhizome.examples.GrowAGraph [STORE_DIR]}
 */
public final class GrowAGraph {
    private GrowAGraph() {}

    /** What the example did. */
    public record Outcome(RunRecord afterStop, RunRecord afterResume, List<String> questions, long concepts) {}

    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "rhizome-data/grow-example"), System.out);
    }

    public static Outcome run(Path storeDir, PrintStream out) {
        try (KnowledgeGraph kg = KnowledgeGraph.open(storeDir)) {
            LlmClient llm = LlmClient.create(LlmConfig.recorded());
            GrowthListener printer = new GrowthListener() {
                @Override
                public void iterationDone(IterationResult it, RunRecord run) {
                    out.printf("iteration %d: +%d concepts, %d reused, %d edges -- %s%n", it.iteration(),
                            it.newConcepts(), it.reused().size(), it.edges(), it.question().question());
                }

                @Override
                public void runStopped(RunRecord run) {
                    out.println("stopped: " + run.stopReason().orElse("?"));
                }
            };
            // Exact-label entity resolution keeps the example light; GrowthRun.builder(kg).retrieval(r) uses the
            // calibrated resolver of the search index instead.
            RunRecord stopped = GrowthRun.builder(kg).llm(llm).listener(printer)
                    .options(GrowthOptions.defaults().withMaxIterations(3).withAnalyzeEvery(0)).build()
                    .start("How did the stored-program idea change what computers could do?", "example");
            // ... later, or after a crash: the budget counts the whole run, so 5 means two more
            RunRecord resumed = GrowthRun.builder(kg).llm(llm).listener(printer)
                    .options(GrowthOptions.defaults().withMaxIterations(5).withAnalyzeEvery(0)).build()
                    .resume("example");
            RunLedger ledger = new RunLedger(kg);
            out.printf("run %s: %d iterations, %d concepts, %d tokens%n", resumed.id(), resumed.iterations(),
                    resumed.concepts(), resumed.tokens());
            return new Outcome(stopped, resumed, ledger.questions("example"), kg.stats().concepts());
        }
    }
}
