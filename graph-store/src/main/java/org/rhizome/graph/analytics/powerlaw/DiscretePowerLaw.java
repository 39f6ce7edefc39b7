package org.rhizome.graph.analytics.powerlaw;

import java.util.SplittableRandom;

/**
 * The discrete power law p(x) = x^{-alpha} / zeta(alpha, xmin) on the integers x &gt;= xmin (Clauset, Shalizi and
 * Newman, "Power-law distributions in empirical data", SIAM Review 51(4), 2009, section 2), with its exact CDF and an
 * exact sampler.
 *
 * <p>Immutable and thread-safe. {@link #pmf}, {@link #ccdf} and {@link #cdf} cost one Hurwitz zeta evaluation
 * (constant time, see {@link SpecialFunctions#hurwitzZeta}).
 */
public final class DiscretePowerLaw {

    private final double alpha;
    private final int xmin;
    private final double normaliser;

    /**
     * @param alpha the exponent, &gt; 1 and finite
     * @param xmin  the smallest value, &gt;= 1
     * @throws IllegalArgumentException if alpha &lt;= 1 or xmin &lt; 1
     */
    public DiscretePowerLaw(double alpha, int xmin) {
        if (!(alpha > 1) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a finite number > 1 but was " + alpha);
        }
        if (xmin < 1) {
            throw new IllegalArgumentException("xmin must be >= 1 but was " + xmin);
        }
        this.alpha = alpha;
        this.xmin = xmin;
        this.normaliser = SpecialFunctions.hurwitzZeta(alpha, xmin);
    }

    /** The exponent. */
    public double alpha() {
        return alpha;
    }

    /** The smallest value with positive probability. */
    public int xmin() {
        return xmin;
    }

    /** P(X = x): x^{-alpha} / zeta(alpha, xmin), 0 below xmin. */
    public double pmf(long x) {
        return x < xmin ? 0 : Math.pow(x, -alpha) / normaliser;
    }

    /** ln P(X = x); -infinity below xmin. */
    public double logPmf(long x) {
        return x < xmin ? Double.NEGATIVE_INFINITY : -alpha * Math.log(x) - Math.log(normaliser);
    }

    /** P(X &gt;= x) = zeta(alpha, x) / zeta(alpha, xmin); 1 at or below xmin. */
    public double ccdf(long x) {
        return x <= xmin ? 1 : SpecialFunctions.hurwitzZeta(alpha, x) / normaliser;
    }

    /** P(X &lt;= x) = 1 - zeta(alpha, x + 1) / zeta(alpha, xmin); 0 below xmin. */
    public double cdf(long x) {
        return x < xmin ? 0 : 1 - ccdf(x + 1);
    }

    /**
     * A sampler for this distribution (Clauset et al. 2009, appendix D, exact method). Building it tabulates
     * P(X &gt;= x) for x in [xmin, xmin + T) with T a power of two up to 65,536, chosen so that the table covers all
     * but about 1e-6 of the mass where that fits, summed from the far end so that no cancellation occurs: O(T) time
     * and memory, once.
     */
    public Sampler sampler() {
        return new Sampler(this);
    }

    @Override
    public String toString() {
        return "DiscretePowerLaw[alpha=" + alpha + ", xmin=" + xmin + "]";
    }

    /**
     * Draws from a {@link DiscretePowerLaw} by inverting its exact CDF: for r uniform on (0, 1] the draw is the
     * largest x with P(X &gt;= x) &gt;= r. Inside the table that is a binary search, O(log T); beyond it (probability
     * P(X &gt;= xmin + T)) the bracket is found by doubling and then bisected with exact Hurwitz zeta values,
     * O(log x) zeta evaluations (Clauset et al. 2009, appendix D).
     *
     * <p>Immutable and thread-safe; randomness comes only from the generator passed in, so a seeded generator
     * gives a reproducible stream. Draws larger than {@link Integer#MAX_VALUE} (probability below
     * P(X &gt;= 2^31), e.g. 3e-10 for alpha = 2, xmin = 1) are returned as {@link Integer#MAX_VALUE}.
     */
    public static final class Sampler {
        private static final int MAX_TABLE = 1 << 16;

        private final DiscretePowerLaw law;
        /** table[k] = P(X &gt;= xmin + k), k = 0..T; table[0] = 1, decreasing. */
        private final double[] table;
        /** Normaliser consistent with the table: the table's sum from xmin. */
        private final double total;

        private Sampler(DiscretePowerLaw law) {
            this.law = law;
            double alpha = law.alpha;
            long xmin = law.xmin;
            int size = 64;
            while (size < MAX_TABLE && xmin + size < Integer.MAX_VALUE
                    && SpecialFunctions.hurwitzZeta(alpha, xmin + size) > 1e-6 * law.normaliser) {
                size <<= 1;
            }
            size = (int) Math.min(size, Integer.MAX_VALUE - xmin);
            double[] sums = new double[size + 1];
            double sum = SpecialFunctions.hurwitzZeta(alpha, xmin + size);
            sums[size] = sum;
            for (int k = size - 1; k >= 0; k--) {
                sum += Math.pow(xmin + k, -alpha);
                sums[k] = sum;
            }
            for (int k = size; k >= 0; k--) {
                sums[k] /= sum;
            }
            this.table = sums;
            this.total = sum;
        }

        /** The distribution drawn from. */
        public DiscretePowerLaw distribution() {
            return law;
        }

        /**
         * One draw.
         *
         * @param random the generator; the draw uses exactly one {@code nextDouble()}
         */
        public int next(SplittableRandom random) {
            double r = 1 - random.nextDouble(); // uniform on (0, 1]
            int last = table.length - 1;
            if (r > table[last]) {
                // Largest k with table[k] >= r; table[0] = 1 >= r and table[last] < r.
                int lo = 0;
                int hi = last;
                while (hi - lo > 1) {
                    int mid = (lo + hi) >>> 1;
                    if (table[mid] >= r) {
                        lo = mid;
                    } else {
                        hi = mid;
                    }
                }
                return law.xmin + lo;
            }
            return beyondTable(r, (long) law.xmin + last);
        }

        /**
         * Fills {@code out[from, to)} with independent draws.
         *
         * @param out receives the draws, [to]
         */
        public void fill(SplittableRandom random, int[] out, int from, int to) {
            for (int i = from; i < to; i++) {
                out[i] = next(random);
            }
        }

        /** Largest x &gt;= start with P(X &gt;= x) &gt;= r, given P(X &gt;= start) &gt;= r: doubling, then bisection. */
        private int beyondTable(double r, long start) {
            long lo = start;
            long hi = 2 * start;
            while (ccdf(hi) >= r) {
                if (hi >= Integer.MAX_VALUE) {
                    return Integer.MAX_VALUE;
                }
                lo = hi;
                hi = Math.min(2 * hi, Integer.MAX_VALUE);
            }
            // Invariant: ccdf(lo) >= r > ccdf(hi).
            while (hi - lo > 1) {
                long mid = (lo + hi) >>> 1;
                if (ccdf(mid) >= r) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return (int) lo;
        }

        private double ccdf(long x) {
            return SpecialFunctions.hurwitzZeta(law.alpha, x) / total;
        }
    }
}
