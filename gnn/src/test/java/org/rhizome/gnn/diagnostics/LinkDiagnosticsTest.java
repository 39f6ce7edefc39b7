package org.rhizome.gnn.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.TripleSet;
import org.w3c.dom.Document;

class LinkDiagnosticsTest {
    private static final double EPS = 1e-12;

    /**
     * The second example graph as a knowledge graph: entities e0..e5, one relation; train e0>e1, e1>e2, e2>e3, e3>e0,
     * e1>e3, e0>e4; test (e0, e2), (e1, e4), (e3, e5).
     */
    private static KgDataset dataset() {
        IdMap entities = new IdMap();
        for (int i = 0; i < 6; i++) {
            entities.idOf(i == 2 ? "e2, the \"third\"" : "e" + i); // a name that CSV and JSON must quote
        }
        IdMap relations = new IdMap();
        relations.idOf("r");
        TripleSet train = new TripleSet(new int[] {0, 1, 2, 3, 1, 0}, new int[6], new int[] {1, 2, 3, 0, 3, 4});
        TripleSet test = new TripleSet(new int[] {0, 1, 3}, new int[3], new int[] {2, 4, 5});
        return KgDataset.of(entities, relations, train, TripleSet.empty(), test);
    }

    /**
     * Entity e scores -e in every query (no ties). Filtered ranks: (0, r, 2) tail 2 (0 above; 1 and 4 filtered),
     * head 1; (1, r, 4) tail 3 (0, 1 above; 2, 3 filtered), head 1; (3, r, 5) tail 5 (1..4 above; 0 filtered),
     * head 4 (0, 1, 2 above).
     */
    private static final FixedScorer SCORER = new FixedScorer(0f, -1f, -2f, -3f, -4f, -5f);

    private static double[] column(DiagnosticReport r, ToDoubleFunction<DiagnosticReport.Node> f) {
        return r.nodes().stream().mapToDouble(f).toArray();
    }

    @Test
    void perEntityValuesAndCorrelationsOfTheSecondExample() {
        List<String> steps = new ArrayList<>();
        DiagnosticReport r = LinkDiagnostics.run(SCORER, dataset(), DiagnosticOptions.defaults().withThreads(2),
                steps::add);
        assertThat(steps).containsExactly("ranking", "TC", "ATC", "correlations");
        assertThat(r.beta()).isCloseTo(0.5, within(EPS));
        assertThat(r.graph()).isEqualTo(new DiagnosticReport.GraphSummary(6, 6, 3, 3, 0));
        assertThat(r.nodes()).extracting(DiagnosticReport.Node::id).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(column(r, DiagnosticReport.Node::trainDegree)).containsExactly(3, 3, 2, 3, 1, 0);
        // TC by hand (TopologicalConcentrationTest.secondExampleOneHop); NaN = undefined
        assertThat(column(r, DiagnosticReport.Node::tcQuery))
                .containsExactly(new double[] {2.0 / 3, 1.0 / 3, 1, 0, 1, Double.NaN}, within(EPS));
        assertThat(column(r, DiagnosticReport.Node::tcTrain))
                .containsExactly(new double[] {1.0 / 3, 2.0 / 3, 1, 2.0 / 3, Double.NaN, Double.NaN}, within(EPS));
        // ATC needs no training edge: all six test entities have one
        assertThat(column(r, DiagnosticReport.Node::atcQuery)).doesNotContain(Double.NaN);
        // ranks credited to the entity ranked: e0 head 1, e1 head 1, e2 tail 2, e3 head 4, e4 tail 3, e5 tail 5
        double[] mrr = {1, 1, 0.5, 0.25, 1.0 / 3, 0.2};
        assertThat(r.mrr()).containsExactly(mrr, within(EPS));
        assertThat(column(r, DiagnosticReport.Node::ranks)).containsExactly(1, 1, 1, 1, 1, 1);
        assertThat(r.overall().mrr()).isCloseTo((1 + 1 + 0.5 + 0.25 + 1.0 / 3 + 0.2) / 6, within(EPS));
        assertThat(r.meanNodeMrr()).isCloseTo(0.547222, within(1e-6));

        // degree [3,3,2,3,1,0], centred [1,1,0,1,-1,-2]: sxy = 1 + 1 + 1/4 - 1/3 - 2/5 = 91/60, sxx = 8,
        // syy = sum y^2 - 6 mean^2 = 0.666898: r = 0.656622
        DiagnosticReport.Feature degree = r.feature("train_degree").orElseThrow();
        assertThat(degree.pearson()).isCloseTo(91.0 / 60 / Math.sqrt(8 * 0.6668981481), within(1e-9));
        assertThat(degree.nodes()).isEqualTo(6);
        assertThat(degree.mean()).isCloseTo(2, within(EPS));
        // undefined TC counted as 0, as the reference does
        double[] tcTe = {2.0 / 3, 1.0 / 3, 1, 0, 1, 0};
        double[] tcTr = {1.0 / 3, 2.0 / 3, 1, 2.0 / 3, 0, 0};
        DiagnosticReport.Feature te = r.feature("tc_te").orElseThrow();
        assertThat(te.pearson()).isCloseTo(Correlation.pearson(tcTe, mrr), within(EPS)).isCloseTo(0.228442,
                within(1e-6));
        assertThat(te.spearman()).isCloseTo(0.477665, within(1e-6));
        assertThat(te.nodes()).isEqualTo(6);
        assertThat(r.feature("tc_tr").orElseThrow().pearson()).isCloseTo(Correlation.pearson(tcTr, mrr),
                within(EPS)).isCloseTo(0.281362, within(1e-6));
        assertThat(r.featureNames()).containsExactly("tc_te", "atc_te", "tc_tr", "train_degree");
    }

    @Test
    void undefinedValuesCanBeLeftOutInsteadOfCountedAsZero() {
        DiagnosticReport r = LinkDiagnostics.run(SCORER, dataset(),
                DiagnosticOptions.defaults().withUndefinedAsZero(false), s -> { });
        double[] mrr = {1, 1, 0.5, 0.25, 1.0 / 3, 0.2};
        DiagnosticReport.Feature te = r.feature("tc_te").orElseThrow();
        assertThat(te.nodes()).isEqualTo(5);
        assertThat(te.pearson()).isCloseTo(Correlation.pearson(new double[] {2.0 / 3, 1.0 / 3, 1, 0, 1},
                new double[] {1, 1, 0.5, 0.25, 1.0 / 3}), within(EPS)).isCloseTo(-0.026533, within(1e-6));
        DiagnosticReport.Feature tr = r.feature("tc_tr").orElseThrow();
        assertThat(tr.nodes()).isEqualTo(4);
        assertThat(tr.pearson()).isCloseTo(-0.544331, within(1e-6));
        assertThat(r.mrr()).containsExactly(mrr, within(EPS));
    }

    @Test
    void creditsRanksToTheEntityAskedAboutOnRequest() {
        DiagnosticReport r = LinkDiagnostics.run(SCORER, dataset(),
                DiagnosticOptions.defaults().withAttribution(NodeMrr.Attribution.QUERY), s -> { });
        // e0 asks the tail query of (0, r, 2): rank 2; e2 the head query: rank 1; and so on
        assertThat(r.mrr()).containsExactly(new double[] {0.5, 1.0 / 3, 1, 0.2, 1, 0.25}, within(EPS));
    }

    @Test
    void theValidationSplitNamesItsFeaturesSo() {
        KgDataset d = dataset();
        KgDataset swapped = KgDataset.of(d.entities(), d.relations(), d.train(), d.test(), TripleSet.empty());
        DiagnosticReport r = LinkDiagnostics.run(SCORER, swapped, DiagnosticOptions.defaults().withSplit(Split.VALID),
                s -> { });
        assertThat(r.featureNames()).containsExactly("tc_val", "atc_val", "tc_tr", "train_degree");
        assertThat(column(r, DiagnosticReport.Node::tcQuery))
                .containsExactly(new double[] {2.0 / 3, 1.0 / 3, 1, 0, 1, Double.NaN}, within(EPS));
        assertThatThrownBy(() -> LinkDiagnostics.run(SCORER, swapped, DiagnosticOptions.defaults(), s -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no test triples");
    }

    @Test
    void rejectsAScorerOfAnotherDatasetAndTrainAsTheSplit() {
        assertThatThrownBy(() -> LinkDiagnostics.run(new FixedScorer(1f, 2f), dataset(),
                DiagnosticOptions.defaults(), s -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 entities and the dataset 6");
        assertThatThrownBy(() -> DiagnosticOptions.defaults().withSplit(Split.TRAIN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got train");
    }

    @Test
    void rendersTextCsvJsonAndPlots(@TempDir Path dir) throws Exception {
        DiagnosticReport r = LinkDiagnostics.run(SCORER, dataset(), DiagnosticOptions.defaults(), s -> { });
        String text = r.toText();
        assertThat(text).contains("test split, K=1, ATC d=64 seed 1028").contains("beta = n / sum of training "
                + "degrees = 0.500000").contains("tc_te").contains("0.2284").contains("train_degree")
                .contains("0.6566").contains("defined: tc_te 5, atc_te 6, tc_tr 4 of 6 entities");

        List<String> csv = r.toCsv().lines().toList();
        assertThat(csv).hasSize(7);
        assertThat(csv.get(0)).isEqualTo("node,name,train_degree,tc_te,atc_te,tc_tr,mrr,ranks");
        assertThat(csv.get(3)).startsWith("2,\"e2, the \"\"third\"\"\",2,1,").endsWith(",1,0.5,1");
        // e5: no TC (empty cells), an ATC
        assertThat(csv.get(6)).startsWith("5,e5,0,,").matches("5,e5,0,,[-0-9.E]+,,0\\.2,1");

        String json = r.toJson();
        assertThat(json).contains("\"split\": \"test\"", "\"hops\": 1", "\"beta\": 0.5",
                "\"name\": \"e2, the \\\"third\\\"\"", "\"tc_te\": null", "\"name\": \"tc_te\", \"pearson\": 0.2284",
                "\"graph\": {\"entities\": 6, \"trainEdges\": 6, \"queryTriples\": 3, \"queryEdges\": 3");

        List<Path> files = r.write(dir.resolve("out"));
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("report.txt", "nodes.csv",
                "report.json", "mrr-vs-tc-te.svg", "mrr-vs-atc-te.svg", "mrr-vs-tc-tr.svg", "mrr-vs-train-degree.svg");
        for (Path f : files) {
            assertThat(f).isNotEmptyFile();
        }
        assertThat(Files.readString(dir.resolve("out/nodes.csv"))).isEqualTo(r.toCsv());
        try (var leftovers = Files.list(dir.resolve("out"))) {
            assertThat(leftovers.filter(p -> p.getFileName().toString().endsWith(".tmp"))).isEmpty();
        }
        // each plot is well-formed XML with one point per entity and the title naming the feature
        String svg = Files.readString(dir.resolve("out/mrr-vs-tc-te.svg"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg).contains("Per-entity MRR vs tc_te (K=1)").contains("Pearson r = 0.228")
                .contains("entity (6)").contains("<polyline");
        assertThatThrownBy(() -> r.plotSvg("pagerank")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown feature 'pagerank'");
    }
}
