package org.rhizome.graph.analytics.powerlaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MinimizersTest {

    @Test
    void brentFindsInteriorMinimumOfAConvexFunction() {
        // f(x) = x - ln x has its minimum at x = 1.
        double x = Minimizers.brent(t -> t - Math.log(t), 0.1, 10, 1e-10);
        assertThat(x).isCloseTo(1, within(1e-7));
    }

    @Test
    void brentReturnsTheBoundWhenTheMinimumLiesBeyondIt() {
        assertThat(Minimizers.brent(t -> (t - 7) * (t - 7), 1, 6, 1e-10)).isEqualTo(6);
        assertThat(Minimizers.brent(t -> (t + 3) * (t + 3), 1, 6, 1e-10)).isEqualTo(1);
    }

    @Test
    void nelderMeadFindsTheRosenbrockMinimum() {
        double[] out = new double[2];
        double value = Minimizers.nelderMead((x, y) -> 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x),
                -1.2, 1, 0.5, 0.5, 1e-15, 5000, out);
        assertThat(out[0]).isCloseTo(1, within(1e-4));
        assertThat(out[1]).isCloseTo(1, within(1e-4));
        assertThat(value).isLessThan(1e-8);
    }

    @Test
    void nelderMeadTreatsNaNAsInfinite() {
        double[] out = new double[2];
        Minimizers.nelderMead((x, y) -> x < 0 ? Double.NaN : (x - 2) * (x - 2) + (y + 1) * (y + 1), 1, 1, 0.5,
                0.5, 1e-14, 2000, out);
        assertThat(out[0]).isCloseTo(2, within(1e-5));
        assertThat(out[1]).isCloseTo(-1, within(1e-5));
    }
}
