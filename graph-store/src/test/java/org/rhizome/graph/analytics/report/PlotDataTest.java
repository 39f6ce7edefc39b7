package org.rhizome.graph.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.analytics.AnalysisReport.Measure;
import org.rhizome.graph.analytics.DegreeStatistics;
import org.rhizome.graph.analytics.StoredAnalytics.MetricsPoint;
import org.rhizome.graph.analytics.TestGraphs;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.powerlaw.DiscretePowerLaw;
import org.rhizome.graph.analytics.powerlaw.LikelihoodRatio;
import org.rhizome.graph.analytics.powerlaw.PowerLawFit;
import org.rhizome.graph.analytics.powerlaw.PowerLawResult;

/** The numbers behind the plots, against values worked out by hand. */
class PlotDataTest {
    /** Two isolated nodes, three of degree 1, one of degree 2, one of degree 4. */
    private static final long[] DIST = {2, 3, 1, 0, 1};

    @Test
    void degreePmfIsTheShareOfNonIsolatedNodes() {
        PlotData.Points p = PlotData.degreePmf(DIST);

        assertThat(PlotData.nonIsolated(DIST)).isEqualTo(5);
        assertThat(p.x()).containsExactly(1, 2, 4);
        assertThat(p.y()).containsExactly(0.6, 0.2, 0.2);
    }

    @Test
    void degreeCcdfCountsNodesAtLeastK() {
        PlotData.Points c = PlotData.degreeCcdf(DIST);

        assertThat(c.x()).containsExactly(1, 2, 4);
        assertThat(c.y()).containsExactly(1.0, 0.4, 0.2);
    }

    @Test
    void degreeCcdfMatchesThePowerLawPackagesEmpiricalCcdf() {
        UndirectedGraph g = TestGraphs.karate();
        PlotData.Points c = PlotData.degreeCcdf(DegreeStatistics.of(g).distribution());
        double[][] expected = PowerLawFit.empiricalCcdf(DegreeStatistics.simpleDegrees(g));

        assertThat(c.x()).containsExactly(expected[0]);
        assertThat(c.y()).containsExactly(expected[1], within(1e-15));
    }

    @Test
    void emptyAndIsolatedDistributionsGiveNoPoints() {
        assertThat(PlotData.degreePmf(new long[0]).size()).isZero();
        assertThat(PlotData.degreePmf(new long[] {4}).size()).isZero();
        assertThat(PlotData.degreeCcdf(new long[] {4}).size()).isZero();
    }

    @Test
    void fittedPmfIsScaledByTheTailShare() {
        // alpha 2.5 from xmin 3 to 40, 20 of 80 values in the tail: scale 1/4.
        PowerLawResult fit = fit(2.5, 3, 20, 80, 40);
        PlotData.Points p = PlotData.fittedPmf(fit, 1000);
        DiscretePowerLaw law = new DiscretePowerLaw(2.5, 3);

        assertThat(p.x()).hasSize(38).startsWith(3.0).endsWith(40.0);
        assertThat(p.y()[0]).isCloseTo(0.25 * law.pmf(3), within(1e-15));
        // Ratio between k = 6 and k = 3 is 2^-2.5 whatever the normaliser.
        assertThat(p.y()[3] / p.y()[0]).isCloseTo(Math.pow(2, -2.5), within(1e-12));
        // All the drawn mass plus the mass beyond the largest value is the tail share.
        double sum = 0;
        for (double y : p.y()) {
            sum += y;
        }
        assertThat(sum + 0.25 * law.ccdf(41)).isCloseTo(0.25, within(1e-9));
    }

    @Test
    void fittedCurvesMeetTheDataAtXmin() {
        UndirectedGraph g = TestGraphs.karate();
        long[] dist = DegreeStatistics.of(g).distribution();
        PowerLawResult fit = PowerLawFit.fit(DegreeStatistics.simpleDegrees(g),
                PowerLawFit.Options.defaults().withBootstrapCount(0));
        PlotData.Points ccdf = PlotData.degreeCcdf(dist);
        PlotData.Points fitted = PlotData.fittedCcdf(fit, 200);

        int at = java.util.Arrays.binarySearch(ccdf.x(), fit.xmin());
        assertThat(at).isNotNegative();
        assertThat(fitted.x()[0]).isEqualTo(fit.xmin());
        assertThat(fitted.y()[0]).isCloseTo(ccdf.y()[at], within(1e-12));
        // The empirical P(k) over the tail sums to the same share as the fitted pmf's total mass.
        PlotData.Points pmf = PlotData.degreePmf(dist);
        double tail = 0;
        for (int i = 0; i < pmf.size(); i++) {
            tail += pmf.x()[i] >= fit.xmin() ? pmf.y()[i] : 0;
        }
        assertThat(tail).isCloseTo((double) fit.nTail() / fit.n(), within(1e-12));
    }

    @Test
    void fittedPmfIsEmptyForAnExponentThatIsNotADistribution() {
        assertThat(PlotData.fittedPmf(fit(Double.NaN, 2, 5, 10, 9), 50).size()).isZero();
        assertThat(PlotData.fittedCcdf(fit(1.0, 2, 5, 10, 9), 50).size()).isZero();
    }

    @Test
    void logSpacedIntegersKeepBothEnds() {
        assertThat(PlotData.logSpacedIntegers(1, 10, 100)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        // 1000^(i/4): 1, 5.62, 31.6, 177.8, 1000.
        assertThat(PlotData.logSpacedIntegers(1, 1000, 5)).containsExactly(1, 6, 32, 178, 1000);
        assertThat(PlotData.logSpacedIntegers(7, 7, 2)).containsExactly(7);
        assertThatThrownBy(() -> PlotData.logSpacedIntegers(0, 5, 3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("from=0");
    }

    @Test
    void rankSizeKeepsTheEndsOfEqualRuns() {
        PlotData.Points p = PlotData.rankSize(new int[] {5, 3, 3, 3, 1});

        assertThat(p.x()).containsExactly(1, 2, 4, 5);
        assertThat(p.y()).containsExactly(5, 3, 3, 1);
        assertThat(PlotData.rankSize(new int[] {1, 1, 1, 1, 1, 1}).x()).containsExactly(1, 6);
    }

    @Test
    void logHistogramBinsPositiveValuesAndCountsTheRest() {
        // Bins [1, 10) and [10, 100]: 1 in the first, 10 and 100 in the second; 0 is a zero, NaN not finite.
        PlotData.LogHistogram h = PlotData.logHistogram(new double[] {0, 1, 10, 100, Double.NaN}, 1, 2, 50, 12);

        assertThat(h.degenerate()).isFalse();
        assertThat(h.bins()).isEqualTo(2);
        assertThat(h.centres()).containsExactly(new double[] {Math.sqrt(10), Math.sqrt(1000)}, within(1e-9));
        assertThat(h.shares()).containsExactly(0.2, 0.4);
        assertThat(h.zeros()).isEqualTo(1);
        assertThat(h.nonFinite()).isEqualTo(1);
        assertThat(h.total()).isEqualTo(5);
    }

    @Test
    void logHistogramLeavesOutEmptyBinsAndHonoursTheMinimum() {
        PlotData.LogHistogram h = PlotData.logHistogram(new double[] {1, 1.5, 2}, 10, 5, 50, 12);

        // log10(2) * 10 = 3.01 -> 4 bins, raised to 5; 1.5 sits in bin 2 (of 0..4), bin 1 and 3 are empty.
        assertThat(h.bins()).isEqualTo(5);
        assertThat(h.centres()).hasSize(3);
        assertThat(h.shares()).containsExactly(1 / 3.0, 1 / 3.0, 1 / 3.0);
    }

    @Test
    void logHistogramOfEqualOrNonPositiveValuesIsDegenerate() {
        assertThat(PlotData.logHistogram(new double[] {2, 2, 2}, 10, 5, 50, 12).degenerate()).isTrue();
        assertThat(PlotData.logHistogram(new double[] {0, 0}, 10, 5, 50, 12).degenerate()).isTrue();
        assertThat(PlotData.logHistogram(new double[0], 10, 5, 50, 12).degenerate()).isTrue();
    }

    @Test
    void logHistogramDropsValuesFarBelowTheLargest() {
        PlotData.LogHistogram h = PlotData.logHistogram(new double[] {1e-20, 1, 10}, 10, 5, 50, 3);

        assertThat(h.low()).isCloseTo(0.01, within(1e-15));
        assertThat(h.belowRange()).isEqualTo(1);
        assertThat(h.shares()).containsExactly(1 / 3.0, 1 / 3.0);
    }

    @Test
    void pathSharesAreSharesOfCountedPairs() {
        PlotData.Points p = PlotData.pathShares(new long[] {0, 6, 3, 1, 0});

        assertThat(p.x()).containsExactly(1, 2, 3);
        assertThat(p.y()).containsExactly(0.6, 0.3, 0.1);
        assertThat(PlotData.pathShares(new long[] {0}).size()).isZero();
    }

    @Test
    void historySortsByIterationAndDropsMissingValues() {
        List<MetricsPoint> h = List.of(
                point(3, Map.of("x", new Measure(30, true))),
                point(1, Map.of("x", new Measure(10, false))),
                point(2, Map.of("y", new Measure(5, true))),
                point(4, Map.of("x", new Measure(Double.NaN, true))));

        PlotData.History x = PlotData.history(h, "x");

        assertThat(x.iterations()).containsExactly(1, 3);
        assertThat(x.values()).containsExactly(10, 30);
        assertThat(x.estimated()).containsExactly(true, false);
        assertThat(x.anyEstimated()).isTrue();
        assertThat(x.missing()).isEqualTo(2);
        assertThat(PlotData.history(h, "z").size()).isZero();
    }

    private static MetricsPoint point(long iteration, Map<String, Measure> m) {
        return new MetricsPoint(iteration, Instant.EPOCH, "p" + iteration, m);
    }

    private static PowerLawResult fit(double alpha, int xmin, int nTail, int n, int max) {
        LikelihoodRatio none = new LikelihoodRatio("exponential", Map.of(), 0, 0, 1);
        LikelihoodRatio none2 = new LikelihoodRatio("lognormal", Map.of(), 0, 0, 1);
        return new PowerLawResult(alpha, 0.1, xmin, nTail, n, 0.05, Double.NaN, 0, 1L, none, none2, max, false);
    }
}
