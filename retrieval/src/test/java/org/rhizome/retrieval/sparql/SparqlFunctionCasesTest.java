package org.rhizome.retrieval.sparql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.jena.query.Query;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetRewindable;
import org.apache.jena.riot.ResultSetMgr;
import org.apache.jena.riot.resultset.ResultSetLang;
import org.apache.jena.sparql.resultset.ResultSetCompare;
import org.apache.jena.system.Txn;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.io.Importer;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.TestEmbedders;

/** Runs every case folder under {@code sparql-functions/} (see its README) against one indexed dataset. */
class SparqlFunctionCasesTest {
    private static KnowledgeGraph kg;
    private static Retrieval retrieval;
    private static Path root;

    @BeforeAll
    static void load() throws URISyntaxException {
        root = Path.of(SparqlFunctionCasesTest.class.getResource("/sparql-functions").toURI());
        kg = KnowledgeGraph.inMemory();
        Importer.importFile(kg, root.resolve("data.ttl"));
        retrieval = Retrieval.builder(kg).embedder(TestEmbedders.miniLm()).open();
    }

    @AfterAll
    static void close() {
        retrieval.close();
        kg.close();
    }

    @TestFactory
    Stream<DynamicTest> cases() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(dirs).hasSizeGreaterThanOrEqualTo(10);
        return dirs.stream().map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> run(d)));
    }

    private static void run(Path dir) throws IOException {
        String text = Files.readString(dir.resolve("query.rq"));
        Path error = dir.resolve("expected-error.txt");
        if (Files.exists(error)) {
            String want = Files.readString(error).strip();
            assertThatThrownBy(() -> Txn.executeRead(kg.dataset(), () -> {
                Query q = QueryFactory.create(text);
                try (QueryExecution qe = QueryExecution.dataset(kg.dataset()).query(q).build()) {
                    ResultSetRewindable rs = qe.execSelect().rewindable();
                    rs.size();
                }
            })).hasMessageContaining(want);
            return;
        }
        Query q = QueryFactory.create(text);
        Txn.executeRead(kg.dataset(), () -> {
            try (QueryExecution qe = QueryExecution.dataset(kg.dataset()).query(q).build()) {
                if (q.isAskType()) {
                    try {
                        assertThat(Boolean.toString(qe.execAsk()))
                                .isEqualTo(Files.readString(dir.resolve("expected.txt")).strip());
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    return;
                }
                ResultSetRewindable got = qe.execSelect().rewindable();
                ResultSetRewindable want;
                try {
                    ResultSet r = ResultSetMgr.read(new ByteArrayInputStream(
                            Files.readAllBytes(dir.resolve("expected.tsv"))), ResultSetLang.RS_TSV);
                    want = r.rewindable();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                boolean same = q.hasOrderBy() ? ResultSetCompare.equalsByTermAndOrder(want, got)
                        : ResultSetCompare.equalsByTerm(want, got);
                got.reset();
                assertThat(same).as("results of %s: %s", dir.getFileName(),
                        org.apache.jena.query.ResultSetFormatter.asText(got)).isTrue();
            }
        });
    }

    @Test
    void withoutAnAttachedIndexTheFunctionsSaySo() {
        try (KnowledgeGraph other = KnowledgeGraph.inMemory()) {
            assertThatThrownBy(() -> Txn.executeRead(other.dataset(), () -> {
                try (QueryExecution qe = QueryExecution.dataset(other.dataset())
                        .query("PREFIX rzf: <https://rhizome.dev/fn#> SELECT * { ?c rzf:search (\"x\") }").build()) {
                    qe.execSelect().rewindable();
                }
            })).hasMessageContaining("no search index is attached");
        }
    }

    @Test
    void theFunctionsAreRegisteredByJenasStartUpHook() throws Exception {
        // a fresh JVM, where nothing of this module has run before JenaSystem.init()
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), RegistrationProbe.class.getName()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.strip().lines().reduce((a, b) -> b)).as(out).hasValue("true");
    }
}
