package org.rhizome.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.retrieval.resolution.Resolution;

class SearchAndResolveTest {
    @Test
    void searchesResolvesMergesAndConnects(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        SearchAndResolve.Outcome o = SearchAndResolve.run(dir.resolve("store"),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertThat(o.byMeaning().get(0).label()).isEqualTo("Body armour");
        assertThat(o.variant().decision()).isEqualTo(Resolution.Decision.MERGE);
        assertThat(o.variant().best().orElseThrow().label()).isEqualTo("Spider silk");
        assertThat(o.merge()).hasValueSatisfying(m -> assertThat(m.kept()).endsWith("/body_armour"));
        assertThat(o.path()).isEqualTo(
                "Spider silk --has property--> Toughness <--has property-- Kevlar --used in--> Body armour");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("indexed 4 concepts");
    }
}
