package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.growth.RunStatus;
import org.rhizome.graph.KnowledgeGraph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rhizome grow}: starts a growth run. */
@Command(name = "grow",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Grows the graph with an LLM: asks the question, extracts the local graph the answer proposes "
                    + "(validated, repaired by asking again when malformed), resolves its concepts against the "
                    + "graph, writes it with provenance in one transaction per iteration, then asks the next "
                    + "question, until a budget stops it.",
            "",
            "Every iteration is committed before the next starts: stop it (Ctrl-C) or lose it at any point and "
                    + "`rhizome resume RUN` continues from the last committed iteration."
        })
final class GrowCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--question", required = true, paramLabel = "TEXT", description = "The seed question.")
    String question;

    @Option(names = "--run-id", paramLabel = "ID", description = "The run's id (default: run-<8 hex digits>).")
    String runId;

    @Mixin
    GrowthSupport growth;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeGraph kg = root.openStore(true)) {
            RunRecord r = growth.run(kg, root, out, spec.commandLine().getErr(), g -> g.start(question, runId));
            return r.status() == RunStatus.FAILED ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
