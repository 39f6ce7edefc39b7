package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.growth.RunStatus;
import org.rhizome.graph.KnowledgeGraph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rhizome resume}: continues a growth run. */
@Command(name = "resume",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Continues a stopped, failed or killed growth run from its last committed iteration, with the question "
                    + "recorded for the next one. Budgets count the whole run: --iterations 20 on a run with 12 "
                    + "done runs 8 more."
        })
final class ResumeCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RUN", description = "The run's id (see `rhizome runs`).")
    String runId;

    @Mixin
    GrowthSupport growth;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeGraph kg = root.openStore(false)) {
            RunRecord r = growth.run(kg, root, out, spec.commandLine().getErr(), g -> g.resume(runId));
            return r.status() == RunStatus.FAILED ? ExitCodes.FAILURE : ExitCodes.OK;
        }
    }
}
