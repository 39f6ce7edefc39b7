package org.rhizome.graph.analytics.powerlaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TailComparisonsTest {

    @Test
    void exponentialRateIsTheClosedFormMaximumLikelihood() {
        // Tail {3, 3, 4, 5} above xmin = 3: mean excess 3/4, lambda = ln(1 + 4/3) = ln(7/3).
        int[] x = {3, 4, 5};
        int[] c = {2, 1, 1};
        assertThat(TailComparisons.exponentialRate(x, c, 3, 3)).isCloseTo(Math.log(7.0 / 3), within(1e-15));
    }

    @Test
    void exponentialRatioMatchesAHandComputation() {
        int[] x = {3, 4, 5};
        int[] c = {2, 1, 1};
        double alpha = 2.5;
        LikelihoodRatio ratio = TailComparisons.exponential(x, c, 3, alpha);

        double lambda = Math.log(7.0 / 3);
        DiscretePowerLaw law = new DiscretePowerLaw(alpha, 3);
        int[] sample = {3, 3, 4, 5};
        double[] l = new double[4];
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            double exponential = Math.log(1 - Math.exp(-lambda)) - lambda * (sample[i] - 3);
            l[i] = law.logPmf(sample[i]) - exponential;
            sum += l[i];
        }
        double mean = sum / 4;
        double variance = 0;
        for (double v : l) {
            variance += (v - mean) * (v - mean) / 4;
        }
        double normalised = sum / Math.sqrt(4 * variance);
        assertThat(ratio.alternative()).isEqualTo("exponential");
        assertThat(ratio.parameters()).containsOnlyKeys("lambda");
        assertThat(ratio.parameters().get("lambda")).isCloseTo(lambda, within(1e-15));
        assertThat(ratio.r()).isCloseTo(sum, within(1e-12));
        assertThat(ratio.normalisedR()).isCloseTo(normalised, within(1e-10));
        assertThat(ratio.pValue()).isCloseTo(SpecialFunctions.erfc(Math.abs(normalised) / Math.sqrt(2)),
                within(1e-12));
    }

    @Test
    void vuongHandlesZeroVariance() {
        LikelihoodRatio tie = TailComparisons.vuong("x", Map.of(), new double[] {0, 0}, new int[] {1, 1}, 2);
        assertThat(tie.pValue()).isEqualTo(1);
        assertThat(tie.normalisedR()).isZero();
        LikelihoodRatio constant = TailComparisons.vuong("x", Map.of(), new double[] {0.5}, new int[] {4}, 1);
        assertThat(constant.r()).isEqualTo(2);
        assertThat(constant.normalisedR()).isPositive().isInfinite();
        assertThat(constant.pValue()).isZero();
    }

    /** Reference values: mpmath at 60 digits, (Q(z(x)) - Q(z(x+1))) / Q(z(xmin)) with Q the normal upper tail. */
    @ParameterizedTest(name = "p({0} | xmin={1}, mu={2}, sigma={3})")
    @CsvSource({
        "5, 3, 1, 1.5, 0.091725381590389236372",
        "10, 3, 0, 0.5, 0.000089305272493677955546",
        "100, 3, 6, 0.5, 0.00016671551176922620629",
        "2, 1, 1, 1, 0.18993313182132343",
        // Degenerate, power-law-like lognormals: every z is ~1e3 to 1e6, where a naive Phi difference is 0/0.
        "10, 3, -1e3, 30, 0.026360439193817037557",
        "10, 3, -1e6, 1e3, 0.027272725681834531506",
        "10, 3, -1e12, 1e6, 0.027272727272725681979"
    })
    void lognormalPmfMatchesReferenceValues(int x, int xmin, double mu, double sigma, double expected) {
        assertThat(Math.exp(TailComparisons.lognormalLogPmf(x, xmin, mu, sigma)))
                .isCloseTo(expected, Percentage.withPercentage(1e-9));
    }

    @Test
    void lognormalPmfSumsToOne() {
        double sum = 0;
        for (int x = 3; x < 100_000; x++) {
            sum += Math.exp(TailComparisons.lognormalLogPmf(x, 3, 1.0, 1.5));
        }
        assertThat(sum).isCloseTo(1, within(1e-9));
    }

    @Test
    void lognormalFitRecoversParametersOfFlooredLognormalSample() {
        // floor(Y) for Y lognormal(1, 1) conditioned on Y >= 1 follows the discrete lognormal exactly.
        SplittableRandom random = new SplittableRandom(11);
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        int n = 0;
        while (n < 10_000) {
            double y = Math.exp(1 + random.nextGaussian());
            if (y >= 1) {
                counts.merge((int) Math.floor(y), 1, Integer::sum);
                n++;
            }
        }
        int[] x = counts.keySet().stream().mapToInt(Integer::intValue).toArray();
        int[] c = counts.values().stream().mapToInt(Integer::intValue).toArray();
        double[] fitted = TailComparisons.fitLognormal(x, c, x.length);
        // Standard errors here are about 0.02 (mu) and 0.01 (sigma); 20 seeds gave at most 0.042 and 0.022.
        assertThat(fitted[0]).isCloseTo(1, within(0.1));
        assertThat(fitted[1]).isCloseTo(1, within(0.06));
    }
}
