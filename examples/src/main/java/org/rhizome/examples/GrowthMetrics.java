package org.rhizome.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.analytics.StoredAnalytics;
import org.rhizome.graph.analytics.report.ReportWriter;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Measuring a graph as it grows: each iteration writes a batch of new concepts linked by preferential attachment
 * (a stand-in for what the growth loop's LLM adds), then records the graph's metrics in the store's history, the
 * way a growth run does. At the end it prints the series and writes a report with the time-series plots.
 *
 * <p>Run: {@code mvn -q -pl examples -am package -DskipTests && java -cp "examples/target/classes:$(cat
 * examples/target/examples.classpath)" org.rhizome.examples.GrowthMetrics [store-dir] [iterations]}.
 */
public final class GrowthMetrics {
    private GrowthMetrics() {}

    public static void main(String[] args) throws Exception {
        Path store = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("rhizome-growth");
        int iterations = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        run(store, iterations, System.out);
    }

    /** Grows the graph for {@code iterations} and returns the recorded history. */
    public static List<StoredAnalytics.MetricsPoint> run(Path store, int iterations, PrintStream out) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> ends = new ArrayList<>(); // one entry per edge end: sampling it is preferential attachment
        int next = 0;
        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            GraphAnalysis analysis = new GraphAnalysis(AnalysisOptions.perIteration());
            out.printf("%4s %6s %6s %6s %8s %10s %9s%n", "iter", "nodes", "edges", "maxDeg", "alpha", "modularity",
                    "seconds");
            for (int it = 1; it <= iterations; it++) {
                int first = next;
                next += 20;
                kg.write(Source.builder(SourceKind.GROWTH_ITERATION, Integer.toString(it)).model("simulated").build(),
                        w -> {
                            var rel = w.relationType("relates to");
                            for (int c = first; c < first + 20; c++) {
                                var node = w.concept("concept " + c);
                                for (int k = 0; k < 2; k++) {
                                    String target = ends.isEmpty() ? "concept 0"
                                            : ends.get(random.nextInt(ends.size()));
                                    if (!target.equals("concept " + c)) {
                                        w.add(node, rel, w.concept(target));
                                        ends.add(target);
                                        ends.add("concept " + c);
                                    }
                                }
                            }
                        });
                long t0 = System.nanoTime();
                AnalysisReport r = analysis.run(GraphSnapshot.of(kg));
                StoredAnalytics.MetricsPoint p = StoredAnalytics.record(kg, it, "iteration " + it, r);
                out.printf("%4d %6.0f %6.0f %6.0f %8.3f %10.4f %9.3f%n", it, p.value("nodes"), p.value("edges"),
                        p.value("maxDegree"), p.value("powerLawAlpha"), p.value("modularity"),
                        (System.nanoTime() - t0) / 1e9);
            }
            List<StoredAnalytics.MetricsPoint> history = StoredAnalytics.history(kg);
            AnalysisReport last = new GraphAnalysis(AnalysisOptions.defaults()).run(GraphSnapshot.of(kg));
            Path index = ReportWriter.write(last, history, store.resolveSibling(store.getFileName() + "-report"));
            out.println("report with the time series: " + index);
            return history;
        }
    }
}
