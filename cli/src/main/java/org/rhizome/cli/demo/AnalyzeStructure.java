package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import org.rhizome.cli.AnalysisSummary;
import org.rhizome.cli.Units;
import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.analytics.StoredAnalytics;
import org.rhizome.graph.analytics.report.ReportWriter;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Demo step: the structural analysis of {@code rhizome analyze} on the example graph: summary, hubs, bridges and
 * communities on the console, node scores stored for SPARQL, the metrics recorded as iteration 0 of the history,
 * and the report folder written beside the demo store ({@code <dir>-report}).
 */
public final class AnalyzeStructure implements DemoStep {
    @Override
    public String title() {
        return "Analyse the structure";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        long start = System.nanoTime();
        AnalysisReport r = new GraphAnalysis(AnalysisOptions.defaults()).run(GraphSnapshot.of(ctx.kg()));
        out.printf(Locale.US, "  analysed in %s (power-law p-value from %d bootstrap sets)%n",
                Units.duration(System.nanoTime() - start), AnalysisOptions.defaults().bootstrap());
        AnalysisSummary.print(r, out);
        int n = StoredAnalytics.storeScores(ctx.kg(), r);
        StoredAnalytics.record(ctx.kg(), 0, "demo", r);
        Path index = ReportWriter.write(r, StoredAnalytics.history(ctx.kg()),
                ctx.dataDir().resolveSibling(ctx.dataDir().getFileName() + "-report"));
        out.printf(Locale.US, "  stored scores of %,d nodes for SPARQL: GRAPH <%s> { ?node rz:pageRank ?pr }%n", n,
                StoredAnalytics.scoresGraph(ctx.kg()).getURI());
        out.println("  report: " + index);
    }
}
