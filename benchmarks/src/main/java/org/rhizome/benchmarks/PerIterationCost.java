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
 * prints each run's wall time and per-measure seconds, from scratch ("cold") and incrementally after an analysis of
 * the same graph without its last {@value #GROWTH} nodes, as a growth run does ("warm": Leiden starts from the
 * previous partition), with the Leiden modularity of each. Usage: {@code PerIterationCost N [runs]}.
 */
public final class PerIterationCost {
    /** Nodes added since the previous analysis in the incremental runs. */
    static final int GROWTH = 10;

    private PerIterationCost() {}

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int m = 3;
        SplittableRandom r = new SplittableRandom(1);
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        GraphSnapshot.Builder before = GraphSnapshot.builder();
        int rel = b.relationId("r");
        before.relationId("r");
        for (int v = 0; v < n; v++) {
            b.entityId("n" + v);
            if (v < n - GROWTH) {
                before.entityId("n" + v);
            }
        }
        int[] ends = new int[2 * n * m];
        int ne = 0;
        for (int v = 1; v < n; v++) {
            for (int k = 0; k < Math.min(m, v); k++) {
                int t = ne == 0 ? 0 : ends[r.nextInt(ne)];
                b.addEdge(v, rel, t);
                if (v < n - GROWTH) {
                    before.addEdge(v, rel, t);
                }
                ends[ne++] = t;
                ends[ne++] = v;
            }
        }
        GraphSnapshot s = b.build();
        GraphSnapshot previous = before.build();
        GraphAnalysis analysis = new GraphAnalysis(AnalysisOptions.perIteration());
        AnalysisReport last = analysis.run(previous);
        for (int run = 0; run < runs; run++) {
            long t0 = System.nanoTime();
            AnalysisReport report = analysis.run(s);
            System.out.printf(Locale.US, "n=%d edges=%d run %d cold: %.3f s, Leiden Q %.4f %s%n", n, s.edgeCount(),
                    run + 1, (System.nanoTime() - t0) / 1e9, report.leiden().modularity(), report.seconds());
            t0 = System.nanoTime();
            report = analysis.run(s, last);
            System.out.printf(Locale.US, "n=%d edges=%d run %d warm: %.3f s, Leiden Q %.4f %s%n", n, s.edgeCount(),
                    run + 1, (System.nanoTime() - t0) / 1e9, report.leiden().modularity(), report.seconds());
        }
    }
}
