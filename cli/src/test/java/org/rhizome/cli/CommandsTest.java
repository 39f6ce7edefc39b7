package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.KnowledgeGraph;
import org.slf4j.LoggerFactory;

/** The commands end to end through {@link Rhizome#run}, on TDB2 stores in a temporary directory. */
class CommandsTest {
    private static final String TURTLE = """
            @prefix ex:   <http://example.org/> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            ex:alice rdfs:label "Alice" ; ex:knows ex:bob .
            ex:bob   rdfs:label "Bob" ; ex:knows ex:carol .
            """;
    private static final String TSV = "a\tknows\tb\nb\tknows\tc\r\nc\tlikes\ta\n";
    private static final String LABELS = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> ";

    @TempDir
    Path dir;

    Path store;
    Path ttl;
    Path tsv;

    @BeforeEach
    void files() throws IOException {
        store = dir.resolve("store");
        ttl = Files.writeString(dir.resolve("small.ttl"), TURTLE, StandardCharsets.UTF_8);
        tsv = Files.writeString(dir.resolve("small.tsv"), TSV, StandardCharsets.UTF_8);
    }

    private Cli.Result rhizome(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--store";
        all[1] = store.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(all);
    }

    private void importBoth() {
        assertThat(rhizome("import", ttl.toString(), tsv.toString()).exitCode()).isEqualTo(ExitCodes.OK);
    }

    // ---------------------------------------------------------------------------------------------------------
    // import

    @Test
    void importsATurtleAndATsvFileAsOneSourceEachAndPrintsALinePerFile() {
        Cli.Result r = rhizome("import", ttl.toString(), tsv.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).hasSize(2);
        assertThat(r.outLines().get(0)).matches("imported 4 statements from small\\.ttl into "
                + "<https://rhizome\\.dev/id/source/importFile/[0-9a-f-]+> in \\d+\\.\\d s \\([\\d,]+ statements/s\\)");
        assertThat(r.outLines().get(1)).startsWith("imported 3 statements from small.tsv into <");
        assertThat(rhizome("stats", "--json").out()).contains("\"sources\": 2", "\"statements\": 7");
    }

    @Test
    void importStopsAtTheFirstBadFileAndKeepsTheFilesBeforeIt() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.ttl"), "@prefix ex: <http://example.org/> .\nex:a ex:b .\n");
        Cli.Result r = rhizome("import", ttl.toString(), bad.toString(), tsv.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.outLines()).singleElement().asString().startsWith("imported 4 statements from small.ttl");
        assertThat(r.errLines()).singleElement().asString().startsWith("rhizome: " + bad + ":2:");
        assertThat(rhizome("stats", "--json").out()).contains("\"sources\": 1", "\"statements\": 4");
    }

    @Test
    void aMissingFileIsBadInputReportedOnOneLine() {
        Path missing = dir.resolve("missing.ttl");
        Cli.Result r = rhizome("import", missing.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).containsExactly("rhizome: " + missing + ": no such file");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void verboseAddsTheStackTraceToTheErrorLine() {
        Path missing = dir.resolve("missing.ttl");
        Cli.Result r = rhizome("import", "--verbose", missing.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines().get(0)).isEqualTo("rhizome: " + missing + ": no such file");
        assertThat(r.err()).contains("InputFormatException", "\tat org.rhizome.");
    }

    @Test
    void tsvLabelFilesAreImportedWithTheFirstFile() throws IOException {
        Path labels = Files.writeString(dir.resolve("entities.txt"), "a\tAlpha\tthe first\nb\tBeta\n");
        Cli.Result r = rhizome("import", tsv.toString(), "--entity-labels", labels.toString(), "--source-id", "kb-1");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).startsWith("imported 6 statements from small.tsv");
        Cli.Result q = rhizome("query", "--format", "csv", "PREFIX rz: <https://rhizome.dev/ns#> "
                + "SELECT ?id WHERE { ?g rz:sourceId ?id }");
        assertThat(q.outLines()).containsExactly("id", "kb-1");
    }

    @Test
    void sourceIdWithSeveralFilesIsAUsageError() {
        Cli.Result r = rhizome("import", ttl.toString(), tsv.toString(), "--source-id", "x");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("--source-id names one source");
    }

    @Test
    void aFileWhoseFormatCannotBeToldIsAUsageError() throws IOException {
        Path odd = Files.writeString(dir.resolve("data.xyz"), "whatever");
        Cli.Result r = rhizome("import", odd.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("cannot tell the format", "--format");
    }

    // ---------------------------------------------------------------------------------------------------------
    // stats

    @Test
    void statsPrintsAlignedCountsAndSnapshotShape() {
        importBoth();
        Cli.Result r = rhizome("stats");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).contains(
                "statements          7",
                "sources             2",
                "snapshot edges      5",
                "self-loops          0");
        assertThat(r.out()).containsPattern("(?m)^out-degree +max 1, mean 0\\.83$")
                .containsPattern("(?m)^adjacency +\\d+ B \\(\\d+\\.\\d bytes/edge\\)$");
    }

    @Test
    void statsJsonIsOneFlatObjectWithRawNumbers() {
        importBoth();
        Cli.Result r = rhizome("stats", "--json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).singleElement().asString()
                .startsWith("{\"store\": " + Json.quote(store.toAbsolutePath().normalize().toString()))
                .contains("\"statements\": 7", "\"quads\": 7", "\"edges\": 5", "\"self_loops\": 0",
                        "\"entities\": 6", "\"mean_out_degree\": 0.8333")
                .endsWith("}");
    }

    @Test
    void statsOnAStoreThatDoesNotExistIsStoreUnavailable() {
        Cli.Result r = rhizome("stats");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
        assertThat(r.errLines()).singleElement().asString().startsWith("rhizome: no store at ");
        assertThat(store).doesNotExist();
    }

    @Test
    void aStoreHeldElsewhereIsStoreUnavailableWithOneLine() {
        importBoth();
        try (KnowledgeGraph held = KnowledgeGraph.open(store)) {
            assertThat(held.location()).isPresent();
            Cli.Result r = rhizome("stats");
            assertThat(r.exitCode()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
            assertThat(r.errLines()).singleElement().asString().contains("is in use");
        }
    }

    @Test
    void storeIsInheritedSoItMayBeGivenBeforeOrAfterTheSubcommand() {
        importBoth();
        Cli.Result before = Cli.run("--store", store.toString(), "stats", "--json");
        Cli.Result after = Cli.run("stats", "--json", "--store", store.toString());
        assertThat(before.exitCode()).isZero();
        assertThat(after.out()).isEqualTo(before.out()).contains("\"statements\": 7");
    }

    // ---------------------------------------------------------------------------------------------------------
    // query

    @Test
    void selectPrintsJenasTextTable() {
        importBoth();
        Cli.Result r = rhizome("query", "--union", LABELS + "SELECT ?label WHERE { ?s rdfs:label ?label } "
                + "ORDER BY ?label");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.outLines()).contains("| label   |", "| \"Alice\" |", "| \"Bob\"   |");
        assertThat(r.outLines().get(0)).matches("-+");
    }

    @Test
    void selectPrintsSparqlCsvAndTsv() {
        importBoth();
        String q = LABELS + "SELECT ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label";
        assertThat(rhizome("query", "--union", "--format", "csv", q).out()).isEqualTo("label\r\nAlice\r\nBob\r\n");
        assertThat(rhizome("query", "--union", "--format", "tsv", q).outLines())
                .containsExactly("?label", "\"Alice\"", "\"Bob\"");
    }

    @Test
    void selectPrintsSparqlJsonResults() {
        importBoth();
        Cli.Result r = rhizome("query", "--union", "--format", "json",
                LABELS + "SELECT ?label WHERE { ?s rdfs:label ?label } ORDER BY ?label");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("\"vars\": [ \"label\" ]", "\"value\": \"Alice\"", "\"value\": \"Bob\"");
    }

    @Test
    void theDefaultGraphIsTheCatalogueAndUnionMakesItTheContent() {
        importBoth();
        String count = LABELS + "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:label ?label }";
        assertThat(rhizome("query", "--format", "csv", count).outLines()).containsExactly("n", "0");
        assertThat(rhizome("query", "--union", "--format", "csv", count).outLines()).containsExactly("n", "2");
        String sources = "PREFIX rz: <https://rhizome.dev/ns#> SELECT (COUNT(*) AS ?n) WHERE { ?g a rz:Source }";
        assertThat(rhizome("query", "--format", "csv", sources).outLines()).containsExactly("n", "2");
    }

    @Test
    void askPrintsTrueOrFalseOrAJsonBoolean() {
        importBoth();
        assertThat(rhizome("query", "--union", "ASK { ?s ?p \"Alice\" }").out()).isEqualTo("true\n");
        assertThat(rhizome("query", "--union", "ASK { ?s ?p \"Zed\" }").out()).isEqualTo("false\n");
        assertThat(rhizome("query", "--union", "--format", "json", "ASK { ?s ?p \"Alice\" }").out())
                .containsPattern("\"boolean\"\\s*:\\s*true");
    }

    @Test
    void constructPrintsTurtleThatParsesBack() {
        importBoth();
        Cli.Result r = rhizome("query", "--union",
                "PREFIX ex: <http://example.org/> CONSTRUCT { ?a ex:knows ?b } WHERE { ?a ex:knows ?b }");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        Model m = ModelFactory.createDefaultModel();
        RDFParser.fromString(r.out(), Lang.TURTLE).parse(m);
        assertThat(m.size()).isEqualTo(2);
        assertThat(r.out()).contains("ex:alice");
    }

    @Test
    void queryReadsItsTextFromAFile() throws IOException {
        importBoth();
        Path q = Files.writeString(dir.resolve("q.rq"), "ASK { ?s ?p \"Bob\" }");
        assertThat(rhizome("query", "--union", "--file", q.toString()).out()).isEqualTo("true\n");
    }

    @Test
    void aSyntaxErrorIsBadInputWithLineAndColumn() {
        importBoth();
        Cli.Result r = rhizome("query", "SELECT ?x WHERE {\n ?x ?y }");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).containsExactly("rhizome: query:2:8: SPARQL syntax error: unexpected \"}\"");
    }

    @Test
    void sparqlUpdateIsRefusedAsBadInput() {
        importBoth();
        Cli.Result r = rhizome("query", "INSERT DATA { <http://example.org/x> <http://example.org/y> 1 }");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.errLines()).singleElement().asString().contains("SPARQL Update", "only reads");
        assertThat(rhizome("stats", "--json").out()).contains("\"statements\": 7");
    }

    @Test
    void csvForAConstructQueryIsAUsageError() {
        importBoth();
        Cli.Result r = rhizome("query", "--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o }");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("CONSTRUCT and DESCRIBE print Turtle");
    }

    @Test
    void aQueryWithNoTextIsAUsageError() {
        importBoth();
        Cli.Result r = rhizome("query");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("missing query");
    }

    // ---------------------------------------------------------------------------------------------------------
    // export

    @Test
    void exportWritesTurtleThatHoldsEveryStatement() {
        importBoth();
        Path out = dir.resolve("out.ttl");
        Cli.Result r = rhizome("export", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).isEqualTo("exported 7 statements (asserted) to " + out + " as turtle\n");
        Model m = ModelFactory.createDefaultModel();
        RDFParser.source(out).parse(m);
        assertThat(m.size()).isEqualTo(7);
    }

    @Test
    void exportToTsvReportsTheLiteralStatementsItSkipped() throws IOException {
        importBoth();
        Path out = dir.resolve("out.tsv");
        Cli.Result r = rhizome("export", out.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("exported 5 statements", "skipped 2 statements");
        assertThat(Files.readAllLines(out)).hasSize(5).contains("a\tknows\tb");
    }

    @Test
    void provenanceWithATripleFormatIsAUsageError() {
        importBoth();
        Cli.Result r = rhizome("export", dir.resolve("x.ttl").toString(), "--with-provenance");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dir.resolve("x.ttl")).doesNotExist();
    }

    // ---------------------------------------------------------------------------------------------------------
    // the top command

    @Test
    void anUnknownOptionIsAUsageErrorOnOneLine() {
        Cli.Result r = Cli.run("stats", "--bogus");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).containsExactly("rhizome: Unknown option: '--bogus' (see 'rhizome stats --help')");
    }

    @Test
    void aMistypedCommandIsAUsageErrorWithASuggestion() {
        Cli.Result r = Cli.run("stat");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("did you mean stats");
    }

    @Test
    void noCommandIsAUsageError() {
        Cli.Result r = Cli.run();
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLines()).singleElement().asString().contains("missing command");
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out()).contains("import", "export", "stats", "query", "demo", "Exit codes:",
                "  3  bad input", "  4  store unavailable");
    }

    @Test
    void verboseRaisesRhizomeLoggingToDebugForItsRunOnly() {
        Cli.run("--verbose", "--version");
        assertThat(LoggerFactory.getLogger("org.rhizome.graph").isDebugEnabled()).isTrue();
        Cli.run("--version");
        assertThat(LoggerFactory.getLogger("org.rhizome.graph").isDebugEnabled()).isFalse();
        assertThat(LoggerFactory.getLogger("org.rhizome.graph").isWarnEnabled()).isTrue();
        assertThat(LoggerFactory.getLogger("org.apache.jena.riot").isInfoEnabled()).isFalse();
    }

    @Test
    void versionNamesTheBuild() {
        Cli.Result r = Cli.run("--version");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(r.out().strip()).matches("rhizome \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }
}
