package org.rhizome.graph.analytics.powerlaw;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.rhizome.graph.ProgressListener;

/**
 * Fits a discrete power law to the upper tail of a distribution of positive integers (typically node degrees) and
 * tests it, following A. Clauset, C. R. Shalizi and M. E. J. Newman, "Power-law distributions in empirical data",
 * SIAM Review 51(4):661–703, 2009 (CSN):
 * <ol>
 *   <li>for each candidate x_min, alpha maximises the exact discrete log-likelihood
 *       L(alpha) = -n ln zeta(alpha, x_min) - alpha sum ln x_i over the n values x_i &gt;= x_min (CSN section 3.1),
 *       found by Brent's method on [1 + 1e-6, {@link Options#maxAlpha()}] (L is concave in alpha);</li>
 *   <li>x_min is the candidate minimising the Kolmogorov–Smirnov distance between the tail's empirical CDF and the
 *       fitted CDF 1 - zeta(alpha, x + 1) / zeta(alpha, x_min), the supremum taken over all integers
 *       x &gt;= x_min, gaps between observed values included (CSN section 3.3);</li>
 *   <li>goodness of fit by the semi-parametric bootstrap of CSN section 4.1: each synthetic data set has n values,
 *       each drawn with probability n_tail/n from the fitted power law (exact sampler, CSN appendix D) and
 *       otherwise uniformly from the observed values below x_min; each synthetic set is refitted with its own
 *       x_min search, and p is the fraction of synthetic KS distances &gt;= the observed one;</li>
 *   <li>likelihood-ratio (Vuong) tests against a discrete exponential and a discrete lognormal fitted to the same
 *       tail (CSN section 5; see {@link LikelihoodRatio}).</li>
 * </ol>
 *
 * <p><b>Input.</b> Values below 1 (for example degree 0) are ignored: a power law has no mass there. {@code n} in
 * the result counts the values &gt;= 1.
 *
 * <p><b>Candidates.</b> Candidate x_min values are the distinct observed values in ascending order that leave at
 * least {@link Options#minTail()} values in the tail and at least two distinct values (a one-value tail is fitted
 * perfectly by alpha to infinity and would always win), are at most {@link Options#maxXmin()} (the smallest value is
 * always a candidate), and are among the first {@link Options#maxCandidates()} such values.
 *
 * <p><b>Cost.</b> Sorting O(n log n); the x_min search O(d + sum over candidates of their distinct tail values) with
 * d the number of distinct values, i.e. O(d^2) in the worst case, but each KS pass stops as soon as it exceeds the
 * best distance so far and each step costs one {@code Math.pow}; each candidate's alpha costs 20–40 Hurwitz zeta
 * evaluations. The bootstrap repeats sampling, sorting and the search {@code bootstrapCount} times; the
 * alternatives' fits are done once. Memory O(n).
 *
 * <p><b>Determinism.</b> The only randomness is the bootstrap's, from a {@link SplittableRandom} seeded with
 * {@link Options#seed()}; replicate i uses the i-th {@code split()} of it. Same data, options and seed give an
 * equal {@link PowerLawResult}.
 *
 * <p><b>Simplifications versus the paper.</b> The standard error of alpha is CSN eq. 3.2, (alpha - 1)/sqrt(n),
 * not the exact discrete form (at x_min = 1 it is low by about 13% for alpha = 2.5 and 20% for alpha = 3). Alpha
 * is searched on a bounded interval and a fit at the bound is flagged in the result. The bound matters on data with
 * an exponential tail: the free x_min search then drifts to the far tail, where e^{-lambda x} is locally a power law
 * with alpha near lambda x; with the default bound such fits stop at alpha = 6 and are rejected by the bootstrap
 * (see the tests), with a much larger bound they can pass on a short far tail. Bootstrap draws above 2^31 - 1 are clamped (see
 * {@link DiscretePowerLaw.Sampler}). The power law with exponential cut-off and the stretched exponential of CSN
 * table 6.2 are not offered.
 *
 * <p>Follows the JGraphT pattern: the constructor validates, {@link #result()} computes on first call and caches.
 * Thread-safe. Does not log; bootstrap progress goes to the {@link ProgressListener}.
 */
public final class PowerLawFit {

    /**
     * Settings of a fit. Use {@link #defaults()} and the {@code with...} methods.
     *
     * @param bootstrapCount number of bootstrap data sets for the goodness-of-fit p-value; 0 skips it (p = NaN).
     *                       CSN section 4.1: 2,500 gives p to about two decimals; the default 100 to about 0.05
     * @param seed           seed of the bootstrap's generator
     * @param maxCandidates  consider at most this many x_min candidates (the smallest eligible distinct values);
     *                       default {@link Integer#MAX_VALUE}, i.e. all. Bounds the search cost on data with very
     *                       many distinct values, at the risk of missing a larger x_min
     * @param minTail        a candidate x_min must leave at least this many values in the tail (default 10, at
     *                       least 2). Also the least number of values &gt;= 1 the input must have. KS minimisation
     *                       over tiny tails is noisy, so raise it when tails of a few dozen values are not credible
     * @param maxXmin        largest x_min considered (default {@link Integer#MAX_VALUE}); the smallest observed value
     *                       is considered even if larger
     * @param maxAlpha       upper end of the alpha search interval (default 6; must be in (1.5, 50]); a fit that
     *                       ends on it is flagged by {@link PowerLawResult#alphaAtBound()}
     */
    public record Options(int bootstrapCount, long seed, int maxCandidates, int minTail, int maxXmin,
            double maxAlpha) {

        /** Default number of bootstrap data sets: 100. */
        public static final int DEFAULT_BOOTSTRAP_COUNT = 100;
        /** Default seed: 1. */
        public static final long DEFAULT_SEED = 1L;
        /** Default least tail size: 10. */
        public static final int DEFAULT_MIN_TAIL = 10;
        /** Default upper end of the alpha search: 6. */
        public static final double DEFAULT_MAX_ALPHA = 6.0;

        /** Validates every setting; messages name the setting, the value and the valid range. */
        public Options {
            if (bootstrapCount < 0) {
                throw new IllegalArgumentException("bootstrapCount must be >= 0 but was " + bootstrapCount);
            }
            if (maxCandidates < 1) {
                throw new IllegalArgumentException("maxCandidates must be >= 1 but was " + maxCandidates);
            }
            if (minTail < 2) {
                throw new IllegalArgumentException("minTail must be >= 2 but was " + minTail);
            }
            if (maxXmin < 1) {
                throw new IllegalArgumentException("maxXmin must be >= 1 but was " + maxXmin);
            }
            if (!(maxAlpha > 1.5 && maxAlpha <= 50)) {
                throw new IllegalArgumentException("maxAlpha must be in (1.5, 50] but was " + maxAlpha);
            }
        }

        /** 100 bootstraps, seed 1, all candidates, tail of at least 10, no x_min cap, alpha up to 6. */
        public static Options defaults() {
            return new Options(DEFAULT_BOOTSTRAP_COUNT, DEFAULT_SEED, Integer.MAX_VALUE, DEFAULT_MIN_TAIL,
                    Integer.MAX_VALUE, DEFAULT_MAX_ALPHA);
        }

        /** A copy with another bootstrap count. */
        public Options withBootstrapCount(int value) {
            return new Options(value, seed, maxCandidates, minTail, maxXmin, maxAlpha);
        }

        /** A copy with another seed. */
        public Options withSeed(long value) {
            return new Options(bootstrapCount, value, maxCandidates, minTail, maxXmin, maxAlpha);
        }

        /** A copy with another candidate cap. */
        public Options withMaxCandidates(int value) {
            return new Options(bootstrapCount, seed, value, minTail, maxXmin, maxAlpha);
        }

        /** A copy with another least tail size. */
        public Options withMinTail(int value) {
            return new Options(bootstrapCount, seed, maxCandidates, value, maxXmin, maxAlpha);
        }

        /** A copy with another largest x_min. */
        public Options withMaxXmin(int value) {
            return new Options(bootstrapCount, seed, maxCandidates, minTail, value, maxAlpha);
        }

        /** A copy with another upper end of the alpha search. */
        public Options withMaxAlpha(double value) {
            return new Options(bootstrapCount, seed, maxCandidates, minTail, maxXmin, value);
        }
    }

    private static final double MIN_ALPHA = 1 + 1e-6;
    private static final double ALPHA_TOLERANCE = 1e-8;

    private final int[] values;
    private final Options options;
    private final ProgressListener listener;
    private PowerLawResult result;

    /**
     * Validates and copies the input; no fitting yet. O(n).
     *
     * @param values  the data, e.g. node degrees; values &lt; 1 are ignored; not modified
     * @param options settings
     * @throws IllegalArgumentException if fewer than {@code options.minTail()} values are &gt;= 1 (none at all
     *                                  included), or all values &gt;= 1 are equal
     */
    public PowerLawFit(int[] values, Options options) {
        this(values, options, ProgressListener.NONE);
    }

    /**
     * As {@link #PowerLawFit(int[], Options)}, reporting bootstrap progress (one unit per synthetic data set).
     */
    public PowerLawFit(int[] values, Options options, ProgressListener listener) {
        Objects.requireNonNull(values, "values");
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.values = positive(values);
        int n = this.values.length;
        if (n == 0) {
            throw new IllegalArgumentException("values has no value >= 1 among its " + values.length
                    + " entries; values below 1 (e.g. degree 0) are ignored, so there is nothing to fit");
        }
        if (n < options.minTail()) {
            throw new IllegalArgumentException("values has only " + n + " values >= 1 but the power-law tail needs"
                    + " at least minTail=" + options.minTail());
        }
        int first = this.values[0];
        boolean allEqual = true;
        for (int v : this.values) {
            if (v != first) {
                allEqual = false;
                break;
            }
        }
        if (allEqual) {
            throw new IllegalArgumentException("values: all " + n + " values >= 1 equal " + first
                    + "; a power-law fit needs at least two distinct values");
        }
    }

    /** Fits with the given options: {@code new PowerLawFit(values, options).result()}. */
    public static PowerLawResult fit(int[] values, Options options) {
        return new PowerLawFit(values, options).result();
    }

    /** The options of this fit. */
    public Options options() {
        return options;
    }

    /**
     * The fit, computed on the first call (see the class comment for cost) and cached.
     */
    public synchronized PowerLawResult result() {
        if (result == null) {
            result = compute();
        }
        return result;
    }

    /**
     * The empirical complementary CDF for a log-log plot: for each distinct value x &gt;= 1, the fraction of values
     * &gt;= 1 that are &gt;= x. Values below 1 are ignored. O(n log n).
     *
     * @param values the data; not modified
     * @return [2][d]: row 0 the distinct values ascending, row 1 the fractions (first 1, decreasing); [2][0] if no
     *         value is &gt;= 1
     */
    public static double[][] empiricalCcdf(int[] values) {
        int[] sorted = positive(Objects.requireNonNull(values, "values"));
        Arrays.sort(sorted);
        int n = sorted.length;
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        double[][] points = new double[2][distinct];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                points[0][k] = sorted[i];
                points[1][k] = (double) (n - i) / n;
                k++;
            }
        }
        return points;
    }

    private static int[] positive(int[] values) {
        int n = 0;
        for (int v : values) {
            if (v >= 1) {
                n++;
            }
        }
        int[] kept = new int[n];
        int k = 0;
        for (int v : values) {
            if (v >= 1) {
                kept[k++] = v;
            }
        }
        return kept;
    }

    private PowerLawResult compute() {
        int n = values.length;
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        Search search = new Search(n, options);
        search.load(sorted, n);
        search.run();
        int best = search.bestIndex;
        double alpha = search.bestAlpha;
        double ks = search.bestKs;
        int xmin = search.uniq[best];
        int nTail = search.tailCount[best];

        // Compact copy of the tail for the alternatives.
        int m = search.distinct - best;
        int[] tailValues = new int[m];
        int[] tailCounts = new int[m];
        for (int j = 0; j < m; j++) {
            tailValues[j] = search.uniq[best + j];
            tailCounts[j] = search.count(best + j);
        }
        LikelihoodRatio exponential = TailComparisons.exponential(tailValues, tailCounts, m, alpha);
        LikelihoodRatio lognormal = TailComparisons.lognormal(tailValues, tailCounts, m, alpha);

        double pValue = Double.NaN;
        int bootstraps = options.bootstrapCount();
        if (bootstraps > 0) {
            pValue = bootstrap(sorted, n - nTail, alpha, xmin, ks, search);
        }
        return new PowerLawResult(alpha, (alpha - 1) / Math.sqrt(nTail), xmin, nTail, n, ks, pValue, bootstraps,
                options.seed(), exponential, lognormal, sorted[n - 1], alpha > options.maxAlpha() - 1e-6);
    }

    /**
     * CSN section 4.1: the fraction of synthetic data sets whose refitted KS distance is &gt;= the observed one.
     *
     * @param sorted the observed values ascending; the first {@code nBody} are below x_min
     * @param search scratch, reused (its observed state is no longer needed)
     */
    private double bootstrap(int[] sorted, int nBody, double alpha, int xmin, double observedKs, Search search) {
        int n = sorted.length;
        int bootstraps = options.bootstrapCount();
        double tailProbability = (double) (n - nBody) / n;
        DiscretePowerLaw.Sampler sampler = new DiscretePowerLaw(alpha, xmin).sampler();
        SplittableRandom root = new SplittableRandom(options.seed());
        int[] synthetic = new int[n];
        int atLeast = 0;
        listener.begin("power-law bootstrap", bootstraps, "data sets");
        for (int b = 0; b < bootstraps; b++) {
            SplittableRandom random = root.split();
            int fromTail = 0;
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < tailProbability) {
                    fromTail++;
                }
            }
            sampler.fill(random, synthetic, 0, fromTail);
            for (int i = fromTail; i < n; i++) {
                synthetic[i] = sorted[random.nextInt(nBody)];
            }
            Arrays.sort(synthetic);
            search.load(synthetic, n);
            search.run();
            // A synthetic set with a single distinct value has no candidate; its fit is the alpha -> infinity
            // limit, a point mass at that value, whose KS distance is 0.
            double ks = search.bestIndex < 0 ? 0 : search.bestKs;
            if (ks >= observedKs) {
                atLeast++;
            }
            listener.progress(b + 1L);
        }
        double p = (double) atLeast / bootstraps;
        listener.end("power-law bootstrap: p=" + PowerLawResult.formatP(p) + " from " + bootstraps + " data sets");
        return p;
    }

    /**
     * The x_min search on one sorted data set, with scratch arrays reused across bootstrap replicates. Implements
     * the objective of the alpha maximisation so that no function object is allocated per candidate.
     */
    private static final class Search implements DoubleUnaryOperator {
        /** Gaps between consecutive distinct values up to this size are summed term by term in the KS pass. */
        private static final int DIRECT_GAP = 4;

        private final Options options;
        /** Distinct values ascending, [distinct]. */
        final int[] uniq;
        /** tailCount[j] = number of values &gt;= uniq[j], [distinct]. */
        final int[] tailCount;
        /** ln uniq[j], [distinct]. */
        private final double[] logValue;
        /** tailLogSum[j] = sum of ln x over values &gt;= uniq[j], [distinct]. */
        private final double[] tailLogSum;
        int distinct;

        int bestIndex;
        double bestAlpha;
        double bestKs;

        /** Objective state: ln zeta(alpha, q) + alpha * meanLog is minimised. */
        private double q;
        private double meanLog;

        Search(int capacity, Options options) {
            this.options = options;
            this.uniq = new int[capacity];
            this.tailCount = new int[capacity];
            this.logValue = new double[capacity];
            this.tailLogSum = new double[capacity];
        }

        int count(int j) {
            return tailCount[j] - (j + 1 < distinct ? tailCount[j + 1] : 0);
        }

        /** Distinct values, counts and suffix sums of {@code sorted[0, n)}, which is ascending. O(n). */
        void load(int[] sorted, int n) {
            int d = 0;
            for (int i = 0; i < n; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    uniq[d] = sorted[i];
                    tailCount[d] = n - i;
                    d++;
                }
            }
            distinct = d;
            double logSum = 0;
            for (int j = d - 1; j >= 0; j--) {
                double log = Math.log(uniq[j]);
                logValue[j] = log;
                int count = tailCount[j] - (j + 1 < d ? tailCount[j + 1] : 0);
                logSum += count * log;
                tailLogSum[j] = logSum;
            }
        }

        /** Scans the candidates; leaves bestIndex = -1 if there is none. */
        void run() {
            bestIndex = -1;
            bestAlpha = Double.NaN;
            bestKs = Double.POSITIVE_INFINITY;
            int considered = 0;
            for (int i = 0; i < distinct - 1 && considered < options.maxCandidates(); i++) {
                if (tailCount[i] < options.minTail() || (i > 0 && uniq[i] > options.maxXmin())) {
                    break;
                }
                considered++;
                double alpha = alpha(i);
                double ks = ks(i, alpha, bestKs);
                if (ks < bestKs) {
                    bestIndex = i;
                    bestAlpha = alpha;
                    bestKs = ks;
                }
            }
        }

        /** Maximum-likelihood alpha for x_min = uniq[i]. */
        double alpha(int i) {
            q = uniq[i];
            meanLog = tailLogSum[i] / tailCount[i];
            return Minimizers.brent(this, MIN_ALPHA, options.maxAlpha(), ALPHA_TOLERANCE);
        }

        /** Negative log-likelihood per tail value: ln zeta(alpha, x_min) + alpha * mean ln x. */
        @Override
        public double applyAsDouble(double alpha) {
            return Math.log(SpecialFunctions.hurwitzZeta(alpha, q)) + alpha * meanLog;
        }

        /**
         * KS distance for x_min = uniq[i], as the largest gap between empirical and model P(X &gt;= x) over integers
         * x &gt; x_min: at each distinct value and just after it (the ends of each gap, where the extremes lie since
         * the empirical function is flat there). Returns early, with a value &gt;= {@code abortAt}, once the
         * distance reaches {@code abortAt}.
         */
        double ks(int i, double alpha, double abortAt) {
            double inverseN = 1.0 / tailCount[i];
            double normaliser = SpecialFunctions.hurwitzZeta(alpha, uniq[i]);
            double inverseZ = 1 / normaliser;
            double zeta = normaliser; // zeta(alpha, uniq[j])
            double distance = 0;
            for (int j = i; j < distinct; j++) {
                distance = Math.max(distance, Math.abs(tailCount[j] * inverseN - zeta * inverseZ));
                double next = zeta - Math.exp(-alpha * logValue[j]); // zeta(alpha, uniq[j] + 1)
                int after = j + 1 < distinct ? tailCount[j + 1] : 0;
                distance = Math.max(distance, Math.abs(after * inverseN - next * inverseZ));
                if (distance >= abortAt) {
                    return distance;
                }
                if (j + 1 < distinct) {
                    int u = uniq[j];
                    int v = uniq[j + 1];
                    if (v - u - 1 <= DIRECT_GAP) {
                        for (int k = u + 1; k < v; k++) {
                            next -= Math.pow(k, -alpha);
                        }
                    } else {
                        next = SpecialFunctions.hurwitzZeta(alpha, v);
                    }
                }
                zeta = next;
            }
            return distance;
        }
    }
}
