package org.rhizome.gnn.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.RhizomeException;
import org.rhizome.graph.snapshot.GraphSnapshot;

class KgDatasetTest {
    @TempDir
    Path dir;

    private void write(String file, String content) throws IOException {
        Files.writeString(dir.resolve(file), content, StandardCharsets.UTF_8);
    }

    @Test
    void readsCrlfBomBlankLinesAndKeepsEntitiesSeenOnlyInTest() throws IOException {
        write("train.txt", "\uFEFFa\tlikes\tb\r\nb\tknows\tc\r\n\r\nc\tlikes\ta\r\n");
        write("valid.txt", "a\tknows\tc\n");
        write("test.txt", "a\tlikes\tz\n\nz\tfears\tb\n");

        KgDataset d = KgDataset.fromFolder(dir);

        // ids in first-seen order over train, valid, test; the BOM is not part of "a"
        assertThat(d.entities().names()).containsExactly("a", "b", "c", "z");
        assertThat(d.relations().names()).containsExactly("likes", "knows", "fears");
        assertThat(d.train().size()).isEqualTo(3);
        assertThat(d.valid().size()).isEqualTo(1);
        assertThat(d.test().size()).isEqualTo(2);
        assertThat(triple(d.train(), 1)).containsExactly(1, 1, 2);
        assertThat(triple(d.train(), 2)).containsExactly(2, 0, 0); // no '\r' left on the tail
        assertThat(triple(d.test(), 0)).containsExactly(0, 0, 3);
        assertThat(triple(d.test(), 1)).containsExactly(3, 2, 1);
        assertThat(d.relationCount()).isEqualTo(3);
        assertThat(d.hasReciprocals()).isFalse();
    }

    @Test
    void missingValidFileMeansNoValidationTriples() throws IOException {
        write("train.txt", "a\tr\tb\n");
        write("test.txt", "b\tr\ta\n");

        KgDataset d = KgDataset.fromFolder(dir);

        assertThat(d.valid().size()).isZero();
        assertThat(d.test().size()).isEqualTo(1);
    }

    @Test
    void missingTrainFileIsAClearError() throws IOException {
        write("test.txt", "b\tr\ta\n");

        assertThatThrownBy(() -> KgDataset.fromFolder(dir))
                .isInstanceOf(DatasetException.class)
                .isInstanceOf(RhizomeException.class)
                .hasMessageContaining("missing dataset file")
                .hasMessageContaining("train.txt");
    }

    @Test
    void missingFolderIsAClearError() {
        assertThatThrownBy(() -> KgDataset.fromFolder(dir.resolve("nope")))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("nope")
                .hasMessageContaining("not a directory");
    }

    @Test
    void malformedLineNamesFileLineNumberAndContent() throws IOException {
        write("train.txt", "a\tr\tb\n");
        write("valid.txt", "a\tr\tb\r\n\r\nb r a\r\n");
        write("test.txt", "b\tr\ta\n");

        assertThatThrownBy(() -> KgDataset.fromFolder(dir))
                .isInstanceOfSatisfying(DatasetException.class, e -> {
                    assertThat(e.file()).endsWith("valid.txt");
                    assertThat(e.line()).hasValue(3);
                })
                .hasMessageContaining("valid.txt:3:")
                .hasMessageContaining("\"b r a\"")
                .hasMessageContaining("got 1 field(s)");
    }

    @Test
    void rejectsFourFieldsAndEmptyFields() throws IOException {
        write("test.txt", "b\tr\ta\n");
        write("train.txt", "a\tr\tb\tc\n");
        assertThatThrownBy(() -> KgDataset.fromFolder(dir))
                .hasMessageContaining("train.txt:1:")
                .hasMessageContaining("got 4 field(s)")
                .hasMessageContaining("a\\tr\\tb\\tc");

        write("train.txt", "a\tr\tb\na\t\tb\n");
        assertThatThrownBy(() -> KgDataset.fromFolder(dir))
                .hasMessageContaining("train.txt:2:")
                .hasMessageContaining("non-empty");
    }

    @Test
    void reciprocalsAddReversedTrainTriplesAndDoubleTheRelations() throws IOException {
        write("train.txt", "a\tlikes\tb\nb\tknows\tc\n");
        write("valid.txt", "c\tlikes\ta\n");
        write("test.txt", "a\tknows\tc\n");
        KgDataset d = KgDataset.fromFolder(dir);

        KgDataset rec = d.withReciprocals();

        assertThat(rec.hasReciprocals()).isTrue();
        assertThat(rec.relationCount()).isEqualTo(4);
        assertThat(rec.baseRelationCount()).isEqualTo(2);
        assertThat(rec.relations().names()).containsExactly("likes", "knows", "likes^-1", "knows^-1");
        assertThat(rec.train().size()).isEqualTo(4);
        assertThat(triple(rec.train(), 0)).containsExactly(0, 0, 1);
        assertThat(triple(rec.train(), 2)).containsExactly(1, 2, 0); // (b, likes^-1, a)
        assertThat(triple(rec.train(), 3)).containsExactly(2, 3, 1); // (c, knows^-1, b)
        assertThat(rec.valid()).isSameAs(d.valid());
        assertThat(rec.test()).isSameAs(d.test());
        // the original is untouched, and asking twice changes nothing
        assertThat(d.relationCount()).isEqualTo(2);
        assertThat(d.relations().size()).isEqualTo(2);
        assertThat(rec.withReciprocals()).isSameAs(rec);
    }

    @Test
    void ofRejectsIdsWithoutNames() {
        IdMap e = new IdMap();
        e.idOf("a");
        IdMap r = new IdMap();
        r.idOf("r");
        TripleSet bad = new TripleSet(new int[] {0}, new int[] {0}, new int[] {1});
        assertThatThrownBy(() -> KgDataset.of(e, r, bad, TripleSet.empty(), TripleSet.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entity ids must be in [0, 1)");
    }

    // ---------------------------------------------------------------------------------------------------------
    // Snapshot split

    /** 40 entities, 3 relations: a ring (every entity has degree >= 2) plus 120 seeded random edges. */
    private static GraphSnapshot snapshot() {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (int i = 0; i < 40; i++) {
            b.addEdge("http://e/" + i, "http://r/next", "http://e/" + ((i + 1) % 40));
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 120; i++) {
            b.addEdge("http://e/" + random.nextInt(40), "http://r/" + (random.nextBoolean() ? "a" : "b"),
                    "http://e/" + random.nextInt(40));
        }
        // a leaf reached by one edge only, and a relation used once: both must end up in train
        b.addEdge("http://e/0", "http://r/rare", "http://e/leaf");
        return b.build();
    }

    @Test
    void snapshotSplitIsDeterministicForASeedAndCoversEveryEdgeOnce() {
        GraphSnapshot s = snapshot();
        SplitOptions options = new SplitOptions(0.2, 0.2, 11);

        KgDataset a = KgDataset.fromSnapshot(s, options);
        KgDataset b = KgDataset.fromSnapshot(s, options);
        KgDataset other = KgDataset.fromSnapshot(s, options.withSeed(12));

        assertThat(keys(a.train())).isEqualTo(keys(b.train()));
        assertThat(keys(a.valid())).isEqualTo(keys(b.valid()));
        assertThat(keys(a.test())).isEqualTo(keys(b.test()));
        assertThat(keys(other.test())).isNotEqualTo(keys(a.test()));

        Set<String> all = new HashSet<>();
        all.addAll(keys(a.train()));
        all.addAll(keys(a.valid()));
        all.addAll(keys(a.test()));
        assertThat(all).hasSize(s.edgeCount());
        assertThat(a.train().size() + a.valid().size() + a.test().size()).isEqualTo(s.edgeCount());
        assertThat(a.test().size()).isPositive().isLessThanOrEqualTo((int) Math.round(s.edgeCount() * 0.2));
        assertThat(a.valid().size()).isPositive().isLessThanOrEqualTo((int) Math.round(s.edgeCount() * 0.2));
        // ids are the snapshot's
        assertThat(a.entityCount()).isEqualTo(s.entityCount());
        for (int i = 0; i < s.entityCount(); i++) {
            assertThat(a.entities().name(i)).isEqualTo(s.entityIri(i));
        }
        assertThat(a.relations().name(0)).isEqualTo(s.relationIri(0));
    }

    @Test
    void snapshotSplitKeepsEveryValidAndTestEntityAndRelationInTrain() {
        GraphSnapshot s = snapshot();
        for (long seed = 0; seed < 20; seed++) {
            KgDataset d = KgDataset.fromSnapshot(s, new SplitOptions(0.3, 0.3, seed));
            Set<Integer> trainEntities = new HashSet<>();
            Set<Integer> trainRelations = new HashSet<>();
            for (int i = 0; i < d.train().size(); i++) {
                trainEntities.add(d.train().head(i));
                trainEntities.add(d.train().tail(i));
                trainRelations.add(d.train().relation(i));
            }
            for (TripleSet held : new TripleSet[] {d.valid(), d.test()}) {
                for (int i = 0; i < held.size(); i++) {
                    assertThat(trainEntities).contains(held.head(i), held.tail(i));
                    assertThat(trainRelations).contains(held.relation(i));
                }
            }
            int leaf = d.entities().find("http://e/leaf").getAsInt();
            assertThat(trainEntities).contains(leaf);
        }
    }

    @Test
    void splitOptionsRejectFractionsThatLeaveNoTrain() {
        assertThat(SplitOptions.defaults()).isEqualTo(new SplitOptions(0.05, 0.05, 42));
        assertThatThrownBy(() -> new SplitOptions(0.5, 0.5, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("below 1");
        assertThatThrownBy(() -> new SplitOptions(-0.1, 0.1, 1)).hasMessageContaining("validFraction");
        assertThatThrownBy(() -> new SplitOptions(0.1, Double.NaN, 1)).hasMessageContaining("testFraction");
    }

    private static int[] triple(TripleSet s, int i) {
        return new int[] {s.head(i), s.relation(i), s.tail(i)};
    }

    private static Set<String> keys(TripleSet s) {
        Set<String> out = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            out.add(s.head(i) + " " + s.relation(i) + " " + s.tail(i));
        }
        return out;
    }
}
