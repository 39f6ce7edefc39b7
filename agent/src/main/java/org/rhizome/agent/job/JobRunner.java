package org.rhizome.agent.job;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import org.rhizome.agent.extract.LocalGraphShapes;
import org.rhizome.agent.growth.GrowthListener;
import org.rhizome.agent.growth.GrowthOptions;
import org.rhizome.agent.growth.GrowthRun;
import org.rhizome.agent.growth.IterationResult;
import org.rhizome.agent.growth.RunLedger;
import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.growth.Strategies;
import org.rhizome.agent.ingest.DocumentException;
import org.rhizome.agent.ingest.IngestReport;
import org.rhizome.agent.ingest.Ingestor;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmConfig;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.analytics.StoredAnalytics;
import org.rhizome.graph.analytics.report.ReportWriter;
import org.rhizome.graph.io.Exporter;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.retrieval.Retrieval;

/**
 * Runs a {@link JobSpec} headless on an open store: documents first, then the runs one after the other (a run that
 * exists already is resumed, so running a job again after an interruption continues it), then the outputs. Progress
 * goes to the given writer, one line per document and per iteration. One model client is shared by everything, so
 * its rate and concurrency limits hold across the job.
 */
public final class JobRunner {
    private final KnowledgeGraph kg;
    private final Path baseDir;
    private final PrintWriter progress;

    /**
     * @param kg       the job's store, open
     * @param baseDir  the folder relative paths of the job are resolved against (the job file's)
     * @param progress where progress lines go
     */
    public JobRunner(KnowledgeGraph kg, Path baseDir, PrintWriter progress) {
        this.kg = Objects.requireNonNull(kg, "kg");
        this.baseDir = Objects.requireNonNull(baseDir, "baseDir");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** The model the job names (a file or inline keys), else the environment's, else the recorded demo model. */
    public LlmConfig llmConfig(JobSpec spec) {
        if (spec.llm() instanceof String file) {
            return LlmConfig.load(baseDir.resolve(file)).withEnvironment(Map.of());
        }
        if (spec.llm() instanceof Map<?, ?> map) {
            Map<String, String> m = new LinkedHashMap<>();
            map.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
            return LlmConfig.fromMap(m, "the job's llm settings", System.getenv());
        }
        return LlmConfig.resolve(java.util.Optional.empty(), System.getenv());
    }

    /** Runs the job; {@code retrieval} (may be null) gives entity resolution through the search index. */
    public JobReport run(JobSpec spec, Retrieval retrieval) {
        long t0 = System.nanoTime();
        LlmClient llm = LlmClient.create(llmConfig(spec));
        progress.println("model: " + llm.config().describe());
        LocalGraphShapes shapes = spec.shapes() == null ? null
                : LocalGraphShapes.load(baseDir.resolve(spec.shapes()), kg);
        List<IngestReport> docs = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        if (!spec.documents().isEmpty()) {
            Ingestor.Builder ib = Ingestor.builder(kg).llm(llm).shapes(shapes);
            if (retrieval != null && !spec.exactMatch()) {
                ib.retrieval(retrieval);
            }
            Ingestor ing = ib.build();
            for (Path f : documents(spec.documents())) {
                try {
                    IngestReport r = ing.ingest(f);
                    docs.add(r);
                    progress.printf(Locale.US, "document %s: %s, %d chunks written, %d refused, +%d concepts%s%n",
                            f, r.outcome().name().toLowerCase(Locale.ROOT), r.chunksWritten(), r.chunksRefused(),
                            r.newConcepts(), r.failure().map(x -> " (" + x + ")").orElse(""));
                } catch (DocumentException e) {
                    unreadable.add(e.getMessage());
                    progress.println("document " + e.getMessage());
                }
                progress.flush();
            }
        }
        List<RunRecord> runs = new ArrayList<>();
        RunLedger ledger = new RunLedger(kg);
        for (JobSpec.RunSpec rs : spec.runs()) {
            GrowthOptions o = GrowthOptions.defaults().withMaxIterations(rs.iterations())
                    .withBudgets(rs.maxTokens(), rs.maxCost(), Duration.ofSeconds(rs.maxTime()))
                    .withBranches(rs.branches()).withAnalyzeEvery(rs.analyzeEvery());
            GrowthRun.Builder b = GrowthRun.builder(kg).llm(llm).options(o).shapes(shapes)
                    .strategy(Strategies.named(rs.strategy()))
                    .listener(new GrowthListener() {
                        @Override
                        public void iterationDone(IterationResult it, RunRecord run) {
                            progress.printf(Locale.US, "run %s iteration %d/%d: %s%n", run.id(), it.iteration(),
                                    rs.iterations(), it.committed() ? "+" + it.newConcepts() + " concepts, "
                                            + it.reused().size() + " reused, " + it.edges() + " edges"
                                            : "answer refused: " + String.join("; ", it.problems()));
                            progress.flush();
                        }
                    });
            if (retrieval != null && !spec.exactMatch()) {
                b.retrieval(retrieval);
            }
            GrowthRun g = b.build();
            RunRecord r = ledger.run(rs.id()).isPresent() ? g.resume(rs.id()) : g.start(rs.question(), rs.id());
            progress.printf(Locale.US, "run %s %s after %d iterations: %s%n", r.id(), r.status().word(),
                    r.iterations(), r.stopReason().orElse(""));
            progress.flush();
            runs.add(r);
        }
        List<String> outputs = new ArrayList<>();
        JobSpec.Outputs out = spec.outputs();
        if (out.report() != null) {
            AnalysisReport a = new GraphAnalysis(AnalysisOptions.defaults()).run(GraphSnapshot.of(kg));
            Path index = ReportWriter.write(a, StoredAnalytics.history(kg), baseDir.resolve(out.report()));
            outputs.add(index.toString());
        }
        if (out.export() != null) {
            Path file = baseDir.resolve(out.export());
            Exporter.export(kg, file);
            outputs.add(file.toString());
        }
        JobReport report = new JobReport(docs, unreadable, runs, kg.stats().concepts(), kg.statementCount(),
                (System.nanoTime() - t0) / 1e9, outputs);
        if (out.summary() != null) {
            Path file = baseDir.resolve(out.summary());
            try {
                Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(summary(report)), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the job summary " + file + ": " + e.getMessage(), e);
            }
            outputs.add(file.toString());
        }
        return report;
    }

    /** The job report as plain JSON-able values. */
    static Map<String, Object> summary(JobReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", r.ok());
        m.put("seconds", r.seconds());
        m.put("concepts", r.concepts());
        m.put("statements", r.statements());
        List<Map<String, Object>> docs = new ArrayList<>();
        for (IngestReport d : r.documents()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("document", d.document());
            x.put("outcome", d.outcome().name().toLowerCase(Locale.ROOT));
            x.put("chunks", d.chunks());
            x.put("chunksWritten", d.chunksWritten());
            x.put("chunksRefused", d.chunksRefused());
            x.put("newConcepts", d.newConcepts());
            x.put("tokens", d.inputTokens() + d.outputTokens());
            x.put("cost", d.cost());
            d.failure().ifPresent(f -> x.put("failure", f));
            docs.add(x);
        }
        m.put("documents", docs);
        m.put("unreadableDocuments", r.failedDocuments());
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunRecord x : r.runs()) {
            Map<String, Object> y = new LinkedHashMap<>();
            y.put("id", x.id());
            y.put("status", x.status().word());
            y.put("iterations", x.iterations());
            y.put("conceptsCreated", x.concepts());
            y.put("inputTokens", x.inputTokens());
            y.put("outputTokens", x.outputTokens());
            y.put("cost", x.cost());
            y.put("stopReason", x.stopReason().orElse(null));
            runs.add(y);
        }
        m.put("runs", runs);
        m.put("outputs", r.outputs());
        return m;
    }

    private List<Path> documents(List<String> names) {
        List<Path> paths = new ArrayList<>();
        for (String n : names) {
            paths.add(baseDir.resolve(n));
        }
        return org.rhizome.agent.ingest.DocumentLoader.expand(paths);
    }
}
