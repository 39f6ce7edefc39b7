package org.rhizome.benchmarks;

import java.util.Locale;
import java.util.SplittableRandom;

import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * The cost of {@link AnalysisOptions#perIteration()} on a preferential-attachment graph of {@code n} nodes (each
 * new node links to 3 earlier ones chosen in proportion to their degree, seed 1), run {@code runs} times in one JVM;
 * prints each run's wall time and per-measure seconds. Usage: {@code PerIterationCost N [runs]}.
 */
public final class PerIterationCost {
    private PerIterationCost() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int m = 3;
        SplittableRandom r = new SplittableRandom(1);
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        int rel = b.relationId("r");
        for (int v = 0; v < n; v++) {
            b.entityId("n" + v);
        }
        int[] ends = new int[2 * n * m];
        int ne = 0;
        for (int v = 1; v < n; v++) {
            for (int k = 0; k < Math.min(m, v); k++) {
                int t = ne == 0 ? 0 : ends[r.nextInt(ne)];
                b.addEdge(v, rel, t);
                ends[ne++] = t;
                ends[ne++] = v;
            }
        }
        GraphSnapshot s = b.build();
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            AnalysisReport report = new GraphAnalysis(AnalysisOptions.perIteration()).run(s);
            System.out.printf(Locale.US, "n=%d edges=%d run %d: %.3f s %s%n", n, s.edgeCount(), run + 1,
                    (System.nanoTime() - t0) / 1e9, report.seconds());
        }
    }
}
