package org.rhizome.graph.analytics.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.analytics.NodeScores;
import org.rhizome.graph.analytics.StoredAnalytics.MetricsPoint;
import org.rhizome.graph.analytics.TestGraphs;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.powerlaw.LikelihoodRatio;
import org.rhizome.graph.analytics.powerlaw.PowerLawResult;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.w3c.dom.Document;

/**
 * Writes report folders for the karate club (with labels that hold markup) and for degenerate graphs, and reads
 * every file back with independent readers: ImageIO for the PNGs, the JDK's DOM parser for the SVGs, plain text
 * for the page and the JSON.
 */
class ReportWriterTest {
    private static final String E = "http://example.org/karate/";
    private static final String SCRIPT_LABEL = "John A <script>alert('x')</script> & co";
    private static final List<String> MAIN_PLOTS = List.of("degree-distribution", "degree-ccdf", "community-sizes",
            "pagerank-histogram", "betweenness-histogram", "path-lengths");

    private static AnalysisReport karate;

    @TempDir
    Path dir;

    /**
     * Karate club with IRIs and labels: member 34 (id 33, the largest hub by degree, PageRank and betweenness)
     * carries a label with a script element; member 1 (id 0) is "Mr Hi".
     */
    @BeforeAll
    static void analyseKarate() {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (int v = 0; v < 34; v++) {
            b.entityId(E + "m" + (v + 1));
        }
        int rel = b.relationId(E + "friendOf");
        for (int a = 0; a < TestGraphs.KARATE_ADJACENCY.length; a++) {
            for (int c : TestGraphs.KARATE_ADJACENCY[a]) {
                b.addEdge(a, rel, c);
            }
        }
        b.label(E + "m1", "Mr Hi").label(E + "m34", SCRIPT_LABEL).label(E + "m33", "Member Thirty-three");
        karate = analyse(UndirectedGraph.of(b.build()));
    }

    private static AnalysisReport analyse(UndirectedGraph g) {
        return new GraphAnalysis(AnalysisOptions.defaults().withBootstrap(10).withThreads(2)).run(g);
    }

    @Test
    void writesMetricsPageAndEveryPlotAsPngAndSvg() throws Exception {
        Path index = ReportWriter.write(karate, List.of(), dir);

        assertThat(index).isEqualTo(dir.resolve("index.html"));
        assertThat(dir.resolve("index.html")).isNotEmptyFile();
        assertThat(dir.resolve("metrics.json")).isNotEmptyFile();
        for (String plot : MAIN_PLOTS) {
            assertPng(dir.resolve(plot + ".png"), Charts.WIDTH, Charts.HEIGHT);
            assertSvg(dir.resolve(plot + ".svg"));
        }
        String html = Files.readString(index);
        for (String plot : MAIN_PLOTS) {
            assertThat(html).contains("src=\"" + plot + ".png\"").contains("href=\"" + plot + ".svg\"");
        }
    }

    @Test
    void metricsJsonIsTheReportsJson() throws Exception {
        ReportWriter.write(karate, List.of(), dir);

        String json = Files.readString(dir.resolve("metrics.json"), StandardCharsets.UTF_8);
        StringWriter expected = new StringWriter();
        karate.writeJson(expected);
        assertThat(json).startsWith("{").contains("\"scalars\"").isEqualTo(expected.toString());
    }

    @Test
    void pageListsHubsAndEscapesLabels() throws Exception {
        String html = Files.readString(ReportWriter.write(karate, List.of(), dir));

        assertThat(html).contains("Mr Hi", "Member Thirty-three", E + "m34")
                .contains("John A &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co")
                .doesNotContain("<script").doesNotContain("alert('x')");
        assertThat(html).contains("Hubs by degree", "Hubs by PageRank", "Bridges by betweenness",
                "Bridges by participation");
        // Member 34 has the highest degree (17): first row of the degree table.
        assertThat(html).containsPattern("<h3>Hubs by degree</h3>\\s*<table>\\s*<tr>.*?</tr>\\s*<tr><td class=\"n\">1"
                + "</td><td>John A &lt;script&gt;");
    }

    @Test
    void pageIsSelfContained() throws Exception {
        String html = Files.readString(ReportWriter.write(karate, List.of(), dir));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>").doesNotContain("<script")
                .doesNotContain("<link").doesNotContainPattern("(src|href)=\"(https?:)?//");
        assertThat(html).contains(karate.powerLaw().verdict().replace("'", "&#39;"));
        for (String note : karate.notes()) {
            assertThat(html).contains(Html.text(note));
        }
        for (String step : karate.seconds().keySet()) {
            assertThat(html).contains("<td>" + step + "</td>");
        }
    }

    @Test
    void summaryMarksEstimatedScalars() throws Exception {
        String html = Files.readString(ReportWriter.write(karate, List.of(), dir));

        // With 10 bootstraps the power-law p-value is the one estimated scalar of an exact karate analysis.
        assertThat(karate.scalars().get("powerLawP").exact()).isFalse();
        assertThat(html).containsPattern("<code>powerLawP</code></td><td class=\"n\">[^<]*</td><td><span "
                + "class=\"est\">estimated</span>");
        assertThat(html).containsPattern("<code>nodes</code></td><td class=\"n\">34</td><td></td>");
    }

    @Test
    void listsLargestCommunitiesWithMemberLabelsByDegree() throws Exception {
        String html = Files.readString(ReportWriter.write(karate, List.of(), dir));

        assertThat(html).contains("largest of " + karate.bestPartition().count() + " communities");
        // The community of member 34 lists it first: it has the highest degree of all.
        assertThat(html).contains("<ul class=\"members\"><li title=\"" + E + "m34\">John A &lt;script&gt;");
    }

    @Test
    void historyPlotsOnlyFromTwoPoints() throws Exception {
        Path none = dir.resolve("none");
        Path one = dir.resolve("one");
        Path three = dir.resolve("three");
        ReportWriter.write(karate, List.of(), none);
        ReportWriter.write(karate, history(1), one);
        ReportWriter.write(karate, history(3), three);

        assertThat(historyFiles(none)).isEmpty();
        assertThat(historyFiles(one)).isEmpty();
        assertThat(Files.readString(one.resolve("index.html"))).contains("a trend needs at least two");
        for (String m : Figures.HISTORY_METRICS.keySet()) {
            assertPng(three.resolve("history-" + m + ".png"), Charts.SMALL_WIDTH, Charts.SMALL_HEIGHT);
            assertSvg(three.resolve("history-" + m + ".svg"));
        }
        assertThat(Files.readString(three.resolve("index.html"))).contains("src=\"history-meanPathLength.png\"")
                .contains("estimated by sampling");
    }

    @Test
    void historySkipsMetricsThatWereNotRecorded() throws Exception {
        List<MetricsPoint> h = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            h.add(new MetricsPoint(i, Instant.EPOCH, "it" + i, Map.of("nodes",
                    new AnalysisReport.Measure(10 + i, true))));
        }
        ReportWriter.write(karate, h, dir);

        assertThat(historyFiles(dir)).containsExactlyInAnyOrder("history-nodes.png", "history-nodes.svg");
        assertThat(Files.readString(dir.resolve("index.html"))).contains("edges, meanDegree, maxDegree");
    }

    @Test
    void rewritingAFolderRemovesPlotsTheNewReportDoesNotHaveButNothingElse() throws Exception {
        ReportWriter.write(karate, history(3), dir);
        assertThat(historyFiles(dir)).isNotEmpty();
        Path mine = Files.writeString(dir.resolve("notes.txt"), "kept");
        Path leftover = Files.writeString(dir.resolve(".index.html.12345.tmp"), "half");

        ReportWriter.write(analyse(TestGraphs.path(2)), List.of(), dir);

        assertThat(historyFiles(dir)).isEmpty();
        assertThat(dir.resolve("degree-distribution.png")).doesNotExist();
        assertThat(mine).hasContent("kept");
        assertThat(leftover).doesNotExist();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void oneEdgeGivesAReportWithoutDistributionPlots() throws Exception {
        AnalysisReport r = analyse(TestGraphs.path(2));

        String html = Files.readString(ReportWriter.write(r, history(2), dir));

        assertThat(dir.resolve("degree-distribution.png")).doesNotExist();
        assertThat(dir.resolve("pagerank-histogram.png")).doesNotExist();
        assertThat(html).contains("all 2 nodes with an edge have degree 1")
                .contains("PageRank histogram: every positive score is the same")
                .contains("Betweenness histogram: no node has a positive finite score");
        // One distance (1): a one-bar histogram is still a histogram.
        assertPng(dir.resolve("path-lengths.png"), Charts.WIDTH, Charts.HEIGHT);
        assertThat(html).contains("Shortest-path lengths (exact)");
    }

    @Test
    void graphWithoutEdgesGivesAReport() throws Exception {
        AnalysisReport r = analyse(UndirectedGraph.fromEdges(3, new int[0][]));

        String html = Files.readString(ReportWriter.write(r, List.of(), dir));

        assertThat(dir.resolve("metrics.json")).isNotEmptyFile();
        assertThat(html).contains("no node has an edge (3 nodes, all isolated)")
                .contains("no two distinct nodes are connected");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".png"));
        }
    }

    @Test
    void graphWithoutNodesGivesAReport() throws Exception {
        AnalysisReport r = analyse(UndirectedGraph.fromEdges(0, new int[0][]));

        String html = Files.readString(ReportWriter.write(r, List.of(), dir));

        assertThat(html).contains("Graph analysis: 0 nodes, 0 edges");
        assertThat(dir.resolve("metrics.json")).isNotEmptyFile();
    }

    @Test
    void equalDegreesAndZeroBetweennessSkipThoseChartsOnly() throws Exception {
        AnalysisReport r = analyse(TestGraphs.clique(6));

        String html = Files.readString(ReportWriter.write(r, List.of(), dir));

        assertThat(html).contains("all 6 nodes with an edge have degree 5")
                .contains("Betweenness histogram: no node has a positive finite score (6 zero");
        assertThat(dir.resolve("betweenness-histogram.png")).doesNotExist();
        assertPng(dir.resolve("path-lengths.png"), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void starLeavesOutZeroBetweennessAndSaysSo() throws Exception {
        AnalysisReport r = analyse(TestGraphs.star(8));

        String html = Files.readString(ReportWriter.write(r, List.of(), dir));

        // The centre has betweenness 21, the seven leaves 0: one positive value, no spread.
        assertThat(html).contains("Betweenness histogram: every positive score is the same (21)");
        assertPng(dir.resolve("degree-distribution.png"), Charts.WIDTH, Charts.HEIGHT);
        assertPng(dir.resolve("pagerank-histogram.png"), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void notANumberIsLeftOutNotFatal() throws Exception {
        double[] nan = new double[34];
        java.util.Arrays.fill(nan, Double.NaN);
        double[] someNan = karate.betweenness().values();
        for (int v = 0; v < someNan.length; v += 2) {
            someNan[v] = Double.NaN;
        }
        AnalysisReport k = karate;
        LikelihoodRatio lr = new LikelihoodRatio("exponential", Map.of(), Double.NaN, Double.NaN, Double.NaN);
        PowerLawResult nanFit = new PowerLawResult(Double.NaN, Double.NaN, 1, 34, 34, Double.NaN, Double.NaN, 0,
                1L, lr, new LikelihoodRatio("lognormal", Map.of(), Double.NaN, Double.NaN, Double.NaN), 17, false);
        AnalysisReport r = new AnalysisReport(k.graph(), k.options(), k.createdAt(), k.degrees(), nanFit, k.weak(),
                k.strong(), k.coreNumbers(), k.articulationPoints(), k.clustering(), Double.NaN,
                new NodeScores("pagerank", Map.of(), k.graph(), nan),
                new NodeScores("betweenness", Map.of(), k.graph(), someNan), k.betweennessStdErr(), k.closeness(),
                k.harmonic(), k.eigenvector(), k.leiden(), k.louvain(), k.labelPropagation(), k.paths(), null,
                k.seconds(), k.notes());
        List<MetricsPoint> h = history(3);
        h.set(1, new MetricsPoint(1, Instant.EPOCH, "nan", Map.of("nodes", new AnalysisReport.Measure(Double.NaN,
                true))));

        String html = Files.readString(ReportWriter.write(r, h, dir));

        assertThat(html).contains("PageRank histogram: no node has a positive finite score (0 zero, 34 not a number)")
                .contains("17 scores that are not numbers are not shown")
                .contains("<code>assortativity</code></td><td class=\"n\">n/a</td>")
                .contains("1 recorded point without this metric is left out")
                .contains("The fitted power law is not drawn: its exponent (n/a) does not define a distribution.");
        assertPng(dir.resolve("betweenness-histogram.png"), Charts.WIDTH, Charts.HEIGHT);
        assertPng(dir.resolve("history-nodes.png"), Charts.SMALL_WIDTH, Charts.SMALL_HEIGHT);
        // No fitted line for a NaN exponent, but the data are still drawn.
        assertPng(dir.resolve("degree-distribution.png"), Charts.WIDTH, Charts.HEIGHT);
    }

    @Test
    void longPathsAreDrawnAsALine() throws Exception {
        AnalysisReport r = analyse(TestGraphs.path(150));

        String html = Files.readString(ReportWriter.write(r, List.of(), dir));

        assertPng(dir.resolve("path-lengths.png"), Charts.WIDTH, Charts.HEIGHT);
        assertThat(html).contains("a line over the 149 distances");
    }

    @Test
    void folderThatIsAFileIsRejected() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");

        assertThatThrownBy(() -> ReportWriter.write(karate, List.of(), file))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("taken");
    }

    @Test
    void everyPlotNameIsOneTheWriterKnows() {
        Figures.Plan plan = Figures.plan(karate, history(3));

        assertThat(plan.figures()).hasSize(MAIN_PLOTS.size() + Figures.HISTORY_METRICS.size());
        for (Figures.Figure f : plan.figures()) {
            assertThat(ReportWriter.knownFiles()).contains(f.name() + ".png", f.name() + ".svg");
        }
    }

    /** {@code n} history points from the karate scalars, growing, with meanPathLength estimated at iteration 1. */
    private static List<MetricsPoint> history(int n) {
        List<MetricsPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, AnalysisReport.Measure> m = new LinkedHashMap<>();
            for (Map.Entry<String, AnalysisReport.Measure> e : karate.scalars().entrySet()) {
                boolean exact = !(e.getKey().equals("meanPathLength") && i == 1);
                m.put(e.getKey(), new AnalysisReport.Measure(e.getValue().value() * (1 + 0.1 * i), exact));
            }
            points.add(new MetricsPoint(i, Instant.EPOCH.plusSeconds(i), "iteration " + i, m));
        }
        return points;
    }

    private static List<String> historyFiles(Path d) throws Exception {
        try (Stream<Path> files = Files.list(d)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("history-")).toList();
        }
    }

    private static void assertPng(Path file, int width, int height) throws Exception {
        assertThat(file).isNotEmptyFile();
        BufferedImage img = ImageIO.read(file.toFile());
        assertThat(img).as(file + " decodes").isNotNull();
        assertThat(img.getWidth()).isEqualTo(width);
        assertThat(img.getHeight()).isEqualTo(height);
    }

    private static void assertSvg(Path file) throws Exception {
        assertThat(file).isNotEmptyFile();
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        // The SVG names the W3C DTD; do not fetch it (tests run offline).
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document doc = f.newDocumentBuilder().parse(file.toFile());
        assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
    }
}
