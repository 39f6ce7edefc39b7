package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.rhizome.agent.ingest.DocumentException;
import org.rhizome.agent.ingest.IngestReport;
import org.rhizome.agent.ingest.Ingestor;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmConfig;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.retrieval.Retrieval;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rhizome ingest}: documents to graph. */
@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Extracts a knowledge graph from documents (.txt, .md, .html, .pdf; folders are walked): each document "
                    + "is split into overlapping chunks, each chunk is sent to the LLM as quoted data, the answer is "
                    + "validated (and repaired by asking again), its concepts resolved against the graph, and it is "
                    + "written in one transaction as a named graph of its own with provenance to the file and the "
                    + "character span.",
            "",
            "Ingesting an unchanged document again does nothing; a changed one replaces its old statements; one "
                    + "interrupted part-way continues. --remove takes documents' statements out of the graph."
        })
final class IngestCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Documents or folders.")
    List<Path> paths;

    @Option(names = "--llm", paramLabel = "FILE", description = "LLM configuration (as for `rhizome grow`).")
    Path llm;

    @Option(names = "--chunk-chars", paramLabel = "N", defaultValue = "2000",
            description = "Largest chunk, in characters. Default: ${DEFAULT-VALUE}")
    int chunkChars;

    @Option(names = "--overlap", paramLabel = "N", defaultValue = "200",
            description = "Characters shared by consecutive chunks. Default: ${DEFAULT-VALUE}")
    int overlap;

    @Option(names = "--repairs", paramLabel = "N", defaultValue = "2",
            description = "Repair prompts per chunk. Default: ${DEFAULT-VALUE}")
    int repairs;

    @Option(names = "--shapes", paramLabel = "FILE",
            description = "SHACL shapes (Turtle) every chunk's local graph must satisfy; violations are sent back for "
                    + "repair.")
    Path shapes;

    @Option(names = "--exact-match",
            description = "Resolve concepts by exact label only (no search index, no embedding model).")
    boolean exactMatch;

    @Option(names = "--remove", description = "Remove these documents' statements instead of ingesting them.")
    boolean remove;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Path> files;
        try {
            files = org.rhizome.agent.ingest.DocumentLoader.expand(paths);
        } catch (DocumentException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        try (KnowledgeGraph kg = root.openStore(!remove)) {
            if (remove) {
                Ingestor ing = Ingestor.builder(kg).llm(LlmClient.create(LlmConfig.recorded())).build();
                for (Path f : files) {
                    out.printf(Locale.US, "%s: %,d statements removed%n", f, ing.remove(f));
                }
                return ExitCodes.OK;
            }
            LlmConfig config;
            try {
                config = LlmConfig.resolve(Optional.ofNullable(llm), System.getenv());
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
            }
            if (config.provider() == LlmConfig.Provider.RECORDED) {
                throw new CommandFailedException(ExitCodes.USAGE, "ingestion needs a model: give --llm FILE or set "
                        + LlmConfig.ENV_PROVIDER + " (the recorded demo model only answers the demo's questions)");
            }
            Retrieval r = exactMatch ? null : RetrievalSupport.open(kg, root, spec.commandLine().getErr(), true);
            try {
                Ingestor.Builder b = Ingestor.builder(kg).llm(LlmClient.create(config)).maxRepairs(repairs);
                if (shapes != null) {
                    try {
                        b.shapes(org.rhizome.agent.extract.LocalGraphShapes.load(shapes, kg));
                    } catch (IllegalArgumentException e) {
                        throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
                    }
                }
                try {
                    b.chunking(chunkChars, overlap);
                    if (r != null) {
                        b.retrieval(r);
                    }
                } catch (IllegalArgumentException e) {
                    throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
                }
                Ingestor ing;
                try {
                    ing = b.build();
                } catch (IllegalArgumentException e) {
                    throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
                }
                int failures = 0;
                for (Path f : files) {
                    try {
                        IngestReport rep = ing.ingest(f);
                        print(out, rep);
                        failures += rep.outcome() == IngestReport.Outcome.FAILED ? 1 : 0;
                    } catch (DocumentException e) {
                        out.println(e.getMessage());
                        failures++;
                    }
                }
                return failures == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
            } finally {
                if (r != null) {
                    r.close();
                }
            }
        }
    }

    private static void print(PrintWriter out, IngestReport r) {
        String what = switch (r.outcome()) {
            case UNCHANGED -> "unchanged since it was ingested";
            case REPLACED -> "changed: old statements removed, ingested again";
            case INGESTED -> "ingested";
            case FAILED -> "stopped: " + r.failure().orElse("");
        };
        out.printf(Locale.US, "%s: %s; %d chunks (%d written, %d already there, %d refused), +%d concepts, %d reused, "
                + "%d edges, %,d tokens, $%.4f%n", r.document(), what, r.chunks(), r.chunksWritten(),
                r.chunksSkipped(), r.chunksRefused(), r.newConcepts(), r.reused(), r.edges(),
                r.inputTokens() + r.outputTokens(), r.cost());
        for (String p : r.problems()) {
            out.println("  refused " + p);
        }
        out.flush();
    }
}
