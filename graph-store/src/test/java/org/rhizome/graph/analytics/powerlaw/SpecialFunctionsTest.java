package org.rhizome.graph.analytics.powerlaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Special functions against closed forms and against 30-digit values computed independently with mpmath 1.3.0
 * ({@code mpmath.zeta(s, q)}, {@code mpmath.erfc(x)}, {@code mpmath.ncdf(z)} at mp.dps = 30).
 */
class SpecialFunctionsTest {

    @Test
    void hurwitzZetaMatchesClosedForms() {
        double zeta2 = Math.PI * Math.PI / 6;
        assertThat(SpecialFunctions.hurwitzZeta(2, 1)).isCloseTo(zeta2, within(2e-16 * zeta2));
        assertThat(SpecialFunctions.hurwitzZeta(3, 1)).isCloseTo(1.2020569031595942, within(2e-16 * 1.21));
        assertThat(SpecialFunctions.hurwitzZeta(2, 2)).isCloseTo(zeta2 - 1, within(4e-16));
        assertThat(SpecialFunctions.hurwitzZeta(4, 1)).isCloseTo(Math.pow(Math.PI, 4) / 90, within(4e-16));
    }

    @ParameterizedTest(name = "zeta({0}, {1}) = {2}")
    @CsvSource({
        "2.5, 1, 1.3414872572509171798",
        "2.5, 5, 0.069310532044321880378",
        "1.5, 1, 2.6123753486854883433",
        "1.000001, 1, 1000000.5772980043553",
        "3.5, 10, 0.0014322106437178635209",
        "6, 1, 1.0173430619844491397",
        "20, 1, 1.0000009539620338728",
        "2.2, 1000, 0.00020944950966528112914",
        "30, 3, 4.8578041896672467647e-15",
        "1.1, 1000000, 2.5118865571039193989"
    })
    void hurwitzZetaMatchesReferenceValues(double s, double q, double expected) {
        assertThat(SpecialFunctions.hurwitzZeta(s, q)).isCloseTo(expected, Percentage.withPercentage(1e-11));
    }

    @Test
    void hurwitzZetaIsNaNOutsideItsDomain() {
        assertThat(SpecialFunctions.hurwitzZeta(1, 1)).isNaN();
        assertThat(SpecialFunctions.hurwitzZeta(2, 0)).isNaN();
    }

    @ParameterizedTest(name = "erfc({0}) = {1}")
    @CsvSource({
        "0, 1",
        "0.1, 0.8875370839817151016",
        "0.5, 0.47950012218695346232",
        "1, 0.15729920705028513066",
        "1.99, 0.0048885868003830029527",
        "2, 0.0046777349810472658379",
        "3, 0.000022090496998585441373",
        "5, 1.5374597944280348502e-12",
        "10, 2.088487583762544757e-45",
        "26, 5.6631924088561428465e-296",
        "-1, 1.8427007929497148693",
        "-3, 1.9999779095030014146"
    })
    void erfcMatchesReferenceValuesTo1e12Relative(double x, double expected) {
        assertThat(SpecialFunctions.erfc(x)).isCloseTo(expected, Percentage.withPercentage(1e-10));
    }

    @ParameterizedTest(name = "Phi({0}) = {1}")
    @CsvSource({
        "-1.96, 0.024997895148220436213",
        "0, 0.5",
        "1, 0.84134474606854294859",
        "-5, 2.8665157187919391167e-7",
        "-10, 7.619853024160526066e-24",
        "5, 0.99999971334842812081"
    })
    void normalCdfMatchesReferenceValues(double z, double expected) {
        assertThat(SpecialFunctions.normalCdf(z)).isCloseTo(expected, Percentage.withPercentage(1e-10));
    }

    @Test
    void logErfcxStaysFiniteWhereErfcUnderflows() {
        // erfc(40) = e^{-1600} erfcx(40) underflows; erfcx(x) ~ 1/(x sqrt(pi)) (1 - 1/(2x^2) + 3/(4x^4)).
        double x = 40;
        double asymptotic = 1 / (x * Math.sqrt(Math.PI)) * (1 - 1 / (2 * x * x) + 3 / (4 * Math.pow(x, 4))
                - 15 / (8 * Math.pow(x, 6)));
        assertThat(SpecialFunctions.erfc(x)).isZero();
        assertThat(SpecialFunctions.logErfcx(x)).isCloseTo(Math.log(asymptotic), within(1e-11));
        // Both branches of logErfcx agree where they meet.
        assertThat(SpecialFunctions.logErfcx(1.999999999)).isCloseTo(SpecialFunctions.logErfcx(2), within(1e-8));
    }

    @Test
    void log1mExpIsAccurateAtBothEnds() {
        assertThat(SpecialFunctions.log1mExp(-1e-20)).isCloseTo(Math.log(1e-20), within(1e-12));
        assertThat(SpecialFunctions.log1mExp(-50)).isCloseTo(-Math.exp(-50), within(1e-30));
        assertThat(SpecialFunctions.log1mExp(-1)).isCloseTo(Math.log(1 - Math.exp(-1)), within(1e-15));
    }
}
