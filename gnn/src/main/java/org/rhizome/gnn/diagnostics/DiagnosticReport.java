package org.rhizome.gnn.diagnostics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.graph.RhizomeException;
import org.rhizome.graph.io.AtomicFiles;

/**
 * What {@link LinkDiagnostics} found: for every entity of the evaluated (test or validation) triples its training
 * degree, TC and ATC over its held-out neighbours, TC over its training neighbours and its MRR, and the Pearson and
 * Spearman correlation of the MRR with each of the four. Renders as text ({@link #toText()}), CSV (one row per
 * entity, {@link #toCsv()}), JSON ({@link #toJson()}) and SVG scatter plots ({@link #plotSvg(String)});
 * {@link #write(Path)} writes them all to a folder. Immutable.
 *
 * <p>Undefined values (a TC or ATC without neighbours, see {@link TopologicalConcentration}) are NaN in
 * {@link Node}, empty cells in CSV and {@code null} in JSON. In the correlations, means and plots they count as 0
 * when {@link DiagnosticOptions#undefinedAsZero()} (the reference analysis), else those entities are left out of
 * that feature.
 */
public final class DiagnosticReport {
    /** The file names {@link #write(Path)} uses. */
    public static final String CSV_FILE = "nodes.csv";
    public static final String JSON_FILE = "report.json";
    public static final String TEXT_FILE = "report.txt";

    /** The training degree's feature name. */
    public static final String DEGREE = "train_degree";

    /**
     * One evaluated entity.
     *
     * @param id          the entity id
     * @param name        the entity name
     * @param trainDegree number of distinct training neighbours
     * @param tcQuery     TC over its held-out neighbours (of the report's split); NaN if undefined
     * @param atcQuery    ATC over its held-out neighbours; NaN if undefined
     * @param tcTrain     TC over its training neighbours; NaN if undefined
     * @param mrr         its mean reciprocal rank (realistic ranks credited to it)
     * @param ranks       how many ranks were credited to it
     */
    public record Node(int id, String name, int trainDegree, double tcQuery, double atcQuery, double tcTrain,
            double mrr, int ranks) {
        public Node {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * How one node property goes with the per-entity MRR.
     *
     * @param name     the property: {@code tc_te}, {@code atc_te}, {@code tc_tr}, {@code train_degree} (with
     *                 {@code val} for the validation split)
     * @param pearson  Pearson's r with the MRR (NaN if undefined: fewer than two entities, or a constant side)
     * @param spearman Spearman's rho with the MRR (NaN likewise)
     * @param nodes    entities in the computation
     * @param mean     mean of the property over those entities (NaN if none)
     */
    public record Feature(String name, double pearson, double spearman, int nodes, double mean) {}

    /**
     * The graph the concentrations were computed on.
     *
     * @param entities         nodes (all entities of the dataset)
     * @param trainEdges       distinct undirected training edges
     * @param queryTriples     evaluated triples
     * @param queryEdges       distinct undirected edges among them (self-loops and repeats dropped)
     * @param droppedSelfLoops training and evaluated triples dropped from the graphs because head = tail
     */
    public record GraphSummary(int entities, int trainEdges, int queryTriples, int queryEdges,
            int droppedSelfLoops) {}

    private final DiagnosticOptions options;
    private final double beta;
    private final GraphSummary graph;
    private final RankMetrics overall;
    private final List<Node> nodes;
    private final List<Feature> features;
    private final double meanMrr;

    DiagnosticReport(DiagnosticOptions options, double beta, GraphSummary graph, RankMetrics overall,
            List<Node> nodes) {
        this.options = Objects.requireNonNull(options, "options");
        this.beta = beta;
        this.graph = Objects.requireNonNull(graph, "graph");
        this.overall = Objects.requireNonNull(overall, "overall");
        this.nodes = List.copyOf(nodes);
        double[] mrr = column(Node::mrr, false);
        this.meanMrr = mean(mrr);
        List<Feature> f = new ArrayList<>();
        for (String name : featureNames()) {
            double[] x = featureValues(name);
            double[] y = mrr.clone();
            f.add(new Feature(name, Correlation.pearson(x, y), Correlation.spearman(x, y),
                    Correlation.completePairs(x, y), mean(x)));
        }
        this.features = List.copyOf(f);
    }

    /** The settings of the run. */
    public DiagnosticOptions options() {
        return options;
    }

    /** TC's hop discount {@code n / sum of training degrees} (NaN without training edges). */
    public double beta() {
        return beta;
    }

    /** The graph the concentrations were computed on. */
    public GraphSummary graph() {
        return graph;
    }

    /** The model's metrics over all evaluated queries (realistic ranks, both sides). */
    public RankMetrics overall() {
        return overall;
    }

    /** The evaluated entities, by ascending id. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The four features ({@link #featureNames()} order) with their correlations with the MRR. */
    public List<Feature> features() {
        return features;
    }

    /** The feature called {@code name}, if the report has it. */
    public Optional<Feature> feature(String name) {
        return features.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** The feature names: TC and ATC over the held-out split, TC over train, training degree. */
    public List<String> featureNames() {
        String s = options.split().suffix();
        return List.of("tc_" + s, "atc_" + s, "tc_tr", DEGREE);
    }

    /** The mean of the per-entity MRR over the evaluated entities (not the overall MRR, which weights by rank). */
    public double meanNodeMrr() {
        return meanMrr;
    }

    /**
     * The values of feature {@code name} per evaluated entity, as the correlations use them (undefined as 0 or
     * NaN, by the options).
     *
     * @throws IllegalArgumentException if the report has no such feature
     */
    public double[] featureValues(String name) {
        List<String> names = featureNames();
        boolean zero = options.undefinedAsZero();
        if (name.equals(names.get(0))) {
            return column(Node::tcQuery, zero);
        }
        if (name.equals(names.get(1))) {
            return column(Node::atcQuery, zero);
        }
        if (name.equals(names.get(2))) {
            return column(Node::tcTrain, zero);
        }
        if (name.equals(DEGREE)) {
            return column(Node::trainDegree, zero);
        }
        throw new IllegalArgumentException("unknown feature '" + name + "': expected one of " + names);
    }

    /** The per-entity MRR, in {@link #nodes()} order. */
    public double[] mrr() {
        return column(Node::mrr, false);
    }

    private double[] column(ToDoubleFunction<Node> f, boolean undefinedAsZero) {
        double[] v = new double[nodes.size()];
        for (int i = 0; i < v.length; i++) {
            double x = f.applyAsDouble(nodes.get(i));
            v[i] = undefinedAsZero && Double.isNaN(x) ? 0 : x;
        }
        return v;
    }

    private static double mean(double[] v) {
        double s = 0;
        int c = 0;
        for (double x : v) {
            if (!Double.isNaN(x)) {
                s += x;
                c++;
            }
        }
        return c == 0 ? Double.NaN : s / c;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Rendering

    /** A readable summary: the run, the graph, the means and the correlation table. Lines end with {@code \n}. */
    public String toText() {
        String split = options.split() == Split.TEST ? "test" : "validation";
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "TC/ATC link-prediction diagnostics (Wang et al., ICLR 2024): %s split, "
                + "K=%d, ATC d=%d seed %d%n", split, options.hops(), options.atcDimension(), options.seed()));
        b.append(String.format(Locale.ROOT, "graph: %,d entities, %,d training edges, %,d %s triples as %,d edges "
                + "(undirected, relations ignored; %,d self-loops dropped)%n", graph.entities(), graph.trainEdges(),
                graph.queryTriples(), split, graph.queryEdges(), graph.droppedSelfLoops()));
        b.append(String.format(Locale.ROOT, "beta = n / sum of training degrees = %.6f%n", beta));
        b.append(String.format(Locale.ROOT, "model: MRR %.4f, Hits@1 %.4f, Hits@10 %.4f over %,d ranks (filtered, "
                + "realistic ties); mean per-entity MRR %.4f over %,d %s entities (ranks credited to the %s)%n",
                overall.mrr(), overall.hits1(), overall.hits10(), overall.count(), meanMrr, nodes.size(), split,
                options.attribution() == NodeMrr.Attribution.ANSWER ? "entity ranked" : "entity asked about"));
        b.append(String.format(Locale.ROOT, "correlation with the per-entity MRR (%s):%n",
                options.undefinedAsZero() ? "undefined TC/ATC counted as 0, as the reference analysis"
                        : "entities with an undefined value left out"));
        b.append(String.format(Locale.ROOT, "  %-14s %9s %9s %8s %10s%n", "feature", "pearson", "spearman", "nodes",
                "mean"));
        for (Feature f : features) {
            b.append(String.format(Locale.ROOT, "  %-14s %9s %9s %8d %10s%n", f.name(), fixed(f.pearson(), 4),
                    fixed(f.spearman(), 4), f.nodes(), fixed(f.mean(), 4)));
        }
        int[] defined = new int[3];
        for (Node n : nodes) {
            defined[0] += Double.isNaN(n.tcQuery()) ? 0 : 1;
            defined[1] += Double.isNaN(n.atcQuery()) ? 0 : 1;
            defined[2] += Double.isNaN(n.tcTrain()) ? 0 : 1;
        }
        List<String> names = featureNames();
        b.append(String.format(Locale.ROOT, "defined: %s %,d, %s %,d, %s %,d of %,d entities%n", names.get(0),
                defined[0], names.get(1), defined[1], names.get(2), defined[2], nodes.size()));
        return b.toString();
    }

    /**
     * One line per evaluated entity: {@code node,name,train_degree,tc_te,atc_te,tc_tr,mrr,ranks} (the split's
     * suffix in the names), undefined values as empty cells, names quoted when they hold a comma, quote or line
     * break (RFC 4180). Lines end with {@code \n}.
     */
    public String toCsv() {
        List<String> names = featureNames();
        StringBuilder b = new StringBuilder();
        b.append("node,name,").append(DEGREE).append(',').append(names.get(0)).append(',').append(names.get(1))
                .append(',').append(names.get(2)).append(",mrr,ranks\n");
        for (Node n : nodes) {
            b.append(n.id()).append(',').append(csv(n.name())).append(',').append(n.trainDegree()).append(',')
                    .append(plain(n.tcQuery())).append(',').append(plain(n.atcQuery())).append(',')
                    .append(plain(n.tcTrain())).append(',').append(plain(n.mrr())).append(',').append(n.ranks())
                    .append('\n');
        }
        return b.toString();
    }

    /**
     * The whole report as one JSON object: the settings, the graph, the model's metrics, the features with their
     * correlations, and the entities; undefined numbers as {@code null}.
     */
    public String toJson() {
        List<String> names = featureNames();
        StringBuilder b = new StringBuilder("{\n");
        b.append("  \"split\": ").append(quote(options.split() == Split.TEST ? "test" : "valid")).append(",\n");
        b.append("  \"hops\": ").append(options.hops()).append(",\n");
        b.append("  \"atcDimension\": ").append(options.atcDimension()).append(",\n");
        b.append("  \"seed\": ").append(options.seed()).append(",\n");
        b.append("  \"attribution\": ").append(quote(options.attribution().name().toLowerCase(Locale.ROOT)))
                .append(",\n");
        b.append("  \"undefinedAsZero\": ").append(options.undefinedAsZero()).append(",\n");
        b.append("  \"beta\": ").append(json(beta)).append(",\n");
        b.append("  \"graph\": {\"entities\": ").append(graph.entities()).append(", \"trainEdges\": ")
                .append(graph.trainEdges()).append(", \"queryTriples\": ").append(graph.queryTriples())
                .append(", \"queryEdges\": ").append(graph.queryEdges()).append(", \"droppedSelfLoops\": ")
                .append(graph.droppedSelfLoops()).append("},\n");
        b.append("  \"model\": {\"mrr\": ").append(json(overall.mrr())).append(", \"mr\": ")
                .append(json(overall.mr())).append(", \"hits1\": ").append(json(overall.hits1()))
                .append(", \"hits3\": ").append(json(overall.hits3())).append(", \"hits10\": ")
                .append(json(overall.hits10())).append(", \"ranks\": ").append(overall.count()).append("},\n");
        b.append("  \"meanNodeMrr\": ").append(json(meanMrr)).append(",\n");
        b.append("  \"features\": [");
        for (int i = 0; i < features.size(); i++) {
            Feature f = features.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"name\": ").append(quote(f.name()))
                    .append(", \"pearson\": ").append(json(f.pearson())).append(", \"spearman\": ")
                    .append(json(f.spearman())).append(", \"nodes\": ").append(f.nodes()).append(", \"mean\": ")
                    .append(json(f.mean())).append('}');
        }
        b.append("\n  ],\n  \"nodes\": [");
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            b.append(i == 0 ? "\n" : ",\n").append("    {\"node\": ").append(n.id()).append(", \"name\": ")
                    .append(quote(n.name())).append(", \"").append(DEGREE).append("\": ").append(n.trainDegree())
                    .append(", \"").append(names.get(0)).append("\": ").append(json(n.tcQuery())).append(", \"")
                    .append(names.get(1)).append("\": ").append(json(n.atcQuery())).append(", \"")
                    .append(names.get(2)).append("\": ").append(json(n.tcTrain())).append(", \"mrr\": ")
                    .append(json(n.mrr())).append(", \"ranks\": ").append(n.ranks()).append('}');
        }
        b.append(nodes.isEmpty() ? "]\n}\n" : "\n  ]\n}\n");
        return b.toString();
    }

    /**
     * A scatter plot of the per-entity MRR (y) over feature {@code name} (x), with the mean MRR of ten equal-width
     * bins of x drawn as a line, as an SVG document.
     *
     * @throws IllegalArgumentException if the report has no such feature
     */
    public String plotSvg(String name) {
        Feature f = feature(name).orElseThrow(() -> new IllegalArgumentException("unknown feature '" + name
                + "': expected one of " + featureNames()));
        String title = "Per-entity MRR vs " + name + (name.equals(DEGREE) ? "" : " (K=" + options.hops() + ")");
        String subtitle = String.format(Locale.ROOT, "Pearson r = %s, Spearman rho = %s, n = %,d", fixed(f.pearson(),
                3), fixed(f.spearman(), 3), f.nodes());
        return ScatterSvg.render(featureValues(name), mrr(), title, subtitle, name, "MRR");
    }

    /** File name of the plot of feature {@code name}: {@code mrr-vs-<name>.svg}. */
    public static String plotFile(String name) {
        return "mrr-vs-" + name.replace('_', '-') + ".svg";
    }

    /**
     * Writes {@link #TEXT_FILE}, {@link #CSV_FILE}, {@link #JSON_FILE} and one plot per feature
     * ({@link #plotFile(String)}) into {@code dir}, creating it; each file is written to a temporary sibling and
     * moved into place.
     *
     * @return the files written
     * @throws RhizomeException naming the file that cannot be written
     */
    public List<Path> write(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new RhizomeException("cannot create the report folder " + dir + ": " + e.getMessage(), e);
        }
        List<Path> written = new ArrayList<>();
        written.add(writeFile(dir.resolve(TEXT_FILE), toText()));
        written.add(writeFile(dir.resolve(CSV_FILE), toCsv()));
        written.add(writeFile(dir.resolve(JSON_FILE), toJson()));
        for (String name : featureNames()) {
            written.add(writeFile(dir.resolve(plotFile(name)), plotSvg(name)));
        }
        return List.copyOf(written);
    }

    private static Path writeFile(Path file, String content) {
        try {
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
            return file;
        } catch (UncheckedIOException e) {
            throw new RhizomeException(e.getMessage(), e);
        }
    }

    private static String fixed(double x, int digits) {
        return Double.isNaN(x) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", x);
    }

    /** Shortest round-tripping text of {@code x}; empty for NaN. */
    private static String plain(double x) {
        if (Double.isNaN(x)) {
            return "";
        }
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    private static String json(double x) {
        return Double.isFinite(x) ? plain(x) : "null";
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    /** {@code s} as a JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return "DiagnosticReport[" + nodes.size() + " entities, K=" + options.hops() + ", " + options.split() + "]";
    }
}
