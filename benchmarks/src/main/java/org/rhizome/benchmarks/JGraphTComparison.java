package org.rhizome.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jgrapht.Graph;
import org.jgrapht.alg.clustering.LabelPropagationClustering;
import org.jgrapht.alg.connectivity.ConnectivityInspector;
import org.jgrapht.alg.scoring.BetweennessCentrality;
import org.jgrapht.alg.scoring.ClusteringCoefficient;
import org.jgrapht.alg.scoring.Coreness;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.centrality.Betweenness;
import org.rhizome.graph.analytics.centrality.PageRank;
import org.rhizome.graph.analytics.community.LabelPropagation;
import org.rhizome.graph.analytics.structure.Clustering;
import org.rhizome.graph.analytics.structure.Components;
import org.rhizome.graph.analytics.structure.KCore;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * The measurement behind "plain arrays or JGraphT" in the analytics: the same measures on the same simple
 * undirected graph, once with Rhizome's array code over the CSR, once with JGraphT 1.5.3 on a {@code SimpleGraph}
 * (its standard hash-based graph, what a JGraphT user builds), one thread each, median of {@code reps} runs after one
 * warm-up run. Checks that both give the same numbers before timing them.
 *
 * <p>Usage: {@code JGraphTComparison EDGE-LIST [reps]} (whitespace-separated pairs, # and % lines skipped).
 */
public final class JGraphTComparison {
    private JGraphTComparison() {}

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (!Files.exists(file)) {
            System.out.println("skipped: " + file + " is absent");
            return;
        }
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        int rel = b.relationId("edge");
        for (String line : Files.readAllLines(file)) {
            String t = line.strip();
            if (t.isEmpty() || t.charAt(0) == '#' || t.charAt(0) == '%') {
                continue;
            }
            String[] p = t.split("\\s+");
            b.addEdge(b.entityId(p[0]), rel, b.entityId(p[p.length >= 3 ? 2 : 1]));
        }
        UndirectedGraph g = UndirectedGraph.of(b.build());
        Graph<Integer, DefaultEdge> j = new SimpleGraph<>(DefaultEdge.class);
        for (int v = 0; v < g.nodeCount(); v++) {
            j.addVertex(v);
        }
        for (int v = 0; v < g.nodeCount(); v++) {
            for (int i = g.start(v); i < g.end(v); i++) {
                if (g.neighbour(i) > v) {
                    j.addEdge(v, g.neighbour(i));
                }
            }
        }
        System.out.printf(Locale.US, "%s: %,d nodes, %,d edges, JGraphT 1.5.3 SimpleGraph vs Rhizome arrays, "
                + "1 thread, median of %d%n", file.getFileName(), g.nodeCount(), g.edgeCount(), reps);
        System.out.println("| measure | JGraphT s | Rhizome s | ratio | same result |");
        System.out.println("|---|---:|---:|---:|---|");

        double[] bcR = new Betweenness(g, new Betweenness.Options(0, 0, 1)).scores().values();
        var bcJ = new BetweennessCentrality<>(j, false).getScores();
        double maxRel = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            // Both count each unordered pair once on an undirected graph.
            maxRel = Math.max(maxRel, Math.abs(bcJ.get(v) - bcR[v]) / Math.max(1, bcR[v]));
        }
        row("betweenness (exact)", reps, () -> new BetweennessCentrality<>(j, false).getScores(),
                () -> new Betweenness(g, new Betweenness.Options(0, 0, 1)).scores(), maxRel < 1e-9);
        var prJ = new org.jgrapht.alg.scoring.PageRank<>(j, 0.85, 1000, 1e-10).getScores();
        double[] prR = new PageRank(g).scores().values();
        double prDiff = 0;
        for (int v = 0; v < g.nodeCount(); v++) {
            prDiff = Math.max(prDiff, Math.abs(prJ.get(v) - prR[v]));
        }
        row("PageRank", reps, () -> new org.jgrapht.alg.scoring.PageRank<>(j, 0.85, 1000, 1e-10).getScores(),
                () -> new PageRank(g).scores(), prDiff < 1e-6);
        row("connected components", reps, () -> new ConnectivityInspector<>(j).connectedSets().size(),
                () -> Components.weak(g).count(),
                new ConnectivityInspector<>(j).connectedSets().size() == Components.weak(g).count());
        int maxCoreJ = new Coreness<>(j).getDegeneracy();
        row("k-core", reps, () -> new Coreness<>(j).getScores(), () -> KCore.coreNumbers(g),
                maxCoreJ == KCore.maxCore(KCore.coreNumbers(g)));
        double transJ = new ClusteringCoefficient<>(j).getGlobalClusteringCoefficient();
        row("transitivity", reps, () -> new ClusteringCoefficient<>(j).getGlobalClusteringCoefficient(),
                () -> Clustering.of(g).transitivity(), Math.abs(transJ - Clustering.of(g).transitivity()) < 1e-9);
        // Label propagation is randomised differently in each library: partitions are not compared.
        row("label propagation", reps, () -> new LabelPropagationClustering<>(j, 100, new java.util.Random(1))
                .getClustering(), () -> new LabelPropagation(g, 1).partition(), null);
    }

    private static void row(String name, int reps, Supplier<?> jgrapht, Supplier<?> rhizome, Boolean same) {
        double tj = median(jgrapht, reps);
        double tr = median(rhizome, reps);
        System.out.printf(Locale.US, "| %s | %.3f | %.3f | %.1fx | %s |%n", name, tj, tr, tj / tr,
                same == null ? "not compared" : same ? "yes" : "NO");
    }

    private static double median(Supplier<?> work, int reps) {
        work.get();
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            work.get();
            t.add((System.nanoTime() - t0) / 1e9);
        }
        double[] a = t.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
