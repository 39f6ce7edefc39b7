package org.rhizome.retrieval.subgraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rhizome.retrieval.subgraph.Graphs.E;

import org.junit.jupiter.api.Test;
import org.rhizome.graph.snapshot.GraphSnapshot;

class PromptFormatTest {
    /**
     * Spider -produces-> Silk -has property-> Toughness, Silk -partOf-> Web (no label on partOf or Web).
     * Ids: Spider 0, Silk 1, Toughness 2, Web 3; relations produces 0, hasProperty 1, partOf 2.
     */
    private static GraphSnapshot silk() {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (String n : new String[] {"spider", "silk", "toughness", "Web"}) {
            b.entityId(E + n);
        }
        return b.addEdge(E + "spider", E + "produces", E + "silk")
                .addEdge(E + "silk", E + "hasProperty", E + "toughness")
                .addEdge(E + "silk", E + "partOf", E + "Web")
                .label(E + "spider", "Spider").label(E + "silk", "Silk").label(E + "toughness", "Toughness")
                .label(E + "produces", "produces").label(E + "hasProperty", "has property")
                .build();
    }

    @Test
    void forwardPathUsesLabelsAndRightArrows() {
        GraphSnapshot g = silk();
        GraphPath p = new ShortestPaths(g).shortestPath(0, 2).orElseThrow();
        assertThat(PromptFormat.path(g, p)).isEqualTo("Spider --produces--> Silk --has property--> Toughness");
    }

    @Test
    void edgesWalkedBackwardsGetReversedArrows() {
        GraphSnapshot g = silk();
        GraphPath back = new ShortestPaths(g).shortestPath(2, 0).orElseThrow();
        assertThat(PromptFormat.path(g, back)).isEqualTo("Toughness <--has property-- Silk <--produces-- Spider");
        GraphPath mixed = new ShortestPaths(g).shortestPath(0, 3).orElseThrow();
        assertThat(PromptFormat.path(g, mixed)).isEqualTo("Spider --produces--> Silk --partOf--> Web");
        GraphPath vee = new ShortestPaths(g).shortestPath(2, 3).orElseThrow();
        assertThat(PromptFormat.path(g, vee)).isEqualTo("Toughness <--has property-- Silk --partOf--> Web");
    }

    @Test
    void aSingleNodePathIsItsLabel() {
        assertThat(PromptFormat.path(silk(), GraphPath.single(1))).isEqualTo("Silk");
    }

    @Test
    void subgraphIsOneTriplePerLineInEdgeOrder() {
        GraphSnapshot g = silk();
        Subgraph s = new KHopNeighbourhood(g).expand(1, KHopOptions.defaults());
        // Edge ids: spider-produces-silk 0; silk's out-edges by target: toughness (2) then Web (3).
        assertThat(PromptFormat.subgraph(g, s)).isEqualTo(String.join("\n",
                "Spider --produces--> Silk",
                "Silk --has property--> Toughness",
                "Silk --partOf--> Web"));
        Subgraph seedOnly = new KHopNeighbourhood(g).expand(1, KHopOptions.defaults().withHops(0));
        assertThat(PromptFormat.subgraph(g, seedOnly)).isEmpty();
    }

    @Test
    void lineBreaksInLabelsBecomeSpaces() {
        GraphSnapshot g = GraphSnapshot.builder().addEdge(E + "a", E + "r", E + "b")
                .label(E + "a", "two\nlines").label(E + "r", "rel\r\nation").build();
        assertThat(PromptFormat.triple(g, new Triple(0, 0, 1))).isEqualTo("two lines --rel ation--> b");
    }

    @Test
    void rejectsPathsThatDoNotBelongToTheGraph() {
        GraphSnapshot g = silk();
        // Edge 0 is Spider -> Silk; claiming it joins Silk -> Spider forward is wrong.
        GraphPath wrong = GraphPath.of(new int[] {1, 0}, new int[] {0}, new boolean[] {true});
        assertThatThrownBy(() -> PromptFormat.path(g, wrong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not join nodes 1 and 0 forward");
        GraphPath noEdge = GraphPath.of(new int[] {0, 1}, new int[] {7}, new boolean[] {true});
        assertThatThrownBy(() -> PromptFormat.path(g, noEdge)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an edge id");
        assertThatThrownBy(() -> PromptFormat.triple(g, new Triple(0, 9, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("relation");
    }
}
