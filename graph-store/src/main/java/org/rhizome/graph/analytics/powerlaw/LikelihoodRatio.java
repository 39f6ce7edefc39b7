package org.rhizome.graph.analytics.powerlaw;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A likelihood-ratio comparison of the fitted power law with one alternative distribution fitted by maximum
 * likelihood to the same tail (x &gt;= xmin), after Vuong (Econometrica 57, 1989) as used by Clauset, Shalizi and
 * Newman, SIAM Review 51(4), 2009, section 5.1.
 *
 * <p>With l_i = ln p_powerlaw(x_i) - ln p_alternative(x_i) over the n tail values: {@code r} = sum l_i (positive
 * favours the power law), sigma^2 = (1/n) sum (l_i - mean)^2, {@code normalisedR} = r / (sigma sqrt n) and the
 * two-sided {@code pValue} = erfc(|r| / sqrt(2 n sigma^2)) (CSN section 5.1). The p-value is for the sign of r:
 * a small p says the sign is unlikely to be noise. It assumes the two models are not nested, which holds for the
 * exponential and the lognormal.
 *
 * @param alternative the alternative's name, e.g. "exponential" or "lognormal"
 * @param parameters  the alternative's fitted parameters by name, in a fixed order, unmodifiable
 * @param r           log-likelihood ratio, power law minus alternative
 * @param normalisedR r / (sigma sqrt n); +-infinity if sigma = 0 and r != 0, 0 if both are 0
 * @param pValue      two-sided p-value of the sign of r
 */
public record LikelihoodRatio(String alternative, Map<String, Double> parameters, double r, double normalisedR,
        double pValue) {

    /** The significance Clauset et al. use for these tests: 0.1. */
    public static final double DEFAULT_SIGNIFICANCE = 0.1;

    /** Verdict string when the sign of r is not significant. */
    public static final String INCONCLUSIVE = "inconclusive";

    /** Verdict string when the power law is favoured. */
    public static final String POWER_LAW = "power law";

    /** Copies the parameters into an unmodifiable map that keeps their order. */
    public LikelihoodRatio {
        Objects.requireNonNull(alternative, "alternative");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
    }

    /**
     * Which model the data favour at the given significance: {@value #POWER_LAW} if p &lt; significance and r &gt; 0,
     * the alternative's name if p &lt; significance and r &lt; 0, otherwise {@value #INCONCLUSIVE}.
     *
     * @param significance in (0, 1)
     */
    public String favours(double significance) {
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1) but was " + significance);
        }
        if (pValue < significance && r != 0) {
            return r > 0 ? POWER_LAW : alternative;
        }
        return INCONCLUSIVE;
    }

    /** {@link #favours(double)} at {@link #DEFAULT_SIGNIFICANCE}. */
    public String favours() {
        return favours(DEFAULT_SIGNIFICANCE);
    }

    /**
     * A phrase for {@link PowerLawResult#verdict()}: "favoured over exponential (p=0.003)", "exponential favoured
     * (p=0.003)" or "not distinguishable from lognormal (p=0.61)".
     */
    String phrase(double significance) {
        String verdict = favours(significance);
        String p = "(p=" + PowerLawResult.formatP(pValue) + ")";
        if (verdict.equals(POWER_LAW)) {
            return "favoured over " + alternative + " " + p;
        }
        if (verdict.equals(INCONCLUSIVE)) {
            return "not distinguishable from " + alternative + " " + p;
        }
        return alternative + " favoured " + p;
    }
}
