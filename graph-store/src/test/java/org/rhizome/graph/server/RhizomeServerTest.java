package org.rhizome.graph.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;

/** The server over real HTTP: protocol behaviour, content negotiation, errors, and every safety rule. */
class RhizomeServerTest {
    private static final String G = "https://example.org/g";
    private static KnowledgeGraph kg;
    private static RhizomeServer readOnly;
    private static RhizomeServer writable;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        kg = KnowledgeGraph.inMemory();
        kg.write(Source.builder(SourceKind.MANUAL, "people").graphIri(G).build(), w -> {
            for (int i = 0; i < 300; i++) {
                w.add("https://example.org/p" + i, "https://example.org/knows", "https://example.org/p" + (i + 1) % 300);
            }
        });
        Path users = dir.resolve("users");
        Files.writeString(users, "# test users\nalice:secret\nbob:sha256:"
                + java.util.HexFormat.of().formatHex(Credentials.sha256("hunter2")) + "\n");
        readOnly = RhizomeServer.start(kg, ServerOptions.defaults().withPort(0).withQueryTimeout(Duration.ofSeconds(1))
                .withMaxResultRows(100).withMaxRequestBytes(64 * 1024));
        writable = RhizomeServer.start(kg, ServerOptions.defaults().withPort(0).withPath("/w")
                .withUpdates(true, Credentials.none().withUserFile(users).withToken("tok-123"))
                .withCorsOrigins(List.of("https://app.example")));
    }

    @AfterAll
    static void stop() {
        readOnly.close();
        writable.close();
        kg.close();
    }

    private static HttpResponse<String> get(String url, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String contentType, String body, String auth)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String q(String sparql) {
        return URLEncoder.encode(sparql, StandardCharsets.UTF_8);
    }

    private static String basic(String user, String pw) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pw).getBytes(StandardCharsets.UTF_8));
    }

    private static final String COUNT = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";

    @Test
    void selectInEveryResultFormatByGetAndPost() throws Exception {
        String url = readOnly.datasetUrl() + "/sparql?query=" + q(COUNT);
        HttpResponse<String> json = get(url, "application/sparql-results+json");
        assertThat(json.statusCode()).isEqualTo(200);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/sparql-results+json"));
        assertThat(json.body()).containsPattern("\"value\" ?: ?\"300\"");
        assertThat(get(url, "application/sparql-results+xml").body()).contains("<literal datatype=").contains(">300<");
        assertThat(get(url, "text/csv").body()).isEqualToNormalizingNewlines("n\n300\n");
        assertThat(get(url, "text/tab-separated-values").body()).contains("?n").contains("300");
        HttpResponse<String> form = post(readOnly.datasetUrl() + "/sparql", "application/x-www-form-urlencoded",
                "query=" + q(COUNT), null);
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("300");
        HttpResponse<String> direct = post(readOnly.datasetUrl() + "/query", "application/sparql-query", COUNT, null);
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.body()).contains("300");
    }

    @Test
    void askConstructAndDescribe() throws Exception {
        String ask = "ASK { GRAPH ?g { <https://example.org/p1> ?p <https://example.org/p2> } }";
        assertThat(get(readOnly.datasetUrl() + "/sparql?query=" + q(ask), "application/sparql-results+json").body())
                .containsPattern("\"boolean\" ?: ?true");
        String construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o FILTER(?s = <https://example.org/p1>) } }";
        HttpResponse<String> nt = get(readOnly.datasetUrl() + "/sparql?query=" + q(construct), "application/n-triples");
        assertThat(nt.statusCode()).isEqualTo(200);
        assertThat(nt.body().strip()).isEqualTo(
                "<https://example.org/p1> <https://example.org/knows> <https://example.org/p2> .");
        HttpResponse<String> ttl = get(readOnly.datasetUrl() + "/sparql?query=" + q(construct), "text/turtle");
        assertThat(ttl.headers().firstValue("Content-Type").orElse("")).startsWith("text/turtle");
        String describe = "DESCRIBE <https://example.org/p1>";
        assertThat(get(readOnly.datasetUrl() + "/sparql?query=" + q(describe), "text/turtle").statusCode())
                .isEqualTo(200);
    }

    @Test
    void graphStoreProtocolReadSide() throws Exception {
        HttpResponse<String> r = get(readOnly.datasetUrl() + "/get?graph=" + q(G), "application/n-triples");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().lines()).hasSize(300);
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(readOnly.datasetUrl() + "/data?graph="
                + q(G))).header("Content-Type", "text/turtle").PUT(HttpRequest.BodyPublishers.ofString(""))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(put.statusCode()).isEqualTo(403);
        assertThat(put.body()).contains("read-only");
    }

    @Test
    void malformedQueriesAndUnknownDatasets() throws Exception {
        HttpResponse<String> bad = get(readOnly.datasetUrl() + "/sparql?query=" + q("SELEKT * WHERE { ?s ?p ?o }"),
                null);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).containsIgnoringCase("line 1").contains("SELEKT");
        assertThat(get("http://127.0.0.1:" + readOnly.port() + "/nowhere/sparql?query=" + q(COUNT), null)
                .statusCode()).isEqualTo(404);
    }

    @Test
    void updatesNeedCredentialsAndAreAppliedWithThem() throws Exception {
        java.util.concurrent.CountDownLatch heard = new java.util.concurrent.CountDownLatch(1);
        kg.addChangeListener(c -> {
            if (c.everything()) {
                heard.countDown();
            }
        });
        String url = writable.datasetUrl() + "/update";
        String insert = "INSERT DATA { GRAPH <https://example.org/u> { <https://example.org/a> <https://example.org/b> 1 } }";
        HttpResponse<String> none = post(url, "application/sparql-update", insert, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(post(url, "application/sparql-update", insert, basic("alice", "wrong")).statusCode())
                .isEqualTo(403);
        assertThat(post(url, "application/sparql-update", insert, "Bearer nope").statusCode()).isEqualTo(403);
        assertThat(count("https://example.org/u")).isZero();
        assertThat(post(url, "application/sparql-update", insert, basic("alice", "secret")).statusCode())
                .isBetween(200, 204);
        assertThat(count("https://example.org/u")).isEqualTo(1);
        // the hashed password and the bearer token work too; form-encoded updates as well
        String insert2 = "INSERT DATA { GRAPH <https://example.org/u> { <https://example.org/a> <https://example.org/b> 2 } }";
        assertThat(post(url, "application/x-www-form-urlencoded", "update=" + q(insert2), basic("bob", "hunter2"))
                .statusCode()).isBetween(200, 204);
        String insert3 = "INSERT DATA { GRAPH <https://example.org/u> { <https://example.org/a> <https://example.org/b> 3 } }";
        assertThat(post(url, "application/sparql-update", insert3, "Bearer tok-123").statusCode()).isBetween(200, 204);
        assertThat(count("https://example.org/u")).isEqualTo(3);
        // the store's listeners heard of the writes (a change of unknown extent: they went around the API)
        assertThat(heard.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        // the read-only server refuses even with good credentials
        assertThat(post(readOnly.datasetUrl() + "/update", "application/sparql-update", insert,
                basic("alice", "secret")).statusCode()).isEqualTo(403);
        assertThat(writable.stats().deniedWrites()).isGreaterThanOrEqualTo(3);
    }

    private static long count(String graph) {
        return kg.read(() -> kg.datasetGraph().getGraph(org.apache.jena.graph.NodeFactory.createURI(graph)).size());
    }

    @Test
    void loadOfALocalFileIsRefusedAndNothingIsLoaded() throws Exception {
        for (String src : List.of("file:///etc/passwd", "/etc/passwd", "jar:file:/x.jar!/a.ttl")) {
            String load = "LOAD <" + src + "> INTO GRAPH <https://example.org/stolen>";
            HttpResponse<String> r = post(writable.datasetUrl() + "/update", "application/sparql-update", load,
                    basic("alice", "secret"));
            assertThat(r.statusCode()).as(src).isEqualTo(403);
            assertThat(r.body()).containsPattern("LOAD <[^>]*etc/passwd> refused|LOAD <jar:file:/x.jar!/a.ttl> refused");
            HttpResponse<String> f = post(writable.datasetUrl() + "/update", "application/x-www-form-urlencoded",
                    "update=" + q(load), basic("alice", "secret"));
            assertThat(f.statusCode()).as(src).isEqualTo(403);
        }
        assertThat(count("https://example.org/stolen")).isZero();
    }

    @Test
    void serviceIsRefused() throws Exception {
        String fed = "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }";
        HttpResponse<String> r = get(readOnly.datasetUrl() + "/sparql?query=" + q(fed), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("SERVICE");
    }

    @Test
    void aQueryOverTheTimeoutIsCancelledWhileAnotherClientIsServed() throws Exception {
        String cartesian = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } }";
        long t0 = System.nanoTime();
        CompletableFuture<HttpResponse<String>> slow = HTTP.sendAsync(HttpRequest.newBuilder(URI.create(
                readOnly.datasetUrl() + "/sparql?query=" + q(cartesian))).timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(200);
        HttpResponse<String> quick = get(readOnly.datasetUrl() + "/sparql?query=" + q(COUNT), "text/csv");
        boolean slowDoneWhenQuickAnswered = slow.isDone();
        assertThat(quick.statusCode()).isEqualTo(200);
        assertThat(quick.body()).contains("300");
        HttpResponse<String> s = slow.get();
        assertThat(s.statusCode()).isEqualTo(503);
        assertThat(slowDoneWhenQuickAnswered).as("the quick query was answered while the cartesian one ran").isFalse();
        // 27 million rows would take far longer than the 1 s timeout; cancelled well within 30 s
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(30);
    }

    @Test
    void aResultOverTheCapIsRefusedWithAClearError() throws Exception {
        HttpResponse<String> r = get(readOnly.datasetUrl() + "/sparql?query="
                + q("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"), null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("more than 100 rows").contains("LIMIT");
        assertThat(get(readOnly.datasetUrl() + "/sparql?query=" + q("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } } LIMIT 100"),
                null).statusCode()).isEqualTo(200);
        String construct = "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }";
        assertThat(get(readOnly.datasetUrl() + "/sparql?query=" + q(construct), "text/turtle").statusCode())
                .isEqualTo(400);
        String describe = "DESCRIBE ?s WHERE { GRAPH ?g { ?s ?p ?o } }";
        HttpResponse<String> d = get(readOnly.datasetUrl() + "/sparql?query=" + q(describe), "text/turtle");
        assertThat(d.statusCode()).isEqualTo(400);
        assertThat(d.body()).contains("more than 100 statements");
    }

    @Test
    void aConstructOverTheCapIsRefusedAtTheCapNotAfterBuildingItAll() throws Exception {
        // 27 million solutions, 90,000 distinct statements: building it all would run into the 1 s timeout (503);
        // streaming stops at the 101st distinct statement and says why
        String construct = "CONSTRUCT { ?a ?p ?f } WHERE { GRAPH ?g { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } }";
        HttpResponse<String> r = get(readOnly.datasetUrl() + "/sparql?query=" + q(construct), "text/turtle");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("more than 100 statements").contains("LIMIT");
        String small = "CONSTRUCT { ?a ?p ?b } WHERE { GRAPH ?g { ?a ?p ?b . ?a ?p ?c } } LIMIT 100";
        HttpResponse<String> ok = get(readOnly.datasetUrl() + "/sparql?query=" + q(small), "application/n-triples");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body().lines().filter(l -> !l.isBlank()).count()).isEqualTo(100);
    }

    @Test
    void aLargeBodyIsRefused() throws Exception {
        String big = "query=" + q("SELECT * WHERE { ?s ?p ?o } # " + "x".repeat(70 * 1024));
        HttpResponse<String> r = post(readOnly.datasetUrl() + "/sparql", "application/x-www-form-urlencoded", big,
                null);
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("over this server's limit");
    }

    @Test
    void corsOnlyForConfiguredOrigins() throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(readOnly.datasetUrl() + "/sparql?query=" + q(COUNT)))
                .header("Origin", "https://evil.example");
        assertThat(HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpRequest ok = HttpRequest.newBuilder(URI.create(writable.datasetUrl() + "/sparql?query=" + q(COUNT)))
                .header("Origin", "https://app.example").build();
        assertThat(HTTP.send(ok, HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example");
        HttpRequest other = HttpRequest.newBuilder(URI.create(writable.datasetUrl() + "/sparql?query=" + q(COUNT)))
                .header("Origin", "https://evil.example").build();
        assertThat(HTTP.send(other, HttpResponse.BodyHandlers.ofString()).headers()
                .firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void pingAndStatus() throws Exception {
        assertThat(get("http://127.0.0.1:" + readOnly.port() + "/$/ping", null).statusCode()).isEqualTo(200);
        HttpResponse<String> s = get("http://127.0.0.1:" + readOnly.port() + "/$/status", null);
        assertThat(s.statusCode()).isEqualTo(200);
        assertThat(s.body()).contains("\"status\": \"ok\"").contains("\"readOnly\": true").containsPattern(
                "\"statements\": \\d+").containsPattern("\"queries\": \\d+");
    }

    @Test
    void bindsToLoopbackByDefault() {
        assertThat(ServerOptions.defaults().loopbackOnly()).isTrue();
        assertThat(readOnly.datasetUrl()).startsWith("http://127.0.0.1:");
    }
}
