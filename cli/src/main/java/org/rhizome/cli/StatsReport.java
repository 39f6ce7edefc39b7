package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.rhizome.graph.GraphStats;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.graph.snapshot.SnapshotOptions;

/**
 * What {@code rhizome stats} (and the demo's statistics step) reports about a store: the store's
 * {@link GraphStats} and the {@link SnapshotSummary} of its asserted statements, as aligned text or one flat JSON
 * object.
 *
 * @param store    the store directory, or empty text for an in-memory graph
 * @param stats    store-level counts
 * @param snapshot shape of the integer snapshot
 */
public record StatsReport(String store, GraphStats stats, SnapshotSummary snapshot) {
    public StatsReport {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(stats, "stats");
        Objects.requireNonNull(snapshot, "snapshot");
    }

    /** Reads the counts and builds a snapshot of {@code kg} (O(quads) store work). */
    public static StatsReport of(KnowledgeGraph kg, ProgressListener progress) {
        GraphStats stats = kg.stats();
        GraphSnapshot snap = GraphSnapshot.of(kg, SnapshotOptions.defaults().withProgress(progress));
        return new StatsReport(kg.location().map(Path::toString).orElse(""), stats, SnapshotSummary.of(snap));
    }

    /** The report as label/value pairs, in print order. */
    public List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        if (!store.isEmpty()) {
            rows.add(new String[] {"store", store});
        }
        rows.add(new String[] {"statements", Units.count(stats.statements())});
        rows.add(new String[] {"quads", Units.count(stats.quads())});
        rows.add(new String[] {"sources", Units.count(stats.sources())});
        rows.add(new String[] {"concepts", Units.count(stats.concepts())});
        rows.add(new String[] {"relation types", Units.count(stats.relationTypes())});
        rows.add(new String[] {"merges", Units.count(stats.merges())});
        rows.add(new String[] {"snapshot entities", Units.count(snapshot.entities())});
        rows.add(new String[] {"snapshot relations", Units.count(snapshot.relations())});
        rows.add(new String[] {"snapshot edges", Units.count(snapshot.edges())});
        rows.add(new String[] {"out-degree", String.format(Locale.US, "max %,d, mean %.2f",
                snapshot.maxOutDegree(), snapshot.meanOutDegree())});
        rows.add(new String[] {"in-degree", String.format(Locale.US, "max %,d, mean %.2f",
                snapshot.maxInDegree(), snapshot.meanInDegree())});
        rows.add(new String[] {"self-loops", Units.count(snapshot.selfLoops())});
        rows.add(new String[] {"adjacency", String.format(Locale.US, "%s (%.1f bytes/edge)",
                Units.bytes(snapshot.adjacencyBytes()), snapshot.bytesPerEdge())});
        return rows;
    }

    /** Prints the report as aligned {@code label  value} lines, each prefixed by {@code indent}. */
    public void printText(PrintWriter out, String indent) {
        List<String[]> rows = rows();
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        for (String[] r : rows) {
            out.println(indent + r[0] + " ".repeat(width - r[0].length() + 2) + r[1]);
        }
    }

    /** The report as one flat JSON object with snake_case names and raw numbers. */
    public String toJson() {
        Json j = new Json();
        if (!store.isEmpty()) {
            j.put("store", store);
        }
        return j.put("statements", stats.statements())
                .put("quads", stats.quads())
                .put("sources", stats.sources())
                .put("concepts", stats.concepts())
                .put("relation_types", stats.relationTypes())
                .put("merges", stats.merges())
                .put("entities", snapshot.entities())
                .put("relations", snapshot.relations())
                .put("edges", snapshot.edges())
                .put("max_out_degree", snapshot.maxOutDegree())
                .put("mean_out_degree", snapshot.meanOutDegree())
                .put("max_in_degree", snapshot.maxInDegree())
                .put("mean_in_degree", snapshot.meanInDegree())
                .put("self_loops", snapshot.selfLoops())
                .put("adjacency_bytes", snapshot.adjacencyBytes())
                .put("adjacency_bytes_per_edge", snapshot.bytesPerEdge())
                .toString();
    }
}
