package org.rhizome.retrieval.subgraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Personalised PageRank from a weighted seed set: the stationary distribution of a walk that at each step follows a
 * uniformly chosen edge with probability {@code damping} and otherwise jumps back to a seed chosen in proportion to
 * its weight (Page, Brin, Motwani and Winograd, "The PageRank Citation Ranking", 1999; the personalisation vector of
 * Haveliwala, "Topic-Sensitive PageRank", WWW 2002). Over a knowledge graph it ranks the entities most related to
 * the seeds, as in HippoRAG (Gutiérrez et al., NeurIPS 2024).
 *
 * <p><b>Definition.</b> With p the seed weights normalised to sum 1, d the damping and deg(u) the number of edges u
 * may walk: {@code x'[v] = d * sum over walks u->v of x[u]/deg(u) + (1 - d + d * dangling) * p[v]}, where dangling is
 * the mass on nodes with deg 0, which is returned to the seeds (not spread over the graph). Directed reading: u
 * walks its out-edges. Undirected reading (default): u walks its out- and in-edges, so deg(u) = out + in and a
 * self-loop counts twice. Parallel edges count once each (two statements between the same pair carry twice the
 * weight of one). The iteration starts at p and stops when the L1 change falls below {@code tolerance}; each step
 * keeps the total at 1 (up to rounding), so the scores of all nodes sum to 1.
 *
 * <p><b>Cost.</b> O(n + m) time per iteration (pull form over the in-CSR, plus the out-CSR when undirected);
 * iterations ~ log(tolerance) / log(damping) (about 150 at the defaults). Memory: three {@code double[n]} per call
 * and one {@code double[n]} of inverse degrees held by the instance.
 *
 * <p><b>Determinism.</b> No randomness; sums run in a fixed order, so equal inputs give bit-identical scores. Ties
 * in the top-k are broken by ascending id. Thread-safe: each call has its own scratch.
 */
public final class PersonalisedPageRank {
    /**
     * @param damping       probability of following an edge at each step, in [0, 1)
     * @param tolerance     stop when the L1 change between iterations is below this, > 0
     * @param maxIterations stop after this many iterations even if not converged (see {@link Result#converged()})
     * @param directed      walk edges head to tail only; false walks them both ways
     * @param excludeSeeds  leave the seeds out of the returned top-k
     */
    public record Options(double damping, double tolerance, int maxIterations, boolean directed,
            boolean excludeSeeds) {
        public Options {
            if (!(damping >= 0 && damping < 1)) {
                throw new IllegalArgumentException("damping must be in [0, 1), got " + damping);
            }
            if (!(tolerance > 0)) {
                throw new IllegalArgumentException("tolerance must be > 0, got " + tolerance);
            }
            Checks.positive(maxIterations, "maxIterations");
        }

        /** Damping 0.85, tolerance 1e-10, at most 1000 iterations, undirected, seeds included. */
        public static Options defaults() {
            return new Options(0.85, 1e-10, 1000, false, false);
        }

        public Options withDamping(double d) {
            return new Options(d, tolerance, maxIterations, directed, excludeSeeds);
        }

        public Options withTolerance(double t) {
            return new Options(damping, t, maxIterations, directed, excludeSeeds);
        }

        public Options withMaxIterations(int m) {
            return new Options(damping, tolerance, m, directed, excludeSeeds);
        }

        public Options withDirected(boolean d) {
            return new Options(damping, tolerance, maxIterations, d, excludeSeeds);
        }

        public Options withExcludeSeeds(boolean e) {
            return new Options(damping, tolerance, maxIterations, directed, e);
        }
    }

    /**
     * @param top        up to k nodes with a positive score, best first (ties by ascending id)
     * @param iterations iterations run
     * @param converged  whether the L1 change fell below the tolerance within {@code maxIterations}
     * @param residual   the L1 change of the last iteration
     */
    public record Result(List<ScoredNode> top, int iterations, boolean converged, double residual) {
        public Result {
            top = List.copyOf(top);
        }
    }

    private final GraphSnapshot graph;
    private final Options options;
    private final double[] inverseDegree;

    /** Prepares the inverse degrees of {@code graph} under {@code options}' reading: O(n). */
    public PersonalisedPageRank(GraphSnapshot graph, Options options) {
        this.graph = Objects.requireNonNull(graph, "graph");
        this.options = Objects.requireNonNull(options, "options");
        int n = graph.entityCount();
        inverseDegree = new double[n];
        for (int v = 0; v < n; v++) {
            int deg = graph.outDegree(v) + (options.directed() ? 0 : graph.inDegree(v));
            inverseDegree[v] = deg == 0 ? 0 : 1.0 / deg;
        }
    }

    public PersonalisedPageRank(GraphSnapshot graph) {
        this(graph, Options.defaults());
    }

    /** The top {@code k} nodes for equally weighted seeds. */
    public Result topK(int[] seeds, int k) {
        Objects.requireNonNull(seeds, "seeds");
        double[] w = new double[seeds.length];
        Arrays.fill(w, 1.0);
        return topK(seeds, w, k);
    }

    /**
     * The top {@code k} nodes for weighted seeds.
     *
     * @param seeds   entity ids, at least one (a repeated id adds its weights)
     * @param weights [seeds.length] finite weights >= 0 with a positive sum; normalised to sum 1
     * @param k       how many nodes to return, >= 0
     */
    public Result topK(int[] seeds, double[] weights, int k) {
        Checks.nonNegative(k, "k");
        Seeds s = seeds(seeds, weights);
        Iteration it = iterate(s);
        double[] x = it.scores();
        boolean exclude = options.excludeSeeds();
        TopK top = new TopK(k, (a, b) -> x[a] != x[b] ? x[a] > x[b] : a < b);
        for (int v = 0; v < x.length; v++) {
            if (x[v] > 0 && !(exclude && Arrays.binarySearch(s.ids(), v) >= 0)) {
                top.offer(v);
            }
        }
        List<ScoredNode> out = new ArrayList<>();
        for (int v : top.drainBestFirst()) {
            out.add(new ScoredNode(v, x[v]));
        }
        return new Result(out, it.iterations(), it.converged(), it.residual());
    }

    /**
     * The score of every entity, for callers that need the whole vector.
     *
     * @param seeds   entity ids, at least one
     * @param weights [seeds.length] finite weights >= 0 with a positive sum
     * @return [entityCount] scores indexed by entity id, summing to 1
     */
    public double[] scores(int[] seeds, double[] weights) {
        return iterate(seeds(seeds, weights)).scores();
    }

    /** Distinct seed ids ascending with their weights normalised to sum 1. */
    private record Seeds(int[] ids, double[] weights) {}

    private Seeds seeds(int[] seeds, double[] weights) {
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(weights, "weights");
        if (seeds.length == 0) {
            throw new IllegalArgumentException("seeds must name at least one entity");
        }
        if (weights.length != seeds.length) {
            throw new IllegalArgumentException("weights must have one entry per seed: " + seeds.length
                    + " seeds, " + weights.length + " weights");
        }
        double sum = 0;
        for (int i = 0; i < seeds.length; i++) {
            Checks.entity(graph, seeds[i], "seed");
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("seed weights must be finite and >= 0, got " + weights[i]
                        + " for seed " + seeds[i]);
            }
            sum += weights[i];
        }
        if (!(sum > 0) || Double.isInfinite(sum)) {
            throw new IllegalArgumentException("seed weights must have a positive finite sum, got " + sum);
        }
        int[] ids = seeds.clone();
        Arrays.sort(ids);
        int m = 0;
        for (int i = 0; i < ids.length; i++) {
            if (i == 0 || ids[i] != ids[i - 1]) {
                ids[m++] = ids[i];
            }
        }
        ids = Arrays.copyOf(ids, m);
        double[] w = new double[m];
        for (int i = 0; i < seeds.length; i++) {
            w[Arrays.binarySearch(ids, seeds[i])] += weights[i] / sum;
        }
        return new Seeds(ids, w);
    }

    private record Iteration(double[] scores, int iterations, boolean converged, double residual) {}

    /** Power iteration in pull form, starting from the personalisation vector. */
    private Iteration iterate(Seeds seeds) {
        GraphSnapshot g = graph;
        int n = g.entityCount();
        double d = options.damping();
        boolean undirected = !options.directed();
        int[] ids = seeds.ids();
        double[] w = seeds.weights();
        double[] x = new double[n];
        double[] share = new double[n];
        double[] next = new double[n];
        for (int i = 0; i < ids.length; i++) {
            x[ids[i]] = w[i];
        }
        double err = Double.POSITIVE_INFINITY;
        for (int it = 1; it <= options.maxIterations(); it++) {
            double dangling = 0;
            for (int v = 0; v < n; v++) {
                double inv = inverseDegree[v];
                if (inv == 0) {
                    dangling += x[v];
                }
                share[v] = x[v] * inv;
            }
            for (int v = 0; v < n; v++) {
                double sum = 0;
                for (int i = g.inStart(v), end = g.inEnd(v); i < end; i++) {
                    sum += share[g.inSource(i)];
                }
                if (undirected) {
                    // Walking an edge backwards: v receives from the tails of its out-edges.
                    for (int e = g.outStart(v), end = g.outEnd(v); e < end; e++) {
                        sum += share[g.target(e)];
                    }
                }
                next[v] = d * sum;
            }
            double restart = 1 - d + d * dangling;
            for (int i = 0; i < ids.length; i++) {
                next[ids[i]] += restart * w[i];
            }
            err = 0;
            for (int v = 0; v < n; v++) {
                err += Math.abs(next[v] - x[v]);
            }
            double[] t = x;
            x = next;
            next = t;
            if (err < options.tolerance()) {
                return new Iteration(x, it, true, err);
            }
        }
        return new Iteration(x, options.maxIterations(), false, err);
    }
}
