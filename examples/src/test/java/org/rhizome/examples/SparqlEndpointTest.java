package org.rhizome.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparqlEndpointTest {
    @Test
    void servesQueriesOverHttpAndRefusesUpdates(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(SparqlEndpoint.run(dir.resolve("store"), new PrintStream(bytes, true, StandardCharsets.UTF_8)))
                .containsExactly("Ada Lovelace", "Analytical Engine", "wrote about");
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("serving http://127.0.0.1:")
                .contains("update refused: true");
    }
}
