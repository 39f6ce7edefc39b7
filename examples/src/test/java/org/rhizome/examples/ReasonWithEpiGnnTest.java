package org.rhizome.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReasonWithEpiGnnTest {
    @Test
    void learnsToComposeRcc8Relations(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ReasonWithEpiGnn.Outcome o = ReasonWithEpiGnn.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        System.out.println(bytes.toString(StandardCharsets.UTF_8));
        // 8 balanced classes: chance is 0.125
        assertThat(o.holdOut()).isGreaterThan(0.5);
        assertThat(o.accuracyByHops().get(2)).isGreaterThan(0.5);
        assertThat(o.accuracyByHops()).containsKeys(2, 3, 4, 5, 6);
        assertThat(o.reloadedAgrees()).isTrue();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("chains of 6 relations: accuracy");
    }
}
