package org.rhizome.graph.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NodeAttributesTest {
    @Test
    void keepsColumnsInOrderWithTheirTypesAndKeyIds() {
        NodeAttributes a = NodeAttributes.builder(2)
                .addInt("community", new int[] {3, 4})
                .addDouble("PageRank score", new double[] {0.5, 0.5})
                .addString("2-hop", new String[] {"x", null})
                .build();
        assertThat(a.names()).containsExactly("community", "PageRank score", "2-hop");
        assertThat(a.type("community")).isEqualTo(NodeAttributes.Type.INT);
        assertThat(a.type("PageRank score")).isEqualTo(NodeAttributes.Type.DOUBLE);
        assertThat(a.type("2-hop")).isEqualTo(NodeAttributes.Type.STRING);
        assertThat(a.keyId("community")).isEqualTo("community");
        assertThat(a.keyId("PageRank score")).isEqualTo("PageRank_score");
        assertThat(a.keyId("2-hop")).isEqualTo("_2-hop");
        assertThat(a.entityCount()).isEqualTo(2);
    }

    @Test
    void sanitisedKeyIdsKeepOnlySafeAsciiCharacters() {
        assertThat(NodeAttributes.sanitise("a.b-c_d9")).isEqualTo("a.b-c_d9");
        assertThat(NodeAttributes.sanitise("größe")).isEqualTo("gr__e");
        assertThat(NodeAttributes.sanitise("_x")).isEqualTo("_x");
        assertThat(NodeAttributes.sanitise(".x")).isEqualTo("_.x");
        assertThat(NodeAttributes.sanitise("a:b/c")).isEqualTo("a_b_c");
    }

    @Test
    void rejectsAColumnWhoseLengthIsNotTheEntityCount() {
        assertThatThrownBy(() -> NodeAttributes.builder(4).addDouble("rank", new double[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'rank'")
                .hasMessageContaining("3 values")
                .hasMessageContaining("4 entities");
        assertThatThrownBy(() -> NodeAttributes.builder(4).addInt("c", new int[5]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeAttributes.builder(4).addString("s", new String[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsBlankDuplicateAndCollidingNames() {
        NodeAttributes.Builder b = NodeAttributes.builder(1).addInt("Page Rank", new int[1]);
        assertThatThrownBy(() -> b.addInt(" ", new int[1])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blank");
        assertThatThrownBy(() -> b.addDouble("Page Rank", new double[1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already");
        assertThatThrownBy(() -> b.addDouble("page_rank", new double[1]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Page Rank'")
                .hasMessageContaining("'page_rank'");
    }

    @Test
    void rejectsNamesTheExporterWritesItself() {
        for (String reserved : new String[] {"iri", "label", "Label", "ID", "relation"}) {
            assertThatThrownBy(() -> NodeAttributes.builder(1).addInt(reserved, new int[1]))
                    .as(reserved)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reserved");
        }
    }

    @Test
    void rejectsNamesXmlCannotHold() {
        assertThatThrownBy(() -> NodeAttributes.builder(1).addInt("bad\u0001name", new int[1]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesTheCallersArrays() {
        int[] community = {1, 2};
        String[] notes = {"a", "b"};
        NodeAttributes a = NodeAttributes.builder(2).addInt("c", community).addString("n", notes).build();
        community[0] = 99;
        notes[1] = "changed";
        assertThat(a.columns().get(0).intValue(0)).isEqualTo(1);
        assertThat(a.columns().get(1).stringValue(1)).isEqualTo("b");
    }

    @Test
    void nanDoublesAndNullStringsAreAbsent() {
        NodeAttributes a = NodeAttributes.builder(2)
                .addDouble("d", new double[] {Double.NaN, 1})
                .addString("s", new String[] {"x", null})
                .addInt("i", new int[] {0, 0})
                .build();
        assertThat(a.columns().get(0).present(0)).isFalse();
        assertThat(a.columns().get(0).present(1)).isTrue();
        assertThat(a.columns().get(1).present(0)).isTrue();
        assertThat(a.columns().get(1).present(1)).isFalse();
        assertThat(a.columns().get(2).present(1)).isTrue();
    }

    @Test
    void unknownColumnNameIsReportedWithTheKnownOnes() {
        NodeAttributes a = NodeAttributes.builder(1).addInt("community", new int[1]).build();
        assertThatThrownBy(() -> a.type("rank")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank").hasMessageContaining("community");
    }
}
