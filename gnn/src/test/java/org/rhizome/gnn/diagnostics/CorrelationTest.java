package org.rhizome.gnn.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CorrelationTest {
    private static final double EPS = 1e-12;

    /**
     * x = 1..5, y = [2, 4, 5, 4, 5]. Centred: dx = [-2,-1,0,1,2], dy = [-2,0,1,0,1]; sxy = 6, sxx = 10, syy = 6, so
     * r = 6 / sqrt(60). Ranks of y with ties averaged: [1, 2.5, 4.5, 2.5, 4.5]; centred [-2,-.5,1.5,-.5,1.5]: sxy = 7,
     * syy = 9, so rho = 7 / sqrt(90).
     */
    @Test
    void handComputedPearsonAndSpearman() {
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {2, 4, 5, 4, 5};
        assertThat(Correlation.pearson(x, y)).isCloseTo(6 / Math.sqrt(60), within(EPS)); // 0.774597
        assertThat(Correlation.spearman(x, y)).isCloseTo(7 / Math.sqrt(90), within(EPS)); // 0.737865
        assertThat(Correlation.ranks(y)).containsExactly(1, 2.5, 4.5, 2.5, 4.5);
    }

    @Test
    void aMonotoneCurveIsPerfectForSpearmanOnly() {
        double[] x = {1, 2, 3, 4};
        double[] y = {1, 8, 27, 64};
        assertThat(Correlation.spearman(x, y)).isCloseTo(1, within(EPS));
        // centred x [-1.5,-.5,.5,1.5], y mean 25: [-24,-17,2,39]; sxy = 36+8.5+1+58.5 = 104, sxx = 5,
        // syy = 576+289+4+1521 = 2390
        assertThat(Correlation.pearson(x, y)).isCloseTo(104 / Math.sqrt(5 * 2390.0), within(EPS));
        double[] down = {4, 3, 2, 1};
        assertThat(Correlation.pearson(x, down)).isCloseTo(-1, within(EPS));
        assertThat(Correlation.spearman(x, down)).isCloseTo(-1, within(EPS));
    }

    @Test
    void pairsWithANaNAreLeftOut() {
        double[] x = {1, Double.NaN, 2, 3, 4, 5};
        double[] y = {2, 100, 4, 5, 4, Double.NaN};
        // what is left: x = 1..4, y = [2, 4, 5, 4]; dx = [-1.5,-.5,.5,1.5], dy = [-1.75,.25,1.25,.25]:
        // sxy = 2.625-.125+.625+.375 = 3.5, sxx = 5, syy = 3.0625+.0625+1.5625+.0625 = 4.75
        assertThat(Correlation.completePairs(x, y)).isEqualTo(4);
        assertThat(Correlation.pearson(x, y)).isCloseTo(3.5 / Math.sqrt(5 * 4.75), within(EPS));
    }

    @Test
    void undefinedForConstantsAndTinySamples() {
        assertThat(Correlation.pearson(new double[] {1, 2, 3}, new double[] {7, 7, 7})).isNaN();
        assertThat(Correlation.spearman(new double[] {1, 2, 3}, new double[] {7, 7, 7})).isNaN();
        assertThat(Correlation.pearson(new double[] {1}, new double[] {2})).isNaN();
        assertThat(Correlation.pearson(new double[0], new double[0])).isNaN();
        assertThatThrownBy(() -> Correlation.pearson(new double[2], new double[3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 2 and 3");
    }
}
