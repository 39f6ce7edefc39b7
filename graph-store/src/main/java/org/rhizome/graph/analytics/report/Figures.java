package org.rhizome.graph.analytics.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.DegreeStatistics;
import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.StoredAnalytics.MetricsPoint;
import org.rhizome.graph.analytics.community.Partition;
import org.rhizome.graph.analytics.paths.PathLengths;
import org.rhizome.graph.analytics.powerlaw.PowerLawResult;

/**
 * Decides which plots a report gets and builds their charts: one per thing the report measured, none for what it
 * did not measure, and for degenerate data (nothing to spread over an axis) a sentence saying why the plot is
 * missing instead of a chart. The chart captions say what is drawn, how it is normalised and what was left out.
 */
final class Figures {
    /** Base names of the plots of one analysis, in page order. */
    static final List<String> PLOTS = List.of("degree-distribution", "degree-ccdf", "community-sizes",
            "pagerank-histogram", "betweenness-histogram", "path-lengths");

    /** Metrics drawn over the growth iterations, with what each is, in page order. */
    static final Map<String, String> HISTORY_METRICS = historyMetrics();

    /** Points of a fitted curve: enough for a smooth line on a 640-pixel-wide log axis. */
    static final int FIT_POINTS = 200;
    /** Bins per decade of the centrality histograms. */
    static final int BINS_PER_DECADE = 10;
    /** Decades a log axis may span: wider ranges make XChart draw (and write into the SVG) thousands of ticks. */
    static final double MAX_DECADES = 12;
    /** Up to this many distances the path-length histogram is drawn as bars, above it as a line. */
    static final int MAX_BARS = 100;
    /** Tick labels of a share axis: XChart's default drops the leading zero (".05"). */
    static final String SHARE_PATTERN = "0.#####";
    /** A fitted curve is drawn down to this fraction of the smallest data value plotted with it. */
    static final double FIT_FLOOR = 0.01;

    private Figures() {}

    /**
     * One plot of the report.
     *
     * @param name    base name of its files ({@code name.png}, {@code name.svg})
     * @param title   heading in the page
     * @param caption what is drawn, its normalisation and what was left out (plain text)
     */
    record Figure(String name, String title, String caption, Chart<?, ?> chart, int width, int height) {}

    /**
     * @param figures  the plots to draw, in page order
     * @param notDrawn one sentence per plot the report's data allow but that was not drawn, and why
     */
    record Plan(List<Figure> figures, List<String> notDrawn) {}

    /** The plots for {@code report} and, when it has at least two points, {@code history}. */
    static Plan plan(AnalysisReport report, List<MetricsPoint> history) {
        List<Figure> figures = new ArrayList<>();
        List<String> notDrawn = new ArrayList<>();
        DegreeStatistics degrees = report.degrees();
        if (degrees != null) {
            degreePlots(degrees, report.powerLaw(), figures, notDrawn);
        }
        Partition best = report.bestPartition();
        if (best != null) {
            communitySizes(best, figures, notDrawn);
        }
        if (report.pageRank() != null) {
            centrality("pagerank-histogram", "PageRank", "PageRank", report.pageRank(), figures, notDrawn);
        }
        if (report.betweenness() != null) {
            centrality("betweenness-histogram", "Betweenness", "betweenness", report.betweenness(), figures,
                    notDrawn);
        }
        if (report.paths() != null) {
            pathLengths(report.paths(), figures, notDrawn);
        }
        if (history.size() >= 2) {
            history(history, figures, notDrawn);
        }
        return new Plan(figures, notDrawn);
    }

    /** The file base name of the history plot of {@code metric}. */
    static String historyName(String metric) {
        return "history-" + metric;
    }

    private static void degreePlots(DegreeStatistics degrees, PowerLawResult fit, List<Figure> figures,
            List<String> notDrawn) {
        long[] dist = degrees.distribution();
        long n1 = PlotData.nonIsolated(dist);
        long isolated = dist.length > 0 ? dist[0] : 0;
        PlotData.Points pmf = PlotData.degreePmf(dist);
        if (pmf.size() < 2) {
            String why = n1 == 0 ? "no node has an edge (" + degrees.nodes() + " nodes, all isolated)"
                    : "all " + n1 + " nodes with an edge have degree " + (long) pmf.x()[0]
                            + ", so there is no distribution to draw";
            notDrawn.add("Degree distribution and degree CCDF: " + why + ".");
            return;
        }
        String zeros = isolated > 0 ? " " + isolated + " isolated node" + (isolated == 1 ? "" : "s")
                + " (degree 0) " + (isolated == 1 ? "is" : "are") + " not shown: a log axis cannot show 0." : "";
        boolean fitted = fit != null;
        PlotData.Points fitPmf = fitted ? clip(PlotData.fittedPmf(fit, FIT_POINTS), min(pmf.y()))
                : PlotData.Points.empty();
        String share = fitted ? fit.nTail() + "/" + fit.n() + " = " + Html.number((double) fit.nTail() / fit.n())
                : "";

        XYChart c = Charts.xy("Degree distribution", "degree k", "P(k)", Charts.WIDTH, Charts.HEIGHT, true, true);
        Charts.points(c, "P(k), " + n1 + " nodes", pmf.x(), pmf.y(), Charts.DATA);
        StringBuilder caption = new StringBuilder("P(k) is the share of the ").append(n1)
                .append(" nodes of degree k >= 1 that have degree k, on log-log axes.").append(zeros);
        if (fitPmf.size() >= 2) {
            Charts.line(c, String.format(Locale.ROOT, "power law, alpha=%.2f, xmin=%d", fit.alpha(), fit.xmin()),
                    fitPmf.x(), fitPmf.y(), Charts.FIT);
            caption.append(" Line: the fitted discrete power law p(k) = k^-α / ζ(α, xmin) over its tail, k from ")
                    .append(fit.xmin()).append(" to ").append(fit.maxValue())
                    .append(", multiplied by nTail/n = ").append(share)
                    .append(", the tail's share of those nodes, so that it lies on the points; drawn down to 1/")
                    .append(Math.round(1 / FIT_FLOOR)).append(" of the smallest P(k) plotted.");
        } else if (fitted) {
            caption.append(noFitLine(fit));
        }
        figures.add(new Figure("degree-distribution", "Degree distribution", caption.toString(), c, Charts.WIDTH,
                Charts.HEIGHT));

        PlotData.Points ccdf = PlotData.degreeCcdf(dist);
        PlotData.Points fitCcdf = fitted ? clip(PlotData.fittedCcdf(fit, FIT_POINTS), min(ccdf.y()))
                : PlotData.Points.empty();
        XYChart cc = Charts.xy("Degree CCDF", "degree k", "P(K >= k)", Charts.WIDTH, Charts.HEIGHT, true, true);
        Charts.points(cc, "P(K >= k), " + n1 + " nodes", ccdf.x(), ccdf.y(), Charts.DATA);
        StringBuilder cap = new StringBuilder("P(K >= k) is the share of the ").append(n1)
                .append(" nodes of degree k >= 1 that have degree at least k (the complementary CDF), on log-log axes.")
                .append(zeros);
        if (fitCcdf.size() >= 2) {
            Charts.line(cc, String.format(Locale.ROOT, "power law, alpha=%.2f, xmin=%d", fit.alpha(), fit.xmin()),
                    fitCcdf.x(), fitCcdf.y(), Charts.FIT);
            cap.append(" Line: the fitted power law's P(K >= k) over its tail, multiplied by nTail/n = ")
                    .append(share)
                    .append(", the tail's share of those nodes, so that it meets the points at k = xmin = ")
                    .append(fit.xmin()).append('.');
        } else if (fitted) {
            cap.append(noFitLine(fit));
        }
        figures.add(new Figure("degree-ccdf", "Degree CCDF", cap.toString(), cc, Charts.WIDTH, Charts.HEIGHT));
    }

    private static void communitySizes(Partition p, List<Figure> figures, List<String> notDrawn) {
        int[] sizes = p.sizes();
        if (p.count() < 2 || sizes[0] == sizes[p.count() - 1]) {
            String found = p.algorithm() + " found " + p.count() + " communit" + (p.count() == 1 ? "y" : "ies");
            notDrawn.add("Community sizes: " + found + (p.count() < 2 ? "" : ", all of " + sizes[0] + " node"
                    + (sizes[0] == 1 ? "" : "s")) + ", so there is no size distribution to draw.");
            return;
        }
        PlotData.Points rs = PlotData.rankSize(sizes);
        XYChart c = Charts.xy("Community sizes (" + p.algorithm() + ")", "rank (1 = largest)", "size (nodes)",
                Charts.WIDTH, Charts.HEIGHT, true, true);
        Charts.lineWithPoints(c, p.count() + " communities", rs.x(), rs.y(), Charts.DATA);
        c.getStyler().setLegendVisible(false);
        String caption = "The " + p.count() + " communities of the best partition found (" + p.algorithm()
                + ", modularity " + Html.number(p.modularity()) + "), rank against size on log-log axes; a run of "
                + "communities of equal size is drawn as a flat segment between its first and last rank.";
        figures.add(new Figure("community-sizes", "Community sizes", caption, c, Charts.WIDTH, Charts.HEIGHT));
    }

    private static void centrality(String name, String measure, String inText, NodeScores scores,
            List<Figure> figures, List<String> notDrawn) {
        double[] values = scores.values();
        PlotData.LogHistogram h = PlotData.logHistogram(values, BINS_PER_DECADE, 5, 120, MAX_DECADES);
        String title = measure + " histogram";
        if (h.degenerate()) {
            String why = values.length == 0 ? "the graph has no nodes"
                    : h.zeros() + h.nonFinite() == values.length
                            ? "no node has a positive finite score (" + h.zeros() + " zero, " + h.nonFinite()
                                    + " not a number)"
                            : "every positive score is the same (" + Html.number(h.high()) + "), so there is no "
                                    + "spread to draw";
            notDrawn.add(title + ": " + why + ".");
            return;
        }
        XYChart c = Charts.xy(title, inText + " (log bins)", "share of nodes",
                Charts.WIDTH, Charts.HEIGHT, true, true);
        Charts.lineWithPoints(c, inText, h.centres(), h.shares(), Charts.DATA);
        c.getStyler().setLegendVisible(false);
        StringBuilder caption = new StringBuilder("Share of all ").append(h.total()).append(" nodes whose ")
                .append(inText).append(" falls in each of ").append(h.bins())
                .append(" logarithmic bins (equal width on a log scale, ").append(BINS_PER_DECADE)
                .append(" per decade, at least 5) from ").append(Html.number(h.low())).append(" to ")
                .append(Html.number(h.high())).append(", drawn at each bin's geometric centre on log-log axes; empty "
                        + "bins are not drawn.");
        if (h.zeros() > 0) {
            caption.append(' ').append(h.zeros()).append(h.zeros() == 1 ? " node has" : " nodes have")
                    .append(" a score of 0 and ").append(h.zeros() == 1 ? "is" : "are")
                    .append(" not shown: a log axis cannot show 0.");
        }
        if (h.belowRange() > 0) {
            caption.append(' ').append(h.belowRange()).append(" positive scores more than ").append((int) MAX_DECADES)
                    .append(" decades below the largest are not shown.");
        }
        if (h.nonFinite() > 0) {
            caption.append(' ').append(h.nonFinite()).append(" scores that are not numbers are not shown.");
        }
        if (inText.equals("betweenness")) {
            caption.append(" Betweenness is the raw count of shortest-path pairs through a node (not normalised).");
        }
        caption.append(" Computed with ").append(scores.parameters()).append('.');
        figures.add(new Figure(name, title, caption.toString(), c, Charts.WIDTH, Charts.HEIGHT));
    }

    private static void pathLengths(PathLengths.Result paths, List<Figure> figures, List<String> notDrawn) {
        PlotData.Points p = PlotData.pathShares(paths.histogram());
        String how = paths.exact() ? "exact" : "sampled from " + paths.sourcesUsed() + " sources";
        String title = "Shortest-path lengths (" + how + ")";
        if (p.size() == 0) {
            notDrawn.add("Path-length histogram: no two distinct nodes are connected, so there is no distance to "
                    + "draw.");
            return;
        }
        Chart<?, ?> chart;
        String form;
        if (p.size() <= MAX_BARS) {
            CategoryChart c = Charts.bars(title, "distance (edges)", "share of connected pairs", Charts.WIDTH,
                    Charts.HEIGHT);
            List<Integer> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int i = 0; i < p.size(); i++) {
                xs.add((int) p.x()[i]);
                ys.add(p.y()[i]);
            }
            Charts.barSeries(c, "pairs", xs, ys, Charts.DATA);
            c.getStyler().setYAxisDecimalPattern(SHARE_PATTERN);
            if (p.size() > 30) {
                c.getStyler().setXAxisMaxLabelCount(20);
            }
            chart = c;
            form = "one bar per distance";
        } else {
            XYChart c = Charts.xy(title, "distance (edges)", "share of connected pairs", Charts.WIDTH,
                    Charts.HEIGHT, false, false);
            Charts.line(c, "pairs", p.x(), p.y(), Charts.DATA);
            c.getStyler().setLegendVisible(false);
            c.getStyler().setYAxisDecimalPattern(SHARE_PATTERN);
            chart = c;
            form = "a line over the " + p.size() + " distances (too many for bars)";
        }
        String caption = "Share of the " + paths.pairs() + " connected ordered pairs (source, target) at each "
                + "shortest-path distance, " + form + "; mean " + Html.number(paths.mean()) + ", "
                + (paths.exact() ? "diameter " + paths.diameter() + ". Exact: every node was a source."
                        : "longest distance seen " + paths.diameter() + " (a lower bound of the diameter). Sampled: "
                                + paths.sourcesUsed() + " source nodes drawn with seed " + paths.seed()
                                + ", so the shares estimate those of all pairs.");
        figures.add(new Figure("path-lengths", title, caption, chart, Charts.WIDTH, Charts.HEIGHT));
    }

    private static void history(List<MetricsPoint> history, List<Figure> figures, List<String> notDrawn) {
        List<String> absent = new ArrayList<>();
        for (Map.Entry<String, String> m : HISTORY_METRICS.entrySet()) {
            PlotData.History h = PlotData.history(history, m.getKey());
            if (h.size() == 0) {
                absent.add(m.getKey());
                continue;
            }
            String title = m.getKey() + " over iterations";
            if (h.size() < 2) {
                notDrawn.add(title + ": only one of the " + history.size() + " recorded points has a value.");
                continue;
            }
            XYChart c = Charts.xy(m.getKey(), "iteration", m.getValue(), Charts.SMALL_WIDTH, Charts.SMALL_HEIGHT,
                    false, false);
            Charts.lineWithPoints(c, m.getKey(), h.iterations(), h.values(), Charts.DATA);
            StringBuilder caption = new StringBuilder(m.getValue()).append(" at ").append(h.size())
                    .append(" recorded iterations, from ").append((long) h.iterations()[0]).append(" to ")
                    .append((long) h.iterations()[h.size() - 1]).append('.');
            c.getStyler().setLegendVisible(false); // the caption explains the colours; a legend would hide points
            if (h.anyEstimated()) {
                int k = 0;
                for (boolean e : h.estimated()) {
                    k += e ? 1 : 0;
                }
                double[] ex = new double[k];
                double[] ey = new double[k];
                for (int i = 0, j = 0; i < h.size(); i++) {
                    if (h.estimated()[i]) {
                        ex[j] = h.iterations()[i];
                        ey[j++] = h.values()[i];
                    }
                }
                Charts.points(c, "estimated", ex, ey, Charts.ESTIMATED);
                caption.append(" Orange points: ").append(k).append(" value").append(k == 1 ? " was" : "s were")
                        .append(" estimated by sampling, not computed exactly.");
            }
            if (h.missing() > 0) {
                caption.append(' ').append(h.missing()).append(" recorded point").append(h.missing() == 1 ? "" : "s")
                        .append(" without this metric ").append(h.missing() == 1 ? "is" : "are").append(" left out.");
            }
            c.getStyler().setXAxisDecimalPattern("#,##0.##");
            figures.add(new Figure(historyName(m.getKey()), title, caption.toString(), c, Charts.SMALL_WIDTH,
                    Charts.SMALL_HEIGHT));
        }
        if (!absent.isEmpty()) {
            notDrawn.add("Metrics history: " + String.join(", ", absent) + " " + (absent.size() == 1 ? "was" : "were")
                    + " not recorded in the " + history.size() + " history points.");
        }
    }

    private static String noFitLine(PowerLawResult fit) {
        boolean distribution = fit.alpha() > 1 && !Double.isInfinite(fit.alpha());
        return " The fitted power law is not drawn: " + (distribution
                ? "its tail, degrees " + fit.xmin() + " to " + fit.maxValue() + ", is too short for a line."
                : "its exponent (" + Html.number(fit.alpha()) + ") does not define a distribution.");
    }

    /** The points whose y is at least {@link #FIT_FLOOR} times {@code floor}. */
    private static PlotData.Points clip(PlotData.Points p, double floor) {
        double limit = floor * FIT_FLOOR;
        int k = 0;
        for (double y : p.y()) {
            k += y >= limit ? 1 : 0;
        }
        double[] x = new double[k];
        double[] y = new double[k];
        for (int i = 0, j = 0; i < p.size(); i++) {
            if (p.y()[i] >= limit) {
                x[j] = p.x()[i];
                y[j++] = p.y()[i];
            }
        }
        return new PlotData.Points(x, y);
    }

    private static double min(double[] v) {
        double m = Double.POSITIVE_INFINITY;
        for (double x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static Map<String, String> historyMetrics() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nodes", "nodes");
        m.put("edges", "undirected edges");
        m.put("meanDegree", "mean degree");
        m.put("maxDegree", "largest degree");
        m.put("powerLawAlpha", "power-law exponent alpha");
        m.put("modularity", "modularity");
        m.put("communities", "communities");
        m.put("averageClustering", "average clustering");
        m.put("giantShare", "giant component share");
        m.put("meanPathLength", "mean path length");
        return java.util.Collections.unmodifiableMap(m);
    }
}
