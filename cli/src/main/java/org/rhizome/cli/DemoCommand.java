package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.rhizome.cli.demo.DemoContext;
import org.rhizome.cli.demo.DemoStep;
import org.rhizome.cli.demo.DemoSteps;
import org.rhizome.graph.KnowledgeGraph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rhizome demo}: creates or reuses an embedded store and runs the steps of {@link DemoSteps#all()} on it,
 * then says where the data lives and what to try next.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Walk through Rhizome on a small example graph (the history of computing: 113 concepts, 778 "
                    + "statements).",
            "",
            "Creates an embedded store in --dir (or reuses it: the example graph is loaded once), shows its "
                    + "statistics, asks it a few SPARQL questions and builds the integer snapshot that graph "
                    + "algorithms use. The demo uses --dir, not --store."
        })
final class DemoCommand implements Callable<Integer> {
    /** Where the demo store lives when {@code --dir} is not given (relative to the working directory). */
    static final String DEFAULT_DIR = "./rhizome-data/demo";

    /** System property the launcher sets to the path it was started as, for the "next commands" hint. */
    static final String LAUNCHER_PROPERTY = "rhizome.launcher";

    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = DEFAULT_DIR,
            description = {"Directory of the demo store.", "Default: ${DEFAULT-VALUE}"})
    Path dir;

    @Option(names = "--fresh", description = "Delete the demo store first and start over.")
    boolean fresh;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Path data = dir.toAbsolutePath().normalize();
        long start = System.nanoTime();
        if (fresh && !Stores.isMissingOrEmpty(data)) {
            if (!Stores.isStore(data)) {
                throw new CommandFailedException(ExitCodes.USAGE, "--fresh would delete " + data + ", which is not "
                        + "a Rhizome store; refusing (give another --dir)");
            }
            Stores.deleteTree(data);
            out.println("deleted the old demo store in " + data);
        }
        List<DemoStep> steps = DemoSteps.all();
        out.println("Rhizome demo: store in " + data);
        try (KnowledgeGraph kg = Stores.open(data)) {
            DemoContext ctx = new DemoContext(kg, out, data,
                    ConsoleProgress.forConsole(spec.commandLine().getErr(), root.quiet()));
            for (int i = 0; i < steps.size(); i++) {
                DemoStep step = steps.get(i);
                out.println();
                out.printf("[%d/%d] %s%n", i + 1, steps.size(), step.title());
                step.run(ctx);
                out.flush();
            }
        }
        out.println();
        out.println("Done in " + Units.seconds(System.nanoTime() - start) + ". The demo store lives in " + data + ";");
        out.println("running the demo again reuses it, --fresh starts over.");
        String cmd = System.getProperty(LAUNCHER_PROPERTY, "rhizome");
        String store = shown(dir);
        out.println("Next, try:");
        out.println("  " + cmd + " stats --store " + store);
        out.println("  " + cmd + " query --store " + store + " --union \"SELECT ?label WHERE { ?c "
                + "<http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label LIMIT 10\"");
        out.println("  " + cmd + " analyze --store " + store + " --gexf demo.gexf   (open it in Gephi)");
        out.println("  " + cmd + " query --store " + store + " \"PREFIX rz: <https://rhizome.dev/ns#> SELECT ?c ?pr "
                + "WHERE { GRAPH ?g { ?c rz:pageRank ?pr } } ORDER BY DESC(?pr) LIMIT 5\"");
        out.println("  " + cmd + " query --help");
        return ExitCodes.OK;
    }

    /** The directory as the user would type it: relative when under the working directory, else absolute. */
    static String shown(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        if (abs.startsWith(cwd) && !abs.equals(cwd)) {
            return cwd.relativize(abs).toString();
        }
        return abs.toString();
    }
}
