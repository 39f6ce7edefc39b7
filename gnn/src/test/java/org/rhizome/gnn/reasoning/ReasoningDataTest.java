package org.rhizome.gnn.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.gnn.data.DatasetException;

/** The benchmark readers, the composition tables, closure and the generators. */
class ReasoningDataTest {

    @Test
    void readsClutrrGraphColumnsAndIgnoresTheStory(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("1.2_test.csv");
        Files.writeString(file, String.join("\n",
                ",id,story,query,target,story_edges,edge_types,query_edge,task_name",
                "0,a,\"[Ann] said, \"\"hello\"\"\nto [Bob].\",\"('Ann', 'Cy')\",son,\"[(0, 1), (1, 2)]\","
                        + "\"['daughter', 'brother']\",\"(0, 2)\",task_1.2",
                "1,b,plain,x,grandson,\"[(0, 1), (1, 2), (2, 3)]\",\"['son', 'son', 'brother']\",\"(0, 3)\",task_1.3",
                ""));
        Vocabulary v = new Vocabulary();
        List<ReasoningExample> xs = ReasoningCsv.readClutrr(file, v);
        assertThat(xs).hasSize(2);
        ReasoningExample a = xs.get(0);
        assertThat(a.nodes()).isEqualTo(3);
        assertThat(a.src()).containsExactly(0, 1);
        assertThat(a.dst()).containsExactly(1, 2);
        assertThat(v.label(a.relation()[0])).isEqualTo("daughter");
        assertThat(v.label(a.label())).isEqualTo("son");
        assertThat(a.hops()).isEqualTo(2);
        assertThat(xs.get(1).hops()).isEqualTo(3);
        assertThat(xs.get(1).origin()).isEqualTo("1.2_test.csv:4");
        assertThat(v.labels()).containsExactly("daughter", "brother", "son", "grandson");
    }

    @Test
    void refusesMalformedRowsNamingFileAndLine(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("test_rcc8_k_3_b_2.csv");
        Files.writeString(bad, ",edges,edge_labels,query_edge,query_label\n"
                + "0,\"[(0, 1), (1, 2)]\",\"['EC', 'DC']\",\"(0, 2)\",DC\n"
                + "1,\"[(0, 1), (1 2)]\",\"['EC', 'DC']\",\"(0, 2)\",DC\n");
        assertThatThrownBy(() -> ReasoningCsv.readAlgebra(bad, new Vocabulary()))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("test_rcc8_k_3_b_2.csv:3")
                .hasMessageContaining("expected ','");
        Path mismatch = dir.resolve("m.csv");
        Files.writeString(mismatch, ",edges,edge_labels,query_edge,query_label\n"
                + "0,\"[(0, 1), (1, 2)]\",\"['EC']\",\"(0, 2)\",DC\n");
        assertThatThrownBy(() -> ReasoningCsv.readAlgebra(mismatch, new Vocabulary()))
                .hasMessageContaining("m.csv:2").hasMessageContaining("2 edges but 1 labels");
        Path unknown = dir.resolve("u.csv");
        Files.writeString(unknown, ",edges,edge_labels,query_edge,query_label\n"
                + "0,\"[(0, 1)]\",\"['XX']\",\"(0, 1)\",DC\n");
        assertThatThrownBy(() -> ReasoningCsv.readAlgebra(unknown, RelationAlgebra.rcc8().vocabulary()))
                .hasMessageContaining("u.csv:2").hasMessageContaining("unknown relation label 'XX'");
        Path noColumn = dir.resolve("n.csv");
        Files.writeString(noColumn, ",edges,labels\n");
        assertThatThrownBy(() -> ReasoningCsv.readAlgebra(noColumn, new Vocabulary()))
                .hasMessageContaining("no column 'edge_labels'");

        Path good = dir.resolve("test_rcc8_k_2_b_1.csv");
        Files.writeString(good, ",edges,edge_labels,query_edge,query_label\n"
                + "0,\"[(0, 1), (1, 2)]\",\"['EC', 'NTPPI']\",\"(0, 2)\",DC\n");
        RelationAlgebra rcc = RelationAlgebra.rcc8();
        ReasoningExample x = ReasoningCsv.readAlgebra(good, rcc.vocabulary()).get(0);
        assertThat(x.hops()).isEqualTo(2);
        assertThat(x.branches()).isEqualTo(1);
        assertThat(rcc.names(rcc.closure(x))).containsExactly("DC");
    }

    @Test
    void rcc8TableIsAConsistentRelationAlgebra() {
        RelationAlgebra rcc = RelationAlgebra.rcc8();
        checkAlgebraLaws(rcc);
        int tpp = rcc.labels().indexOf("TPP");
        int ec = rcc.labels().indexOf("EC");
        assertThat(rcc.names(rcc.compose(tpp, tpp))).containsExactly("TPP", "NTPP");
        assertThat(rcc.names(rcc.compose(ec, ec))).containsExactly("DC", "EC", "PO", "TPP", "TPPI", "EQ");
        assertThat(rcc.labels().get(rcc.converse(tpp))).isEqualTo("TPPI");
    }

    @Test
    void intervalTableComputedFromEndpointsHasAllensEntries() {
        RelationAlgebra ia = RelationAlgebra.intervalAlgebra();
        checkAlgebraLaws(ia);
        Map<String, Integer> id = new HashMap<>();
        for (int i = 0; i < ia.size(); i++) {
            id.put(ia.labels().get(i), i);
        }
        // a few entries of Allen's (1983) table, by hand
        assertThat(ia.names(ia.compose(id.get("<"), id.get("<")))).containsExactly("<");
        assertThat(ia.names(ia.compose(id.get("m"), id.get("m")))).containsExactly("<");
        assertThat(ia.names(ia.compose(id.get("d"), id.get("d")))).containsExactly("d");
        assertThat(ia.names(ia.compose(id.get("o"), id.get("o")))).containsExactlyInAnyOrder("<", "m", "o");
        assertThat(ia.names(ia.compose(id.get("s"), id.get("si")))).containsExactlyInAnyOrder("=", "s", "si");
        assertThat(ia.names(ia.compose(id.get("<"), id.get(">")))).hasSize(13);
        assertThat(ia.labels().get(ia.converse(id.get("o")))).isEqualTo("oi");
        assertThat(ia.labels().get(ia.converse(id.get("f")))).isEqualTo("fi");
    }

    /** Identity is neutral, and conv(a ; b) = conv(b) ; conv(a) for every pair. */
    private static void checkAlgebraLaws(RelationAlgebra alg) {
        int e = alg.identity();
        for (int a = 0; a < alg.size(); a++) {
            assertThat(alg.compose(a, e)).isEqualTo(1 << a);
            assertThat(alg.compose(e, a)).isEqualTo(1 << a);
            assertThat(alg.converse(alg.converse(a))).isEqualTo(a);
            for (int b = 0; b < alg.size(); b++) {
                int conv = 0;
                for (int c = 0; c < alg.size(); c++) {
                    if ((alg.compose(a, b) & (1 << c)) != 0) {
                        conv |= 1 << alg.converse(c);
                    }
                }
                assertThat(conv).as("%s ; %s", alg.labels().get(a), alg.labels().get(b))
                        .isEqualTo(alg.compose(alg.converse(b), alg.converse(a)));
            }
        }
    }

    @Test
    void generatedGraphsAreBalancedAndEntailExactlyTheirLabel() {
        for (RelationAlgebra alg : List.of(RelationAlgebra.rcc8(), RelationAlgebra.intervalAlgebra())) {
            AlgebraGenerator gen = new AlgebraGenerator(alg, new Random(4));
            for (int k = 2; k <= 4; k++) {
                for (int b = 1; b <= 3; b++) {
                    List<ReasoningExample> xs = gen.generate(k, b, 5);
                    assertThat(xs).hasSize(5 * alg.size());
                    int[] perLabel = new int[alg.size()];
                    for (ReasoningExample x : xs) {
                        assertThat(x.edges()).isEqualTo(k * b);
                        assertThat(alg.closure(x)).as(x.origin()).isEqualTo(1 << x.label());
                        assertThat(x.hops()).isEqualTo(k);
                        perLabel[x.label()]++;
                    }
                    assertThat(perLabel).containsOnly(5);
                }
            }
            // single chains longer than the enumerated pool are grown by substitution, still exact
            for (ReasoningExample x : gen.generate(9, 1, 3)) {
                assertThat(x.edges()).isEqualTo(9);
                assertThat(alg.closure(x)).as(x.origin()).isEqualTo(1 << x.label());
            }
        }
    }

    @Test
    void kinshipRelationsOnAHandBuiltFamily() {
        KinshipGenerator.Family f = new KinshipGenerator.Family();
        int grandpa = f.person(true, -1, -1);
        int grandma = f.person(false, -1, -1);
        f.marry(grandpa, grandma);
        int dad = f.person(true, grandpa, grandma);
        int aunt = f.person(false, grandpa, grandma);
        int mum = f.person(false, -1, -1);
        f.marry(dad, mum);
        int me = f.person(true, dad, mum);
        int sis = f.person(false, dad, mum);
        List<String> r = KinshipGenerator.RELATIONS;
        assertThat(r.get(f.relation(me, dad))).isEqualTo("father");
        assertThat(r.get(f.relation(dad, me))).isEqualTo("son");
        assertThat(r.get(f.relation(me, sis))).isEqualTo("sister");
        assertThat(r.get(f.relation(me, grandma))).isEqualTo("grandmother");
        assertThat(r.get(f.relation(grandpa, sis))).isEqualTo("granddaughter");
        assertThat(r.get(f.relation(me, aunt))).isEqualTo("aunt");
        assertThat(r.get(f.relation(aunt, me))).isEqualTo("nephew");
        assertThat(r.get(f.relation(mum, grandpa))).isEqualTo("father-in-law");
        assertThat(r.get(f.relation(grandma, mum))).isEqualTo("daughter-in-law");
        assertThat(r.get(f.relation(mum, dad))).isEqualTo("husband");
        assertThat(f.relation(mum, aunt)).isEqualTo(-1);

        List<ReasoningExample> ones = new KinshipGenerator(new Random(1)).generate(50, 1);
        for (ReasoningExample x : ones) {
            assertThat(x.label()).isEqualTo(x.relation()[0]);
        }
        List<ReasoningExample> threes = new KinshipGenerator(new Random(1)).generate(50, 3);
        assertThat(threes).allSatisfy(x -> assertThat(x.edges()).isEqualTo(3));
    }
}
