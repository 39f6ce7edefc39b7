package org.rhizome.graph.analytics.powerlaw;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The alternatives to the power law, fitted by maximum likelihood to the same tail x &gt;= xmin, and the Vuong
 * likelihood-ratio test against each (Clauset, Shalizi and Newman 2009, section 5 and table 2.1, discrete column).
 *
 * <p>The tail is given compactly as its distinct values {@code x[0..m)} ascending ({@code x[0] = xmin}) with their
 * multiplicities {@code c[0..m)}; every pass is O(m).
 *
 * <ul>
 *   <li>Discrete exponential: p(x) = (1 - e^{-lambda}) e^{-lambda (x - xmin)}, a geometric distribution shifted to
 *       xmin. Its maximum-likelihood estimate is closed-form: with m the mean of x - xmin,
 *       lambda = ln(1 + 1/m).</li>
 *   <li>Discrete lognormal: p(x) = [Phi(z(x+1)) - Phi(z(x))] / [1 - Phi(z(xmin))], z(t) = (ln t - mu) / sigma,
 *       i.e. the continuous lognormal's mass on [x, x+1) renormalised to x &gt;= xmin, which is exactly the law of
 *       floor(Y) given Y &gt;= xmin for a lognormal Y. The likelihood is maximised by Nelder–Mead over the natural
 *       parameters (mu/sigma^2, -ln sigma), starting from the mean and standard deviation of ln x (see
 *       {@link #fitLognormal}); each evaluation costs O(m) normal-tail evaluations, a fit typically a few hundred
 *       evaluations.</li>
 * </ul>
 */
final class TailComparisons {

    private TailComparisons() {}

    /** Name of the exponential alternative. */
    static final String EXPONENTIAL = "exponential";

    /** Name of the lognormal alternative. */
    static final String LOGNORMAL = "lognormal";

    /**
     * Maximum-likelihood rate of the discrete exponential on x &gt;= xmin.
     *
     * @return lambda = ln(1 + 1/m), m the mean excess over xmin; +infinity if every value equals xmin
     */
    static double exponentialRate(int[] x, int[] c, int m, int xmin) {
        double excess = 0;
        long count = 0;
        for (int j = 0; j < m; j++) {
            excess += (double) c[j] * ((long) x[j] - xmin);
            count += c[j];
        }
        double mean = excess / count;
        return Math.log1p(1 / mean);
    }

    /** Likelihood-ratio test of the power law (alpha, xmin) against the fitted discrete exponential. */
    static LikelihoodRatio exponential(int[] x, int[] c, int m, double alpha) {
        int xmin = x[0];
        double lambda = exponentialRate(x, c, m, xmin);
        // ln(1 - e^{-lambda}) = -ln(1 + mean excess) = ln(-expm1(-lambda))
        double logNorm = Math.log(-Math.expm1(-lambda));
        double logZeta = Math.log(SpecialFunctions.hurwitzZeta(alpha, xmin));
        double[] diff = new double[m];
        for (int j = 0; j < m; j++) {
            double powerLaw = -alpha * Math.log(x[j]) - logZeta;
            double alternative = logNorm - lambda * ((long) x[j] - xmin);
            diff[j] = powerLaw - alternative;
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("lambda", lambda);
        return vuong(EXPONENTIAL, parameters, diff, c, m);
    }

    /**
     * Maximum-likelihood (mu, sigma) of the discrete lognormal on x &gt;= xmin.
     *
     * <p>The search runs over (beta, ln tau) with tau = 1/sigma and beta = mu/sigma^2, the lognormal's natural
     * parameters, in which ln f(x) = (beta - 1) ln x - tau^2 (ln x)^2 / 2 + const. On power-law-like tails the
     * likelihood's supremum lies at tau -&gt; 0 with beta near 1 - alpha (the lognormal degenerates to a power law,
     * mu -&gt; -infinity): a straight ray in these coordinates, which the simplex follows in a few dozen steps, where
     * in (mu, sigma) it is a curved ridge it crawls along. The search stops at ln tau = -20; the returned mu and
     * sigma are then huge and mean "indistinguishable from a power law".
     *
     * @return {mu, sigma, beta, ln tau}
     */
    static double[] fitLognormal(int[] x, int[] c, int m) {
        LognormalLikelihood likelihood = new LognormalLikelihood(x, c, m);
        double total = 0;
        double sum = 0;
        for (int j = 0; j < m; j++) {
            total += c[j];
            sum += c[j] * Math.log(x[j]);
        }
        double mean = sum / total;
        double squares = 0;
        for (int j = 0; j < m; j++) {
            double deviation = Math.log(x[j]) - mean;
            squares += c[j] * deviation * deviation;
        }
        double sd = Math.max(Math.sqrt(squares / total), 0.05);
        double[] best = new double[2];
        Minimizers.nelderMead(likelihood, mean / (sd * sd), -Math.log(sd), 0.5, 0.5, 1e-12, 4000, best);
        double tau = Math.exp(best[1]);
        return new double[] {best[0] / (tau * tau), 1 / tau, best[0], best[1]};
    }

    /** Likelihood-ratio test of the power law (alpha, xmin) against the fitted discrete lognormal. */
    static LikelihoodRatio lognormal(int[] x, int[] c, int m, double alpha) {
        double[] fitted = fitLognormal(x, c, m);
        int xmin = x[0];
        double logZeta = Math.log(SpecialFunctions.hurwitzZeta(alpha, xmin));
        double[] diff = new double[m];
        new LognormalLikelihood(x, c, m).logPmf(fitted[2], fitted[3], diff);
        for (int j = 0; j < m; j++) {
            double powerLaw = -alpha * Math.log(x[j]) - logZeta;
            diff[j] = powerLaw - diff[j];
        }
        Map<String, Double> parameters = new LinkedHashMap<>();
        parameters.put("mu", fitted[0]);
        parameters.put("sigma", fitted[1]);
        return vuong(LOGNORMAL, parameters, diff, c, m);
    }

    /**
     * ln p(x) of the discrete lognormal (mu, sigma) on x &gt;= xmin, one value at a time (for tests and callers
     * outside the fit; the fit evaluates all tail values at once).
     */
    static double lognormalLogPmf(int x, int xmin, double mu, double sigma) {
        double tau = 1 / sigma;
        double[] out = new double[2];
        new LognormalLikelihood(new int[] {xmin, x}, new int[] {1, 1}, x == xmin ? 1 : 2)
                .logPmf(mu * tau * tau, Math.log(tau), out);
        return x == xmin ? out[0] : out[1];
    }

    /**
     * Vuong's test from per-value log-likelihood differences (CSN section 5.1): R = sum, sigma^2 the population
     * variance of the differences, p = erfc(|R| / sqrt(2 n sigma^2)).
     *
     * @param diff power-law minus alternative log-likelihood per distinct value, [m]
     * @param c    multiplicities, [m]
     */
    static LikelihoodRatio vuong(String name, Map<String, Double> parameters, double[] diff, int[] c, int m) {
        double r = 0;
        long n = 0;
        for (int j = 0; j < m; j++) {
            r += c[j] * diff[j];
            n += c[j];
        }
        double mean = r / n;
        double squares = 0;
        for (int j = 0; j < m; j++) {
            double deviation = diff[j] - mean;
            squares += c[j] * deviation * deviation;
        }
        double sigma = Math.sqrt(squares / n);
        double normalised;
        double p;
        if (sigma > 0 && Double.isFinite(r)) {
            normalised = r / (sigma * Math.sqrt(n));
            p = SpecialFunctions.erfc(Math.abs(normalised) / Math.sqrt(2));
        } else if (r == 0) {
            normalised = 0;
            p = 1;
        } else {
            normalised = r > 0 ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
            p = 0;
        }
        return new LikelihoodRatio(name, parameters, r, normalised, p);
    }

    /**
     * The discrete lognormal's log-likelihood in the natural parameters (beta, ln tau), evaluated so that nothing
     * cancels catastrophically even when every z = (ln x - mu)/sigma is huge (tau -&gt; 0): with Q the standard
     * normal upper tail and R(s) = e^{s^2} erfc(s), ln Q(z) = -z^2/2 + ln R(z/sqrt 2) - ln 2, so the difference of
     * two log tails is -(u - v)(u + v)/2 + ln R(u/sqrt 2) - ln R(v/sqrt 2), where u - v = tau (ln t_u - ln t_v) is
     * formed from logarithms of the data, never by subtracting two large z values.
     */
    private static final class LognormalLikelihood implements Minimizers.Function2 {
        private static final double SQRT_HALF = Math.sqrt(0.5);
        private static final double LN_2 = Math.log(2);

        private final int[] x;
        private final int[] c;
        private final int m;
        private final double[] logX;
        /** ln(x + 1) - ln x = ln(1 + 1/x). */
        private final double[] logStep;
        /** ln x - ln xmin. */
        private final double[] logFromMin;
        private final double[] scratch;
        private final double total;

        LognormalLikelihood(int[] x, int[] c, int m) {
            this.x = x;
            this.c = c;
            this.m = m;
            this.logX = new double[m];
            this.logStep = new double[m];
            this.logFromMin = new double[m];
            this.scratch = new double[m];
            long count = 0;
            for (int j = 0; j < m; j++) {
                logX[j] = Math.log(x[j]);
                logStep[j] = Math.log1p(1.0 / x[j]);
                count += c[j];
            }
            for (int j = 0; j < m; j++) {
                logFromMin[j] = logX[j] - logX[0];
            }
            this.total = count;
        }

        /** Negative mean log-likelihood; +infinity outside |beta| &lt;= 1e3, |ln tau| &lt;= 20. */
        @Override
        public double value(double beta, double logTau) {
            if (!(Math.abs(beta) <= 1e3 && Math.abs(logTau) <= 20)) {
                return Double.POSITIVE_INFINITY;
            }
            logPmf(beta, logTau, scratch);
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += c[j] * scratch[j];
            }
            return -sum / total;
        }

        /**
         * ln p(x_j) for every tail value.
         *
         * @param out receives the values, [m]
         */
        void logPmf(double beta, double logTau, double[] out) {
            double tau = Math.exp(logTau);
            double shift = beta / tau; // z(t) = tau ln t - beta / tau
            double z0 = tau * logX[0] - shift;
            double logR0 = logR(z0);
            // ln Q(z0), used only when z0 < 0 (then it lies in [ln 1/2, 0) and nothing large cancels).
            double logTail0 = z0 < 0 ? Math.log1p(-Math.exp(logQ(z0, logR0))) : 0;
            double previousLogRb = Double.NaN;
            for (int j = 0; j < m; j++) {
                double a = tau * logX[j] - shift;
                // x_j = x_{j-1} + 1: the previous interval's upper end is this one's lower end.
                double logRa = j > 0 && x[j] == x[j - 1] + 1 ? previousLogRb : logR(a);
                double b = tau * (logX[j] + logStep[j]) - shift;
                double logRb = logR(b);
                double width = tau * logStep[j]; // b - a
                double value;
                if (a >= 0) {
                    // ln(Q(a) - Q(b)) = ln Q(a) + ln(1 - Q(b)/Q(a))
                    double logRatio = -width * (a + b) / 2 + logRb - logRa;
                    double logQa = z0 >= 0
                            ? -tau * logFromMin[j] * (a + z0) / 2 + logRa - logR0 // ln Q(a) - ln Q(z0)
                            : logQ(a, logRa) - logTail0;
                    value = logQa + SpecialFunctions.log1mExp(logRatio);
                } else if (b <= 0) {
                    // ln(Phi(b) - Phi(a)) = ln Q(-b) + ln(1 - Q(-a)/Q(-b))
                    double logRatio = width * (a + b) / 2 + logRa - logRb;
                    value = logQ(b, logRb) + SpecialFunctions.log1mExp(logRatio) - logTail0;
                } else {
                    value = Math.log1p(-(Math.exp(logQ(b, logRb)) + Math.exp(logQ(a, logRa)))) - logTail0;
                }
                out[j] = value;
                previousLogRb = logRb;
            }
        }

        /** ln R(|z| / sqrt 2) = ln erfcx(|z| / sqrt 2). */
        private static double logR(double z) {
            return SpecialFunctions.logErfcx(Math.abs(z) * SQRT_HALF);
        }

        /** ln of the normal tail beyond |z| on z's side: ln Q(|z|) = -z^2/2 + ln R(|z|/sqrt 2) - ln 2. */
        private static double logQ(double z, double logR) {
            return -z * z / 2 + logR - LN_2;
        }
    }
}
