package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.gnn.data.DatasetException;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.diagnostics.DiagnosticOptions;
import org.rhizome.gnn.diagnostics.DiagnosticReport;
import org.rhizome.gnn.diagnostics.LinkDiagnostics;
import org.rhizome.gnn.diagnostics.NodeMrr;
import org.rhizome.gnn.diagnostics.Split;
import org.rhizome.gnn.io.TrainedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome diagnose}: per-entity MRR of a trained model against Topological Concentration. */
@Command(name = "diagnose",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Which entities does a trained model predict well, and does the topology explain it? Ranks the test "
                    + "(or validation) triples of a benchmark folder with the model (filtered, realistic ties), "
                    + "averages the reciprocal ranks per entity, and correlates that MRR (Pearson and Spearman) with "
                    + "each entity's Topological Concentration over its test neighbours (TC), its approximation by "
                    + "random propagation (ATC), TC over its training neighbours, and its training degree "
                    + "(Wang et al., ICLR 2024).",
            "",
            "The graph is the undirected entity graph of the training triples (relations and directions ignored, "
                    + "self-loops and repeats dropped); the held-out triples only choose each entity's neighbours. "
                    + "Prints a summary and writes report.txt, nodes.csv (one row per test entity), report.json and "
                    + "one SVG scatter plot per property to --out."
        })
final class DiagnoseCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by rhizome train.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", required = true,
            description = "The benchmark folder the model was trained on (train.txt, valid.txt, test.txt).")
    Path data;

    @Option(names = "--k", paramLabel = "K", defaultValue = "1",
            description = "Hops of TC's computation trees and ATC's propagation (from 2 on, TC's cost grows with "
                    + "the two-hop neighbourhoods: about a minute for FB15k-237). Default: ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "The held-out triples to evaluate: test or valid. Default: ${DEFAULT-VALUE}")
    String split;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "rhizome-data/diagnostics",
            description = "Report folder. Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--dim", paramLabel = "D", defaultValue = "64",
            description = "Columns of ATC's random projection. Default: ${DEFAULT-VALUE}")
    int dim;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1028",
            description = "Seed of ATC's random projection. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Threads for ranking, TC and ATC. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--credit", paramLabel = "WHO", defaultValue = "answer",
            description = "Whose MRR a query's rank counts for: answer (the entity ranked: t for (h, r, ?)) or query "
                    + "(the entity asked about: h for (h, r, ?), the TC paper's view). Default: ${DEFAULT-VALUE}")
    String credit;

    @Option(names = "--skip-undefined",
            description = "Leave entities with an undefined TC/ATC (no neighbour, or no training edge) out of that "
                    + "property's correlation instead of counting the value as 0 (the paper's analysis code).")
    boolean skipUndefined;

    @Override
    public Integer call() {
        DiagnosticOptions options;
        try {
            options = DiagnosticOptions.defaults().withHops(k).withSplit(Split.parse(split)).withAtcDimension(dim)
                    .withSeed(seed).withThreads(threads).withAttribution(NodeMrr.Attribution.parse(credit))
                    .withUndefinedAsZero(!skipUndefined);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TrainedModel m = ModelIds.read(model);
        KgDataset ds;
        try {
            ds = ModelIds.inModelIds(KgDataset.fromFolder(data), m, data, model);
        } catch (DatasetException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DiagnosticReport report;
        try {
            report = LinkDiagnostics.run(m.scorer(), ds, options, step -> {
                if (!root.quiet()) {
                    err.println("diagnosing: " + step);
                    err.flush();
                }
            });
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        o.print(report.toText());
        List<Path> files = report.write(out.toAbsolutePath().normalize());
        o.printf(Locale.US, "report: %d files in %s (%s)%n", files.size(), files.get(0).getParent(),
                String.join(", ", files.stream().map(p -> p.getFileName().toString()).toList()));
        return ExitCodes.OK;
    }
}
