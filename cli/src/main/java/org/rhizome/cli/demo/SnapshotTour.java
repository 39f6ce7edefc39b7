package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.IntStream;

import org.rhizome.cli.SnapshotSummary;
import org.rhizome.cli.TextTable;
import org.rhizome.cli.Units;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.graph.snapshot.SnapshotOptions;

/**
 * Demo step: builds the integer {@link GraphSnapshot} that graph algorithms run on and shows its size, the five
 * entities with the highest total degree, and the memory its adjacency takes per edge.
 */
public final class SnapshotTour implements DemoStep {
    @Override
    public String title() {
        return "Snapshot";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        long start = System.nanoTime();
        GraphSnapshot snap = GraphSnapshot.of(ctx.kg(), SnapshotOptions.defaults().withProgress(ctx.progress()));
        long elapsed = System.nanoTime() - start;
        SnapshotSummary s = SnapshotSummary.of(snap);
        out.printf(Locale.US, "  built in %s: %,d entities, %,d relations, %,d edges (dense ids, CSR adjacency in "
                + "both directions)%n", Units.duration(elapsed), s.entities(), s.relations(), s.edges());
        out.println();
        out.println("  The 5 entities with the highest total degree (out + in):");
        TextTable t = new TextTable("entity", "out", "in", "total");
        for (int v : topByDegree(snap, 5)) {
            t.row(snap.entityLabel(v), snap.outDegree(v), snap.inDegree(v), snap.outDegree(v) + snap.inDegree(v));
        }
        t.print(out, "    ");
        out.println();
        out.printf(Locale.US, "  adjacency: %s for %,d edges = %.1f bytes per edge%n",
                Units.bytes(s.adjacencyBytes()), s.edges(), s.bytesPerEdge());
    }

    /** The {@code k} entities of highest total degree, ties broken by label. */
    static int[] topByDegree(GraphSnapshot snap, int k) {
        Integer[] ids = IntStream.range(0, snap.entityCount()).boxed().toArray(Integer[]::new);
        Arrays.sort(ids, Comparator.<Integer>comparingInt(v -> -(snap.outDegree(v) + snap.inDegree(v)))
                .thenComparing(snap::entityLabel));
        return Arrays.stream(ids).limit(k).mapToInt(Integer::intValue).toArray();
    }
}
