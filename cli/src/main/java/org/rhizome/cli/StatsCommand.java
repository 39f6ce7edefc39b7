package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.rhizome.graph.KnowledgeGraph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome stats}: prints a {@link StatsReport} of the store. */
@Command(name = "stats",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Print counts of the store and the shape of its graph.",
            "",
            "statements: distinct asserted statements; quads: stored quads in all sources; sources, concepts, "
                    + "relation types and merges from the catalogue. The snapshot lines describe the integer graph "
                    + "that algorithms use: entities and relations that appear in IRI-to-IRI statements (rdf:type "
                    + "and rz: statements excluded), edges, degrees, self-loops and the memory of its adjacency."
        })
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one flat JSON object instead of text.")
    boolean json;

    @Override
    public Integer call() {
        StatsReport report;
        try (KnowledgeGraph kg = root.openStore(false)) {
            report = StatsReport.of(kg, ConsoleProgress.forConsole(spec.commandLine().getErr(), root.quiet()));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.toJson());
        } else {
            report.printText(out, "");
        }
        return ExitCodes.OK;
    }
}
