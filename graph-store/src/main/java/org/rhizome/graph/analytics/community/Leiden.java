package org.rhizome.graph.analytics.community;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import nl.cwts.networkanalysis.Clustering;
import nl.cwts.networkanalysis.IterativeCPMClusteringAlgorithm;
import nl.cwts.networkanalysis.LeidenAlgorithm;
import nl.cwts.networkanalysis.LouvainAlgorithm;
import nl.cwts.networkanalysis.Network;
import nl.cwts.util.LargeIntArray;

import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * Modularity-based communities by the Leiden algorithm (Traag, Waltman & van Eck 2019) or the Louvain algorithm
 * (Blondel et al. 2008), both from the Leiden authors' own library ({@code nl.cwts:networkanalysis}), fed directly
 * from the graph's CSR arrays (no edge-list round trip).
 *
 * <p>Modularity with resolution γ is optimised as the library's CPM quality with node weights equal to degrees and
 * resolution γ / 2m, which is the reduction the library's own command-line runner uses. Each of {@code starts}
 * random starts runs up to {@code iterations} iterations (−1 iterates until the partition is stable; Leiden only:
 * the library's Louvain needs a positive count) from a generator seeded by {@code seed}; the partition with the
 * highest modularity is returned. The modularity reported is recomputed by {@link Modularity}. Memory: the
 * library's network holds 2m ints and 2m doubles.
 *
 * <p><b>Warm start</b> (the incremental use in a growth run). Given initial labels, for instance the previous
 * iteration's partition carried over by IRI ({@link #carryOver}), each start improves that partition instead of
 * starting from singletons (the library's {@code improveClustering}); nodes without a label start alone. On a graph
 * that grew by a few nodes the local moves then have little to do, and communities keep their members from one
 * iteration to the next instead of being rediscovered from scratch.
 */
public final class Leiden implements CommunityDetection {
    /** Which of the library's algorithms to run. */
    public enum Algorithm {
        LEIDEN,
        LOUVAIN
    }

    /**
     * @param algorithm  Leiden or Louvain
     * @param resolution γ of the modularity (1 = classical)
     * @param iterations iterations per start (−1: until stable, Leiden only)
     * @param starts     random starts; the best is kept
     * @param seed       seed of the random generator
     */
    public record Options(Algorithm algorithm, double resolution, int iterations, int starts, long seed) {
        public Options {
            Objects.requireNonNull(algorithm, "algorithm");
            if (!(resolution > 0)) {
                throw new IllegalArgumentException("resolution must be > 0, got " + resolution);
            }
            if (iterations == 0 || iterations < -1 || (iterations == -1 && algorithm == Algorithm.LOUVAIN)) {
                throw new IllegalArgumentException("iterations must be >= 1 (or -1 = until stable, Leiden only), got "
                        + iterations);
            }
            if (starts < 1) {
                throw new IllegalArgumentException("starts must be >= 1, got " + starts);
            }
        }

        /**
         * Leiden, two iterations, resolution 1, one start, seed 0. Two iterations, measured on a Barabási–Albert
         * graph of 20,000 nodes and 10^5 edges: modularity 0.296–0.298 in 0.2 s, where iterating until stable
         * reached 0.307–0.308 in 3.1–4.4 s and igraph's Leiden 0.286 in 0.2 s (benchmarks/README.md). Use −1 for
         * until stable.
         */
        public static Options leiden() {
            return new Options(Algorithm.LEIDEN, 1.0, 2, 1, 0L);
        }

        /**
         * Louvain, one iteration (one complete multilevel run of Blondel et al., as igraph's
         * {@code community_multilevel}; further iterations re-run it from the previous partition), resolution 1, one
         * start, seed 0.
         */
        public static Options louvain() {
            return new Options(Algorithm.LOUVAIN, 1.0, 1, 1, 0L);
        }

        public Options withSeed(long s) {
            return new Options(algorithm, resolution, iterations, starts, s);
        }

        public Options withResolution(double r) {
            return new Options(algorithm, r, iterations, starts, seed);
        }

        public Options withStarts(int k) {
            return new Options(algorithm, resolution, iterations, k, seed);
        }
    }

    private final UndirectedGraph graph;
    private final Options options;
    private final int[] initial;
    private Partition result;

    public Leiden(UndirectedGraph graph, Options options) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.options = Objects.requireNonNull(options, "options");
        this.initial = null;
    }

    /**
     * Warm start from {@code initialLabels}: one label per node, any non-negative int naming its starting
     * community, or −1 for a node that starts alone.
     *
     * @throws IllegalArgumentException if there is not one label per node, or a label is below −1
     */
    public Leiden(UndirectedGraph graph, Options options, int[] initialLabels) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.options = Objects.requireNonNull(options, "options");
        Objects.requireNonNull(initialLabels, "initialLabels");
        if (initialLabels.length != graph.nodeCount()) {
            throw new IllegalArgumentException("expected one initial label per node (" + graph.nodeCount()
                    + "), got " + initialLabels.length);
        }
        // Renumber to 0..k-1, giving each unlabelled node a community of its own.
        int[] renumbered = new int[initialLabels.length];
        Map<Integer, Integer> ids = new HashMap<>();
        for (int v = 0; v < initialLabels.length; v++) {
            int l = initialLabels[v];
            if (l < -1) {
                throw new IllegalArgumentException("initial label of node " + v + " must be >= -1, got " + l);
            }
            renumbered[v] = l == -1 ? -1 : ids.computeIfAbsent(l, k -> ids.size());
        }
        int next = ids.size();
        for (int v = 0; v < renumbered.length; v++) {
            if (renumbered[v] == -1) {
                renumbered[v] = next++;
            }
        }
        this.initial = renumbered;
    }

    /**
     * The labels of {@code previous} carried over to {@code graph} by IRI: a node of {@code graph} gets the community
     * its IRI had in {@code previous}, or −1 if the IRI is new. For {@link #Leiden(UndirectedGraph, Options, int[])}.
     */
    public static int[] carryOver(Partition previous, UndirectedGraph graph) {
        Objects.requireNonNull(previous, "previous");
        UndirectedGraph old = previous.graph();
        Map<String, Integer> byIri = new HashMap<>(old.nodeCount() * 2);
        for (int v = 0; v < old.nodeCount(); v++) {
            byIri.put(old.iri(v), previous.community(v));
        }
        int[] labels = new int[graph.nodeCount()];
        for (int v = 0; v < labels.length; v++) {
            labels[v] = byIri.getOrDefault(graph.iri(v), -1);
        }
        return labels;
    }

    @Override
    public synchronized Partition partition() {
        if (result != null) {
            return result;
        }
        int n = graph.nodeCount();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("resolution", options.resolution());
        params.put("iterations", options.iterations());
        params.put("starts", options.starts());
        params.put("seed", options.seed());
        if (initial != null) {
            params.put("warmStart", true);
        }
        String name = options.algorithm() == Algorithm.LEIDEN ? "leiden" : "louvain";
        if (graph.edgeCount() == 0) {
            int[] singletons = new int[n];
            for (int v = 0; v < n; v++) {
                singletons[v] = v;
            }
            result = Partition.of(name, params, graph, singletons, options.resolution());
            return result;
        }
        Network network = toNetwork(graph);
        double cpmResolution = options.resolution()
                / (2 * network.getTotalEdgeWeight() + network.getTotalEdgeWeightSelfLinks());
        Random random = new Random(options.seed());
        int[] best = null;
        double bestQ = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < options.starts(); s++) {
            IterativeCPMClusteringAlgorithm algo = options.algorithm() == Algorithm.LEIDEN
                    ? new LeidenAlgorithm(cpmResolution, options.iterations(), LeidenAlgorithm.DEFAULT_RANDOMNESS,
                            random)
                    : new LouvainAlgorithm(cpmResolution, options.iterations(), random);
            Clustering c;
            if (initial == null) {
                c = algo.findClustering(network);
            } else {
                c = new Clustering(initial.clone());
                algo.improveClustering(network, c);
            }
            int[] labels = c.getClusters();
            double q = Modularity.of(graph, labels, options.resolution());
            if (q > bestQ) {
                bestQ = q;
                best = labels;
            }
        }
        result = Partition.of(name, params, graph, best, options.resolution());
        return result;
    }

    /** The library's network over the same CSR: node weights = degrees (the modularity reduction). */
    static Network toNetwork(UndirectedGraph g) {
        int n = g.nodeCount();
        int[] off = g.offsetsArray();
        long[] first = new long[n + 1];
        for (int v = 0; v <= n; v++) {
            first[v] = off[v];
        }
        LargeIntArray neighbours = new LargeIntArray(g.neighboursArray().clone());
        return new Network(n, true, first, neighbours, false);
    }
}
