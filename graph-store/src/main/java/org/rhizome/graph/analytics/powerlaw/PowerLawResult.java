package org.rhizome.graph.analytics.powerlaw;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The outcome of a {@link PowerLawFit}: the discrete power law fitted to the tail x &gt;= xmin, its goodness of fit
 * and its comparison with two alternatives (Clauset, Shalizi and Newman, SIAM Review 51(4), 2009).
 *
 * <p>Immutable; equal results compare equal (NaN p-values included), so two fits with the same data, options and
 * seed give {@code equals} results.
 *
 * @param alpha          maximum-likelihood exponent of the discrete power law on the tail (CSN section 3.1, exact
 *                       discrete likelihood)
 * @param alphaStdErr    standard error of alpha by CSN eq. 3.2, (alpha - 1) / sqrt(nTail): the large-sample
 *                       continuous approximation, which understates the error of the discrete fit when xmin is
 *                       small (by about 13% at xmin = 1, alpha = 2.5)
 * @param xmin           the lower bound of the power-law tail, chosen to minimise {@code ks} (CSN section 3.3)
 * @param nTail          number of values &gt;= xmin
 * @param n              number of values used (those &gt;= 1)
 * @param ks             Kolmogorov–Smirnov distance between the tail's empirical CDF and the fitted CDF
 * @param pValue         goodness-of-fit p-value: fraction of semi-parametric bootstrap data sets whose own fit has
 *                       a KS distance &gt;= {@code ks} (CSN section 4.1); NaN if {@code bootstrapCount} is 0
 * @param bootstrapCount number of bootstrap data sets behind {@code pValue}
 * @param seed           the seed of the bootstrap's random generator
 * @param exponential    likelihood-ratio test against a discrete exponential on the tail
 * @param lognormal      likelihood-ratio test against a discrete lognormal on the tail
 * @param maxValue       the largest value in the data
 * @param alphaAtBound   whether alpha is at the upper end of the searched range
 *                       ({@link PowerLawFit.Options#maxAlpha()}), i.e. the likelihood still rose there
 */
public record PowerLawResult(double alpha, double alphaStdErr, int xmin, int nTail, int n, double ks,
        double pValue, int bootstrapCount, long seed, LikelihoodRatio exponential, LikelihoodRatio lognormal,
        int maxValue, boolean alphaAtBound) {

    /** Checks the alternatives are present. */
    public PowerLawResult {
        Objects.requireNonNull(exponential, "exponential");
        Objects.requireNonNull(lognormal, "lognormal");
    }

    /** Both comparisons, exponential first. */
    public List<LikelihoodRatio> comparisons() {
        return List.of(exponential, lognormal);
    }

    /** The fitted distribution of the tail. */
    public DiscretePowerLaw distribution() {
        return new DiscretePowerLaw(alpha, xmin);
    }

    /** {@link #verdict(double)} at the significance Clauset et al. use, 0.1. */
    public String verdict() {
        return verdict(LikelihoodRatio.DEFAULT_SIGNIFICANCE);
    }

    /**
     * One line that states what the numbers say and nothing more, e.g. "power law plausible (p=0.42, 100
     * bootstraps); not distinguishable from lognormal (p=0.61); favoured over exponential (p=0.003)". The power
     * law is "ruled out" when the bootstrap p-value is &lt;= significance (CSN section 4.1 uses 0.1) and "plausible"
     * otherwise, which says the data do not contradict it, not that it is right; each comparison is worded by
     * {@link LikelihoodRatio#favours(double)}.
     *
     * @param significance in (0, 1)
     */
    public String verdict(double significance) {
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1) but was " + significance);
        }
        StringBuilder line = new StringBuilder();
        if (bootstrapCount == 0) {
            line.append("goodness of fit not tested (0 bootstraps)");
        } else {
            line.append(pValue <= significance ? "power law ruled out" : "power law plausible")
                    .append(" (p=").append(formatP(pValue)).append(", ").append(bootstrapCount)
                    .append(bootstrapCount == 1 ? " bootstrap)" : " bootstraps)");
        }
        line.append("; ").append(exponential.phrase(significance));
        line.append("; ").append(lognormal.phrase(significance));
        if (alphaAtBound) {
            line.append("; alpha=").append(significant(alpha, 4)).append(" is the search bound");
        }
        return line.toString();
    }

    /**
     * Points of the fitted tail's complementary CDF, scaled to sit on {@link PowerLawFit#empiricalCcdf} of the whole
     * data: y(x) = (nTail / n) P(X &gt;= x) for integers x in [xmin, maxValue]; every integer if there are at most
     * {@code maxPoints} of them, otherwise {@code maxPoints} (or slightly fewer, after rounding collapses
     * neighbours) logarithmically spaced ones including both ends. O(maxPoints) zeta evaluations.
     *
     * @param maxPoints at least 2
     * @return [2][m]: row 0 the x values ascending, row 1 the y values
     */
    public double[][] fittedCcdf(int maxPoints) {
        if (maxPoints < 2) {
            throw new IllegalArgumentException("maxPoints must be >= 2 but was " + maxPoints);
        }
        DiscretePowerLaw law = distribution();
        double scale = (double) nTail / n;
        long range = (long) maxValue - xmin + 1;
        int m = (int) Math.min(range, maxPoints);
        double[] xs = new double[m];
        int count = 0;
        double ratio = Math.log((double) maxValue / xmin);
        long previous = Long.MIN_VALUE;
        for (int k = 0; k < m; k++) {
            long x = range <= maxPoints ? xmin + k
                    : k == m - 1 ? maxValue : Math.round(xmin * Math.exp(ratio * k / (m - 1)));
            if (x != previous) {
                xs[count++] = x;
                previous = x;
            }
        }
        double[][] points = new double[2][count];
        for (int k = 0; k < count; k++) {
            points[0][k] = xs[k];
            points[1][k] = scale * law.ccdf((long) xs[k]);
        }
        return points;
    }

    /** Two significant digits, plain for p &gt;= 1e-4, scientific below; "n/a" for NaN. */
    static String formatP(double p) {
        if (Double.isNaN(p)) {
            return "n/a";
        }
        if (p == 0 || Math.abs(p) >= 1e-4) {
            return significant(p, 2);
        }
        return String.format(Locale.ROOT, "%.1e", p);
    }

    /** A finite value rounded to the given number of significant digits, in plain notation. */
    private static String significant(double value, int digits) {
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
