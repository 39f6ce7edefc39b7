package org.rhizome.retrieval.index;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.graph.Node;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.rhizome.embeddings.ConceptText;
import org.rhizome.embeddings.TextEmbedder;
import org.rhizome.graph.Concept;
import org.rhizome.graph.GraphChange;
import org.rhizome.graph.GraphChangeListener;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.Rz;
import org.rhizome.graph.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link ConceptIndex} in step with a {@link KnowledgeGraph}: builds it from scratch, brings it up to date by
 * comparing fingerprints, updates named concepts incrementally, follows the graph's committed writes through a
 * {@link GraphChangeListener}, and reports drift.
 *
 * <p>Which nodes are concepts: every IRI with an {@code rdfs:label} or typed {@code rz:Concept} in a content graph
 * (asserted or predicted; not rejected statements, not derived ones such as stored analytics),
 * except relation types ({@code rz:RelationType}, or any IRI used as a predicate, as in imported data that does not
 * declare its relations) and classes ({@code rdfs:Class}). Each is read with
 * {@link KnowledgeGraph#concept(String)} (label, description, aliases, types across sources). Nodes without a label
 * (for example the bare ids of an imported benchmark graph) are not indexed.
 *
 * <p>A concept's document carries a fingerprint (SHA-256 of label, description, sorted aliases and types, embedding
 * model and recipe). {@link #sync} reads every concept of the store, O(n) store reads, and rewrites only the
 * documents whose fingerprint differs; vectors come from the embedder, whose cache makes unchanged texts free.
 * Writes made around the API (imports, SPARQL Update) reach the listener as changes of unknown extent and trigger a
 * {@link #sync}.
 */
public final class ConceptIndexer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConceptIndexer.class);
    private static final int BATCH = 256;
    private static final Node RDFS_LABEL = RDFS.label.asNode();
    private static final Node RDF_TYPE = RDF.type.asNode();

    private final KnowledgeGraph kg;
    private final ConceptIndex index;
    private final TextEmbedder embedder;
    private GraphChangeListener listener;

    /**
     * @throws IllegalArgumentException if the embedder's model or dimension is not the index's
     */
    public ConceptIndexer(KnowledgeGraph kg, ConceptIndex index, TextEmbedder embedder) {
        this.kg = Objects.requireNonNull(kg, "kg");
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        if (!embedder.modelId().equals(index.modelId()) || embedder.dimension() != index.dimension()) {
            throw new IllegalArgumentException("embedder " + embedder.modelId() + " (dimension "
                    + embedder.dimension() + ") does not match the index's " + index.modelId() + " (dimension "
                    + index.dimension() + ")");
        }
    }

    /** The index this indexer writes. */
    public ConceptIndex index() {
        return index;
    }

    /** The IRIs of the store's concepts (see the class comment), sorted. */
    public Set<String> conceptIris() {
        Set<Node> skipGraphs = new java.util.HashSet<>(kg.contentGraphs(EnumSet.of(Status.REJECTED,
                Status.DERIVED)));
        return kg.read(() -> {
            var dsg = kg.datasetGraph();
            TreeSet<String> out = new TreeSet<>();
            Set<String> excluded = new java.util.HashSet<>();
            for (Node cls : List.of(Rz.RelationType, RDFS.Class.asNode())) {
                dsg.findNG(Node.ANY, Node.ANY, RDF_TYPE, cls).forEachRemaining(q -> {
                    if (q.getSubject().isURI()) {
                        excluded.add(q.getSubject().getURI());
                    }
                });
            }
            Iterator<Quad> it = dsg.findNG(Node.ANY, Node.ANY, RDFS_LABEL, Node.ANY);
            while (it.hasNext()) {
                Quad q = it.next();
                if (q.getSubject().isURI() && q.getObject().isLiteral() && !skipGraphs.contains(q.getGraph())) {
                    out.add(q.getSubject().getURI());
                }
            }
            dsg.findNG(Node.ANY, Node.ANY, RDF_TYPE, Rz.Concept).forEachRemaining(q -> {
                if (q.getSubject().isURI() && !skipGraphs.contains(q.getGraph())) {
                    out.add(q.getSubject().getURI());
                }
            });
            out.removeAll(excluded);
            out.removeIf(iri -> usedAsPredicate(dsg, iri));
            return out;
        });
    }

    /** The concept of {@code iri} as the index would hold it now, or empty if it is not a concept of the store. */
    public Optional<IndexedConcept> read(String iri) {
        if (!isConcept(iri)) {
            return Optional.empty();
        }
        return kg.concept(iri).map(this::toIndexed);
    }

    /** The test of {@link #conceptIris()} for one IRI. */
    private boolean isConcept(String iri) {
        return kg.read(() -> {
            var dsg = kg.datasetGraph();
            Node n = org.apache.jena.graph.NodeFactory.createURI(iri);
            if (dsg.contains(Quad.unionGraph, n, RDF_TYPE, Rz.RelationType)
                    || dsg.contains(Quad.unionGraph, n, RDF_TYPE, RDFS.Class.asNode()) || usedAsPredicate(dsg, iri)) {
                return false;
            }
            for (Node p : List.of(RDFS_LABEL, RDF_TYPE)) {
                Iterator<Quad> it = dsg.findNG(Node.ANY, n, p, p == RDF_TYPE ? Rz.Concept : Node.ANY);
                while (it.hasNext()) {
                    Quad q = it.next();
                    if ((p == RDF_TYPE || q.getObject().isLiteral()) && isContent(q.getGraph())) {
                        return true;
                    }
                }
            }
            return false;
        });
    }

    private boolean isContent(Node graph) {
        Status st = kg.source(graph).map(si -> si.source().status()).orElse(Status.ASSERTED);
        return st != Status.REJECTED && st != Status.DERIVED;
    }

    private static boolean usedAsPredicate(org.apache.jena.sparql.core.DatasetGraph dsg, String iri) {
        return dsg.find(Quad.unionGraph, Node.ANY, org.apache.jena.graph.NodeFactory.createURI(iri), Node.ANY)
                .hasNext();
    }

    private IndexedConcept toIndexed(Concept c) {
        List<String> aliases = new ArrayList<>(new TreeSet<>(c.aliases()));
        List<String> types = new ArrayList<>(new TreeSet<>(c.types()));
        StringBuilder sb = new StringBuilder();
        sb.append(index.modelId()).append('\u0000').append(index.recipe()).append('\u0000').append(c.label())
                .append('\u0000').append(c.description().orElse("\u0001"));
        for (String a : aliases) {
            sb.append("\u0000a:").append(a);
        }
        for (String t : types) {
            sb.append("\u0000t:").append(t);
        }
        return new IndexedConcept(c.iri(), c.label(), aliases, c.description(), types, sha256(sb.toString()));
    }

    /** The text embedded for a concept (the recipe of {@link ConceptText}). */
    public static String textOf(IndexedConcept c) {
        return ConceptText.of(c.label(), c.description());
    }

    /** Empties the index and indexes every concept of the store; commits. */
    public synchronized SyncReport rebuild(ProgressListener progress) {
        index.deleteAll();
        return syncAgainst(new HashMap<>(), progress, "index concepts", true);
    }

    /**
     * Brings the index in step with the store by fingerprint: indexes new concepts, rewrites changed ones, deletes
     * documents of concepts that left the store. Commits if anything changed.
     */
    public synchronized SyncReport sync(ProgressListener progress) {
        index.refresh();
        Map<String, String> indexed = new HashMap<>();
        index.forEachFingerprint(indexed::put);
        return syncAgainst(indexed, progress, "sync index", false);
    }

    /**
     * Indexes every store concept whose fingerprint is not in {@code indexed} (new or changed) and deletes the
     * documents of {@code indexed} IRIs that are no longer concepts; commits if anything changed (or always, when
     * {@code commitAlways}).
     */
    private SyncReport syncAgainst(Map<String, String> indexed, ProgressListener progress, String task,
            boolean commitAlways) {
        long t0 = System.nanoTime();
        Set<String> iris = conceptIris();
        progress.begin(task, iris.size(), "concepts");
        List<IndexedConcept> todo = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int unchanged = 0;
        long done = 0;
        long embedded = 0;
        for (String iri : iris) {
            Optional<IndexedConcept> c = read(iri);
            String had = indexed.remove(iri);
            if (c.isPresent()) {
                if (had == null) {
                    added++;
                    todo.add(c.get());
                } else if (!had.equals(c.get().fingerprint())) {
                    updated++;
                    todo.add(c.get());
                } else {
                    unchanged++;
                }
            }
            if (todo.size() >= BATCH) {
                embedded += write(todo);
                todo.clear();
            }
            if (++done % 1000 == 0) {
                progress.progress(done);
            }
        }
        embedded += write(todo);
        progress.progress(done);
        for (String orphan : indexed.keySet()) {
            index.delete(orphan);
        }
        SyncReport r = new SyncReport(added, updated, indexed.size(), unchanged, embedded,
                (System.nanoTime() - t0) / 1_000_000);
        if (commitAlways || !r.wasInStep()) {
            index.commit();
        }
        progress.end(task + ": " + r);
        return r;
    }

    /**
     * Re-reads the named IRIs from the store and updates their documents (deleting those that are no longer
     * concepts); IRIs that are not concepts and not indexed are ignored. Makes the result visible (refresh), and
     * durable at the next commit.
     */
    public synchronized SyncReport update(Collection<String> iris) {
        long t0 = System.nanoTime();
        List<IndexedConcept> todo = new ArrayList<>();
        int added = 0;
        int updated = 0;
        int deleted = 0;
        int unchanged = 0;
        for (String iri : new LinkedHashSet<>(iris)) {
            Optional<IndexedConcept> now = read(iri);
            Optional<IndexedConcept> had = index.get(iri);
            if (now.isEmpty()) {
                if (had.isPresent()) {
                    index.delete(iri);
                    deleted++;
                }
            } else if (had.isEmpty()) {
                todo.add(now.get());
                added++;
            } else if (!had.get().fingerprint().equals(now.get().fingerprint())) {
                todo.add(now.get());
                updated++;
            } else {
                unchanged++;
            }
        }
        long embedded = write(todo);
        index.refresh();
        return new SyncReport(added, updated, deleted, unchanged, embedded, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Compares index and store: counts on both sides and, for a seeded sample of {@code sample} store concepts,
     * whether each is indexed with its current content; plus every indexed IRI that is no longer a concept.
     */
    public DriftReport check(int sample, long seed) {
        if (sample < 0) {
            throw new IllegalArgumentException("sample must be >= 0, got " + sample);
        }
        index.refresh();
        Map<String, String> indexed = new HashMap<>();
        index.forEachFingerprint(indexed::put);
        List<String> iris = new ArrayList<>(conceptIris());
        List<String> examples = new ArrayList<>();
        long orphaned = 0;
        Set<String> storeSet = new java.util.HashSet<>(iris);
        for (String iri : new TreeSet<>(indexed.keySet())) {
            if (!storeSet.contains(iri)) {
                orphaned++;
                if (examples.size() < 9) {
                    examples.add("orphaned:" + iri);
                }
            }
        }
        long missing = 0;
        for (String iri : iris) {
            if (!indexed.containsKey(iri)) {
                missing++;
                if (examples.size() < 9) {
                    examples.add("missing:" + iri);
                }
            }
        }
        java.util.Collections.shuffle(iris, new Random(seed));
        int k = Math.min(sample, iris.size());
        long stale = 0;
        for (String iri : iris.subList(0, k)) {
            String fp = indexed.get(iri);
            Optional<IndexedConcept> c = read(iri);
            if (fp != null && c.isPresent() && !fp.equals(c.get().fingerprint())) {
                stale++;
                if (examples.size() < 9) {
                    examples.add("stale:" + iri);
                }
            }
        }
        return new DriftReport(iris.size(), indexed.size(), missing, stale, orphaned, k, examples);
    }

    /**
     * Follows the graph: after each committed write, the touched concepts are updated (a change of unknown extent
     * triggers a full {@link #sync}). Until {@link #close()}.
     */
    public synchronized void follow() {
        if (listener != null) {
            return;
        }
        listener = this::onChange;
        kg.addChangeListener(listener);
    }

    private void onChange(GraphChange change) {
        if (change.everything()) {
            sync(ProgressListener.NONE);
        } else {
            SyncReport r = update(change.iris());
            LOG.debug("index follow: {}", r);
        }
    }

    /** Stops following the graph (commits pending writes). The index itself stays open: its owner closes it. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            kg.removeChangeListener(listener);
            listener = null;
        }
        index.commit();
    }

    /** Embeds and upserts a batch; returns how many texts the model computed (if the embedder can tell). */
    private long write(List<IndexedConcept> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        List<String> texts = new ArrayList<>(batch.size());
        for (IndexedConcept c : batch) {
            texts.add(textOf(c));
        }
        long before = embedder instanceof org.rhizome.embeddings.CachingEmbedder ce ? ce.misses() : 0;
        List<float[]> vs = embedder.embedAll(texts);
        for (int i = 0; i < batch.size(); i++) {
            index.upsert(batch.get(i), vs.get(i));
        }
        long computed = embedder instanceof org.rhizome.embeddings.CachingEmbedder ce ? ce.misses() - before
                : batch.size();
        if (embedder instanceof org.rhizome.embeddings.CachingEmbedder ce) {
            // Entity resolution compares a new label with each candidate's label alone (CandidateFeatures'
            // labelCosine): computing those vectors now, in a batch, into the persistent cache, takes the model off
            // the resolver's path (measured: about 85 label embeddings per growth iteration at 10^4 concepts were
            // most of its 413 ms). Not counted in the texts embedded for the index.
            List<String> labels = new ArrayList<>(batch.size());
            for (IndexedConcept c : batch) {
                labels.add(ConceptText.of(org.rhizome.retrieval.resolution.LabelNormalizer.base(c.label())));
            }
            ce.embedAll(labels);
        }
        return computed;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }
}
