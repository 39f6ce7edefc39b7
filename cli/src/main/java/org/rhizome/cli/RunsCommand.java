package org.rhizome.cli;

import java.io.PrintWriter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.agent.growth.RunLedger;
import org.rhizome.agent.growth.RunRecord;
import org.rhizome.graph.KnowledgeGraph;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rhizome runs}: lists the growth runs of the store. */
@Command(name = "runs",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Lists the store's growth runs, newest first, with status, iterations, concepts created, tokens and "
                    + "cost. A run killed mid-iteration shows as running until it is resumed."
        })
final class RunsCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeGraph kg = root.openStore(false)) {
            List<RunRecord> runs = new RunLedger(kg).runs();
            if (runs.isEmpty()) {
                out.println("no growth runs in this store (start one with: rhizome grow --question \"...\")");
                return ExitCodes.OK;
            }
            TextTable t = new TextTable("run", "status", "iterations", "concepts", "tokens", "cost", "model",
                    "updated", "seed question");
            for (RunRecord r : runs) {
                t.row(r.id(), r.status().word(), Long.toString(r.iterations()), Long.toString(r.concepts()),
                        String.format(Locale.US, "%,d", r.tokens()), String.format(Locale.US, "$%.4f", r.cost()),
                        r.llm(), r.updatedAt().truncatedTo(ChronoUnit.SECONDS).toString(),
                        r.seedQuestion().length() > 60 ? r.seedQuestion().substring(0, 57) + "..." : r.seedQuestion());
            }
            t.print(out, "");
        }
        return ExitCodes.OK;
    }
}
