package org.rhizome.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.io.ImportResult;
import org.rhizome.graph.io.Importer;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * One measured run, in a JVM of its own so that peak heap belongs to this run alone. Prints one line:
 * {@code RESULT <tool> <seconds> <statements> <peakHeapBytes>} (and for {@code snapshot}, edges and adjacency bytes).
 *
 * <p>Tools: {@code rhizome} (Importer into a fresh TDB2 store), {@code tdbloader} (Jena's {@code tdb2.tdbloader}
 * command from the same jars, default loader, into the default graph), {@code tdbloader-graph} (the same into one
 * named graph, the layout Rhizome writes), {@code snapshot} (GraphSnapshot.of over an existing store, best of
 * three after one warm-up build, then the best of four patches adding 100 edges with {@code withEdges}).
 */
public final class ImportRun {
    private ImportRun() {}

    public static void main(String[] args) throws Exception {
        String tool = args[0];
        Path input = Path.of(args[1]);
        Path store = Path.of(args[2]);
        long start = System.nanoTime();
        switch (tool) {
            case "rhizome" -> {
                try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
                    ImportResult r = Importer.importFile(kg, input);
                    report(tool, start, r.statements(), "");
                }
            }
            case "tdbloader" -> {
                tdb2.tdbloader.main("--loc", store.toString(), input.toString());
                report(tool, start, -1, "");
            }
            case "tdbloader-graph" -> {
                // Same layout as Rhizome: the file's triples into one named graph (quads, six indexes).
                tdb2.tdbloader.main("--loc", store.toString(), "--graph=https://rhizome.dev/bench/graph",
                        input.toString());
                report(tool, start, -1, "");
            }
            case "snapshot" -> {
                try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
                    GraphSnapshot.of(kg); // warm-up
                    double best = Double.MAX_VALUE;
                    GraphSnapshot s = null;
                    for (int i = 0; i < 3; i++) {
                        long t0 = System.nanoTime();
                        s = GraphSnapshot.of(kg);
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    }
                    // Cost of growing by patch (100 new edges, as one growth iteration might add) vs a rebuild.
                    String[][] delta = new String[100][];
                    for (int i = 0; i < delta.length; i++) {
                        delta[i] = new String[] {s.entityIri(i % s.entityCount()), "http://bench/new-relation",
                                "http://bench/new-entity-" + i};
                    }
                    double patch = Double.MAX_VALUE;
                    for (int i = 0; i < 4; i++) {
                        long t0 = System.nanoTime();
                        s.withEdges(delta);
                        patch = Math.min(patch, (System.nanoTime() - t0) / 1e9);
                    }
                    System.out.printf("RESULT snapshot %.3f %d %d %d %d %d %.3f%n", best, s.edgeCount(), peakHeap(),
                            s.entityCount(), s.adjacencyBytes(), s.estimatedBytes(), patch);
                }
            }
            default -> throw new IllegalArgumentException(
                    "tool must be rhizome, tdbloader, tdbloader-graph or snapshot: " + tool);
        }
    }

    private static void report(String tool, long start, long statements, String extra) {
        System.out.printf("RESULT %s %.3f %d %d%s%n", tool, (System.nanoTime() - start) / 1e9, statements, peakHeap(),
                extra);
    }

    /** Sum of the peak usage of every heap pool since the JVM started (an upper bound of the true peak). */
    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
