package org.rhizome.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictLinksTest {
    @Test
    void learnsTheFamiliesAndPredictsChildren(@TempDir Path dir) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PredictLinks.Outcome o = PredictLinks.run(dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        // the held-out statements follow from their inverses in training
        assertThat(o.test().mrr()).isGreaterThan(0.5);
        assertThat(o.children()).hasSize(3);
        // the three predicted children of Parent 3 are its own
        assertThat(o.children()).allSatisfy(p -> assertThat(p.name()).contains("child_3_"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("Parent 3 parent of Child 3.");
        // the configuration came back from YAML as written, and SPARQL gives the model's own answers, in order
        assertThat(o.config().training().steps()).isEqualTo(600);
        assertThat(o.config().threads()).isEqualTo(1);
        assertThat(o.sparqlChildren()).containsExactlyElementsOf(o.children().stream().map(p -> p.name()).toList());
        // LibKGE's setting: the reciprocal model learns the families too, and names Child 3.1's parent
        assertThat(o.reciprocalTest().mrr()).isGreaterThan(0.5);
        assertThat(o.parents()).singleElement().satisfies(p -> assertThat(p.name()).contains("parent_3"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("parent of Child 3.1: Parent 3");
    }
}
