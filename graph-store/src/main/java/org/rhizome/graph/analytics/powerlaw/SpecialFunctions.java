package org.rhizome.graph.analytics.powerlaw;

/**
 * The special functions the power-law fit needs, written from their definitions: the Hurwitz zeta function by
 * Euler–Maclaurin summation, and the complementary error function by its power series (small arguments) and its
 * Laplace continued fraction (large arguments), plus the normal-distribution helpers built on it.
 *
 * <p>All methods are pure, allocation-free and thread-safe. Accuracy is checked in {@code SpecialFunctionsTest}
 * against closed forms (zeta(2,1) = pi^2/6, ...) and 30-digit reference values.
 */
final class SpecialFunctions {

    private SpecialFunctions() {}

    /** B_{2j} / (2j)! for j = 1..12 (Bernoulli numbers over factorials), used by the Euler–Maclaurin tail. */
    private static final double[] BERNOULLI_OVER_FACTORIAL = new double[12];

    static {
        // B_2 .. B_24 as exact fractions (numerator / denominator).
        double[] num = {1, -1, 1, -1, 5, -691, 7, -3617, 43867, -174611, 854513, -236364091};
        double[] den = {6, 30, 42, 30, 66, 2730, 6, 510, 798, 330, 138, 2730};
        double factorial = 1;
        for (int j = 1; j <= 12; j++) {
            factorial *= (2.0 * j - 1) * (2.0 * j);
            BERNOULLI_OVER_FACTORIAL[j - 1] = num[j - 1] / den[j - 1] / factorial;
        }
    }

    private static final double SQRT_PI = Math.sqrt(Math.PI);
    private static final double TWO_OVER_SQRT_PI = 2 / SQRT_PI;
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double LN_2 = Math.log(2);

    /**
     * Hurwitz zeta function zeta(s, q) = sum_{k>=0} (q + k)^{-s} for s &gt; 1 and q &gt; 0.
     *
     * <p>Sums the first N terms directly, N the smallest count with q + N &gt;= s + 10, then adds the Euler–Maclaurin
     * tail a^{1-s}/(s-1) + a^{-s}/2 + sum_j B_{2j}/(2j)! s(s+1)...(s+2j-2) a^{-s-2j+1} at a = q + N with up to 12
     * correction terms, stopping once a term is below 1e-17 of the sum. With a &gt;= s + 10 the neglected remainder
     * is below about 1e-17 relative for the s used here (s &lt;= 50); observed error is a few ulps.
     *
     * <p>Cost: O(max(0, s + 10 - q)) calls to {@code Math.pow} plus at most 12 multiply-adds, i.e. constant once
     * q &gt;= s + 10. The direct terms are added smallest first.
     *
     * @param s exponent, &gt; 1
     * @param q offset, &gt; 0
     * @return zeta(s, q), or NaN if the arguments are outside the domain
     */
    static double hurwitzZeta(double s, double q) {
        if (!(s > 1) || !(q > 0) || Double.isInfinite(s) || Double.isInfinite(q)) {
            return Double.NaN;
        }
        double minA = s + 10;
        int direct = q >= minA ? 0 : (int) Math.ceil(minA - q);
        double a = q + direct;
        double aPowMinusS = Math.pow(a, -s);
        double inverseA = 1 / a;
        double inverseA2 = inverseA * inverseA;
        // Euler–Maclaurin tail of sum_{k >= a}: integral, half end term, Bernoulli corrections (smallest last).
        double head = a * aPowMinusS / (s - 1) + 0.5 * aPowMinusS;
        double corrections = 0;
        double rising = s * aPowMinusS * inverseA; // s (s+1) ... (s+2j-2) a^{-s-2j+1} for j = 1
        for (int j = 1; j <= BERNOULLI_OVER_FACTORIAL.length; j++) {
            double term = BERNOULLI_OVER_FACTORIAL[j - 1] * rising;
            corrections += term;
            if (Math.abs(term) < 1e-17 * head) {
                break;
            }
            rising *= (s + 2 * j - 1) * (s + 2 * j) * inverseA2;
        }
        double sum = corrections + head;
        for (int k = direct - 1; k >= 0; k--) {
            sum += Math.pow(q + k, -s);
        }
        return sum;
    }

    /**
     * Complementary error function erfc(x) = 2/sqrt(pi) int_x^inf e^{-t^2} dt, to about 1e-13 relative for all x
     * where the result is a normal double (it underflows to 0 beyond x of about 26.5; use {@link #logErfcx} there).
     *
     * <p>For |x| &lt; 2: 1 - erf(x) with erf from the positive series erf(x) = 2/sqrt(pi) e^{-x^2} sum_n
     * (2x^2)^n x / (1*3*...*(2n+1)), which has no cancellation; the subtraction then loses at most a factor
     * erf/erfc &lt;= 215 at x = 2. For x &gt;= 2: e^{-x^2} times {@link #erfcx}. Negative x: erfc(x) = 2 - erfc(-x).
     * Constant cost (at most about 60 terms).
     */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 2) {
            return 1 - erfSeries(x);
        }
        return expMinusSquare(x) * erfcx(x);
    }

    /**
     * e^{-x^2} without the rounding error of x*x being amplified: x = h + l with h a multiple of 1/16 (so h^2 is
     * exact), e^{-x^2} = e^{-h^2} e^{-l(x+h)}.
     */
    private static double expMinusSquare(double x) {
        double h = Math.floor(x * 16) / 16;
        return Math.exp(-h * h) * Math.exp(-(x - h) * (x + h));
    }

    /** ln erfcx(x) = x^2 + ln erfc(x) for x &gt;= 0, finite for every finite x (no overflow or underflow). */
    static double logErfcx(double x) {
        if (x < 2) {
            return x * x + Math.log(erfc(x));
        }
        return Math.log(erfcx(x));
    }

    /** erf(x) for 0 &lt;= x &lt; about 3 by the all-positive series; see {@link #erfc}. */
    private static double erfSeries(double x) {
        double twoX2 = 2 * x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 200; n++) {
            term *= twoX2 / (2 * n + 1);
            sum += term;
            if (term < 1e-17 * sum) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
    }

    /**
     * Scaled complementary error function erfcx(x) = e^{x^2} erfc(x) for x &gt;= 2, from the Laplace continued
     * fraction erfc(x) = e^{-x^2}/sqrt(pi) * 1/(x + (1/2)/(x + (2/2)/(x + (3/2)/(x + ...)))) evaluated with the
     * modified Lentz method until a step changes the value by less than 1e-16 (about 60 steps at x = 2, fewer as
     * x grows).
     */
    static double erfcx(double x) {
        if (x < 2) {
            return Math.exp(x * x) * erfc(x);
        }
        double tiny = 1e-300;
        double f = x;
        double c = f;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double ak = 0.5 * k;
            d = x + ak * d;
            d = d == 0 ? tiny : d;
            d = 1 / d;
            c = x + ak / c;
            c = c == 0 ? tiny : c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return 1 / (SQRT_PI * f);
    }

    /** Standard normal CDF Phi(z) = erfc(-z / sqrt 2) / 2. */
    static double normalCdf(double z) {
        return 0.5 * erfc(-z * SQRT_HALF);
    }

    /** ln(1 - e^d) for d &lt;= 0, accurate at both ends (Maechler's switch at -ln 2). */
    static double log1mExp(double d) {
        if (d > -LN_2) {
            return Math.log(-Math.expm1(d));
        }
        return Math.log1p(-Math.exp(d));
    }
}
