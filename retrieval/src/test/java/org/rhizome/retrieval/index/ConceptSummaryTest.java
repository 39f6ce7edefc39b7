package org.rhizome.retrieval.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doc-values summaries that search hits are filled from, against the stored documents they mirror. */
class ConceptSummaryTest {
    private static final String MODEL = "test-model";

    private static float[] unit(int dim, int seed) {
        float[] v = new float[dim];
        v[seed % dim] = 1f;
        return v;
    }

    private static IndexedConcept concept(int i) {
        return new IndexedConcept("http://example.org/c" + i, "Concept " + i + (i % 3 == 0 ? " é 漢字" : ""),
                List.of("alias " + i), i % 2 == 0 ? Optional.of("described " + i) : Optional.empty(),
                i % 4 == 0 ? List.of() : List.of("http://example.org/T" + (i % 5), "http://example.org/U"), "fp" + i);
    }

    @Test
    void summariesEqualTheStoredDocumentsAcrossSegmentsAndInTheOrderAsked() {
        try (ConceptIndex idx = ConceptIndex.inMemory(MODEL, 4, "r")) {
            for (int i = 0; i < 30; i++) {
                idx.upsert(concept(i), unit(4, i));
                if (i % 10 == 9) {
                    idx.commit(); // several segments
                }
            }
            idx.upsert(concept(7), unit(4, 1)); // an update: the old document is deleted
            idx.commit();
            idx.withSearcher(s -> {
                try {
                    assertThat(s.getIndexReader().leaves().size()).isGreaterThan(1);
                    ScoreDoc[] all = s.search(new MatchAllDocsQuery(), 100).scoreDocs;
                    assertThat(all).hasSize(30);
                    int[] docs = new int[all.length + 2];
                    for (int i = 0; i < all.length; i++) {
                        docs[i] = all[all.length - 1 - i].doc; // descending ids: the method must sort
                    }
                    docs[all.length] = all[3].doc; // a duplicate
                    docs[all.length + 1] = all[0].doc;
                    List<ConceptSummary> got = ConceptIndex.summaries(s, docs);
                    for (int i = 0; i < docs.length; i++) {
                        assertThat(got.get(i)).isEqualTo(ConceptIndex.document(s, new ScoreDoc(docs[i], 0))
                                .summary());
                    }
                    return null;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    @Test
    void aVeryLongDescriptionIsReadFromStoredFields() {
        String longText = "word ".repeat(ConceptIndex.MAX_SUMMARY_BYTES / 4);
        IndexedConcept c = new IndexedConcept("http://example.org/long", "Long", List.of(), Optional.of(longText),
                List.of("http://example.org/T"), "fp");
        assertThat(ConceptIndex.encodeSummary(c).length).isGreaterThan(ConceptIndex.MAX_SUMMARY_BYTES);
        try (ConceptIndex idx = ConceptIndex.inMemory(MODEL, 4, "r")) {
            idx.upsert(c, unit(4, 0));
            idx.refresh();
            ConceptSummary got = idx.withSearcher(s -> ConceptIndex.summaries(s, new int[] {0}).get(0));
            assertThat(got).isEqualTo(c.summary());
        }
    }

    @Test
    void documentsOfTheFirstFormatWithoutSummariesAreStillRead(@TempDir Path dir) throws Exception {
        // A document as format 1 wrote it: stored fields only, no summary doc values.
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new LabelAnalyzer()))) {
            Document doc = new Document();
            doc.add(new StringField(ConceptIndex.F_IRI, "http://example.org/old", Field.Store.YES));
            doc.add(new TextField(ConceptIndex.F_LABEL, "Old concept", Field.Store.YES));
            doc.add(new StringField(ConceptIndex.F_TYPE, "http://example.org/T", Field.Store.YES));
            doc.add(new StoredField(ConceptIndex.F_FINGERPRINT, "fp"));
            w.addDocument(doc);
            w.commit();
        }
        try (ConceptIndex idx = ConceptIndex.open(dir, MODEL, 4, "r")) {
            idx.upsert(concept(1), unit(4, 1)); // a new-format document beside it
            idx.commit();
            List<ConceptSummary> got = idx.withSearcher(s -> {
                try {
                    List<ConceptSummary> out = new ArrayList<>();
                    for (String iri : List.of("http://example.org/old", "http://example.org/c1")) {
                        int doc = s.search(new TermQuery(new Term(ConceptIndex.F_IRI, iri)), 1).scoreDocs[0].doc;
                        out.addAll(ConceptIndex.summaries(s, new int[] {doc}));
                    }
                    return out;
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(got).containsExactly(new ConceptSummary("http://example.org/old", "Old concept",
                    Optional.empty(), List.of("http://example.org/T")), concept(1).summary());
        }
    }
}
