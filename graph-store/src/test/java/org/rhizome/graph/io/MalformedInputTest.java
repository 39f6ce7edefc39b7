package org.rhizome.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rhizome.graph.InputFormatException;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.TestStores;

/**
 * Malformed inputs give an error naming the file, line and column, and leave the store exactly as it was (same
 * quad count, same hash), for each way statements reach the store.
 */
class MalformedInputTest {
    @TempDir
    Path dir;

    enum Setup {
        IN_MEMORY, TDB2
    }

    private KnowledgeGraph open(Setup setup) {
        return setup == Setup.IN_MEMORY ? KnowledgeGraph.inMemory() : KnowledgeGraph.open(dir.resolve("store"));
    }

    private static ImportOptions.Builder options(Setup setup) {
        return ImportOptions.builder();
    }

    /** A store holding one good import, to check that failures leave it untouched. */
    private void seed(KnowledgeGraph kg, Setup setup) throws IOException {
        Path good = dir.resolve("good.ttl");
        Files.writeString(good, "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b , ex:c .\nex:b ex:p \"x\" .\n");
        Importer.importFile(kg, good, options(setup).build());
    }

    private InputFormatException importFails(Setup setup, Path file, ImportOptions.Builder opts) throws IOException {
        try (KnowledgeGraph kg = open(setup)) {
            seed(kg, setup);
            TestStores.Fingerprint before = TestStores.fingerprint(kg);
            int sources = kg.sources().size();
            Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> Importer.importFile(kg, file,
                    opts.build()));
            assertThat(t).isInstanceOf(InputFormatException.class);
            assertThat(TestStores.fingerprint(kg)).as("store unchanged after failed import").isEqualTo(before);
            assertThat(kg.sources()).hasSize(sources);
            return (InputFormatException) t;
        }
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void brokenTurtleNamesFileLineAndColumn(Setup setup) throws IOException {
        Path bad = dir.resolve("broken.ttl");
        StringBuilder sb = new StringBuilder("@prefix ex: <http://example.org/> .\n");
        for (int i = 0; i < 5000; i++) {
            sb.append("ex:s").append(i).append(" ex:p ex:o").append(i).append(" .\n");
        }
        sb.append("ex:s ex:p ex:o ;; ex:q .\nex:t ex:p \"unterminated .\n");
        Files.writeString(bad, sb.toString());
        InputFormatException e = importFails(setup, bad, options(setup));
        assertThat(e.file()).isEqualTo(bad.toString());
        // Line 1 holds the prefix, lines 2..5001 the good triples, line 5002 the stray ';'.
        assertThat(e.line()).hasValue(5002);
        assertThat(e.column()).isPresent();
        assertThat(e.getMessage()).startsWith(bad + ":5002:");
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void errorAfterManyGoodStatementsRollsBackAllOfThem(Setup setup) throws IOException {
        Path bad = dir.resolve("late.nt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 150_000; i++) {
            sb.append("<http://e/s").append(i).append("> <http://e/p> <http://e/o").append(i % 977).append("> .\n");
        }
        sb.append("<http://e/s> <http://e/p> .\n");
        Files.writeString(bad, sb.toString());
        InputFormatException e = importFails(setup, bad, options(setup));
        assertThat(e.line()).hasValue(150_001);
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void tsvLineWithTwoColumnsNamesTheLine(Setup setup) throws IOException {
        Path bad = dir.resolve("train.txt");
        Files.writeString(bad, "a\tr\tb\r\nb\tr\tc\r\nc\tr\r\nd\tr\te\r\n");
        InputFormatException e = importFails(setup, bad, options(setup));
        assertThat(e.line()).hasValue(3);
        assertThat(e.problem()).contains("expected 3 tab-separated fields").contains("found 2");
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void nonUtf8ByteIsReportedWithItsPosition(Setup setup) throws IOException {
        for (String ext : new String[] {"nt", "tsv"}) {
            Path bad = dir.resolve("latin1." + ext);
            String line1 = ext.equals("nt") ? "<http://e/a> <http://e/p> \"ok\" .\n" : "a\tp\tb\n";
            byte[] head = (line1 + (ext.equals("nt") ? "<http://e/a> <http://e/p> \"caf" : "caf"))
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = (ext.equals("nt") ? "\" .\n" : "\tp\tb\n").getBytes(StandardCharsets.UTF_8);
            byte[] all = new byte[head.length + 1 + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            all[head.length] = (byte) 0xE9; // 'é' in Latin-1: not UTF-8
            System.arraycopy(tail, 0, all, head.length + 1, tail.length);
            Files.write(bad, all);
            InputFormatException e = importFails(setup, bad, options(setup));
            assertThat(e.line()).as(ext).hasValue(2);
            int col = ext.equals("nt") ? "<http://e/a> <http://e/p> \"caf".length() + 1 : 4;
            assertThat(e.column()).as(ext).hasValue(col);
            assertThat(e.problem()).contains("0xE9").contains("UTF-8");
        }
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void emptyFileIsAnError(Setup setup) throws IOException {
        Path empty = dir.resolve("empty.nt");
        Files.writeString(empty, "");
        assertThat(importFails(setup, empty, options(setup)).problem()).contains("empty");
        Path onlyPrefixes = dir.resolve("prefixes.ttl");
        Files.writeString(onlyPrefixes, "@prefix ex: <http://example.org/> .\n# nothing else\n");
        assertThat(importFails(setup, onlyPrefixes, options(setup)).problem()).contains("no statements");
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void hugeLiteralOverTheLimitIsRefused(Setup setup) throws IOException {
        Path big = dir.resolve("big.nt");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            sb.append("<http://e/s").append(i).append("> <http://e/p> \"small\" .\n");
        }
        sb.append("<http://e/big> <http://e/p> \"").append("x".repeat(3_000_000)).append("\" .\n");
        Files.writeString(big, sb.toString());
        InputFormatException e = importFails(setup, big, options(setup).maxLiteralLength(1_000_000));
        assertThat(e.problem()).contains("3000000 characters").contains("limit of 1000000");
        assertThat(e.line().orElseThrow()).isGreaterThanOrEqualTo(101);

        Path bigTsv = dir.resolve("big.tsv");
        Files.writeString(bigTsv, "a\tp\tb\n" + "y".repeat(2_000_000) + "\tp\tb\n");
        InputFormatException t = importFails(setup, bigTsv, options(setup).maxLiteralLength(1_000_000));
        assertThat(t.line()).hasValue(2);
        assertThat(t.problem()).contains("over the limit");
    }

    @ParameterizedTest
    @EnumSource(Setup.class)
    void missingFileAndUnknownFormatAreClear(Setup setup) throws IOException {
        InputFormatException e = importFails(setup, dir.resolve("nope.ttl"), options(setup));
        assertThat(e.problem()).contains("no such file");
        Path odd = dir.resolve("data.xyz");
        Files.writeString(odd, "x");
        try (KnowledgeGraph kg = open(setup)) {
            assertThatThrownBy(() -> Importer.importFile(kg, odd)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--format").hasMessageContaining("turtle");
        }
    }
}
