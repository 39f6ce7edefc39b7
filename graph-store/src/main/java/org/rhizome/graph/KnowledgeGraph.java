package org.rhizome.graph;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.dboe.base.file.Location;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.sys.TDBInternal;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Rhizome knowledge graph over a Jena {@link Dataset}: an embedded TDB2 store in a directory (the default) or an
 * in-memory dataset.
 *
 * <p><b>Layout.</b> Every content statement lives in the named graph of its {@link Source}; the default graph is
 * the catalogue that describes each source (kind, id, model, prompt hash, time, confidence, status) and records
 * concept merges. A statement whose confidence differs from its source's default carries an RDF 1.2 annotation
 * inside the source graph: {@code _:r rdf:reifies <<( s p o )>> ; rz:confidence c}, which SPARQL reads as
 * {@code << ?s ?p ?o >> rz:confidence ?c}. See {@code rhizome-vocabulary.ttl} for the terms and a
 * SPARQL example.
 *
 * <p><b>Transactions.</b> One writer at a time with readers alongside (Jena's MR+SW transactions). Every write method
 * runs in one write transaction: it commits whole or, on any exception, aborts and leaves no partial statements.
 * Reads ({@link #read(Supplier)}) see a consistent snapshot. Methods may be called from any thread.
 *
 * <p><b>Opening.</b> A TDB2 directory can be held by one process at a time: {@code open} takes an operating-system
 * lock on {@code rhizome.lock} in the directory (TDB2's own {@code tdb.lock} is not enforced across processes), so a
 * second process gets a {@link StoreLockedException} naming the holder's pid, and a second {@code open} of the same
 * directory in this JVM too (share the instance instead). {@link #close()} releases the directory; so does the
 * death of the process, however it dies.
 */
public final class KnowledgeGraph implements AutoCloseable {
    static {
        // Initialise Jena before touching its vocabulary classes (their static fields need it).
        org.apache.jena.sys.JenaSystem.init();
    }

    /** Default namespace under which concepts, relation types, classes and sources are minted. */
    public static final String DEFAULT_BASE = "https://rhizome.dev/id/";

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeGraph.class);
    private static final Set<Path> OPEN_LOCATIONS = ConcurrentHashMap.newKeySet();
    private static final Node RDF_TYPE = RDF.type.asNode();
    private static final Node RDFS_LABEL = RDFS.label.asNode();
    private static final Node RDFS_COMMENT = RDFS.comment.asNode();
    private static final Node SKOS_ALT = SKOS.altLabel.asNode();

    private final Dataset dataset;
    private final DatasetGraph dsg;
    private final Optional<Path> location;
    private final String base;
    private final ProcessLock lock;
    private volatile boolean closed;
    private final List<GraphChangeListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** IRIs touched by the write transaction running on this thread (null outside one). */
    private final ThreadLocal<Set<String>> touched = new ThreadLocal<>();

    private KnowledgeGraph(Dataset dataset, Optional<Path> location, String base, ProcessLock lock) {
        this.dataset = dataset;
        this.dsg = dataset.asDatasetGraph();
        this.location = location;
        this.base = base;
        this.lock = lock;
    }

    /** Opens (creating if needed) an embedded TDB2 store in {@code directory} with the default namespace. */
    public static KnowledgeGraph open(Path directory) {
        return builder().location(directory).open();
    }

    /** A fresh in-memory knowledge graph (transactional, lost on close). */
    public static KnowledgeGraph inMemory() {
        return builder().open();
    }

    /** A builder: {@code location} for TDB2 (in memory when unset), {@code baseNamespace}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder of {@link KnowledgeGraph}. */
    public static final class Builder {
        private Path location;
        private String base = DEFAULT_BASE;

        private Builder() {}

        /** Store in an embedded TDB2 database in this directory (created if missing). */
        public Builder location(Path directory) {
            this.location = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Namespace for minted IRIs; must end with '/' or '#'. Default {@value KnowledgeGraph#DEFAULT_BASE}. */
        public Builder baseNamespace(String base) {
            Objects.requireNonNull(base, "base");
            if (!(base.endsWith("/") || base.endsWith("#")) || !base.contains(":")) {
                throw new IllegalArgumentException("base namespace must be an absolute IRI ending in '/' or '#', got '"
                        + base + "'");
            }
            this.base = base;
            return this;
        }

        public KnowledgeGraph open() {
            if (location == null) {
                return new KnowledgeGraph(DatasetFactory.createTxnMem(), Optional.empty(), base, null);
            }
            Path dir = location.toAbsolutePath().normalize();
            if (!OPEN_LOCATIONS.add(dir)) {
                throw new StoreLockedException(dir, ProcessHandle.current().pid(),
                        new IllegalStateException("already open in this JVM"));
            }
            ProcessLock lock = null;
            try {
                Files.createDirectories(dir);
                lock = ProcessLock.acquire(dir);
                DatasetGraph g = DatabaseMgr.connectDatasetGraph(Location.create(dir));
                return new KnowledgeGraph(DatasetFactory.wrap(g), Optional.of(dir), base, lock);
            } catch (IOException e) {
                release(dir, lock);
                throw new StoreException("cannot create store directory " + dir + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                release(dir, lock);
                throw e instanceof StoreException ? e : translateOpenFailure(dir, e);
            }
        }

        private static void release(Path dir, ProcessLock lock) {
            OPEN_LOCATIONS.remove(dir);
            if (lock != null) {
                lock.release();
            }
        }
    }

    private static RuntimeException translateOpenFailure(Path dir, RuntimeException e) {
        return new StoreException("cannot open store " + dir + ": " + e.getMessage(), e);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Access

    /** The Jena dataset (for SPARQL and servers). Use its transactions; the catalogue is its default graph. */
    public Dataset dataset() {
        ensureOpen();
        return dataset;
    }

    /** The underlying dataset graph. */
    public DatasetGraph datasetGraph() {
        ensureOpen();
        return dsg;
    }

    /** The TDB2 directory, or empty for an in-memory graph. */
    public Optional<Path> location() {
        return location;
    }

    /** True when backed by TDB2 (so TDB2's bulk loader can be used). */
    public boolean isTdb2() {
        return location.isPresent();
    }

    /** The namespace minted IRIs go under. */
    public String baseNamespace() {
        return base;
    }

    /** The IRI of the concept labelled {@code label}: {@code <base>concept/<slug(label)>}. */
    public String conceptIri(String label) {
        return base + "concept/" + Iris.slug(label);
    }

    /** The IRI of the relation type labelled {@code label}: {@code <base>relation/<slug(label)>}. */
    public String relationIri(String label) {
        return base + "relation/" + Iris.slug(label);
    }

    /** The IRI of the class labelled {@code label}: {@code <base>class/<slug(label)>}. */
    public String classIri(String label) {
        return base + "class/" + Iris.slug(label);
    }

    /** Runs {@code work} in a read transaction (or inside the caller's transaction if one is active). */
    public <T> T read(Supplier<T> work) {
        ensureOpen();
        if (dataset.isInTransaction()) {
            return work.get();
        }
        dataset.begin(TxnType.READ);
        try {
            return work.get();
        } finally {
            dataset.end();
        }
    }

    /**
     * Writes statements under {@code source} in one transaction: registers the source in the catalogue (or appends
     * to it when its graph already exists), runs {@code work} with a writer bound to the source's graph, and
     * commits. If {@code work} throws, nothing it wrote is kept.
     */
    public <T> T writeAndGet(Source source, Function<SourceWriter, T> work) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(work, "work");
        return inWriteTxn(() -> {
            Node graph = registerSource(source);
            SourceWriter writer = new SourceWriter(this, graph, source.confidence());
            T result = work.apply(writer);
            addToStatementCount(graph, writer.added() - writer.removed());
            return result;
        });
    }

    /**
     * Writes under several sources in ONE transaction: each is registered as {@link #writeAndGet(Source, Function)}
     * does, and {@code work} gets one writer per source, in order. For an iteration whose statements go partly to
     * the asserted graph and partly to a review graph, all or nothing.
     */
    public <T> T writeAndGet(List<Source> sources, Function<List<SourceWriter>, T> work) {
        Objects.requireNonNull(sources, "sources");
        Objects.requireNonNull(work, "work");
        return inWriteTxn(() -> {
            List<Node> graphs = new ArrayList<>(sources.size());
            List<SourceWriter> writers = new ArrayList<>(sources.size());
            for (Source s : sources) {
                Node graph = registerSource(s);
                graphs.add(graph);
                writers.add(new SourceWriter(this, graph, s.confidence()));
            }
            T result = work.apply(List.copyOf(writers));
            for (int i = 0; i < writers.size(); i++) {
                addToStatementCount(graphs.get(i), writers.get(i).added() - writers.get(i).removed());
            }
            return result;
        });
    }

    /** {@link #writeAndGet(Source, Function)} for work that returns nothing. */
    public void write(Source source, Consumer<SourceWriter> work) {
        writeAndGet(source, w -> {
            work.accept(w);
            return null;
        });
    }

    /**
     * Replaces the named graph of {@code source} (which must name its graph) in one transaction: deletes every quad of
     * that graph and its catalogue entry, registers {@code source} afresh and runs {@code work}. For content that is
     * recomputed as a whole, such as stored analysis scores. If {@code work} throws, the old graph stays as it was.
     */
    public void replace(Source source, Consumer<SourceWriter> work) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(work, "work");
        if (source.graphIri().isEmpty()) {
            throw new IllegalArgumentException("replace needs a source with an explicit graph IRI");
        }
        inWriteTxn(() -> {
            Node graph = NodeFactory.createURI(source.graphIri().get());
            dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(q -> touched(q.getSubject(), q.getObject()));
            dsg.deleteAny(graph, Node.ANY, Node.ANY, Node.ANY);
            dsg.getDefaultGraph().remove(graph, Node.ANY, Node.ANY);
            registerSource(source);
            SourceWriter writer = new SourceWriter(this, graph, source.confidence());
            work.accept(writer);
            addToStatementCount(graph, writer.added() - writer.removed());
            return null;
        });
    }

    /**
     * Removes sources in one transaction: every quad of their named graphs and their catalogue entries. Concepts
     * that only those sources described are gone with them; statements other sources make are untouched.
     *
     * @return the number of quads removed from the named graphs
     */
    public long removeSources(Collection<Node> graphs) {
        Objects.requireNonNull(graphs, "graphs");
        return inWriteTxn(() -> {
            long removed = 0;
            for (Node graph : graphs) {
                List<Quad> quads = new ArrayList<>();
                dsg.find(graph, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(quads::add);
                for (Quad q : quads) {
                    touched(q.getSubject(), q.getObject());
                }
                dsg.deleteAny(graph, Node.ANY, Node.ANY, Node.ANY);
                dsg.getDefaultGraph().remove(graph, Node.ANY, Node.ANY);
                removed += quads.size();
            }
            return removed;
        });
    }

    <T> T inWriteTxn(Supplier<T> work) {
        ensureOpen();
        if (dataset.isInTransaction()) {
            throw new IllegalStateException("a transaction is already active on this thread; "
                    + "Rhizome write methods start their own");
        }
        Set<String> changed = new HashSet<>();
        T result;
        touched.set(changed);
        dataset.begin(TxnType.WRITE);
        try {
            result = work.get();
            dataset.commit();
        } catch (RuntimeException | Error e) {
            dataset.abort();
            throw e;
        } finally {
            dataset.end();
            touched.remove();
        }
        if (!changed.isEmpty()) {
            fire(new GraphChange(changed, false));
        }
        return result;
    }

    /** Records that a statement with these terms was added or removed by the current write transaction. */
    void touched(Node subject, Node object) {
        Set<String> set = touched.get();
        if (set != null) {
            touchNode(set, subject);
            touchNode(set, object);
        }
    }

    private static void touchNode(Set<String> set, Node n) {
        if (n.isURI()) {
            set.add(n.getURI());
        } else if (n.isTripleTerm()) {
            touchNode(set, n.getTriple().getSubject());
            touchNode(set, n.getTriple().getObject());
        }
    }

    /**
     * Registers a listener told after every committed write made through this API (see {@link GraphChange}).
     * Listeners live as long as this instance; they are not persisted.
     */
    public void addChangeListener(GraphChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Removes a listener added with {@link #addChangeListener}; no effect if it was not registered. */
    public void removeChangeListener(GraphChangeListener listener) {
        listeners.remove(listener);
    }

    /**
     * Tells the listeners that the dataset was changed around the API (an importer's own transaction, a SPARQL
     * Update through {@link #dataset()}), so the extent of the change is unknown. Call it after such a commit.
     */
    public void notifyExternalChange() {
        fire(GraphChange.unknownExtent());
    }

    private void fire(GraphChange change) {
        for (GraphChangeListener l : listeners) {
            try {
                l.committed(change);
            } catch (RuntimeException e) {
                LOG.warn("a graph change listener failed ({}); the write itself is committed", e.toString(), e);
            }
        }
    }

    /**
     * Writes the catalogue entry of {@code source} into the default graph (unless its graph is already catalogued)
     * and returns its graph node. Must run inside a write transaction. Importers that stream into their own
     * transaction write {@link #catalogueQuads(Source, Node)} instead.
     */
    private Node registerSource(Source source) {
        Node graph = graphNodeFor(source);
        if (!dsg.getDefaultGraph().contains(graph, RDF_TYPE, Rz.Source)) {
            for (Quad q : catalogueQuads(source, graph)) {
                dsg.add(q);
            }
        }
        return graph;
    }

    /** The graph node a source's statements go into (its requested IRI, or a freshly minted one). */
    public Node graphNodeFor(Source source) {
        return NodeFactory.createURI(source.graphIri().orElseGet(
                () -> base + "source/" + source.kind().localName() + "/" + UUID.randomUUID()));
    }

    /** The default-graph quads that describe {@code source} as graph {@code graph} (statement count 0). */
    public static List<Quad> catalogueQuads(Source source, Node graph) {
        List<Quad> out = new ArrayList<>(10);
        Node dg = Quad.defaultGraphIRI;
        out.add(Quad.create(dg, graph, RDF_TYPE, Rz.Source));
        out.add(Quad.create(dg, graph, Rz.sourceKind, source.kind().node()));
        out.add(Quad.create(dg, graph, Rz.sourceId, NodeFactory.createLiteralString(source.id())));
        source.model().ifPresent(m -> out.add(Quad.create(dg, graph, Rz.model, NodeFactory.createLiteralString(m))));
        source.promptHash().ifPresent(
                h -> out.add(Quad.create(dg, graph, Rz.promptHash, NodeFactory.createLiteralString(h))));
        out.add(Quad.create(dg, graph, Rz.createdAt, dateTime(source.createdAt())));
        out.add(Quad.create(dg, graph, Rz.confidence, doubleLiteral(source.confidence())));
        out.add(Quad.create(dg, graph, Rz.status, source.status().node()));
        source.note().ifPresent(n -> out.add(Quad.create(dg, graph, Rz.note, NodeFactory.createLiteralString(n))));
        out.add(Quad.create(dg, graph, Rz.statementCount, longLiteral(0)));
        return out;
    }

    /** Adds {@code delta} to the recorded statement count of {@code graph}; inside a write transaction. */
    private void addToStatementCount(Node graph, long delta) {
        if (delta == 0) {
            return;
        }
        long current = 0;
        Iterator<Triple> it = dsg.getDefaultGraph().find(graph, Rz.statementCount, Node.ANY);
        List<Triple> old = new ArrayList<>(1);
        while (it.hasNext()) {
            Triple t = it.next();
            old.add(t);
            current += ((Number) t.getObject().getLiteralValue()).longValue();
        }
        for (Triple t : old) {
            dsg.getDefaultGraph().delete(t);
        }
        dsg.getDefaultGraph().add(Triple.create(graph, Rz.statementCount, longLiteral(current + delta)));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sources

    /** Every source in the catalogue, oldest first. */
    public List<SourceInfo> sources() {
        return read(() -> {
            List<SourceInfo> out = new ArrayList<>();
            Iterator<Triple> it = dsg.getDefaultGraph().find(Node.ANY, RDF_TYPE, Rz.Source);
            while (it.hasNext()) {
                source(it.next().getSubject()).ifPresent(out::add);
            }
            out.sort((a, b) -> a.source().createdAt().compareTo(b.source().createdAt()));
            return out;
        });
    }

    /** The catalogue entry of {@code graph}, if it is a source graph. */
    public Optional<SourceInfo> source(Node graph) {
        return read(() -> {
            var g = dsg.getDefaultGraph();
            if (!g.contains(graph, RDF_TYPE, Rz.Source)) {
                return Optional.<SourceInfo>empty();
            }
            Source.Builder b = Source.builder(SourceKind.fromNode(one(graph, Rz.sourceKind).orElseThrow()),
                    one(graph, Rz.sourceId).map(Node::getLiteralLexicalForm).orElse(graph.getURI()));
            one(graph, Rz.model).ifPresent(n -> b.model(n.getLiteralLexicalForm()));
            one(graph, Rz.promptHash).ifPresent(n -> b.promptHash(n.getLiteralLexicalForm()));
            one(graph, Rz.createdAt).ifPresent(n -> b.createdAt(Instant.parse(n.getLiteralLexicalForm())));
            one(graph, Rz.confidence).ifPresent(n -> b.confidence(((Number) n.getLiteralValue()).doubleValue()));
            one(graph, Rz.status).ifPresent(n -> b.status(Status.fromNode(n)));
            one(graph, Rz.note).ifPresent(n -> b.note(n.getLiteralLexicalForm()));
            b.graphIri(graph.getURI());
            long count = one(graph, Rz.statementCount).map(n -> ((Number) n.getLiteralValue()).longValue()).orElse(0L);
            return Optional.of(new SourceInfo(graph, b.build(), count));
        });
    }

    private Optional<Node> one(Node s, Node p) {
        Iterator<Triple> it = dsg.getDefaultGraph().find(s, p, Node.ANY);
        return it.hasNext() ? Optional.of(it.next().getObject()) : Optional.empty();
    }

    /**
     * The named graphs whose status is in {@code statuses}. Named graphs that are not in the catalogue (written by
     * hand through SPARQL) count as asserted.
     */
    public List<Node> contentGraphs(Set<Status> statuses) {
        return read(() -> {
            List<Node> out = new ArrayList<>();
            Iterator<Node> it = dsg.listGraphNodes();
            while (it.hasNext()) {
                Node g = it.next();
                Optional<Node> st = one(g, Rz.status);
                Status s = st.map(Status::fromNode).orElse(Status.ASSERTED);
                if (statuses.contains(s)) {
                    out.add(g);
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Statements

    /**
     * Distinct content statements matching the pattern ({@code Node.ANY} as wildcard) in graphs of the given
     * statuses, skipping statement annotations, ordered as the store's index returns them; {@code offset} and
     * {@code limit} page through them.
     */
    public List<Triple> find(Node s, Node p, Node o, Set<Status> statuses, long offset, int limit) {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit must be >= 0, got " + offset + ", " + limit);
        }
        List<Triple> out = new ArrayList<>(Math.min(limit, 1024));
        read(() -> {
            long[] skipped = {0};
            forEachStatement(s, p, o, statuses, t -> {
                if (skipped[0] < offset) {
                    skipped[0]++;
                    return out.size() < limit;
                }
                out.add(t);
                return out.size() < limit;
            });
            return null;
        });
        return out;
    }

    /** Asserted statements matching the pattern; see {@link #find(Node, Node, Node, Set, long, int)}. */
    public List<Triple> find(Node s, Node p, Node o, long offset, int limit) {
        return find(s, p, o, EnumSet.of(Status.ASSERTED), offset, limit);
    }

    /**
     * Streams distinct content statements of the given statuses to {@code visitor} until it returns false; see
     * {@link #forEachStatementIn(Collection, Node, Node, Node, java.util.function.Predicate)}.
     */
    public void forEachStatement(Node s, Node p, Node o, Set<Status> statuses,
            java.util.function.Predicate<Triple> visitor) {
        read(() -> {
            forEachStatementIn(contentGraphs(statuses), s, p, o, visitor);
            return null;
        });
    }

    /**
     * Streams the distinct statements matching the pattern in the union of {@code graphs}, skipping statement
     * annotations ({@link #isAnnotation(Quad)}), to {@code visitor} until it returns false. Runs inside a read transaction. When the graphs are
     * all the named graphs, this is one scan of the store's union index (distinct, constant memory); otherwise each
     * candidate from the union is checked against the selected graphs (one more index lookup per statement).
     */
    public void forEachStatementIn(Collection<Node> graphs, Node s, Node p, Node o,
            java.util.function.Predicate<Triple> visitor) {
        read(() -> {
            if (graphs.isEmpty()) {
                return null;
            }
            Set<Node> selectedSet = new HashSet<>(graphs);
            boolean all = selectedSet.size() == countNamedGraphs();
            Iterator<Quad> it = dsg.find(Quad.unionGraph, s, p, o);
            while (it.hasNext()) {
                Quad q = it.next();
                if (isAnnotation(q)) {
                    continue;
                }
                if (!all && !inAnyOf(q.asTriple(), selectedSet)) {
                    continue;
                }
                if (!visitor.test(q.asTriple())) {
                    break;
                }
            }
            return null;
        });
    }

    private boolean inAnyOf(Triple t, Set<Node> graphs) {
        Iterator<Quad> it = dsg.find(Node.ANY, t.getSubject(), t.getPredicate(), t.getObject());
        while (it.hasNext()) {
            if (graphs.contains(it.next().getGraph())) {
                return true;
            }
        }
        return false;
    }

    private long countNamedGraphs() {
        long n = 0;
        Iterator<Node> it = dsg.listGraphNodes();
        while (it.hasNext()) {
            it.next();
            n++;
        }
        return n;
    }

    /** Number of distinct asserted content statements (O(statements)). */
    public long statementCount() {
        long[] n = {0};
        forEachStatement(Node.ANY, Node.ANY, Node.ANY, EnumSet.of(Status.ASSERTED), t -> {
            n[0]++;
            return true;
        });
        return n[0];
    }

    /** Number of quads in all named graphs, annotations included (O(quads)). */
    public long quadCount() {
        return read(() -> {
            long n = 0;
            Iterator<Quad> it = dsg.findNG(Node.ANY, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                it.next();
                n++;
            }
            return n;
        });
    }

    /** Where a statement comes from: one entry per source graph holding it. */
    public List<Provenance> provenance(Triple statement) {
        return read(() -> {
            List<Provenance> out = new ArrayList<>();
            Iterator<Quad> it = dsg.findNG(Node.ANY, statement.getSubject(), statement.getPredicate(),
                    statement.getObject());
            while (it.hasNext()) {
                Node g = it.next().getGraph();
                Optional<SourceInfo> info = source(g);
                double conf = annotatedConfidence(dsg, g, statement)
                        .orElseGet(() -> info.map(i -> i.source().confidence()).orElse(1.0));
                out.add(new Provenance(g, info, conf,
                        info.map(i -> i.source().status()).orElse(Status.ASSERTED)));
            }
            return out;
        });
    }

    /**
     * Removes a statement from every source graph (with its annotations) in one transaction.
     *
     * @return the number of graphs it was removed from
     */
    public int remove(Triple statement) {
        return inWriteTxn(() -> {
            List<Quad> found = new ArrayList<>();
            dsg.findNG(Node.ANY, statement.getSubject(), statement.getPredicate(), statement.getObject())
                    .forEachRemaining(found::add);
            for (Quad q : found) {
                dsg.delete(q);
                deleteAnnotations(dsg, q.getGraph(), statement);
                addToStatementCount(q.getGraph(), -1);
                touched(q.getSubject(), q.getObject());
            }
            return found.size();
        });
    }

    /**
     * Rejects a statement: takes it out of every asserted or predicted graph and writes it under a new source with
     * status {@code rejected} (kind and id from {@code reviewer}, for example a critic model's run), recording the
     * graphs it came from with {@code rz:rejectedFrom}. It stays queryable but leaves analyses and default exports.
     *
     * @return the rejection source's graph, or empty if the statement was not stored
     */
    public Optional<Node> reject(Triple statement, Source reviewer) {
        Source rejection = new Source(reviewer.kind(), reviewer.id(), reviewer.model(), reviewer.promptHash(),
                reviewer.createdAt(), reviewer.confidence(), Status.REJECTED, reviewer.note(), reviewer.graphIri());
        return inWriteTxn(() -> {
            List<Quad> found = new ArrayList<>();
            dsg.findNG(Node.ANY, statement.getSubject(), statement.getPredicate(), statement.getObject())
                    .forEachRemaining(found::add);
            if (found.isEmpty()) {
                return Optional.<Node>empty();
            }
            Node graph = registerSource(rejection);
            for (Quad q : found) {
                dsg.delete(q);
                deleteAnnotations(dsg, q.getGraph(), statement);
                addToStatementCount(q.getGraph(), -1);
                dsg.getDefaultGraph().add(Triple.create(graph, Rz.rejectedFrom, q.getGraph()));
            }
            touched(statement.getSubject(), statement.getObject());
            dsg.add(graph, statement.getSubject(), statement.getPredicate(), statement.getObject());
            addToStatementCount(graph, 1);
            return Optional.of(graph);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Concepts

    /**
     * The concept with this IRI, read across all source graphs (whatever their status), if it has a label or is a
     * declared concept.
     */
    public Optional<Concept> concept(String iri) {
        Node n = NodeFactory.createURI(iri);
        return read(() -> {
            TreeSet<String> labels = new TreeSet<>();
            TreeSet<String> comments = new TreeSet<>();
            TreeSet<String> types = new TreeSet<>();
            TreeSet<String> aliases = new TreeSet<>();
            boolean declared = false;
            Iterator<Quad> it = dsg.find(Quad.unionGraph, n, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Quad q = it.next();
                Node p = q.getPredicate();
                Node o = q.getObject();
                if (p.equals(RDFS_LABEL) && o.isLiteral()) {
                    labels.add(o.getLiteralLexicalForm());
                } else if (p.equals(RDFS_COMMENT) && o.isLiteral()) {
                    comments.add(o.getLiteralLexicalForm());
                } else if (p.equals(SKOS_ALT) && o.isLiteral()) {
                    aliases.add(o.getLiteralLexicalForm());
                } else if (p.equals(RDF_TYPE)) {
                    if (o.equals(Rz.Concept)) {
                        declared = true;
                    } else if (o.isURI()) {
                        types.add(o.getURI());
                    }
                }
            }
            if (labels.isEmpty() && !declared) {
                return Optional.<Concept>empty();
            }
            String label = labels.isEmpty() ? iri : labels.first();
            return Optional.of(new Concept(iri, label, comments.isEmpty() ? Optional.empty()
                    : Optional.of(comments.first()), List.copyOf(types), List.copyOf(aliases)));
        });
    }

    /**
     * Finds a concept by label: first the IRI minted from the label, then an exact {@code rdfs:label}, then an exact
     * {@code skos:altLabel} (plain string literals).
     */
    public Optional<Concept> findConceptByLabel(String label) {
        Optional<Concept> minted = concept(conceptIri(label));
        if (minted.isPresent()) {
            return minted;
        }
        return read(() -> {
            Node lit = NodeFactory.createLiteralString(label);
            for (Node p : List.of(RDFS_LABEL, SKOS_ALT)) {
                Iterator<Quad> it = dsg.find(Quad.unionGraph, Node.ANY, p, lit);
                while (it.hasNext()) {
                    Node s = it.next().getSubject();
                    if (s.isURI()) {
                        Optional<Concept> c = concept(s.getURI());
                        if (c.isPresent()) {
                            return c;
                        }
                    }
                }
            }
            return Optional.<Concept>empty();
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Merges

    /**
     * Merges {@code duplicate} into {@code kept} in one transaction: every statement mentioning the duplicate (as
     * subject or object, in every graph, annotations included) is rewritten to the kept concept; the duplicate's
     * labels become {@code skos:altLabel}s of the kept concept. The merge is recorded in the catalogue with every
     * statement it removed and added, so {@link #undoMerge(Node)} restores the graph exactly.
     *
     * @param score the resolver's similarity score behind the merge (recorded, not interpreted)
     * @return the merge record
     */
    public MergeRecord merge(String kept, String duplicate, double score) {
        Objects.requireNonNull(kept, "kept");
        Objects.requireNonNull(duplicate, "duplicate");
        if (kept.equals(duplicate)) {
            throw new IllegalArgumentException("cannot merge a concept into itself: " + kept);
        }
        Node keep = NodeFactory.createURI(kept);
        Node dup = NodeFactory.createURI(duplicate);
        return inWriteTxn(() -> {
            Set<Quad> removed = new java.util.LinkedHashSet<>();
            dsg.findNG(Node.ANY, dup, Node.ANY, Node.ANY).forEachRemaining(removed::add);
            dsg.findNG(Node.ANY, Node.ANY, Node.ANY, dup).forEachRemaining(removed::add);
            // Reifier links quoting a statement about the duplicate (their values hang off the reifier, unchanged).
            List<Quad> links = new ArrayList<>();
            for (Quad q : removed) {
                for (Quad a : annotationQuads(dsg, q.getGraph(), q.asTriple())) {
                    if (a.getPredicate().equals(RDF_REIFIES)) {
                        links.add(a);
                    }
                }
            }
            removed.addAll(links);
            if (removed.isEmpty()) {
                throw new IllegalArgumentException("concept " + duplicate + " is not in the graph");
            }
            String mergedLabel = "";
            List<Quad> added = new ArrayList<>();
            Map<Quad, Quad> rewrite = new java.util.LinkedHashMap<>();
            for (Quad q : removed) {
                Quad r = rewriteQuad(q, dup, keep);
                if (q.getSubject().equals(dup) && q.getPredicate().equals(RDFS_LABEL) && q.getObject().isLiteral()) {
                    mergedLabel = q.getObject().getLiteralLexicalForm();
                }
                rewrite.put(q, r);
            }
            for (Quad q : removed) {
                dsg.delete(q);
                touched(q.getSubject(), q.getObject());
            }
            for (Quad r : rewrite.values()) {
                if (!dsg.contains(r)) {
                    dsg.add(r);
                    added.add(r);
                    touched(r.getSubject(), r.getObject());
                }
            }
            Node mergeNode = NodeFactory.createURI(base + "merge/" + UUID.randomUUID());
            var cat = dsg.getDefaultGraph();
            Instant now = Instant.now();
            cat.add(Triple.create(mergeNode, RDF_TYPE, Rz.Merge));
            cat.add(Triple.create(mergeNode, Rz.kept, keep));
            cat.add(Triple.create(mergeNode, Rz.merged, dup));
            cat.add(Triple.create(mergeNode, Rz.mergedLabel, NodeFactory.createLiteralString(mergedLabel)));
            cat.add(Triple.create(mergeNode, Rz.score, doubleLiteral(score)));
            cat.add(Triple.create(mergeNode, Rz.createdAt, dateTime(now)));
            for (Quad q : removed) {
                recordQuad(mergeNode, Rz.removedQuad, q);
            }
            for (Quad q : added) {
                recordQuad(mergeNode, Rz.addedQuad, q);
            }
            return new MergeRecord(mergeNode, kept, duplicate, mergedLabel, score, now, removed.size(),
                    added.size(), false);
        });
    }

    private static Quad rewriteQuad(Quad q, Node dup, Node keep) {
        Node s = replace(q.getSubject(), dup, keep);
        Node p = q.getPredicate();
        Node o = replace(q.getObject(), dup, keep);
        if (q.getSubject().equals(dup) && p.equals(RDFS_LABEL)) {
            p = SKOS_ALT;
        }
        return Quad.create(q.getGraph(), s, p, o);
    }

    private static Node replace(Node n, Node dup, Node keep) {
        if (n.equals(dup)) {
            return keep;
        }
        if (n.isTripleTerm()) {
            Triple t = n.getTriple();
            return NodeFactory.createTripleTerm(replace(t.getSubject(), dup, keep), t.getPredicate(),
                    replace(t.getObject(), dup, keep));
        }
        return n;
    }

    private void recordQuad(Node merge, Node role, Quad q) {
        var cat = dsg.getDefaultGraph();
        Node r = NodeFactory.createBlankNode();
        cat.add(Triple.create(merge, role, r));
        cat.add(Triple.create(r, Rz.graph, q.getGraph()));
        cat.add(Triple.create(r, Rz.subject, q.getSubject()));
        cat.add(Triple.create(r, Rz.predicate, q.getPredicate()));
        cat.add(Triple.create(r, Rz.object, q.getObject()));
    }

    private List<Quad> recordedQuads(Node merge, Node role) {
        var cat = dsg.getDefaultGraph();
        List<Quad> out = new ArrayList<>();
        cat.find(merge, role, Node.ANY).forEachRemaining(t -> {
            Node r = t.getObject();
            out.add(Quad.create(objectOf(r, Rz.graph), objectOf(r, Rz.subject), objectOf(r, Rz.predicate),
                    objectOf(r, Rz.object)));
        });
        return out;
    }

    private Node objectOf(Node s, Node p) {
        return one(s, p).orElseThrow(() -> new StoreException("corrupt merge record: " + s + " has no " + p));
    }

    /**
     * Undoes a merge: deletes the statements it added and restores the ones it removed, in one transaction, and
     * marks the record {@code rz:undone}. Statements written about the kept concept after the merge stay as they
     * are (the store cannot know which of them meant the duplicate).
     *
     * @throws IllegalArgumentException if {@code merge} is not a merge record or was already undone
     */
    public void undoMerge(Node merge) {
        inWriteTxn(() -> {
            var cat = dsg.getDefaultGraph();
            if (!cat.contains(merge, RDF_TYPE, Rz.Merge)) {
                throw new IllegalArgumentException("not a merge record: " + merge);
            }
            if (cat.contains(merge, Rz.undone, Node.ANY)) {
                throw new IllegalArgumentException("merge " + merge + " was already undone");
            }
            for (Quad q : recordedQuads(merge, Rz.addedQuad)) {
                dsg.delete(q);
                touched(q.getSubject(), q.getObject());
            }
            for (Quad q : recordedQuads(merge, Rz.removedQuad)) {
                dsg.add(q);
                touched(q.getSubject(), q.getObject());
            }
            cat.add(Triple.create(merge, Rz.undone, dateTime(Instant.now())));
            return null;
        });
    }

    /** Every merge record, oldest first. */
    public List<MergeRecord> merges() {
        return read(() -> {
            TreeMap<String, MergeRecord> byTime = new TreeMap<>();
            var cat = dsg.getDefaultGraph();
            cat.find(Node.ANY, RDF_TYPE, Rz.Merge).forEachRemaining(t -> {
                Node m = t.getSubject();
                Instant at = Instant.parse(objectOf(m, Rz.createdAt).getLiteralLexicalForm());
                MergeRecord r = new MergeRecord(m, objectOf(m, Rz.kept).getURI(), objectOf(m, Rz.merged).getURI(),
                        objectOf(m, Rz.mergedLabel).getLiteralLexicalForm(),
                        ((Number) objectOf(m, Rz.score).getLiteralValue()).doubleValue(), at,
                        recordedQuads(m, Rz.removedQuad).size(), recordedQuads(m, Rz.addedQuad).size(),
                        cat.contains(m, Rz.undone, Node.ANY));
                byTime.put(at + " " + m.getURI(), r);
            });
            return List.copyOf(byTime.values());
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Counts

    /** Counts that {@code rhizome stats} prints. O(quads). */
    public GraphStats stats() {
        return read(() -> {
            long statements = statementCount();
            long quads = quadCount();
            long sources = dsg.getDefaultGraph().find(Node.ANY, RDF_TYPE, Rz.Source).toList().size();
            Set<Node> concepts = new HashSet<>();
            dsg.find(Quad.unionGraph, Node.ANY, RDF_TYPE, Rz.Concept).forEachRemaining(q -> concepts.add(q.getSubject()));
            Set<Node> relTypes = new HashSet<>();
            dsg.find(Quad.unionGraph, Node.ANY, RDF_TYPE, Rz.RelationType)
                    .forEachRemaining(q -> relTypes.add(q.getSubject()));
            long merges = dsg.getDefaultGraph().find(Node.ANY, RDF_TYPE, Rz.Merge).toList().size();
            return new GraphStats(statements, quads, sources, concepts.size(), relTypes.size(), merges);
        });
    }

    // ---------------------------------------------------------------------------------------------------------

    // ---------------------------------------------------------------------------------------------------------
    // Statement annotations (RDF 1.2 reifiers: _:r rdf:reifies <<( s p o )>> ; rz:confidence c)

    private static final Node RDF_REIFIES = NodeFactory.createURI(RDF.getURI() + "reifies");

    /**
     * True for the quads that annotate statements rather than state content: {@code rdf:reifies} links and
     * {@code rz:confidence} values inside source graphs.
     */
    public static boolean isAnnotation(Quad q) {
        Node p = q.getPredicate();
        return p.equals(RDF_REIFIES) || p.equals(Rz.confidence);
    }

    /** Every quad of {@code graph} annotating {@code statement}: the reifier links and the reifiers' values. */
    static List<Quad> annotationQuads(DatasetGraph dsg, Node graph, Triple statement) {
        List<Quad> out = new ArrayList<>();
        Iterator<Quad> links = dsg.find(graph, Node.ANY, RDF_REIFIES, NodeFactory.createTripleTerm(statement));
        List<Quad> linkList = new ArrayList<>();
        links.forEachRemaining(linkList::add);
        for (Quad link : linkList) {
            out.add(link);
            dsg.find(graph, link.getSubject(), Node.ANY, Node.ANY).forEachRemaining(q -> {
                if (!q.getPredicate().equals(RDF_REIFIES)) {
                    out.add(q);
                }
            });
        }
        return out;
    }

    /** The statement's own confidence in {@code graph}, if annotated. */
    static Optional<Double> annotatedConfidence(DatasetGraph dsg, Node graph, Triple statement) {
        for (Quad q : annotationQuads(dsg, graph, statement)) {
            if (q.getPredicate().equals(Rz.confidence) && q.getObject().isLiteral()) {
                return Optional.of(((Number) q.getObject().getLiteralValue()).doubleValue());
            }
        }
        return Optional.empty();
    }

    /** Writes {@code _:r rdf:reifies <<( s p o )>> ; rz:confidence c} into {@code graph}. */
    static void annotateConfidence(DatasetGraph dsg, Node graph, Triple statement, double confidence) {
        Node r = NodeFactory.createBlankNode();
        dsg.add(graph, r, RDF_REIFIES, NodeFactory.createTripleTerm(statement));
        dsg.add(graph, r, Rz.confidence, doubleLiteral(confidence));
    }

    /** Deletes every annotation of {@code statement} in {@code graph}. */
    static void deleteAnnotations(DatasetGraph dsg, Node graph, Triple statement) {
        for (Quad q : annotationQuads(dsg, graph, statement)) {
            dsg.delete(q);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("knowledge graph is closed");
        }
    }

    /** Closes the store; a TDB2 directory is released so another process may open it. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (location.isPresent()) {
            try {
                TDBInternal.expel(dsg);
            } finally {
                OPEN_LOCATIONS.remove(location.get());
                lock.release();
            }
            LOG.debug("closed store {}", location.get());
        } else {
            dataset.close();
        }
    }

    static Node dateTime(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }

    static Node doubleLiteral(double d) {
        return NodeFactory.createLiteralDT(Double.toString(d), XSDDatatype.XSDdouble);
    }

    static Node longLiteral(long v) {
        return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDlong);
    }
}
