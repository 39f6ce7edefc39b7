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
import org.jgrapht.alg.util.Pair;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.SimpleGraph;
import org.jgrapht.opt.graph.sparse.SparseIntUndirectedGraph;
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
 * undirected graph, with Rhizome's array code over the CSR, with JGraphT 1.5.3 on a {@code SimpleGraph} (its standard
 * hash-based graph, what a JGraphT user builds) and with JGraphT on the {@code SparseIntUndirectedGraph} of
 * {@code jgrapht-opt} (1.5.2: CSR arrays of ints, immutable, built for speed). One thread each, median of
 * {@code reps} runs after one warm-up run. Checks that all three give the same numbers before timing them.
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
        List<Pair<Integer, Integer>> pairs = new ArrayList<>();
        for (int v = 0; v < g.nodeCount(); v++) {
            for (int i = g.start(v); i < g.end(v); i++) {
                if (g.neighbour(i) > v) {
                    pairs.add(Pair.of(v, g.neighbour(i)));
                }
            }
        }
        Graph<Integer, Integer> sp = new SparseIntUndirectedGraph(g.nodeCount(), pairs);
        System.out.printf(Locale.US, "%s: %,d nodes, %,d edges; JGraphT 1.5.3 SimpleGraph, JGraphT on jgrapht-opt's "
                + "SparseIntUndirectedGraph, Rhizome arrays; 1 thread, median of %d%n", file.getFileName(),
                g.nodeCount(), g.edgeCount(), reps);
        System.out.println("| measure | JGraphT SimpleGraph s | JGraphT sparse s | Rhizome s | SimpleGraph / Rhizome "
                + "| sparse / Rhizome | same result |");
        System.out.println("|---|---:|---:|---:|---:|---:|---|");

        double[] bcR = new Betweenness(g, new Betweenness.Options(0, 0, 1)).scores().values();
        double maxRel = Math.max(maxRelDiff(new BetweennessCentrality<>(j, false).getScores(), bcR),
                maxRelDiff(new BetweennessCentrality<>(sp, false).getScores(), bcR));
        row("betweenness (exact)", reps, () -> new BetweennessCentrality<>(j, false).getScores(),
                () -> new BetweennessCentrality<>(sp, false).getScores(),
                () -> new Betweenness(g, new Betweenness.Options(0, 0, 1)).scores(), maxRel < 1e-9);
        double[] prR = new PageRank(g).scores().values();
        double prDiff = Math.max(
                maxAbsDiff(new org.jgrapht.alg.scoring.PageRank<>(j, 0.85, 1000, 1e-10).getScores(), prR),
                maxAbsDiff(new org.jgrapht.alg.scoring.PageRank<>(sp, 0.85, 1000, 1e-10).getScores(), prR));
        row("PageRank", reps, () -> new org.jgrapht.alg.scoring.PageRank<>(j, 0.85, 1000, 1e-10).getScores(),
                () -> new org.jgrapht.alg.scoring.PageRank<>(sp, 0.85, 1000, 1e-10).getScores(),
                () -> new PageRank(g).scores(), prDiff < 1e-6);
        int comps = Components.weak(g).count();
        row("connected components", reps, () -> new ConnectivityInspector<>(j).connectedSets().size(),
                () -> new ConnectivityInspector<>(sp).connectedSets().size(), () -> Components.weak(g).count(),
                new ConnectivityInspector<>(j).connectedSets().size() == comps
                        && new ConnectivityInspector<>(sp).connectedSets().size() == comps);
        int maxCore = KCore.maxCore(KCore.coreNumbers(g));
        row("k-core", reps, () -> new Coreness<>(j).getScores(), () -> new Coreness<>(sp).getScores(),
                () -> KCore.coreNumbers(g), new Coreness<>(j).getDegeneracy() == maxCore
                        && new Coreness<>(sp).getDegeneracy() == maxCore);
        double trans = Clustering.of(g).transitivity();
        double transJ = new ClusteringCoefficient<>(j).getGlobalClusteringCoefficient();
        double transS = new ClusteringCoefficient<>(sp).getGlobalClusteringCoefficient();
        System.out.printf(Locale.US, "transitivity: Rhizome %.10f, JGraphT SimpleGraph %.10f, sparse %.10f%n", trans,
                transJ, transS);
        row("transitivity", reps, () -> new ClusteringCoefficient<>(j).getGlobalClusteringCoefficient(),
                () -> new ClusteringCoefficient<>(sp).getGlobalClusteringCoefficient(),
                () -> Clustering.of(g).transitivity(),
                Math.abs(transJ - trans) < 1e-9 && Math.abs(transS - trans) < 1e-9);
        // Label propagation is randomised differently in each library: partitions are not compared.
        row("label propagation", reps, () -> new LabelPropagationClustering<>(j, 100, new java.util.Random(1))
                .getClustering(), () -> new LabelPropagationClustering<>(sp, 100, new java.util.Random(1))
                .getClustering(), () -> new LabelPropagation(g, 1).partition(), null);
    }

    private static double maxRelDiff(java.util.Map<Integer, Double> scores, double[] reference) {
        double d = 0;
        for (int v = 0; v < reference.length; v++) {
            // Both count each unordered pair once on an undirected graph.
            d = Math.max(d, Math.abs(scores.get(v) - reference[v]) / Math.max(1, reference[v]));
        }
        return d;
    }

    private static double maxAbsDiff(java.util.Map<Integer, Double> scores, double[] reference) {
        double d = 0;
        for (int v = 0; v < reference.length; v++) {
            d = Math.max(d, Math.abs(scores.get(v) - reference[v]));
        }
        return d;
    }

    private static void row(String name, int reps, Supplier<?> jgrapht, Supplier<?> sparse, Supplier<?> rhizome,
            Boolean same) {
        double tj = median(jgrapht, reps);
        double ts = median(sparse, reps);
        double tr = median(rhizome, reps);
        System.out.printf(Locale.US, "| %s | %.3f | %.3f | %.3f | %.1fx | %.1fx | %s |%n", name, tj, ts, tr, tj / tr,
                ts / tr, same == null ? "not compared" : same ? "yes" : "NO");
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
