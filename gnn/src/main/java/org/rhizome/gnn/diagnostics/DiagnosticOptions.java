package org.rhizome.gnn.diagnostics;

import java.util.Objects;

/**
 * Settings of a {@link LinkDiagnostics} run.
 *
 * @param hops            K, the depth of TC's computation trees and ATC's propagation steps, at least 1
 * @param split           the held-out triples to evaluate and take neighbours from: {@link Split#TEST} or
 *                        {@link Split#VALID}
 * @param atcDimension    d, the columns of ATC's random projection, at least 1
 * @param seed            seed of ATC's random projection (the only random choice)
 * @param threads         threads for the rank evaluation, TC and ATC, at least 1
 * @param attribution     who a query's rank is credited to in the per-entity MRR
 * @param undefinedAsZero in the correlations and plots, count an undefined TC or ATC as 0, as the reference
 *                        analysis does ({@code true}), or leave those entities out of that feature's
 *                        correlation ({@code false})
 */
public record DiagnosticOptions(int hops, Split split, int atcDimension, long seed, int threads,
        NodeMrr.Attribution attribution, boolean undefinedAsZero) {

    /** The reference analysis code's seed ({@code seed_everything(1028)}). */
    public static final long DEFAULT_SEED = 1028;

    public DiagnosticOptions {
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(attribution, "attribution");
        if (hops < 1) {
            throw new IllegalArgumentException("hops (K) must be at least 1, got " + hops);
        }
        if (split == Split.TRAIN) {
            throw new IllegalArgumentException("split must be test or valid (the held-out triples to evaluate), "
                    + "got train");
        }
        if (atcDimension < 1) {
            throw new IllegalArgumentException("atcDimension must be at least 1, got " + atcDimension);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /**
     * The reference settings: K = 1, the test split, d = 64, seed 1028, one thread, ranks credited to the answer
     * entity, undefined values counted as 0.
     */
    public static DiagnosticOptions defaults() {
        return new DiagnosticOptions(1, Split.TEST, ApproximateTopologicalConcentration.DEFAULT_DIMENSION,
                DEFAULT_SEED, 1, NodeMrr.Attribution.ANSWER, true);
    }

    public DiagnosticOptions withHops(int k) {
        return new DiagnosticOptions(k, split, atcDimension, seed, threads, attribution, undefinedAsZero);
    }

    public DiagnosticOptions withSplit(Split s) {
        return new DiagnosticOptions(hops, s, atcDimension, seed, threads, attribution, undefinedAsZero);
    }

    public DiagnosticOptions withAtcDimension(int d) {
        return new DiagnosticOptions(hops, split, d, seed, threads, attribution, undefinedAsZero);
    }

    public DiagnosticOptions withSeed(long s) {
        return new DiagnosticOptions(hops, split, atcDimension, s, threads, attribution, undefinedAsZero);
    }

    public DiagnosticOptions withThreads(int t) {
        return new DiagnosticOptions(hops, split, atcDimension, seed, t, attribution, undefinedAsZero);
    }

    public DiagnosticOptions withAttribution(NodeMrr.Attribution a) {
        return new DiagnosticOptions(hops, split, atcDimension, seed, threads, a, undefinedAsZero);
    }

    public DiagnosticOptions withUndefinedAsZero(boolean zero) {
        return new DiagnosticOptions(hops, split, atcDimension, seed, threads, attribution, zero);
    }
}
