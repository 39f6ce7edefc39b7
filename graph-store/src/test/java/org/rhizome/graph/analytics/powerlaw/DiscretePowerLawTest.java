package org.rhizome.graph.analytics.powerlaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DiscretePowerLawTest {

    @Test
    void pmfMatchesDefinitionAndSumsToOne() {
        DiscretePowerLaw law = new DiscretePowerLaw(2.0, 5);
        // 5^-2 / zeta(2, 5), zeta(2, 5) = pi^2/6 - 1 - 1/4 - 1/9 - 1/16 = 0.22132295573711532536 (mpmath).
        assertThat(law.pmf(5)).isCloseTo(0.18073136546898237799, within(1e-15));
        assertThat(law.pmf(4)).isZero();
        double sum = 0;
        for (int x = 5; x < 100_000; x++) {
            sum += law.pmf(x);
        }
        assertThat(sum + law.ccdf(100_000)).isCloseTo(1, within(1e-12));
        assertThat(law.logPmf(17)).isCloseTo(Math.log(law.pmf(17)), within(1e-13));
    }

    @Test
    void ccdfStepsDownByThePmf() {
        DiscretePowerLaw law = new DiscretePowerLaw(2.7, 3);
        assertThat(law.ccdf(3)).isEqualTo(1);
        assertThat(law.cdf(2)).isZero();
        assertThat(law.cdf(3)).isCloseTo(law.pmf(3), within(1e-15));
        for (int x : new int[] {3, 4, 10, 1000, 1_000_000}) {
            assertThat(law.ccdf(x) - law.ccdf(x + 1)).isCloseTo(law.pmf(x), within(1e-14));
        }
    }

    @Test
    void sampleFrequenciesMatchPmfByChiSquare() {
        DiscretePowerLaw law = new DiscretePowerLaw(2.5, 1);
        DiscretePowerLaw.Sampler sampler = law.sampler();
        SplittableRandom random = new SplittableRandom(20090202);
        int draws = 200_000;
        int bins = 30; // x = 1..29 each, and x >= 30 pooled; expected counts >= 30 in every bin
        long[] observed = new long[bins];
        for (int i = 0; i < draws; i++) {
            int x = sampler.next(random);
            observed[Math.min(x, bins) - 1]++;
        }
        double chiSquare = 0;
        for (int b = 0; b < bins; b++) {
            double p = b < bins - 1 ? law.pmf(b + 1) : law.ccdf(bins);
            double expected = draws * p;
            chiSquare += (observed[b] - expected) * (observed[b] - expected) / expected;
        }
        // 99.9% quantile of chi-square with 29 degrees of freedom (scipy.stats.chi2.ppf(0.999, 29)).
        assertThat(chiSquare).isLessThan(58.30);
    }

    @Test
    void drawsBeyondTheTableFollowTheExactTail() {
        // alpha = 1.5: the table stops at 2^16 values with ~0.3% of the mass beyond, drawn by doubling + bisection.
        DiscretePowerLaw law = new DiscretePowerLaw(1.5, 1);
        DiscretePowerLaw.Sampler sampler = law.sampler();
        SplittableRandom random = new SplittableRandom(7);
        int draws = 200_000;
        int beyondMillion = 0;
        int beyondTable = 0;
        for (int i = 0; i < draws; i++) {
            int x = sampler.next(random);
            if (x >= 1_000_000) {
                beyondMillion++;
            }
            if (x > 65_536) {
                beyondTable++;
            }
        }
        // P(X >= 10^6) = zeta(1.5, 10^6) / zeta(1.5) = 7.6558695939559297e-4 (mpmath).
        double p = 7.6558695939559297e-4;
        assertThat(law.ccdf(1_000_000)).isCloseTo(p, within(1e-15));
        double sd = Math.sqrt(draws * p * (1 - p));
        assertThat((double) beyondMillion).isCloseTo(draws * p, within(4 * sd));
        double q = law.ccdf(65_537);
        assertThat((double) beyondTable).isCloseTo(draws * q, within(4 * Math.sqrt(draws * q)));
    }

    @Test
    void samplerIsReproducibleForASeed() {
        DiscretePowerLaw.Sampler sampler = new DiscretePowerLaw(2.2, 4).sampler();
        int[] first = new int[1000];
        int[] second = new int[1000];
        sampler.fill(new SplittableRandom(3), first, 0, 1000);
        sampler.fill(new SplittableRandom(3), second, 0, 1000);
        assertThat(first).isEqualTo(second);
        assertThat(java.util.Arrays.stream(first).min().getAsInt()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void rejectsInvalidParameters() {
        assertThatThrownBy(() -> new DiscretePowerLaw(1.0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha").hasMessageContaining("1.0");
        assertThatThrownBy(() -> new DiscretePowerLaw(2.0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("xmin");
    }
}
