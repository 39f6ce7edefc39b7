package org.rhizome.graph.analytics.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.StoredAnalytics.MetricsPoint;
import org.rhizome.graph.analytics.powerlaw.DiscretePowerLaw;
import org.rhizome.graph.analytics.powerlaw.PowerLawResult;

/**
 * The numbers behind each plot, computed from what an {@link AnalysisReport} holds, apart from any drawing so that
 * they can be checked by hand. Every method returns finite values only; which values it had to leave out (zeros on a
 * log axis, NaN) is counted so that the caption can say so. Each method is O(size of its input).
 */
final class PlotData {
    private PlotData() {}

    /**
     * Points of a plot, x ascending (except where a method says otherwise), all finite.
     *
     * @param x [size]
     * @param y [size]
     */
    record Points(double[] x, double[] y) {
        Points {
            if (x.length != y.length) {
                throw new IllegalArgumentException("x has " + x.length + " values but y has " + y.length);
            }
        }

        static Points empty() {
            return new Points(new double[0], new double[0]);
        }

        int size() {
            return x.length;
        }
    }

    /** Nodes with degree at least 1: the population of {@link #degreePmf} and {@link #degreeCcdf}. */
    static long nonIsolated(long[] distribution) {
        long n = 0;
        for (int k = 1; k < distribution.length; k++) {
            n += distribution[k];
        }
        return n;
    }

    /**
     * P(k) for every degree k &gt;= 1 that some node has: the share of the {@link #nonIsolated} nodes with degree k.
     * Degree 0 is left out because a log axis cannot show it.
     *
     * @param distribution {@code distribution[k]} = nodes of degree k
     */
    static Points degreePmf(long[] distribution) {
        long n = nonIsolated(distribution);
        List<double[]> pts = new ArrayList<>();
        for (int k = 1; k < distribution.length; k++) {
            if (distribution[k] > 0) {
                pts.add(new double[] {k, (double) distribution[k] / n});
            }
        }
        return of(pts);
    }

    /**
     * P(K &gt;= k) among the {@link #nonIsolated} nodes, at each degree k &gt;= 1 that some node has: the same points
     * as {@link org.rhizome.graph.analytics.powerlaw.PowerLawFit#empiricalCcdf(int[])} of the degrees, from the
     * distribution in O(max degree) instead of a sort.
     */
    static Points degreeCcdf(long[] distribution) {
        long n = nonIsolated(distribution);
        List<double[]> pts = new ArrayList<>();
        long atLeast = n;
        for (int k = 1; k < distribution.length; k++) {
            if (distribution[k] > 0) {
                pts.add(new double[] {k, (double) atLeast / n});
                atLeast -= distribution[k];
            }
        }
        return of(pts);
    }

    /**
     * The fitted power law's probability mass over its tail, scaled to lie on {@link #degreePmf}: y(k) =
     * (nTail / n) k^-alpha / zeta(alpha, xmin) for integers k in [xmin, maxValue] (every integer, or about
     * {@code maxPoints} logarithmically spaced ones when there are more). nTail / n is the tail's share of the nodes
     * the fit used, which are the nodes of degree &gt;= 1, the population of {@link #degreePmf}.
     *
     * @return the points, empty if alpha is not a finite number above 1
     */
    static Points fittedPmf(PowerLawResult fit, int maxPoints) {
        if (!(fit.alpha() > 1) || Double.isInfinite(fit.alpha()) || fit.xmin() < 1 || fit.n() == 0) {
            return Points.empty();
        }
        DiscretePowerLaw law = new DiscretePowerLaw(fit.alpha(), fit.xmin());
        double scale = (double) fit.nTail() / fit.n();
        long[] ks = logSpacedIntegers(fit.xmin(), Math.max(fit.xmin(), fit.maxValue()), maxPoints);
        List<double[]> pts = new ArrayList<>();
        for (long k : ks) {
            double y = scale * law.pmf(k);
            if (y > 0 && Double.isFinite(y)) {
                pts.add(new double[] {k, y});
            }
        }
        return of(pts);
    }

    /**
     * The fitted power law's complementary CDF over its tail, scaled to lie on {@link #degreeCcdf}
     * ({@link PowerLawResult#fittedCcdf(int)}), without points that are not finite and positive.
     */
    static Points fittedCcdf(PowerLawResult fit, int maxPoints) {
        if (!(fit.alpha() > 1) || Double.isInfinite(fit.alpha()) || fit.xmin() < 1 || fit.n() == 0
                || fit.maxValue() < fit.xmin()) {
            return Points.empty();
        }
        double[][] c = fit.fittedCcdf(maxPoints);
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < c[0].length; i++) {
            if (c[1][i] > 0 && Double.isFinite(c[1][i])) {
                pts.add(new double[] {c[0][i], c[1][i]});
            }
        }
        return of(pts);
    }

    /**
     * Integers from {@code from} to {@code to}: all of them when there are at most {@code maxPoints}, otherwise about
     * {@code maxPoints} spaced evenly on a log scale, both ends included, ascending and distinct.
     */
    static long[] logSpacedIntegers(long from, long to, int maxPoints) {
        if (from < 1 || to < from || maxPoints < 2) {
            throw new IllegalArgumentException("need 1 <= from <= to and maxPoints >= 2, got from=" + from + ", to="
                    + to + ", maxPoints=" + maxPoints);
        }
        long range = to - from + 1;
        if (range <= maxPoints) {
            long[] out = new long[(int) range];
            for (int i = 0; i < out.length; i++) {
                out[i] = from + i;
            }
            return out;
        }
        long[] out = new long[maxPoints];
        double ratio = Math.log((double) to / from);
        int count = 0;
        for (int i = 0; i < maxPoints; i++) {
            long x = i == maxPoints - 1 ? to : Math.round(from * Math.exp(ratio * i / (maxPoints - 1)));
            if (count == 0 || x > out[count - 1]) {
                out[count++] = x;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /**
     * Community rank against size (rank 1 = largest), for sizes already in decreasing order as
     * {@link org.rhizome.graph.analytics.community.Partition#sizes()} gives them. Within a run of equal sizes only
     * the first and last rank are kept: drawn as a line, the plot is the same, and a partition into 10^5 singletons
     * costs two points instead of 10^5.
     */
    static Points rankSize(int[] sizes) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            boolean runStart = i == 0 || sizes[i] != sizes[i - 1];
            boolean runEnd = i == sizes.length - 1 || sizes[i] != sizes[i + 1];
            if ((runStart || runEnd) && sizes[i] > 0) {
                pts.add(new double[] {i + 1, sizes[i]});
            }
        }
        return of(pts);
    }

    /**
     * A histogram on logarithmic bins of the positive values of a score.
     *
     * @param centres    [bins drawn] geometric centre of each non-empty bin
     * @param shares     [bins drawn] share of all {@code total} values falling in that bin
     * @param bins       number of bins (empty ones included) between {@code low} and {@code high}
     * @param low        lower edge of the first bin
     * @param high       upper edge of the last bin (the largest value)
     * @param total      all values, whatever they are
     * @param zeros      values &lt;= 0 (not drawable on a log axis)
     * @param nonFinite  NaN or infinite values
     * @param belowRange positive values below {@code low}, when the values spread over more decades than drawn
     */
    record LogHistogram(double[] centres, double[] shares, int bins, double low, double high, int total, int zeros,
            int nonFinite, int belowRange) {
        /** Number of distinct positive finite values is below 2: there is no spread to draw. */
        boolean degenerate() {
            return bins == 0;
        }
    }

    /**
     * Bins the positive finite values on a log scale: {@code binsPerDecade} bins per factor of 10, at least
     * {@code minBins} and at most {@code maxBins}, between the smallest positive value (or {@code high / 10^maxDecades}
     * if that is larger) and the largest. Empty bins are left out of the points.
     */
    static LogHistogram logHistogram(double[] values, int binsPerDecade, int minBins, int maxBins,
            double maxDecades) {
        int zeros = 0;
        int nonFinite = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                nonFinite++;
            } else if (v <= 0) {
                zeros++;
            } else {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (!(hi > lo)) {
            return new LogHistogram(new double[0], new double[0], 0, lo, hi, values.length, zeros, nonFinite, 0);
        }
        double floor = hi / Math.pow(10, maxDecades);
        int below = 0;
        if (lo < floor) {
            lo = floor;
            for (double v : values) {
                if (v > 0 && v < floor) {
                    below++;
                }
            }
        }
        double decades = Math.log10(hi / lo);
        int bins = (int) Math.max(minBins, Math.min(maxBins, Math.ceil(decades * binsPerDecade)));
        long[] counts = new long[bins];
        double logLo = Math.log(lo);
        double width = (Math.log(hi) - logLo) / bins;
        for (double v : values) {
            if (Double.isFinite(v) && v >= lo) {
                int b = (int) ((Math.log(v) - logLo) / width);
                counts[Math.max(0, Math.min(bins - 1, b))]++;
            }
        }
        List<double[]> pts = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            if (counts[b] > 0) {
                pts.add(new double[] {Math.exp(logLo + (b + 0.5) * width), (double) counts[b] / values.length});
            }
        }
        Points p = of(pts);
        return new LogHistogram(p.x(), p.y(), bins, lo, hi, values.length, zeros, nonFinite, below);
    }

    /**
     * The share of counted pairs at each distance d &gt;= 1 of a path-length histogram, trailing zeros dropped.
     *
     * @param histogram {@code histogram[d]} = pairs at distance d (index 0 unused)
     */
    static Points pathShares(long[] histogram) {
        long pairs = 0;
        int last = 0;
        for (int d = 1; d < histogram.length; d++) {
            pairs += histogram[d];
            if (histogram[d] > 0) {
                last = d;
            }
        }
        if (pairs == 0) {
            return Points.empty();
        }
        double[] x = new double[last];
        double[] y = new double[last];
        for (int d = 1; d <= last; d++) {
            x[d - 1] = d;
            y[d - 1] = (double) histogram[d] / pairs;
        }
        return new Points(x, y);
    }

    /**
     * A metric over recorded iterations.
     *
     * @param iterations [points] ascending
     * @param values     [points] finite
     * @param estimated  [points] whether the value was estimated rather than exact
     * @param missing    points of the history without a finite value of the metric
     */
    record History(double[] iterations, double[] values, boolean[] estimated, int missing) {
        int size() {
            return iterations.length;
        }

        boolean anyEstimated() {
            for (boolean e : estimated) {
                if (e) {
                    return true;
                }
            }
            return false;
        }
    }

    /** The finite values of metric {@code name} in {@code history}, by iteration (stable for equal iterations). */
    static History history(List<MetricsPoint> history, String name) {
        Objects.requireNonNull(name, "name");
        List<MetricsPoint> sorted = new ArrayList<>(history);
        sorted.sort(Comparator.comparingLong(MetricsPoint::iteration));
        List<MetricsPoint> kept = new ArrayList<>();
        for (MetricsPoint p : sorted) {
            AnalysisReport.Measure m = p.measures().get(name);
            if (m != null && Double.isFinite(m.value())) {
                kept.add(p);
            }
        }
        double[] x = new double[kept.size()];
        double[] y = new double[kept.size()];
        boolean[] est = new boolean[kept.size()];
        for (int i = 0; i < x.length; i++) {
            AnalysisReport.Measure m = kept.get(i).measures().get(name);
            x[i] = kept.get(i).iteration();
            y[i] = m.value();
            est[i] = !m.exact();
        }
        return new History(x, y, est, sorted.size() - kept.size());
    }

    private static Points of(List<double[]> pts) {
        double[] x = new double[pts.size()];
        double[] y = new double[pts.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = pts.get(i)[0];
            y[i] = pts.get(i)[1];
        }
        return new Points(x, y);
    }
}
