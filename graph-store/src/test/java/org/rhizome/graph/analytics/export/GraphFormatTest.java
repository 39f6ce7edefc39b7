package org.rhizome.graph.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class GraphFormatTest {
    @Test
    void extensionSelectsTheFormatIgnoringCase() {
        assertThat(GraphFormat.fromFileName(Path.of("out/graph.graphml"))).isEqualTo(GraphFormat.GRAPHML);
        assertThat(GraphFormat.fromFileName(Path.of("Graph.GraphML"))).isEqualTo(GraphFormat.GRAPHML);
        assertThat(GraphFormat.fromFileName(Path.of("/tmp/x/communities.gexf"))).isEqualTo(GraphFormat.GEXF);
        assertThat(GraphFormat.fromFileName(Path.of("C.GEXF"))).isEqualTo(GraphFormat.GEXF);
    }

    @Test
    void unknownExtensionIsRejectedNamingTheSupportedOnes() {
        assertThatThrownBy(() -> GraphFormat.fromFileName(Path.of("graph.xml")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graph.xml")
                .hasMessageContaining(".graphml")
                .hasMessageContaining(".gexf");
        assertThatThrownBy(() -> GraphFormat.fromFileName(Path.of("graph")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GraphFormat.fromFileName(Path.of("graph.gexf.gz")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
