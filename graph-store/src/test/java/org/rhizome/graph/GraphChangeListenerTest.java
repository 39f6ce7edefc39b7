package org.rhizome.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.io.Importer;

class GraphChangeListenerTest {
    /** One named graph for every write, so that rewriting a statement changes nothing. */
    private static final Source SRC = Source.builder(SourceKind.MANUAL, "test")
            .graphIri("https://rhizome.dev/id/source/manual/test").build();

    @TempDir
    Path dir;

    @Test
    void listenersHearWhatEachCommittedWriteTouched() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            List<GraphChange> heard = new ArrayList<>();
            kg.addChangeListener(heard::add);
            String cat = kg.conceptIri("Cat");
            String mammal = kg.conceptIri("Mammal");
            kg.write(SRC, w -> {
                w.concept("Cat");
                w.concept("Mammal");
                w.add(cat, kg.relationIri("is a"), mammal);
            });
            assertThat(heard).hasSize(1);
            assertThat(heard.get(0).everything()).isFalse();
            // subjects and objects, not predicates
            assertThat(heard.get(0).iris()).contains(cat, mammal).doesNotContain(kg.relationIri("is a"));

            kg.write(SRC, w -> w.concept("Cat")); // nothing new: no event
            assertThat(heard).hasSize(1);

            kg.remove(Triple.create(NodeFactory.createURI(cat), NodeFactory.createURI(kg.relationIri("is a")),
                    NodeFactory.createURI(mammal)));
            assertThat(heard).hasSize(2);
            assertThat(heard.get(1).iris()).containsExactlyInAnyOrder(cat, mammal);

            kg.write(SRC, w -> w.concept("Kitty"));
            MergeRecord m = kg.merge(cat, kg.conceptIri("Kitty"), 0.9);
            assertThat(heard.get(3).iris()).contains(cat, kg.conceptIri("Kitty"));
            kg.undoMerge(m.node());
            assertThat(heard.get(4).iris()).contains(cat, kg.conceptIri("Kitty"));
        }
    }

    @Test
    void anAbortedWriteIsNotReportedAndAFailingListenerDoesNotUndoTheWrite() {
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            List<GraphChange> heard = new ArrayList<>();
            kg.addChangeListener(c -> {
                throw new IllegalStateException("listener bug");
            });
            kg.addChangeListener(heard::add);
            try {
                kg.write(SRC, w -> {
                    w.concept("Dog");
                    throw new IllegalArgumentException("bad input");
                });
            } catch (IllegalArgumentException expected) {
                // the write is aborted
            }
            assertThat(heard).isEmpty();
            kg.write(SRC, w -> w.concept("Dog"));
            assertThat(heard).hasSize(1);
            assertThat(kg.concept(kg.conceptIri("Dog"))).isPresent();
        }
    }

    @Test
    void anImportIsReportedAsAChangeOfUnknownExtent() throws Exception {
        Path file = dir.resolve("g.nt");
        Files.writeString(file, "<http://x/a> <http://x/p> <http://x/b> .\n");
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            List<GraphChange> heard = new ArrayList<>();
            kg.addChangeListener(heard::add);
            Importer.importFile(kg, file);
            assertThat(heard).extracting(GraphChange::everything).containsExactly(true);
        }
    }
}
