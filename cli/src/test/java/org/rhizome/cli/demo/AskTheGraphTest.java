package org.rhizome.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class AskTheGraphTest {
    @Test
    void wrapJoinsLabelsIntoLinesNoWiderThanTheLimit() {
        List<String> lines = AskTheGraph.wrap(List.of("Government Code and Cypher School",
                "National Physical Laboratory", "University of Cambridge"), 48);
        assertThat(lines).containsExactly("Government Code and Cypher School,", "National Physical Laboratory,",
                "University of Cambridge");
        assertThat(AskTheGraph.wrap(List.of("a", "b", "c"), 48)).containsExactly("a, b, c");
    }

    @Test
    void anItemLongerThanTheLimitStandsOnItsOwnLine() {
        assertThat(AskTheGraph.wrap(List.of("x".repeat(60), "y"), 10)).containsExactly("x".repeat(60) + ",", "y");
    }
}
