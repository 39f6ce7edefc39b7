package org.rhizome.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.sparql.PredictionFunctions;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.server.RhizomeServer;
import org.rhizome.graph.server.ServerOptions;

/**
 * rzf:predictTails at a running {@link RhizomeServer} with a model attached to the store's dataset (what
 * {@code rhizome serve --model FILE} does): answers best first over HTTP, and a bad k comes back as 400 with the
 * function's message. The model is a hand-built DistMult: tail scores of (e0, r, ?) are e2 2, e1 0, e3 -1.
 */
class PredictionFunctionsOverHttpTest {
    private static final String EX = "http://example.org/";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static KnowledgeGraph kg;
    private static RhizomeServer server;

    @BeforeAll
    static void start() {
        IdMap entities = new IdMap();
        for (int i = 0; i < 4; i++) {
            entities.idOf(EX + "e" + i);
        }
        IdMap relations = new IdMap();
        relations.idOf(EX + "r");
        TrainedModel model = new TrainedModel(new KgeModel(ModelKind.DISTMULT, 4, 1, 2,
                new float[] {1, 0, 0, 1, 2, 1, -1, 3}, new float[] {1, 2}), entities, relations, "{}");
        kg = KnowledgeGraph.inMemory();
        PredictionFunctions.attach(kg.dataset(), model);
        server = RhizomeServer.start(kg, ServerOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        server.close();
        kg.close();
    }

    private static HttpResponse<String> query(String q) throws Exception {
        String text = "PREFIX rzf: <https://rhizome.dev/fn#> PREFIX ex: <" + EX + "> " + q;
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.datasetUrl() + "/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(text, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theEndpointAnswersWithTheAttachedModel() throws Exception {
        HttpResponse<String> r = query("SELECT ?t ?s WHERE { (?t ?s) rzf:predictTails (ex:e0 ex:r 3) }");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body().lines().toList()).containsExactly("t,s", EX + "e2,2.0", EX + "e1,0.0", EX + "e3,-1.0");
    }

    @Test
    void aBadArgumentIsRefusedWithTheFunctionsMessage() throws Exception {
        HttpResponse<String> r = query("SELECT ?t WHERE { ?t rzf:predictTails (ex:e0 ex:r 5000) }");
        assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
        assertThat(r.body()).contains("rzf:predictTails: k must be an integer in [1, 1000]");
    }
}
