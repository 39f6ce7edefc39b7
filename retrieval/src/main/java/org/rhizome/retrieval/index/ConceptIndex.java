package org.rhizome.retrieval.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.rhizome.retrieval.resolution.LabelNormalizer;

/**
 * The Lucene index of a graph's concepts: one document per concept with analysed text fields for the label, aliases
 * and description (BM25, {@link LabelAnalyzer}), the normalised label and alias keys for exact lookup (with and
 * without a parenthetical qualifier, see {@link LabelNormalizer}), the type IRIs
 * for filtering, an HNSW vector field with the text embedding (dot product on unit vectors, i.e. cosine), the IRI as
 * the stored key, and the fingerprint of what the document was built from. What a search hit shows (IRI, label,
 * description, types) is also kept in one binary doc-values field, read by {@link #summaries}: a search returning k
 * concepts then reads k small column entries instead of decompressing k stored-field blocks (about 20 µs each, which
 * made a 10^4-concept hybrid search 1.27x the bare Lucene search).
 *
 * <p>The index records which embedding model and recipe made its vectors (commit user data); opening it with another
 * model fails with an {@link IndexException} that says to rebuild. Writes go through one {@link IndexWriter}
 * (thread-safe); searches see them after {@link #refresh()} (near-real-time, no commit needed) and survive a crash
 * after {@link #commit()}. This class knows nothing of the store: {@link ConceptIndexer} keeps it in step.
 *
 * <p>Costs: an update is O(label length) for the text plus an HNSW insertion (O(log n) expected distance
 * computations of {@code dimension} floats); memory is Lucene's (segments on disk, memory-mapped).
 */
public final class ConceptIndex implements AutoCloseable {
    /** Field names. */
    public static final String F_IRI = "iri";
    public static final String F_LABEL = "label";
    public static final String F_ALIAS = "alias";
    public static final String F_DESCRIPTION = "description";
    public static final String F_TYPE = "type";
    public static final String F_KEY = "key";
    public static final String F_BASE_KEY = "baseKey";
    public static final String F_VECTOR = "vector";
    public static final String F_FINGERPRINT = "fingerprint";
    /** Binary doc values: IRI, label, description and types of the concept, as {@link #summaries} reads them. */
    public static final String F_SUMMARY = "summary";
    /**
     * Summaries longer than this (a concept with a very long description) are not written as doc values; the
     * concept's summary is then read from its stored fields.
     */
    static final int MAX_SUMMARY_BYTES = 16 * 1024;

    static final String META_MODEL = "rhizome.embedding.model";
    static final String META_DIMENSION = "rhizome.embedding.dimension";
    static final String META_RECIPE = "rhizome.embedding.recipe";
    static final String META_FORMAT = "rhizome.index.format";
    /** 2: adds {@link #F_SUMMARY}; documents written by format 1 lack it and are summarised from stored fields. */
    static final String FORMAT = "2";
    /** Lucene 9's HNSW format refuses vectors longer than this. */
    public static final int MAX_DIMENSION = 1024;

    private final Directory directory;
    private final Optional<Path> path;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final String modelId;
    private final int dimension;
    private final String recipe;
    private final LabelAnalyzer analyzer = new LabelAnalyzer();

    private ConceptIndex(Directory directory, Optional<Path> path, String modelId, int dimension, String recipe,
            boolean replace) throws IOException {
        this.directory = directory;
        this.path = path;
        this.modelId = modelId;
        this.dimension = dimension;
        this.recipe = recipe;
        IndexWriterConfig cfg = new IndexWriterConfig(analyzer).setOpenMode(replace
                ? IndexWriterConfig.OpenMode.CREATE : IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
        IndexWriter w = new IndexWriter(directory, cfg);
        try {
            Map<String, String> meta = new HashMap<>();
            Iterable<Map.Entry<String, String>> live = w.getLiveCommitData();
            if (live != null) {
                live.forEach(e -> meta.put(e.getKey(), e.getValue()));
            }
            if (!replace && meta.containsKey(META_MODEL) && (!meta.get(META_MODEL).equals(modelId)
                    || !meta.get(META_DIMENSION).equals(Integer.toString(dimension))
                    || !recipe.equals(meta.get(META_RECIPE)))) {
                throw new IndexException("the index" + path.map(p -> " at " + p).orElse("") + " was built with "
                        + meta.get(META_MODEL) + " (dimension " + meta.get(META_DIMENSION) + ", recipe "
                        + meta.get(META_RECIPE) + "), not " + modelId + " (dimension " + dimension + ", recipe "
                        + recipe + "); rebuild it (rhizome index --rebuild) or use that model");
            }
            this.writer = w;
            this.searchers = new SearcherManager(w, null);
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /**
     * Opens (creating if needed) the index in {@code directory} for vectors of {@code modelId}.
     *
     * @throws IndexException if it cannot be opened or was built for another model, dimension or recipe
     */
    public static ConceptIndex open(Path directory, String modelId, int dimension, String recipe) {
        return open(directory, modelId, dimension, recipe, false);
    }

    /**
     * {@link #open(Path, String, int, String)}, or with {@code replace} a new empty index in {@code directory} for
     * {@code modelId}, whatever model built the one there: the way to switch models. The old index stays on disk,
     * and is what a reader or a crash sees, until the first {@link #commit()} replaces it; the writer lock still
     * refuses an index another process has open.
     *
     * @throws IndexException if it cannot be opened, or (without {@code replace}) was built for another model,
     *                        dimension or recipe
     */
    public static ConceptIndex open(Path directory, String modelId, int dimension, String recipe, boolean replace) {
        checkDimension(dimension);
        try {
            FSDirectory dir = FSDirectory.open(directory);
            try {
                return new ConceptIndex(dir, Optional.of(directory), modelId, dimension, recipe, replace);
            } catch (IOException | RuntimeException e) {
                dir.close();
                throw e;
            }
        } catch (org.apache.lucene.store.LockObtainFailedException e) {
            throw new IndexException("the index at " + directory + " is in use by another writer: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw new IndexException("cannot open the index at " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A fresh index in memory. */
    public static ConceptIndex inMemory(String modelId, int dimension, String recipe) {
        checkDimension(dimension);
        try {
            return new ConceptIndex(new ByteBuffersDirectory(), Optional.empty(), modelId, dimension, recipe, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkDimension(int dimension) {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new IllegalArgumentException("vector dimension must be in [1, " + MAX_DIMENSION
                    + "] (Lucene 9's HNSW limit), got " + dimension);
        }
    }

    /** The embedding model identity of the vectors. */
    public String modelId() {
        return modelId;
    }

    /** The vectors' dimension. */
    public int dimension() {
        return dimension;
    }

    /** The recipe of the embedded texts. */
    public String recipe() {
        return recipe;
    }

    /** The index directory, when on disk. */
    public Optional<Path> path() {
        return path;
    }

    /** The analyser of the text fields (also for building queries). */
    public LabelAnalyzer analyzer() {
        return analyzer;
    }

    /** Adds or replaces the document of {@code concept} with its text vector {@code vector [dimension]}. */
    public void upsert(IndexedConcept concept, float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector of " + concept.iri() + " has dimension " + vector.length
                    + ", the index expects " + dimension);
        }
        Document d = new Document();
        d.add(new StringField(F_IRI, concept.iri(), Field.Store.YES));
        d.add(new TextField(F_LABEL, concept.label(), Field.Store.YES));
        addKeys(d, concept.label());
        for (String a : concept.aliases()) {
            d.add(new TextField(F_ALIAS, a, Field.Store.YES));
            addKeys(d, a);
        }
        concept.description().ifPresent(s -> d.add(new TextField(F_DESCRIPTION, s, Field.Store.YES)));
        for (String t : concept.types()) {
            d.add(new StringField(F_TYPE, t, Field.Store.YES));
        }
        d.add(new KnnFloatVectorField(F_VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        d.add(new StoredField(F_FINGERPRINT, concept.fingerprint()));
        BytesRef summary = encodeSummary(concept);
        if (summary.length <= MAX_SUMMARY_BYTES) {
            d.add(new BinaryDocValuesField(F_SUMMARY, summary));
        }
        try {
            writer.updateDocument(new Term(F_IRI, concept.iri()), d);
        } catch (IOException e) {
            throw new IndexException("cannot write " + concept.iri() + " to the index: " + e.getMessage(), e);
        }
    }

    private static void addKeys(Document d, String name) {
        d.add(new StringField(F_KEY, LabelNormalizer.key(name), Field.Store.NO));
        d.add(new StringField(F_BASE_KEY, LabelNormalizer.key(LabelNormalizer.base(name)), Field.Store.NO));
    }

    /** Removes the document of {@code iri} (no effect if there is none). */
    public void delete(String iri) {
        try {
            writer.deleteDocuments(new Term(F_IRI, iri));
        } catch (IOException e) {
            throw new IndexException("cannot delete " + iri + " from the index: " + e.getMessage(), e);
        }
    }

    /** Removes every document. */
    public void deleteAll() {
        try {
            writer.deleteAll();
        } catch (IOException e) {
            throw new IndexException("cannot clear the index: " + e.getMessage(), e);
        }
    }

    /** Makes the writes so far visible to searches. */
    public void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new IndexException("cannot refresh the index reader: " + e.getMessage(), e);
        }
    }

    /** Makes the writes so far durable (and visible), recording the model, dimension and recipe. */
    public void commit() {
        Map<String, String> meta = Map.of(META_MODEL, modelId, META_DIMENSION, Integer.toString(dimension),
                META_RECIPE, recipe, META_FORMAT, FORMAT);
        writer.setLiveCommitData(meta.entrySet());
        try {
            writer.commit();
        } catch (IOException e) {
            throw new IndexException("cannot commit the index: " + e.getMessage(), e);
        }
        refresh();
    }

    /** Runs {@code work} with a searcher of the latest refreshed state (released afterwards). */
    public <T> T withSearcher(java.util.function.Function<IndexSearcher, T> work) {
        IndexSearcher s;
        try {
            s = searchers.acquire();
        } catch (IOException e) {
            throw new IndexException("cannot open an index searcher: " + e.getMessage(), e);
        }
        try {
            return work.apply(s);
        } finally {
            try {
                searchers.release(s);
            } catch (IOException e) {
                throw new IndexException("cannot release an index searcher: " + e.getMessage(), e);
            }
        }
    }

    /** Number of concepts in the refreshed index. */
    public int count() {
        return withSearcher(s -> s.getIndexReader().numDocs());
    }

    /** The stored concept of {@code iri}, if indexed (as of the last refresh). */
    public Optional<IndexedConcept> get(String iri) {
        return withSearcher(s -> {
            try {
                TopDocs td = s.search(new TermQuery(new Term(F_IRI, iri)), 1);
                if (td.scoreDocs.length == 0) {
                    return Optional.<IndexedConcept>empty();
                }
                return Optional.of(toConcept(s.storedFields().document(td.scoreDocs[0].doc)));
            } catch (IOException e) {
                throw new IndexException("cannot read " + iri + " from the index: " + e.getMessage(), e);
            }
        });
    }

    /** The stored concept of a document of {@code searcher}. */
    public static IndexedConcept document(IndexSearcher searcher, ScoreDoc hit) {
        try {
            return toConcept(searcher.storedFields().document(hit.doc));
        } catch (IOException e) {
            throw new IndexException("cannot read a document of the index: " + e.getMessage(), e);
        }
    }

    /**
     * The summaries (IRI, label, description, types) of documents {@code docs} of {@code searcher}, in the order
     * given. Read from the {@link #F_SUMMARY} doc values, visiting the documents in id order so each segment's
     * column is read forwards; documents without them (written by an older format, or too long) are read from
     * stored fields.
     */
    public static List<ConceptSummary> summaries(IndexSearcher searcher, int[] docs) {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        Integer[] order = new Integer[docs.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
        ConceptSummary[] out = new ConceptSummary[docs.length];
        try {
            int leafIndex = -1;
            BinaryDocValues values = null;
            int previous = -1; // index in docs of the document read just before, in id order
            for (int i : order) {
                int doc = docs[i];
                if (previous >= 0 && docs[previous] == doc) {
                    out[i] = out[previous]; // doc-values iterators only go forwards
                    continue;
                }
                previous = i;
                int li = ReaderUtil.subIndex(doc, leaves);
                LeafReaderContext leaf = leaves.get(li);
                if (li != leafIndex) {
                    leafIndex = li;
                    values = leaf.reader().getBinaryDocValues(F_SUMMARY);
                }
                if (values != null && values.advanceExact(doc - leaf.docBase)) {
                    out[i] = decodeSummary(values.binaryValue());
                } else {
                    out[i] = document(searcher, new ScoreDoc(doc, 0f)).summary();
                }
            }
        } catch (IOException e) {
            throw new IndexException("cannot read search hits from the index: " + e.getMessage(), e);
        }
        return java.util.Arrays.asList(out);
    }

    static BytesRef encodeSummary(IndexedConcept c) {
        ByteBuffersDataOutput o = new ByteBuffersDataOutput();
        try {
            o.writeString(c.iri());
            o.writeString(c.label());
            o.writeByte((byte) (c.description().isPresent() ? 1 : 0));
            if (c.description().isPresent()) {
                o.writeString(c.description().get());
            }
            o.writeVInt(c.types().size());
            for (String t : c.types()) {
                o.writeString(t);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory output: cannot happen
        }
        return new BytesRef(o.toArrayCopy());
    }

    static ConceptSummary decodeSummary(BytesRef b) {
        ByteArrayDataInput in = new ByteArrayDataInput(b.bytes, b.offset, b.length);
        try {
            String iri = in.readString();
            String label = in.readString();
            Optional<String> description = in.readByte() == 1 ? Optional.of(in.readString()) : Optional.empty();
            int n = in.readVInt();
            List<String> types = new ArrayList<>(n);
            for (int t = 0; t < n; t++) {
                types.add(in.readString());
            }
            return new ConceptSummary(iri, label, description, types);
        } catch (IOException | RuntimeException e) {
            throw new IndexException("a search-hit summary in the index is damaged (" + e + "); rebuild the index"
                    + " (rhizome index --rebuild)", e);
        }
    }

    /** The indexed vector of {@code iri}, if indexed (as of the last refresh). */
    public Optional<float[]> vector(String iri) {
        return withSearcher(s -> {
            try {
                TopDocs td = s.search(new TermQuery(new Term(F_IRI, iri)), 1);
                if (td.scoreDocs.length == 0) {
                    return Optional.<float[]>empty();
                }
                int doc = td.scoreDocs[0].doc;
                for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                    if (doc >= leaf.docBase && doc < leaf.docBase + leaf.reader().maxDoc()) {
                        FloatVectorValues vv = leaf.reader().getFloatVectorValues(F_VECTOR);
                        if (vv != null && vv.advance(doc - leaf.docBase) == doc - leaf.docBase) {
                            return Optional.of(vv.vectorValue().clone());
                        }
                    }
                }
                return Optional.<float[]>empty();
            } catch (IOException e) {
                throw new IndexException("cannot read the vector of " + iri + ": " + e.getMessage(), e);
            }
        });
    }

    /** Calls {@code action} with the IRI and fingerprint of every live document (as of the last refresh). */
    public void forEachFingerprint(BiConsumer<String, String> action) {
        withSearcher(s -> {
            try {
                for (LeafReaderContext leaf : s.getIndexReader().leaves()) {
                    Bits live = leaf.reader().getLiveDocs();
                    StoredFields sf = leaf.reader().storedFields();
                    for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                        if (live == null || live.get(d)) {
                            Document doc = sf.document(d, java.util.Set.of(F_IRI, F_FINGERPRINT));
                            action.accept(doc.get(F_IRI), doc.get(F_FINGERPRINT));
                        }
                    }
                }
                return null;
            } catch (IOException e) {
                throw new IndexException("cannot scan the index: " + e.getMessage(), e);
            }
        });
    }

    private static IndexedConcept toConcept(Document d) {
        List<String> aliases = new ArrayList<>();
        for (IndexableField f : d.getFields(F_ALIAS)) {
            aliases.add(f.stringValue());
        }
        List<String> types = new ArrayList<>();
        for (IndexableField f : d.getFields(F_TYPE)) {
            types.add(f.stringValue());
        }
        return new IndexedConcept(d.get(F_IRI), d.get(F_LABEL), aliases, Optional.ofNullable(d.get(F_DESCRIPTION)),
                types, Objects.requireNonNullElse(d.get(F_FINGERPRINT), ""));
    }

    /** Commits pending writes and closes the index. */
    @Override
    public void close() {
        try {
            try {
                if (writer.isOpen()) {
                    commit();
                }
            } finally {
                searchers.close();
                writer.close();
                directory.close();
            }
        } catch (IOException e) {
            throw new IndexException("cannot close the index: " + e.getMessage(), e);
        }
    }

    /** True if an index exists in {@code directory}. */
    public static boolean exists(Path directory) {
        try (FSDirectory dir = FSDirectory.open(directory)) {
            return DirectoryReader.indexExists(dir);
        } catch (IOException e) {
            return false;
        }
    }
}
