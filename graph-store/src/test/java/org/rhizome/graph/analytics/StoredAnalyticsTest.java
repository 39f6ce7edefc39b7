package org.rhizome.graph.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.apache.jena.atlas.json.JSON;
import org.apache.jena.atlas.json.JsonObject;
import org.apache.jena.query.QueryExecutionFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Status;
import org.rhizome.graph.io.Importer;
import org.rhizome.graph.snapshot.GraphSnapshot;

class StoredAnalyticsTest {

    private static Path demo(Path dir) throws IOException {
        Path ttl = dir.resolve("demo.ttl");
        try (InputStream in = StoredAnalyticsTest.class
                .getResourceAsStream("/org/rhizome/graph/demo/history-of-computing.ttl")) {
            Files.copy(in, ttl, StandardCopyOption.REPLACE_EXISTING);
        }
        return ttl;
    }

    @Test
    void scoresAreQueryableAndNeverBecomeContent(@TempDir Path dir) throws IOException {
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir.resolve("store"))) {
            Importer.importFile(kg, demo(dir));
            GraphSnapshot before = GraphSnapshot.of(kg);
            long statementsBefore = kg.statementCount();
            AnalysisReport report = new GraphAnalysis(AnalysisOptions.defaults().withBootstrap(0)).run(before);
            int written = StoredAnalytics.storeScores(kg, report);
            assertThat(written).isEqualTo(before.entityCount());
            // Stored twice: replaced, not duplicated.
            StoredAnalytics.storeScores(kg, report);

            GraphSnapshot after = GraphSnapshot.of(kg);
            assertThat(after.entityCount()).isEqualTo(before.entityCount());
            assertThat(after.edgeCount()).isEqualTo(before.edgeCount());
            assertThat(kg.statementCount()).isEqualTo(statementsBefore);
            assertThat(kg.contentGraphs(java.util.EnumSet.of(Status.DERIVED)))
                    .contains(StoredAnalytics.scoresGraph(kg));

            RankedNode top = report.pageRank().top(1).get(0);
            String q = "PREFIX rz: <https://rhizome.dev/ns#> SELECT ?c ?pr (COUNT(*) AS ?n) WHERE { GRAPH <"
                    + StoredAnalytics.scoresGraph(kg).getURI() + "> { ?c rz:pageRank ?pr } } GROUP BY ?c ?pr "
                    + "ORDER BY DESC(?pr) LIMIT 1";
            kg.read(() -> {
                try (var qe = QueryExecutionFactory.create(q, kg.dataset())) {
                    ResultSet rs = qe.execSelect();
                    QuerySolution s = rs.next();
                    assertThat(s.getResource("c").getURI()).isEqualTo(top.iri());
                    assertThat(s.getLiteral("pr").getDouble()).isCloseTo(top.score(), within(1e-15));
                    assertThat(s.getLiteral("n").getInt()).isEqualTo(1);
                }
                return null;
            });
        }
    }

    @Test
    void historySurvivesReopeningAndARepeatedIterationReplacesItsPoint(@TempDir Path dir) throws IOException {
        Path store = dir.resolve("store");
        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            Importer.importFile(kg, demo(dir));
            AnalysisReport r = new GraphAnalysis(AnalysisOptions.perIteration()).run(GraphSnapshot.of(kg));
            StoredAnalytics.record(kg, 1, "import", r);
            StoredAnalytics.record(kg, 2, "iteration 2", r);
            StoredAnalytics.record(kg, 2, "iteration 2 (resumed)", r);
        }
        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            List<StoredAnalytics.MetricsPoint> h = StoredAnalytics.history(kg);
            assertThat(h).extracting(StoredAnalytics.MetricsPoint::iteration).containsExactly(1L, 2L);
            assertThat(h.get(1).label()).isEqualTo("iteration 2 (resumed)");
            GraphSnapshot s = GraphSnapshot.of(kg);
            assertThat(h.get(0).value("nodes")).isEqualTo(s.entityCount());
            assertThat(h.get(0).measures().get("modularity").exact()).isTrue();
            assertThat(h.get(0).measures()).containsKey("seconds.leiden");
        }
    }

    @Test
    void reportJsonParsesAndCarriesParameters() {
        UndirectedGraph g = TestGraphs.karate();
        AnalysisReport r = new GraphAnalysis(AnalysisOptions.defaults().withBootstrap(20).withExactNodeLimit(10)
                .withPivots(8))
                .run(g);
        StringWriter w = new StringWriter();
        r.writeJson(w);
        JsonObject o = JSON.parse(w.toString());
        assertThat(o.get("scalars").getAsObject().get("nodes").getAsObject().get("value").getAsNumber().value()
                .intValue()).isEqualTo(34);
        // 34 nodes above an exact limit of 10, 8 pivots: betweenness, closeness and paths are sampled and say so.
        assertThat(o.get("scalars").getAsObject().get("diameter").getAsObject().get("exact").getAsBoolean().value())
                .isFalse();
        assertThat(o.get("centralities").getAsObject().get("betweenness").getAsObject().get("parameters")
                .getAsObject().get("exact").getAsBoolean().value()).isFalse();
        assertThat(r.notes()).anyMatch(n -> n.startsWith("betweenness sampled from"))
                .anyMatch(n -> n.startsWith("closeness and harmonic centrality estimated from"));
        assertThat(o.get("powerLaw").getAsObject().get("bootstrapCount").getAsNumber().value().intValue())
                .isEqualTo(20);
        assertThat(r.hubsAndBridges().hubsByDegree().get(0).id()).isEqualTo(33);
    }
}
