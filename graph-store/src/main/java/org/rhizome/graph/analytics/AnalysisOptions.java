package org.rhizome.graph.analytics;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

import org.rhizome.graph.analytics.internal.Parallel;

/**
 * What {@link GraphAnalysis} runs and how.
 *
 * @param metrics              the measures to run
 * @param seed                 seed of every random choice (pivots, sampled sources, community starts, bootstrap)
 * @param threads              worker threads for the parallel measures
 * @param exactNodeLimit       up to this many nodes, betweenness, closeness and path lengths are exact; above it
 *                             they are sampled
 * @param pivots               pivots (betweenness, closeness) and sources (paths) when sampling
 * @param resolution           modularity resolution γ for the community algorithms
 * @param communityStarts      random starts of Leiden and Louvain (best modularity kept)
 * @param bootstrap            bootstrap data sets for the power-law p-value (0 skips the p-value)
 * @param topK                 length of the hub, bridge and community tables
 * @param allCommunityAlgorithms with {@link Metric#COMMUNITIES}, run Louvain and label propagation beside Leiden
 *                             (for comparison); otherwise Leiden only
 */
public record AnalysisOptions(Set<Metric> metrics, long seed, int threads, int exactNodeLimit, int pivots,
        double resolution, int communityStarts, int bootstrap, int topK, boolean allCommunityAlgorithms) {

    public AnalysisOptions {
        metrics = Set.copyOf(Objects.requireNonNull(metrics, "metrics"));
        if (threads < 1 || exactNodeLimit < 0 || pivots < 1 || communityStarts < 1 || bootstrap < 0 || topK < 0) {
            throw new IllegalArgumentException("need threads >= 1, exactNodeLimit >= 0, pivots >= 1, "
                    + "communityStarts >= 1, bootstrap >= 0, topK >= 0");
        }
        if (!(resolution > 0)) {
            throw new IllegalArgumentException("resolution must be > 0, got " + resolution);
        }
    }

    /**
     * Everything: exact up to 5,000 nodes (exact betweenness there takes about a second), 256 pivots above,
     * resolution 1, 3 community starts, 100 bootstrap sets (Clauset et al. suggest about 2,500 for two-digit
     * p-value accuracy; 100 gives about ±0.05), top 10, seed 42.
     */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(EnumSet.allOf(Metric.class), 42L, Parallel.defaultThreads(), 5_000, 256, 1.0, 3,
                100, 10, true);
    }

    /**
     * The per-iteration preset of a growth run: everything but closeness and eigenvector, no bootstrap, Leiden only
     * with one start, exact up to 2,000 nodes and 64 pivots above. Measured on preferential-attachment graphs
     * (benchmarks/README.md): 0.13 s at 10^3 nodes, 0.22 s at 10^4, 2.3 s at 10^5 (medians of 5, warm JVM).
     */
    public static AnalysisOptions perIteration() {
        EnumSet<Metric> m = EnumSet.allOf(Metric.class);
        m.remove(Metric.CLOSENESS);
        m.remove(Metric.EIGENVECTOR);
        return new AnalysisOptions(m, 42L, Parallel.defaultThreads(), 2_000, 64, 1.0, 1, 0, 10, false);
    }

    public AnalysisOptions withMetrics(Set<Metric> m) {
        return new AnalysisOptions(m, seed, threads, exactNodeLimit, pivots, resolution, communityStarts, bootstrap,
                topK, allCommunityAlgorithms);
    }

    public AnalysisOptions withSeed(long s) {
        return new AnalysisOptions(metrics, s, threads, exactNodeLimit, pivots, resolution, communityStarts,
                bootstrap, topK, allCommunityAlgorithms);
    }

    public AnalysisOptions withThreads(int t) {
        return new AnalysisOptions(metrics, seed, t, exactNodeLimit, pivots, resolution, communityStarts, bootstrap,
                topK, allCommunityAlgorithms);
    }

    public AnalysisOptions withExactNodeLimit(int limit) {
        return new AnalysisOptions(metrics, seed, threads, limit, pivots, resolution, communityStarts, bootstrap,
                topK, allCommunityAlgorithms);
    }

    public AnalysisOptions withPivots(int p) {
        return new AnalysisOptions(metrics, seed, threads, exactNodeLimit, p, resolution, communityStarts, bootstrap,
                topK, allCommunityAlgorithms);
    }

    public AnalysisOptions withResolution(double r) {
        return new AnalysisOptions(metrics, seed, threads, exactNodeLimit, pivots, r, communityStarts, bootstrap,
                topK, allCommunityAlgorithms);
    }

    public AnalysisOptions withBootstrap(int b) {
        return new AnalysisOptions(metrics, seed, threads, exactNodeLimit, pivots, resolution, communityStarts, b,
                topK, allCommunityAlgorithms);
    }

    public AnalysisOptions withAllCommunityAlgorithms(boolean all) {
        return new AnalysisOptions(metrics, seed, threads, exactNodeLimit, pivots, resolution, communityStarts,
                bootstrap, topK, all);
    }

    public AnalysisOptions withTopK(int k) {
        return new AnalysisOptions(metrics, seed, threads, exactNodeLimit, pivots, resolution, communityStarts,
                bootstrap, k, allCommunityAlgorithms);
    }
}
