package org.rhizome.gnn.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

/**
 * rzf:predictTails and rzf:predictHeads over a hand-built DistMult whose scores are worked out by hand: entity rows
 * e0 = (1, 0), e1 = (0, 1), e2 = (2, 1), e3 = (-1, 3); relation r = (1, 2). Tail scores of (e0, r, ?) are
 * e0[0] * r[0] * t[0] + e0[1] * r[1] * t[1] = t[0]: e2 2, e1 0, e3 -1 (e0 itself is never its own answer).
 * Head scores of (?, r, e3) are -h[0] + 6 h[1]: e1 6, e2 4, e0 -1.
 */
class PredictionFunctionsTest {
    private static final String EX = "http://example.org/";
    private static final String PREFIX = "PREFIX rzf: <https://rhizome.dev/fn#>\nPREFIX ex: <" + EX + ">\n";
    private Dataset dataset;
    private TrainedModel model;

    @BeforeEach
    void setUp() {
        IdMap entities = new IdMap();
        for (int i = 0; i < 4; i++) {
            entities.idOf(EX + "e" + i);
        }
        IdMap relations = new IdMap();
        relations.idOf(EX + "r");
        KgeModel m = new KgeModel(ModelKind.DISTMULT, 4, 1, 2, new float[] {1, 0, 0, 1, 2, 1, -1, 3},
                new float[] {1, 2});
        model = new TrainedModel(m, entities, relations, "{}");
        dataset = DatasetFactory.create();
        PredictionFunctions.attach(dataset, model);
    }

    @AfterEach
    void tearDown() {
        PredictionFunctions.detach(dataset, model);
    }

    private List<String> rows(String query) {
        List<String> out = new ArrayList<>();
        try (QueryExecution qe = QueryExecution.dataset(dataset).query(PREFIX + query).build()) {
            ResultSet rs = qe.execSelect();
            while (rs.hasNext()) {
                QuerySolution s = rs.next();
                StringBuilder b = new StringBuilder();
                rs.getResultVars().forEach(v -> b.append(b.length() == 0 ? "" : " ").append(s.contains(v)
                        ? s.get(v).isLiteral() ? s.getLiteral(v).getLexicalForm() : s.getResource(v).getURI()
                                .replace(EX, "ex:") : "-"));
                out.add(b.toString());
            }
        }
        return out;
    }

    @Test
    void tailsAndHeadsComeBestFirstWithTheirScores() {
        assertThat(rows("SELECT ?t ?s WHERE { (?t ?s) rzf:predictTails (ex:e0 ex:r 3) }"))
                .containsExactly("ex:e2 2.0", "ex:e1 0.0", "ex:e3 -1.0");
        assertThat(rows("SELECT ?t WHERE { ?t rzf:predictTails (ex:e0 ex:r 2) }")).containsExactly("ex:e2", "ex:e1");
        assertThat(rows("SELECT ?h ?s WHERE { (?h ?s) rzf:predictHeads (ex:r ex:e3) }"))
                .containsExactly("ex:e1 6.0", "ex:e2 4.0", "ex:e0 -1.0");
    }

    @Test
    void boundAnswersAreCheckedAndArgumentsMayComeFromTheQuery() {
        assertThat(rows("SELECT ?s WHERE { (ex:e1 ?s) rzf:predictTails (ex:e0 ex:r 3) }")).containsExactly("0.0");
        assertThat(rows("SELECT ?s WHERE { (ex:e1 ?s) rzf:predictTails (ex:e0 ex:r 1) }")).isEmpty();
        assertThat(rows("SELECT ?h ?t WHERE { VALUES ?h { ex:e0 ex:e3 } ?t rzf:predictTails (?h ex:r 1) }"))
                .containsExactlyInAnyOrder("ex:e0 ex:e2", "ex:e3 ex:e1");
    }

    @Test
    void unknownNamesGiveNoAnswerAndLiteralNamesWork() {
        assertThat(rows("SELECT ?t WHERE { ?t rzf:predictTails (ex:nobody ex:r) }")).isEmpty();
        assertThat(rows("SELECT ?t WHERE { ?t rzf:predictTails (ex:e0 ex:unknownRelation) }")).isEmpty();
        IdMap entities = new IdMap();
        for (String n : List.of("/m/a", "/m/b", "/m/c", "/m/d")) {
            entities.idOf(n);
        }
        IdMap relations = new IdMap();
        relations.idOf("/rel");
        PredictionFunctions.attach(dataset, new TrainedModel(model.model(), entities, relations, "{}"));
        assertThat(rows("SELECT ?t ?s WHERE { (?t ?s) rzf:predictTails (\"/m/a\" \"/rel\" 1) }"))
                .containsExactly("/m/c 2.0");
    }

    @Test
    void badArgumentsAreRefusedWithTheUsage() {
        assertThatThrownBy(() -> rows("SELECT ?t WHERE { ?t rzf:predictTails (ex:e0 ex:r 0) }"))
                .hasMessageContaining("rzf:predictTails: k must be an integer in [1, 1000]")
                .hasMessageContaining("usage");
        assertThatThrownBy(() -> rows("SELECT ?t WHERE { ?t rzf:predictTails (ex:e0 ex:r \"ten\") }"))
                .hasMessageContaining("k must be an integer");
        assertThatThrownBy(() -> rows("SELECT ?t WHERE { ?t rzf:predictTails (ex:e0 ex:r 2.5) }"))
                .hasMessageContaining("k must be an integer");
        assertThatThrownBy(() -> rows("SELECT ?t WHERE { ?t rzf:predictTails (ex:e0) }"))
                .hasMessageContaining("takes 2 or 3 arguments, got 1");
        assertThatThrownBy(() -> rows("SELECT ?t WHERE { ?t rzf:predictTails (?unbound ex:r) }"))
                .hasMessageContaining("is not bound");
        PredictionFunctions.detach(dataset, model);
        assertThatThrownBy(() -> rows("SELECT ?t WHERE { ?t rzf:predictTails (ex:e0 ex:r) }"))
                .hasMessageContaining("no link-prediction model is attached");
    }

    @Test
    void theScoresAreTheModelsOwn() {
        for (String row : rows("SELECT ?t ?s WHERE { (?t ?s) rzf:predictTails (ex:e2 ex:r 3) }")) {
            String[] f = row.split(" ");
            int t = Integer.parseInt(f[0].substring("ex:e".length()));
            assertThat(Double.parseDouble(f[1])).isCloseTo(model.model().score(2, 0, t), within(1e-6));
        }
    }
}
