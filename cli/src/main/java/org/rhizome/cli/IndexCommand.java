package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.index.DriftReport;
import org.rhizome.retrieval.index.SyncReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome index}: bring the search index in step with the store, rebuild it, or check it. */
@Command(name = "index",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Maintain the search index of the store's concepts (in <store>/retrieval: a Lucene index and the "
                    + "embedding cache).",
            "",
            "Without options: catch up with the store (new, changed and removed concepts, found by fingerprint). "
                    + "--rebuild: empty the index and index everything again (embeddings come from the cache); "
                    + "also the way to switch embedding models (RHIZOME_EMBEDDINGS), since an index refuses a model "
                    + "other than the one that built it. "
                    + "--check: report drift between index and store without changing anything (exit code 1 when "
                    + "they disagree)."
        })
final class IndexCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--rebuild", description = "Rebuild the index from scratch.")
    boolean rebuild;

    @Option(names = "--check", description = "Only report drift between index and store.")
    boolean check;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "1000",
            description = "Concepts compared field by field by --check. Default: ${DEFAULT-VALUE}")
    int sample;

    @Override
    public Integer call() {
        if (rebuild && check) {
            throw new CommandFailedException(ExitCodes.USAGE, "--rebuild and --check exclude each other");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeGraph kg = root.openStore(false);
                Retrieval r = RetrievalSupport.open(kg, root, spec.commandLine().getErr(), !rebuild && !check,
                        rebuild)) {
            if (check) {
                DriftReport d = r.indexer().check(sample, 1);
                out.println(d);
                return d.inStep() ? ExitCodes.OK : ExitCodes.FAILURE;
            }
            SyncReport s = rebuild ? r.indexer().rebuild(ConsoleProgress.forConsole(spec.commandLine().getErr(),
                    root.quiet())) : r.openingSync().orElseThrow();
            out.println((rebuild ? "rebuilt: " : "in step: ") + s);
            out.println(r.index().count() + " concepts indexed with " + r.embedder().modelId() + "; "
                    + r.embedder().cache().size() + " vectors cached");
        }
        return ExitCodes.OK;
    }
}
