package org.rhizome.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.snapshot.GraphSnapshot;

class QuickStartTest {
    @Test
    void quickStartImportsWritesQueriesAndSnapshots(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        GraphSnapshot s = QuickStart.run(dir.resolve("store"), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("imported 3 statements");
        assertThat(out).contains("label Ada Lovelace").contains("from growthIteration");
        // 4 TSV entities + the two concepts written by label (the TSV tokens mint different IRIs).
        assertThat(s.entityCount()).isEqualTo(6);
        assertThat(s.edgeCount()).isEqualTo(4);
        // TSV relation "wrote_about" and the relation type labelled "wrote about" mint the same IRI.
        assertThat(s.relationCount()).isEqualTo(2);
    }
}
