package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.RankedNode;
import org.rhizome.graph.analytics.community.Partition;

/** The console summary of an {@link AnalysisReport}, shared by {@code rhizome analyze} and the demo. */
public final class AnalysisSummary {
    private AnalysisSummary() {}

    /** Prints the scalar table, the power-law verdict, hubs, bridges, communities and notes. */
    public static void print(AnalysisReport r, PrintWriter out) {
        TextTable t = new TextTable("measure", "value");
        for (Map.Entry<String, AnalysisReport.Measure> e : r.scalars().entrySet()) {
            double v = e.getValue().value();
            String s = v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.US, "%,d", (long) v)
                    : String.format(Locale.US, "%.4f", v);
            t.row(e.getKey(), e.getValue().exact() ? s : s + " (estimated)");
        }
        t.print(out, "  ");
        if (r.powerLaw() != null) {
            out.println("  power law: " + r.powerLaw().verdict());
        }
        if (r.hubsAndBridges() != null) {
            out.println("  hubs by PageRank: " + labels(r.hubsAndBridges().hubsByPageRank(), 5));
            out.println("  bridges by betweenness: " + labels(r.hubsAndBridges().bridgesByBetweenness(), 5));
            out.println("  bridges by participation: " + labels(r.hubsAndBridges().bridgesByParticipation(), 5));
        }
        Partition p = r.bestPartition();
        if (p != null) {
            out.printf(Locale.US, "  communities (%s): %d, modularity %.4f, largest sizes %s%n", p.algorithm(),
                    p.count(), p.modularity(), sizes(p, 5));
        }
        for (String n : r.notes()) {
            out.println("  note: " + n);
        }
        out.flush();
    }

    private static String labels(List<RankedNode> nodes, int k) {
        return String.join(", ", nodes.stream().limit(k).map(RankedNode::label).toList());
    }

    private static String sizes(Partition p, int k) {
        int[] s = p.sizes();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(k, s.length); i++) {
            b.append(i == 0 ? "" : ", ").append(s[i]);
        }
        return b.toString();
    }
}
