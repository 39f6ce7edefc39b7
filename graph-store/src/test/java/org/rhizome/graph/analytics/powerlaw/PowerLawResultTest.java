package org.rhizome.graph.analytics.powerlaw;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PowerLawResultTest {

    private static LikelihoodRatio ratio(String name, double r, double p) {
        return new LikelihoodRatio(name, Map.of("theta", 1.0), r, r / 10, p);
    }

    private static PowerLawResult result(double pValue, int bootstraps, LikelihoodRatio exponential,
            LikelihoodRatio lognormal, boolean atBound) {
        return new PowerLawResult(2.5, 0.05, 3, 600, 1000, 0.03, pValue, bootstraps, 1L, exponential, lognormal,
                500, atBound);
    }

    @Test
    void favoursFollowsTheSignOnlyWhenSignificant() {
        assertThat(ratio("exponential", 12, 0.003).favours()).isEqualTo("power law");
        assertThat(ratio("exponential", -12, 0.003).favours()).isEqualTo("exponential");
        assertThat(ratio("lognormal", 1.2, 0.61).favours()).isEqualTo("inconclusive");
        assertThat(ratio("lognormal", 5, 0.05).favours(0.01)).isEqualTo("inconclusive");
        assertThat(ratio("lognormal", 5, 0.05).favours(0.1)).isEqualTo("power law");
        assertThatThrownBy(() -> ratio("x", 1, 0.5).favours(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("significance");
    }

    @Test
    void verdictStatesTheTestOutcomesAndNothingElse() {
        PowerLawResult plausible = result(0.42, 100, ratio("exponential", 30, 0.003), ratio("lognormal", 1, 0.61),
                false);
        assertThat(plausible.verdict()).isEqualTo("power law plausible (p=0.42, 100 bootstraps); "
                + "favoured over exponential (p=0.003); not distinguishable from lognormal (p=0.61)");

        PowerLawResult ruledOut = result(0.02, 50, ratio("exponential", -40, 2.5e-9), ratio("lognormal", -3, 0.2),
                true);
        assertThat(ruledOut.verdict()).isEqualTo("power law ruled out (p=0.02, 50 bootstraps); "
                + "exponential favoured (p=2.5e-09); not distinguishable from lognormal (p=0.2); "
                + "alpha=2.5 is the search bound");
    }

    @Test
    void pValueAtTheSignificanceRulesThePowerLawOut() {
        PowerLawResult atThreshold = result(0.1, 100, ratio("exponential", 1, 0.5), ratio("lognormal", 1, 0.5),
                false);
        assertThat(atThreshold.verdict()).startsWith("power law ruled out (p=0.1, 100 bootstraps)");
        assertThat(atThreshold.verdict(0.05)).startsWith("power law plausible (p=0.1, 100 bootstraps)");
    }

    @Test
    void parametersAreUnmodifiableAndKeepTheirOrder() {
        java.util.LinkedHashMap<String, Double> parameters = new java.util.LinkedHashMap<>();
        parameters.put("mu", 1.0);
        parameters.put("sigma", 2.0);
        LikelihoodRatio ratio = new LikelihoodRatio("lognormal", parameters, 1, 1, 0.5);
        parameters.put("extra", 3.0);
        assertThat(ratio.parameters()).containsExactly(Map.entry("mu", 1.0), Map.entry("sigma", 2.0));
        assertThatThrownBy(() -> ratio.parameters().put("x", 0.0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
