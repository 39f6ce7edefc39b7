package org.rhizome.agent.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;

import org.junit.jupiter.api.Test;

class LocalGraphParserTest {
    private final LocalGraphParser parser = new LocalGraphParser(ExtractionRules.defaults());

    private static final String GRAPH = """
            {"reasoning": "Turing defined computability.",
             "nodes": [{"id": "n1", "label": "Alan Turing", "description": "A mathematician.", "type": "Person"},
                       {"id": "n2", "label": "Turing machine", "type": "Concept"}],
             "edges": [{"source": "n1", "relation": "introduced", "target": "n2"}],
             "follow_up_question": "What can a Turing machine not compute?"}""";

    @Test
    void aBareObject() {
        LocalGraph g = parser.parse(GRAPH);
        assertThat(g.nodes()).extracting(LocalGraph.Node::label).containsExactly("Alan Turing", "Turing machine");
        assertThat(g.nodes().get(0).description()).contains("A mathematician.");
        assertThat(g.nodes().get(0).types()).containsExactly("Person");
        assertThat(g.edges()).containsExactly(new LocalGraph.Edge(0, "introduced", 1));
        assertThat(g.reasoning()).isEqualTo("Turing defined computability.");
        assertThat(g.followUp()).contains("What can a Turing machine not compute?");
        assertThat(g.warnings()).isEmpty();
    }

    @Test
    void aFencedBlockAfterProseAndProseAroundABareObject() {
        LocalGraph fenced = parser.parse("Let me think.\n\n```json\n" + GRAPH.replace("\"reasoning\": \"Turing "
                + "defined computability.\",", "") + "\n```\nThat is all.");
        assertThat(fenced.nodes()).hasSize(2);
        assertThat(fenced.reasoning()).contains("Let me think.").contains("That is all.");
        LocalGraph bare = parser.parse("Here is the graph: " + GRAPH + " I hope it helps.");
        assertThat(bare.edges()).hasSize(1);
    }

    @Test
    void edgesMayNameTheirEndsByLabelAndAliasesAreAccepted() {
        LocalGraph g = parser.parse("""
                {"nodes": [{"name": "Ada Lovelace", "types": ["Person"]}, {"name": "Analytical  Engine"}],
                 "edges": [{"from": "ada lovelace", "predicate": "wrote about", "to": "Analytical Engine"},],
                 // a comment
                 "next_question": "Who built it?"}""");
        assertThat(g.nodes()).extracting(LocalGraph.Node::label).containsExactly("Ada Lovelace", "Analytical Engine");
        assertThat(g.edges()).containsExactly(new LocalGraph.Edge(0, "wrote about", 1));
        assertThat(g.followUp()).contains("Who built it?");
    }

    @Test
    void duplicatesAndSelfLoopsAreDroppedWithWarnings() {
        LocalGraph g = parser.parse("""
                {"nodes": [{"id": "a", "label": "ENIAC"}, {"id": "b", "label": "eniac"}, {"id": "c", "label": "Army"}],
                 "edges": [{"source": "a", "relation": "funded by", "target": "c"},
                           {"source": "b", "relation": "funded by", "target": "c"},
                           {"source": "a", "relation": "is", "target": "b"}]}""");
        assertThat(g.nodes()).hasSize(2);
        assertThat(g.edges()).containsExactly(new LocalGraph.Edge(0, "funded by", 1));
        assertThat(g.warnings()).hasSize(3);
    }

    @Test
    void truncatedAndMalformedJsonSayWhere() {
        assertThatThrownBy(() -> parser.parse(GRAPH.substring(0, GRAPH.length() / 2)))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> parser.parse("{\"nodes\": [{\"label\": \"A\"}\n  \"edges\": []}"))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parser.parse("I cannot answer that."))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("no JSON object");
        assertThatThrownBy(() -> parser.parse("   ")).hasMessageContaining("empty");
    }

    @Test
    void anEmptyGraphIsRefused() {
        assertThatThrownBy(() -> parser.parse("{\"nodes\": [], \"edges\": []}"))
                .isInstanceOf(ExtractionException.class).hasMessageContaining("no nodes");
    }

    @Test
    void labelsWithControlCharactersOrMarkupAreRefusedNamingTheNode() {
        ExtractionException e = org.junit.jupiter.api.Assertions.assertThrows(ExtractionException.class,
                () -> parser.parse("""
                        {"nodes": [{"id": "a", "label": "Good"}, {"id": "b", "label": "Bad\\u0007bell"},
                                   {"id": "c", "label": "<script>alert(1)</script>"}, {"id": "d", "label": "x &amp; y"}],
                         "edges": []}"""));
        assertThat(e.problems()).hasSize(3);
        assertThat(e.problems().get(0)).startsWith("node 2 label").contains("control characters").contains("\\u0007");
        assertThat(e.problems().get(1)).startsWith("node 3 label").contains("markup");
        assertThat(e.problems().get(2)).startsWith("node 4 label").contains("markup");
    }

    @Test
    void edgesToUnknownNodesSizesAndRelationsAreChecked() {
        ExtractionException e = org.junit.jupiter.api.Assertions.assertThrows(ExtractionException.class,
                () -> parser.parse("""
                        {"nodes": [{"id": "a", "label": "A"}, {"id": "b", "label": "B"}],
                         "edges": [{"source": "a", "relation": "r", "target": "n7"},
                                   {"source": "a", "target": "b"}]}"""));
        assertThat(e.problems()).containsExactly(
                "edge 1 target \"n7\" is neither a node id nor a node label", "edge 2 has no \"relation\"");
        LocalGraphParser small = new LocalGraphParser(ExtractionRules.defaults().withSizes(1, 5)
                .withAllowedRelations(Set.of("part of")));
        assertThatThrownBy(() -> small.parse(GRAPH)).hasMessageContaining("at most 1 are accepted");
        LocalGraphParser onlyPartOf = new LocalGraphParser(ExtractionRules.defaults()
                .withAllowedRelations(Set.of("part of")));
        assertThatThrownBy(() -> onlyPartOf.parse(GRAPH)).hasMessageContaining("\"introduced\", which is not allowed");
    }

    @Test
    void longDescriptionsAreCutAndLabelsNormalised() {
        String longText = "word ".repeat(1000);
        LocalGraph g = parser.parse("{\"nodes\": [{\"label\": \"  Ｔｕｒｉｎｇ \\t test \", \"description\": \""
                + longText + "\"}]}");
        assertThat(g.nodes().get(0).label()).isEqualTo("Turing test");
        assertThat(g.nodes().get(0).description().orElseThrow().length()).isLessThanOrEqualTo(2_000);
        assertThat(g.warnings()).anyMatch(w -> w.contains("description cut"));
    }
}
