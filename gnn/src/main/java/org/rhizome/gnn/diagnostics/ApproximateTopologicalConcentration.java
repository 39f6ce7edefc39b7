package org.rhizome.gnn.diagnostics;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Approximated Topological Concentration (ATC) of every node: TC's overlap of computation trees estimated by
 * propagating random vectors over the training graph and comparing the results (Wang et al., "A Topological
 * Perspective on Demystifying GNN-Based Link Prediction Performance", ICLR 2024, arXiv 2310.04612). Linear in the
 * graph where TC can grow with the neighbourhoods' size.
 *
 * <p><b>Definition</b> (the semantics of the authors' analysis code, {@code cal_appro_tc}). With the training
 * adjacency plus one self-loop per node, {@code Ã = A + I}, and its row normalisation {@code P = D̃^-1 Ã} (the mean
 * over a node and its neighbours), a projection {@code R} of shape {@code [n, d]}:
 *
 * <pre>
 * Z       = (1/K) sum_{k=1..K} P^k R          (R itself, k = 0, is not included)
 * f(i, j) = Z_i . Z_j / max(|Z_i| |Z_j|, 1e-6)
 * ATC_i   = mean over j in N_i^split of f(i, j)
 * </pre>
 *
 * {@code R} is either drawn with iid entries {@code N(0, (1/64)^2)} from an injected generator, as the reference
 * does (the scale only matters through the {@code 1e-6} floor of the cosine), or given ({@link Builder#projection});
 * {@code R = I} makes ATC exact and is what tests use. ATC is undefined (empty) for nodes without a neighbour of the
 * split; unlike TC it needs no training edge: a node isolated in training keeps its own random row.
 *
 * <p><b>Cost.</b> O(K d (m + n)) time for {@code Z} and O(d) per neighbour pair; memory {@code 8 n d} bytes for
 * each of {@code R}, one more propagation buffer and {@code Z} ({@code R} is overwritten by the propagation and
 * released once {@code Z} is built).
 *
 * <p><b>Threads and determinism.</b> {@code R} is drawn in {@link Builder#build()} on the calling thread, in
 * row-major order. Propagation and the per-node means are shared out by rows over the threads; every row is summed
 * in neighbour order by one thread, so for a given {@code R} the result is identical for every thread count.
 * {@code Z} is built on the first request and each split is cached; the object is thread-safe.
 */
public final class ApproximateTopologicalConcentration {
    /** The reference's dimension of {@code R}. */
    public static final int DEFAULT_DIMENSION = 64;
    /** The reference's standard deviation of the entries of a random {@code R}. */
    public static final double SIGMA = 1.0 / 64;
    /** The floor of the cosine's denominator (as PyTorch's {@code CosineSimilarity}). */
    public static final double COSINE_EPS = 1e-6;

    private final LinkSplits splits;
    private final int hops;
    private final int dimension;
    private final int threads;
    /** The projection until {@code Z} is built, then null. [n, d] row-major */
    private double[] projection;
    /** {@code Z}, once built. [n, d] row-major */
    private double[] z;
    /** {@code |Z_i|}. [n] */
    private double[] norms;
    private final Map<Split, NodeValues> cache = new EnumMap<>(Split.class);

    private ApproximateTopologicalConcentration(Builder b, double[] projection) {
        this.splits = b.splits;
        this.hops = b.hops;
        this.dimension = b.given != null ? b.givenDimension : b.dimension;
        this.threads = b.threads;
        this.projection = projection;
    }

    /** A builder over {@code splits}: K = 1, d = 64, one thread; the projection must be given. */
    public static Builder builder(LinkSplits splits) {
        return new Builder(splits);
    }

    /** K, the number of propagation steps. */
    public int hops() {
        return hops;
    }

    /** d, the number of columns of {@code R}. */
    public int dimension() {
        return dimension;
    }

    /** ATC of every node over its neighbours of {@code split}; computed on first request, then cached. */
    public synchronized NodeValues values(Split split) {
        Objects.requireNonNull(split, "split");
        NodeValues v = cache.get(split);
        if (v == null) {
            v = compute(split);
            cache.put(split, v);
        }
        return v;
    }

    /** The cosine {@code f(i, j)} of the propagated rows of {@code i} and {@code j}. */
    public synchronized double similarity(int i, int j) {
        int n = splits.nodeCount();
        Objects.checkIndex(i, n);
        Objects.checkIndex(j, n);
        ensureRepresentation();
        return cosine(i, j);
    }

    /** The propagated row {@code Z_i} (a copy). [d] */
    public synchronized double[] representation(int i) {
        Objects.checkIndex(i, splits.nodeCount());
        ensureRepresentation();
        return Arrays.copyOfRange(z, i * dimension, (i + 1) * dimension);
    }

    private NodeValues compute(Split split) {
        ensureRepresentation();
        UndirectedGraph g = splits.graph(split);
        int[] off = g.offsets();
        int[] tgt = g.targets();
        int n = splits.nodeCount();
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        NodeRanges.run(n, threads, "approximate-topological-concentration", () -> (from, to) -> {
            for (int i = from; i < to; i++) {
                int count = off[i + 1] - off[i];
                if (count == 0) {
                    continue;
                }
                double sum = 0;
                for (int p = off[i]; p < off[i + 1]; p++) {
                    sum += cosine(i, tgt[p]);
                }
                out[i] = sum / count;
            }
        });
        return NodeValues.wrap(out);
    }

    private double cosine(int i, int j) {
        double dot = 0;
        int a = i * dimension;
        int b = j * dimension;
        for (int c = 0; c < dimension; c++) {
            dot += z[a + c] * z[b + c];
        }
        return dot / Math.max(norms[i] * norms[j], COSINE_EPS);
    }

    /** Builds {@code Z = (1/K) sum_k P^k R} and the row norms, once. Callers hold the lock. */
    private void ensureRepresentation() {
        if (z != null) {
            return;
        }
        UndirectedGraph g = splits.train();
        int[] off = g.offsets();
        int[] tgt = g.targets();
        int n = splits.nodeCount();
        int d = dimension;
        double[] sum = new double[n * d];
        double[] cur = projection;
        double[] next = new double[n * d];
        double inv = 1.0 / hops;
        for (int k = 0; k < hops; k++) {
            double[] from = cur;
            double[] to = next;
            NodeRanges.run(n, threads, "approximate-topological-concentration", () -> (lo, hi) -> {
                for (int i = lo; i < hi; i++) {
                    int row = i * d;
                    // the self-loop first, then the neighbours in order: the mean over the closed neighbourhood
                    System.arraycopy(from, row, to, row, d);
                    for (int p = off[i]; p < off[i + 1]; p++) {
                        int u = tgt[p] * d;
                        for (int c = 0; c < d; c++) {
                            to[row + c] += from[u + c];
                        }
                    }
                    double scale = 1.0 / (off[i + 1] - off[i] + 1);
                    for (int c = 0; c < d; c++) {
                        to[row + c] *= scale;
                        sum[row + c] += to[row + c] * inv;
                    }
                }
            });
            // the buffer read this step is written the next; the caller's R was copied by the builder
            next = from;
            cur = to;
        }
        double[] nr = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < d; c++) {
                double x = sum[i * d + c];
                s += x * x;
            }
            nr[i] = Math.sqrt(s);
        }
        z = sum;
        norms = nr;
        projection = null;
    }

    @Override
    public String toString() {
        return "ApproximateTopologicalConcentration[K=" + hops + ", d=" + dimension + ", " + splits.nodeCount()
                + " nodes]";
    }

    /**
     * Settings of an {@link ApproximateTopologicalConcentration}: K (default 1), d (default 64), threads (default 1)
     * and the projection, drawn from a generator ({@link #random}) or given ({@link #projection}); one of the two is
     * required. Not thread-safe.
     */
    public static final class Builder {
        private final LinkSplits splits;
        private int hops = 1;
        private int dimension = DEFAULT_DIMENSION;
        private int threads = 1;
        private RandomGenerator random;
        private double[] given;
        private int givenDimension;

        private Builder(LinkSplits splits) {
            this.splits = Objects.requireNonNull(splits, "splits");
        }

        /** K, the number of propagation steps, at least 1. Default 1. */
        public Builder hops(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("hops (K) must be at least 1, got " + k);
            }
            this.hops = k;
            return this;
        }

        /** d, the columns of a random projection, at least 1. Default 64. Ignored with {@link #projection}. */
        public Builder dimension(int d) {
            if (d < 1) {
                throw new IllegalArgumentException("dimension must be at least 1, got " + d);
            }
            this.dimension = d;
            return this;
        }

        /** Threads to compute with, at least 1. Default 1. */
        public Builder threads(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + t);
            }
            this.threads = t;
            return this;
        }

        /**
         * Draws {@code R} with iid {@code N(0, SIGMA^2)} entries from {@code random}, in row-major order, when
         * {@link #build()} runs. Replaces a {@link #projection} given before.
         */
        public Builder random(RandomGenerator random) {
            this.random = Objects.requireNonNull(random, "random");
            this.given = null;
            return this;
        }

        /**
         * Uses {@code r} as {@code R} (copied), with {@code d} columns; replaces a {@link #random} generator given
         * before. The identity {@code [n, n]} gives exact ATC values.
         *
         * @param r row-major {@code [n, d]}
         * @throws IllegalArgumentException if {@code d < 1} or {@code r.length != n * d}
         */
        public Builder projection(double[] r, int d) {
            Objects.requireNonNull(r, "r");
            if (d < 1) {
                throw new IllegalArgumentException("d must be at least 1, got " + d);
            }
            long expected = (long) splits.nodeCount() * d;
            if (r.length != expected) {
                throw new IllegalArgumentException("projection must be [n, d] = [" + splits.nodeCount() + ", " + d
                        + "] (" + expected + " values), got " + r.length);
            }
            this.given = r.clone();
            this.givenDimension = d;
            this.random = null;
            return this;
        }

        /**
         * The ATC computation (nothing is propagated yet).
         *
         * @throws IllegalStateException if neither {@link #random} nor {@link #projection} was given
         * @throws IllegalArgumentException if {@code n * d} values do not fit in an array
         */
        public ApproximateTopologicalConcentration build() {
            if (given != null) {
                return new ApproximateTopologicalConcentration(this, given.clone());
            }
            if (random == null) {
                throw new IllegalStateException("give the projection R: random(generator) for a Gaussian one or "
                        + "projection(r, d) for a fixed one");
            }
            long size = (long) splits.nodeCount() * dimension;
            if (size > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("n * d = " + splits.nodeCount() + " * " + dimension
                        + " values do not fit in one array; use a smaller dimension");
            }
            double[] r = new double[(int) size];
            for (int i = 0; i < r.length; i++) {
                r[i] = random.nextGaussian() * SIGMA;
            }
            return new ApproximateTopologicalConcentration(this, r);
        }
    }
}
