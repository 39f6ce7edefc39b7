package org.rhizome.graph.analytics.report;

import static org.rhizome.graph.analytics.report.Html.number;
import static org.rhizome.graph.analytics.report.Html.text;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.HubsAndBridges;
import org.rhizome.graph.analytics.RankedNode;
import org.rhizome.graph.analytics.StoredAnalytics.MetricsPoint;
import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.analytics.community.Partition;
import org.rhizome.graph.analytics.powerlaw.LikelihoodRatio;
import org.rhizome.graph.analytics.powerlaw.PowerLawResult;

/**
 * The report's {@code index.html}: one self-contained page (inline CSS, no script, no external address) with the
 * summary, the power-law verdict, the notes, the plots, the hub, bridge and community tables and the timings. Every
 * piece of text goes through {@link Html#text(String)}; IRIs are shown as text, never as links, because an IRI from
 * user data may be a {@code javascript:} address.
 */
final class IndexPage {
    /** Communities listed in the community table. */
    static final int COMMUNITY_ROWS = 10;
    /** Member labels shown per listed community. */
    static final int MEMBER_LABELS = 10;

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final Map<String, String> SCALARS = scalarDescriptions();

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0 auto;\
            max-width:1120px;padding:0 20px 40px;color:#222;line-height:1.45}
            h1{margin:24px 0 4px;font-size:1.6em}h2{margin-top:34px;border-bottom:1px solid #ddd;padding-bottom:4px}
            h3{margin:20px 0 6px;font-size:1.05em}
            .meta{color:#555;margin:0 0 8px}nav a{margin-right:12px}
            table{border-collapse:collapse;margin:6px 0 12px;font-size:.92em}
            th,td{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
            th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
            code,.iri{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.85em;color:#555;\
            word-break:break-all}
            .est{background:#fdebd0;color:#a04000;border-radius:3px;padding:0 4px;font-size:.85em}
            .verdict{font-size:1.05em;background:#f4f8fc;border-left:4px solid #1f5fa8;padding:6px 10px}
            .warn{color:#a04000}
            figure{display:inline-block;margin:10px 12px 18px 0;vertical-align:top;max-width:640px}
            figure img{border:1px solid #ddd;max-width:100%;height:auto}
            figcaption{font-size:.86em;color:#333}
            .tables{display:flex;flex-wrap:wrap;gap:0 28px}.tables>div{flex:1 1 480px;min-width:0}
            .small figure{max-width:480px}
            ul.members{margin:0;padding:0;list-style:none}ul.members li{display:inline}
            ul.members li+li:before{content:", "}
            """;

    private IndexPage() {}

    /**
     * @param figures  the plots whose PNG and SVG files were written, in page order
     * @param notDrawn why each missing plot is missing
     * @param written  when the page is written
     * @param writeSeconds seconds spent writing metrics.json and the plots
     */
    static String render(AnalysisReport report, List<MetricsPoint> history, List<Figures.Figure> figures,
            List<String> notDrawn, Instant written, double writeSeconds) {
        StringBuilder b = new StringBuilder(64 * 1024);
        UndirectedGraph g = report.graph();
        String heading = "Graph analysis: " + g.nodeCount() + " nodes, " + g.edgeCount() + " edges";
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(text("Rhizome – " + heading)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>").append(text(heading)).append("</h1>\n<p class=\"meta\">Analysis started ")
                .append(time(report.createdAt())).append("; report written ").append(time(written))
                .append(". The numbers behind this page, with the parameters that produced them, are in ")
                .append("<a href=\"metrics.json\">metrics.json</a>.</p>\n");
        b.append("<nav><a href=\"#summary\">Summary</a><a href=\"#power-law\">Power law</a>")
                .append("<a href=\"#notes\">Notes</a>")
                .append("<a href=\"#plots\">Plots</a><a href=\"#hubs\">Hubs and bridges</a>")
                .append("<a href=\"#communities\">Communities</a><a href=\"#timings\">Timings</a></nav>\n");
        summary(b, report);
        powerLaw(b, report.powerLaw());
        notes(b, report.notes());
        plots(b, figures, notDrawn, history);
        hubs(b, report);
        communities(b, report);
        timings(b, report.seconds(), writeSeconds);
        b.append("</body>\n</html>\n");
        return b.toString();
    }

    private static void summary(StringBuilder b, AnalysisReport r) {
        b.append("<section id=\"summary\">\n<h2>Summary</h2>\n");
        Map<String, AnalysisReport.Measure> scalars = r.scalars();
        if (scalars.isEmpty()) {
            b.append("<p>No scalar metric was computed.</p>\n");
        } else {
            b.append("<table>\n<tr><th>metric</th><th>name</th><th>value</th><th></th></tr>\n");
            boolean anyEstimated = false;
            for (Map.Entry<String, AnalysisReport.Measure> e : scalars.entrySet()) {
                String what = SCALARS.getOrDefault(e.getKey(), "");
                if (e.getKey().equals("diameter") && !e.getValue().exact()) {
                    what = "longest distance seen (a lower bound of the diameter)";
                }
                b.append("<tr><td>").append(text(what)).append("</td><td><code>").append(text(e.getKey()))
                        .append("</code></td><td class=\"n\">").append(text(number(e.getValue().value())))
                        .append("</td><td>");
                if (!e.getValue().exact()) {
                    b.append("<span class=\"est\">estimated</span>");
                    anyEstimated = true;
                }
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
            if (anyEstimated) {
                b.append("<p><span class=\"est\">estimated</span>: from a sample (bootstrap data sets, sampled ")
                        .append("sources or pivots) rather than computed exactly; see the notes.</p>\n");
            }
        }
        UndirectedGraph g = r.graph();
        b.append("<p>Measures read the graph as simple and undirected: ")
                .append(text(g.collapsedParallelEdges() + " parallel statements were collapsed and "
                        + g.droppedSelfLoops() + " self-loops dropped"))
                .append("; strong components read the directed statements.</p>\n</section>\n");
    }

    private static void powerLaw(StringBuilder b, PowerLawResult p) {
        b.append("<section id=\"power-law\">\n<h2>Power law of the degrees</h2>\n");
        if (p == null) {
            b.append("<p>No power-law fit in this analysis (not requested, or skipped: see the notes).</p>\n")
                    .append("</section>\n");
            return;
        }
        b.append("<p class=\"verdict\">").append(text(p.verdict())).append("</p>\n");
        b.append("<p>Discrete power law fitted to the degree tail k ≥ xmin by maximum likelihood, xmin chosen to ")
                .append("minimise the Kolmogorov–Smirnov distance, p-value by semi-parametric bootstrap (Clauset, ")
                .append("Shalizi and Newman, SIAM Review 51(4), 2009). A plausible power law is one the data do not ")
                .append("contradict, not one they prove.</p>\n<table>\n");
        row(b, "exponent α", number(p.alpha()) + " ± " + number(p.alphaStdErr()) + " (standard error)");
        row(b, "xmin", number(p.xmin()));
        row(b, "nodes in the tail", p.nTail() + " of " + p.n() + " with degree ≥ 1 ("
                + Html.percent(p.nTail(), p.n()) + ")");
        row(b, "largest degree", number(p.maxValue()));
        row(b, "KS distance", number(p.ks()));
        row(b, "goodness-of-fit p", p.bootstrapCount() == 0 ? "not tested (0 bootstrap data sets)"
                : number(p.pValue()) + " from " + p.bootstrapCount() + " bootstrap data sets (seed " + p.seed()
                        + ")");
        b.append("</table>\n");
        if (p.alphaAtBound()) {
            b.append("<p class=\"warn\">α is at the upper end of the searched range: the likelihood was still ")
                    .append("rising there, so the fit is not a proper maximum.</p>\n");
        }
        b.append("<h3>Likelihood-ratio comparisons on the tail</h3>\n<table>\n<tr><th>alternative</th>")
                .append("<th>fitted parameters</th><th>R</th><th>normalised R</th><th>p</th><th>favours</th></tr>\n");
        for (LikelihoodRatio lr : p.comparisons()) {
            StringBuilder params = new StringBuilder();
            for (Map.Entry<String, Double> e : lr.parameters().entrySet()) {
                params.append(params.length() == 0 ? "" : ", ").append(e.getKey()).append('=')
                        .append(number(e.getValue()));
            }
            b.append("<tr><td>").append(text(lr.alternative())).append("</td><td>").append(text(params.toString()))
                    .append("</td><td class=\"n\">").append(text(number(lr.r()))).append("</td><td class=\"n\">")
                    .append(text(number(lr.normalisedR()))).append("</td><td class=\"n\">")
                    .append(text(number(lr.pValue()))).append("</td><td>").append(text(lr.favours()))
                    .append("</td></tr>\n");
        }
        b.append("</table>\n<p>R &gt; 0 favours the power law, R &lt; 0 the alternative; p is the significance of ")
                .append("the sign of R (significant below ").append(LikelihoodRatio.DEFAULT_SIGNIFICANCE)
                .append(").</p>\n</section>\n");
    }

    private static void notes(StringBuilder b, List<String> notes) {
        b.append("<section id=\"notes\">\n<h2>Notes</h2>\n");
        if (notes.isEmpty()) {
            b.append("<p>Nothing was sampled or skipped.</p>\n");
        } else {
            b.append("<ul>\n");
            for (String n : notes) {
                b.append("<li>").append(text(n)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("</section>\n");
    }

    private static void plots(StringBuilder b, List<Figures.Figure> figures, List<String> notDrawn,
            List<MetricsPoint> history) {
        b.append("<section id=\"plots\">\n<h2>Plots</h2>\n");
        List<Figures.Figure> main = new ArrayList<>();
        List<Figures.Figure> series = new ArrayList<>();
        for (Figures.Figure f : figures) {
            (f.name().startsWith("history-") ? series : main).add(f);
        }
        if (main.isEmpty()) {
            b.append("<p>No plot of this analysis could be drawn.</p>\n");
        }
        for (Figures.Figure f : main) {
            figure(b, f);
        }
        b.append("<h3>Metrics over iterations</h3>\n");
        if (history.size() < 2) {
            b.append("<p>").append(text(history.isEmpty() ? "No metrics history was recorded."
                    : "One point of metrics history was recorded; a trend needs at least two.")).append("</p>\n");
        } else {
            b.append("<p>").append(text(history.size() + " recorded points of the metrics history.")).append("</p>\n")
                    .append("<div class=\"small\">\n");
            for (Figures.Figure f : series) {
                figure(b, f);
            }
            b.append("</div>\n");
        }
        if (!notDrawn.isEmpty()) {
            b.append("<h3>Plots not drawn</h3>\n<ul>\n");
            for (String n : notDrawn) {
                b.append("<li>").append(text(n)).append("</li>\n");
            }
            b.append("</ul>\n");
        }
        b.append("</section>\n");
    }

    private static void figure(StringBuilder b, Figures.Figure f) {
        String png = text(f.name() + ".png");
        String svg = text(f.name() + ".svg");
        b.append("<figure id=\"fig-").append(text(f.name())).append("\"><img src=\"").append(png)
                .append("\" width=\"").append(f.width()).append("\" height=\"").append(f.height())
                .append("\" alt=\"").append(text(f.title())).append("\">\n<figcaption><strong>")
                .append(text(f.title())).append(".</strong> ").append(text(f.caption())).append(" <a href=\"")
                .append(svg).append("\">SVG</a></figcaption></figure>\n");
    }

    private static void hubs(StringBuilder b, AnalysisReport r) {
        b.append("<section id=\"hubs\">\n<h2>Hubs and bridges</h2>\n");
        HubsAndBridges hb = r.hubsAndBridges();
        int k = r.options().topK();
        if (hb == null && r.graph().nodeCount() > 0) {
            // Not requested as such: derive what the report's own scores allow (degree always, the rest if present).
            hb = HubsAndBridges.of(r.graph(), r.pageRank(), r.betweenness(), r.bestPartition(), k, 4);
        }
        if (hb == null || k == 0) {
            b.append("<p>No node to list.</p>\n</section>\n");
            return;
        }
        b.append("<div class=\"tables\">\n");
        ranked(b, "Hubs by degree", "degree", hb.hubsByDegree(), true);
        ranked(b, "Hubs by PageRank", "PageRank", hb.hubsByPageRank(), r.pageRank() != null);
        ranked(b, "Bridges by betweenness", "betweenness", hb.bridgesByBetweenness(), r.betweenness() != null);
        ranked(b, "Bridges by participation", "participation", hb.bridgesByParticipation(),
                r.bestPartition() != null);
        b.append("</div>\n<p>Participation coefficient (Guimerà and Amaral 2005): 0 when all of a node's links stay ")
                .append("in its community, near 1 when they spread over many; ranked among nodes of degree ≥ ")
                .append(hb.minDegree()).append(".")
                .append(r.betweenness() != null ? " Betweenness is the raw count of shortest-path pairs through a "
                        + "node." : "")
                .append("</p>\n</section>\n");
    }

    private static void ranked(StringBuilder b, String title, String score, List<RankedNode> nodes,
            boolean computed) {
        b.append("<div>\n<h3>").append(text(title)).append("</h3>\n");
        if (!computed) {
            b.append("<p>Not computed in this analysis.</p>\n</div>\n");
            return;
        }
        if (nodes.isEmpty()) {
            b.append("<p>No node qualifies.</p>\n</div>\n");
            return;
        }
        b.append("<table>\n<tr><th>#</th><th>label</th><th>IRI</th><th>").append(text(score)).append("</th></tr>\n");
        for (RankedNode n : nodes) {
            b.append("<tr><td class=\"n\">").append(n.rank()).append("</td><td>").append(text(n.label()))
                    .append("</td><td class=\"iri\">").append(text(n.iri())).append("</td><td class=\"n\">")
                    .append(text(number(n.score()))).append("</td></tr>\n");
        }
        b.append("</table>\n</div>\n");
    }

    private static void communities(StringBuilder b, AnalysisReport r) {
        b.append("<section id=\"communities\">\n<h2>Communities</h2>\n");
        Partition best = r.bestPartition();
        if (best == null) {
            b.append("<p>No community detection in this analysis.</p>\n</section>\n");
            return;
        }
        b.append("<table>\n<tr><th>algorithm</th><th>communities</th><th>largest</th><th>modularity</th>")
                .append("<th>parameters</th></tr>\n");
        for (Partition p : new Partition[] {r.leiden(), r.louvain(), r.labelPropagation()}) {
            if (p != null) {
                b.append("<tr><td>").append(text(p.algorithm())).append(p == best ? " (best)" : "")
                        .append("</td><td class=\"n\">").append(p.count()).append("</td><td class=\"n\">")
                        .append(p.count() == 0 ? "" : Integer.toString(p.sizes()[0])).append("</td><td class=\"n\">")
                        .append(text(number(p.modularity()))).append("</td><td><code>")
                        .append(text(String.valueOf(p.parameters()))).append("</code></td></tr>\n");
            }
        }
        b.append("</table>\n");
        int rows = Math.min(COMMUNITY_ROWS, best.count());
        if (rows == 0) {
            b.append("<p>The graph has no nodes.</p>\n</section>\n");
            return;
        }
        int[][] members = largestMembers(r.graph(), best, rows, MEMBER_LABELS);
        int[] sizes = best.sizes();
        int n = r.graph().nodeCount();
        b.append("<h3>").append(text("The " + rows + " largest of " + best.count() + " communities ("
                + best.algorithm() + "), members by degree")).append("</h3>\n<table>\n")
                .append("<tr><th>#</th><th>size</th><th>share</th><th>members with the highest degree</th></tr>\n");
        for (int c = 0; c < rows; c++) {
            b.append("<tr><td class=\"n\">").append(c + 1).append("</td><td class=\"n\">").append(sizes[c])
                    .append("</td><td class=\"n\">").append(Html.percent(sizes[c], n))
                    .append("</td><td><ul class=\"members\">");
            for (int v : members[c]) {
                b.append("<li title=\"").append(text(r.graph().iri(v))).append("\">").append(text(r.graph().label(v)))
                        .append("</li>");
            }
            if (sizes[c] > members[c].length) {
                b.append("<li>").append(text("… and " + (sizes[c] - members[c].length) + " more")).append("</li>");
            }
            b.append("</ul></td></tr>\n");
        }
        b.append("</table>\n</section>\n");
    }

    /**
     * For each of the communities {@code 0..rows-1} of {@code p} (the largest, as {@link Partition} numbers them),
     * up to {@code k} members with the highest degree, highest first, ties by smaller id; one pass over the nodes,
     * O(n k) at worst.
     */
    static int[][] largestMembers(UndirectedGraph g, Partition p, int rows, int k) {
        int[][] top = new int[rows][k];
        int[] filled = new int[rows];
        for (int v = 0; v < g.nodeCount(); v++) {
            int c = p.community(v);
            if (c >= rows) {
                continue;
            }
            int[] t = top[c];
            int f = filled[c];
            // Insertion into a sorted array of at most k: ids arrive ascending, so a tie never displaces.
            int pos = f;
            while (pos > 0 && g.degree(t[pos - 1]) < g.degree(v)) {
                pos--;
            }
            if (pos >= k) {
                continue;
            }
            int end = Math.min(f, k - 1);
            System.arraycopy(t, pos, t, pos + 1, end - pos);
            t[pos] = v;
            filled[c] = Math.min(f + 1, k);
        }
        int[][] out = new int[rows][];
        for (int c = 0; c < rows; c++) {
            out[c] = Arrays.copyOf(top[c], filled[c]);
        }
        return out;
    }

    private static void timings(StringBuilder b, Map<String, Double> seconds, double writeSeconds) {
        b.append("<section id=\"timings\">\n<h2>Timings</h2>\n<table>\n<tr><th>step</th><th>seconds</th></tr>\n");
        double total = 0;
        for (Map.Entry<String, Double> e : seconds.entrySet()) {
            total += e.getValue();
            b.append("<tr><td>").append(text(e.getKey())).append("</td><td class=\"n\">")
                    .append(Html.seconds(e.getValue())).append("</td></tr>\n");
        }
        b.append("<tr><th>analysis, total</th><th class=\"n\">").append(Html.seconds(total)).append("</th></tr>\n")
                .append("<tr><td>this report (metrics.json and plots)</td><td class=\"n\">")
                .append(Html.seconds(writeSeconds)).append("</td></tr>\n</table>\n</section>\n");
    }

    private static void row(StringBuilder b, String name, String value) {
        b.append("<tr><th>").append(text(name)).append("</th><td>").append(text(value)).append("</td></tr>\n");
    }

    private static String time(Instant t) {
        return "<time datetime=\"" + text(t.toString()) + "\">" + text(WHEN.format(t)) + "</time>";
    }

    private static Map<String, String> scalarDescriptions() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nodes", "nodes");
        m.put("directedEdges", "directed edges (distinct statements between entities)");
        m.put("edges", "undirected simple edges");
        m.put("density", "density");
        m.put("meanDegree", "mean degree");
        m.put("maxDegree", "largest degree");
        m.put("powerLawAlpha", "power-law exponent α");
        m.put("powerLawXmin", "start of the power-law tail, xmin");
        m.put("powerLawKs", "power-law KS distance");
        m.put("powerLawP", "power-law goodness-of-fit p");
        m.put("components", "weakly connected components");
        m.put("giantShare", "share of nodes in the largest component");
        m.put("strongComponents", "strongly connected components");
        m.put("maxCore", "largest k-core number");
        m.put("articulationPoints", "articulation points");
        m.put("averageClustering", "average clustering coefficient");
        m.put("transitivity", "transitivity");
        m.put("assortativity", "degree assortativity");
        m.put("modularity", "modularity of the best partition");
        m.put("communities", "communities in the best partition");
        m.put("meanPathLength", "mean shortest-path length");
        m.put("diameter", "diameter");
        return Map.copyOf(m);
    }
}
