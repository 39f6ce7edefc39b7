package org.rhizome.graph.analytics.report;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.StoredAnalytics.MetricsPoint;
import org.rhizome.graph.io.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the report folder of one analysis, the output of {@code rhizome analyze --report DIR}:
 *
 * <ul>
 *   <li>{@code metrics.json}: {@link AnalysisReport#writeJson}, UTF-8: every number with its parameters.</li>
 *   <li>Plots, each as {@code NAME.png} (for the page) and {@code NAME.svg} (to zoom or print), drawn only for what
 *       the report measured: {@code degree-distribution} (P(k), log-log, with the fitted power law over its tail),
 *       {@code degree-ccdf} (P(K &ge; k) with the fitted CCDF), {@code community-sizes} (rank against size of the
 *       best partition), {@code pagerank-histogram} and {@code betweenness-histogram} (log-binned),
 *       {@code path-lengths} (bars; exact or sampled), and, when {@code history} has at least two points,
 *       {@code history-METRIC} for each of nodes, edges, meanDegree, maxDegree, powerLawAlpha, modularity,
 *       communities, averageClustering, giantShare and meanPathLength that was recorded.</li>
 *   <li>{@code index.html}: a self-contained page (inline CSS, no script, no external address) with the summary
 *       table, the power-law verdict, the notes, the plots with captions, the hub, bridge and community tables and
 *       the timings. Labels and IRIs from the data are escaped.</li>
 * </ul>
 *
 * <p>Degenerate data (an empty graph, one edge, equal degrees, scores that are all zero) never fail the report: a
 * plot that has nothing to show is left out and the page says why. Each file is written to a temporary sibling and
 * renamed over its target, and {@code index.html} is written last, so an interrupted run leaves every file either
 * whole and old or whole and new. Plot files of an earlier report in the same folder that this report does not
 * have are deleted after the page is written; files this class does not name are never touched. One writer per
 * folder at a time.
 *
 * <p>Cost: the plots are drawn from aggregates (the degree distribution, bins, the path histogram), so the time is
 * roughly 0.05 to 0.1 s per plot whatever the graph's size, plus O(n) for the tables (about 0.3 to 0.6 s for the six
 * main plots, at 34 nodes as at 10^5 edges); the first report in a JVM pays a few seconds more to load the drawing
 * code and fonts. Charts are drawn into images, never windows: the writer sets
 * {@code java.awt.headless=true} if the JVM was started without a value.
 */
public final class ReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);

    /** The page. */
    public static final String INDEX = "index.html";
    /** The numbers. */
    public static final String METRICS = "metrics.json";

    private ReportWriter() {}

    /**
     * Writes the report folder for {@code report}, with the metrics history {@code history} (may be empty), into
     * {@code dir}, creating it if needed and replacing the files of an earlier report there.
     *
     * @return the path of {@code index.html}
     * @throws UncheckedIOException if {@code dir} cannot be created (for instance, it is a file) or a file cannot be
     *                              written; files already replaced stay replaced, the others (and
     *                              {@code index.html}, which is written last) keep their earlier content
     */
    public static Path write(AnalysisReport report, List<MetricsPoint> history, Path dir) {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(dir, "dir");
        long t0 = System.nanoTime();
        Charts.ensureHeadless();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the report folder " + dir + ": " + e, e);
        }
        Set<String> known = knownFiles();
        AtomicFiles.removeLeftovers(dir, known);

        AtomicFiles.write(dir.resolve(METRICS), out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            report.writeJson(w);
            w.flush();
        });

        Figures.Plan plan = Figures.plan(report, history);
        List<Figures.Figure> drawn = new ArrayList<>();
        List<String> notDrawn = new ArrayList<>(plan.notDrawn());
        Set<String> written = new LinkedHashSet<>(List.of(METRICS, INDEX));
        for (Figures.Figure f : plan.figures()) {
            byte[] png;
            byte[] svg;
            try {
                png = Charts.png(f.chart());
                svg = Charts.svg(f.chart());
            } catch (IOException | RuntimeException e) {
                // The data checks in Figures should leave nothing XChart rejects; if something slips through, the
                // report loses one plot rather than the whole page.
                LOG.warn("report plot {} could not be drawn", f.name(), e);
                notDrawn.add(f.title() + ": could not be drawn (" + e + ").");
                continue;
            }
            AtomicFiles.write(dir.resolve(f.name() + ".png"), png);
            AtomicFiles.write(dir.resolve(f.name() + ".svg"), svg);
            written.add(f.name() + ".png");
            written.add(f.name() + ".svg");
            drawn.add(f);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        String html = IndexPage.render(report, history, drawn, notDrawn, Instant.now(), seconds);
        Path index = dir.resolve(INDEX);
        AtomicFiles.write(index, html.getBytes(StandardCharsets.UTF_8));

        for (String name : known) {
            if (!written.contains(name)) {
                try {
                    Files.deleteIfExists(dir.resolve(name));
                } catch (IOException e) {
                    LOG.warn("could not delete the stale report file {}", dir.resolve(name), e);
                }
            }
        }
        LOG.debug("report written to {}: {} plots in {} s", dir, drawn.size(), (System.nanoTime() - t0) / 1e9);
        return index;
    }

    /** Every file name this writer may produce. */
    static Set<String> knownFiles() {
        Set<String> names = new LinkedHashSet<>(List.of(INDEX, METRICS));
        List<String> bases = new ArrayList<>(Figures.PLOTS);
        for (String m : Figures.HISTORY_METRICS.keySet()) {
            bases.add(Figures.historyName(m));
        }
        for (String b : bases) {
            names.add(b + ".png");
            names.add(b + ".svg");
        }
        return names;
    }
}
