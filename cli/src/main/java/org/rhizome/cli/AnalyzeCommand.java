package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.analytics.Metric;
import org.rhizome.graph.analytics.StoredAnalytics;
import org.rhizome.graph.analytics.export.GraphExporter;
import org.rhizome.graph.analytics.export.GraphFormat;
import org.rhizome.graph.analytics.report.ReportWriter;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.graph.snapshot.SnapshotOptions;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome analyze}: structural analysis of the store's graph, with a report folder. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Measure the structure of the store's graph: degrees and a power-law fit (Clauset-Shalizi-Newman), "
                    + "components, k-cores, articulation points, clustering and assortativity, PageRank, "
                    + "betweenness, closeness/harmonic and eigenvector centrality, Leiden/Louvain/label-propagation "
                    + "communities with modularity, path lengths, hubs and bridges.",
            "",
            "Undirected measures read the simple undirected graph (parallel statements collapsed, self-loops "
                    + "dropped), like NetworkX and igraph; strong components follow statement direction. Up to "
                    + "--exact-limit nodes, betweenness, closeness and path lengths are exact; above it they are sampled "
                    + "from --pivots nodes (the report says so).",
            "",
            "Prints a summary, writes a report folder (metrics.json, index.html, PNG and SVG plots), stores node "
                    + "scores in the named graph <base>analytics/scores for SPARQL (rz:pageRank, rz:betweenness, "
                    + "rz:community, rz:participation, rz:coreNumber, rz:degree), and with --iteration records the "
                    + "scalar metrics in the history graph <base>analytics/history."
        })
final class AnalyzeCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--report", paramLabel = "DIR", defaultValue = "rhizome-data/report",
            description = "Report folder (default: ${DEFAULT-VALUE}).")
    Path report;

    @Option(names = "--no-report", description = "Do not write a report folder.")
    boolean noReport;

    @Option(names = "--metrics", paramLabel = "LIST", defaultValue = "all",
            description = "Comma-separated: all, degrees, power-law, components, cores, articulation, clustering, "
                    + "pagerank, betweenness, closeness, eigenvector, communities, paths, hubs-and-bridges "
                    + "(default: ${DEFAULT-VALUE}).")
    String metrics;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: available processors).")
    Integer threads;

    @Option(names = "--exact-limit", paramLabel = "N", defaultValue = "5000",
            description = "Largest node count for exact betweenness, closeness and path lengths (default: ${DEFAULT-VALUE}).")
    int exactLimit;

    @Option(names = "--pivots", paramLabel = "K", defaultValue = "256",
            description = "Sampled pivots/sources above the exact limit (default: ${DEFAULT-VALUE}).")
    int pivots;

    @Option(names = "--resolution", paramLabel = "G", defaultValue = "1.0",
            description = "Modularity resolution for the community algorithms (default: ${DEFAULT-VALUE}).")
    double resolution;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "100",
            description = "Bootstrap data sets for the power-law p-value; 0 skips it (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--top", paramLabel = "K", defaultValue = "10", description = "Rows of the hub, bridge and community tables (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--no-store-scores", description = "Do not write node scores into the store.")
    boolean noStoreScores;

    @Option(names = "--iteration", paramLabel = "N",
            description = "Record the scalar metrics as iteration N of the store's metrics history.")
    Long iteration;

    @Option(names = "--label", paramLabel = "TEXT", defaultValue = "rhizome analyze",
            description = "Label of the recorded history point (default: ${DEFAULT-VALUE}).")
    String label;

    @Option(names = "--graphml", paramLabel = "FILE", description = "Also export the graph with node scores as GraphML.")
    Path graphml;

    @Option(names = "--gexf", paramLabel = "FILE", description = "Also export the graph with node scores as GEXF (Gephi).")
    Path gexf;

    @Override
    public Integer call() {
        AnalysisOptions options;
        try {
            options = new AnalysisOptions(Metric.parse(metrics), seed,
                    threads == null ? AnalysisOptions.defaults().threads() : threads, exactLimit, pivots, resolution,
                    AnalysisOptions.defaults().communityStarts(), bootstrap, top, true);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (KnowledgeGraph kg = root.openStore(false)) {
            GraphSnapshot snap = GraphSnapshot.of(kg, SnapshotOptions.defaults()
                    .withProgress(ConsoleProgress.forConsole(err, root.quiet())));
            if (snap.entityCount() == 0) {
                out.println("the store's graph has no edges between entities: nothing to analyse");
                return ExitCodes.OK;
            }
            AnalysisReport r = new GraphAnalysis(options, step -> {
                if (!root.quiet()) {
                    err.println("analysing: " + step);
                    err.flush();
                }
            }).run(snap);
            AnalysisSummary.print(r, out);
            if (!noStoreScores) {
                int n = StoredAnalytics.storeScores(kg, r);
                out.printf(Locale.US, "stored scores of %,d nodes in <%s>%n", n, StoredAnalytics.scoresGraph(kg).getURI());
            }
            if (iteration != null) {
                StoredAnalytics.record(kg, iteration, label, r);
                out.printf(Locale.US, "recorded the metrics as iteration %d of <%s>%n", iteration,
                        StoredAnalytics.historyGraph(kg).getURI());
            }
            List<StoredAnalytics.MetricsPoint> history = StoredAnalytics.history(kg);
            if (!noReport) {
                Path index = ReportWriter.write(r, history, report.toAbsolutePath().normalize());
                out.println("report: " + index);
            }
            for (Path p : new Path[] {graphml, gexf}) {
                if (p != null) {
                    GraphFormat f = p == graphml ? GraphFormat.GRAPHML : GraphFormat.GEXF;
                    GraphExporter.Result res = GraphExporter.write(snap, r.nodeAttributes(), p, f);
                    out.printf(Locale.US, "exported %,d nodes and %,d edges with scores to %s%n", res.nodes(),
                            res.edges(), res.file());
                }
            }
        }
        return ExitCodes.OK;
    }
}
