package org.rhizome.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.io.Importer;
import org.rhizome.graph.server.RhizomeServer;
import org.rhizome.graph.server.ServerOptions;
import org.rhizome.retrieval.Retrieval;

/**
 * The manifest-style cases of the rzf: functions ({@code retrieval/src/test/resources/sparql-functions}: query,
 * data, expected results or error) run again over HTTP against a running {@link RhizomeServer}: the functions
 * behave the same at the endpoint, and their errors come back as 400 with the same message.
 */
class SparqlFunctionsOverHttpTest {
    private static KnowledgeGraph kg;
    private static Retrieval retrieval;
    private static RhizomeServer server;
    private static Path cases;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        cases = Path.of(System.getProperty("rhizome.repo.root"), "retrieval", "src", "test", "resources",
                "sparql-functions");
        kg = KnowledgeGraph.inMemory();
        Importer.importFile(kg, cases.resolve("data.ttl"));
        retrieval = Retrieval.builder(kg).open();
        server = RhizomeServer.start(kg, ServerOptions.defaults().withPort(0));
    }

    @AfterAll
    static void stop() {
        server.close();
        retrieval.close();
        kg.close();
    }

    @TestFactory
    Stream<DynamicTest> casesOverHttp() throws Exception {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(cases)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(10);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
    }

    private static void run(Path dir) throws Exception {
        String text = Files.readString(dir.resolve("query.rq"));
        Query q = QueryFactory.create(text);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.datasetUrl() + "/sparql"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", q.isAskType() ? "application/sparql-results+json" : "text/tab-separated-values")
                .POST(HttpRequest.BodyPublishers.ofString("query=" + URLEncoder.encode(text, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        Path error = dir.resolve("expected-error.txt");
        if (Files.exists(error)) {
            assertThat(r.statusCode()).as(r.body()).isBetween(400, 499);
            assertThat(r.body()).contains(Files.readString(error).strip());
            return;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        if (q.isAskType()) {
            assertThat(r.body()).containsPattern("\"boolean\" ?: ?" + Files.readString(dir.resolve("expected.txt"))
                    .strip());
            return;
        }
        ResultSetRewindable got = ResultSetMgr.read(new ByteArrayInputStream(r.body().getBytes(StandardCharsets.UTF_8)),
                ResultSetLang.RS_TSV).rewindable();
        ResultSetRewindable want = ResultSetMgr.read(new ByteArrayInputStream(Files.readAllBytes(
                dir.resolve("expected.tsv"))), ResultSetLang.RS_TSV).rewindable();
        boolean same = q.hasOrderBy() ? ResultSetCompare.equalsByTermAndOrder(want, got)
                : ResultSetCompare.equalsByTerm(want, got);
        assertThat(same).as("%s:%n%s", dir.getFileName(), r.body()).isTrue();
    }
}
