package org.rhizome.retrieval;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.rhizome.embeddings.CachingEmbedder;
import org.rhizome.embeddings.ConceptText;
import org.rhizome.embeddings.EmbedderConfig;
import org.rhizome.embeddings.EmbeddingCache;
import org.rhizome.embeddings.TextEmbedder;
import org.rhizome.embeddings.TextEmbedders;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;
import org.rhizome.retrieval.index.ConceptIndex;
import org.rhizome.retrieval.index.ConceptIndexer;
import org.rhizome.retrieval.index.SyncReport;
import org.rhizome.retrieval.resolution.EntityResolver;
import org.rhizome.retrieval.resolution.ResolutionPolicy;
import org.rhizome.retrieval.search.ConceptSearcher;
import org.rhizome.retrieval.sparql.RetrievalFunctions;

/**
 * The retrieval services of one knowledge graph, wired together: the text embedder behind its persistent cache,
 * the concept index kept in step with the store, search, and entity resolution.
 *
 * <p>Where things live: for a store on disk in directory {@code D}, the index is in {@code D/retrieval/index} and the
 * embedding cache in {@code D/retrieval/embeddings} (both rebuilt from the store if deleted); for an in-memory store
 * both live in memory. The embedder is the in-process all-MiniLM-L6-v2 unless configured otherwise
 * ({@link EmbedderConfig#fromEnvironment}). On open the index is synchronised with the store (by fingerprint; the
 * first open builds it), and, unless told otherwise, it then follows every committed write of the graph. While open,
 * the graph's dataset answers the {@code rzf:} SPARQL functions ({@link RetrievalFunctions}).
 *
 * <pre>{@code
 * try (Retrieval r = Retrieval.builder(kg).open()) {
 *     List<SearchHit> hits = r.searcher().search(SearchRequest.of("heart attack", SearchMode.HYBRID, 10));
 *     Resolution res = r.resolver().resolve(NewConcept.of("Sherlok Holmes"));
 * }
 * }</pre>
 */
public final class Retrieval implements AutoCloseable {
    private final KnowledgeGraph kg;
    private final TextEmbedder embedder;
    private final CachingEmbedder cached;
    private final ConceptIndex index;
    private final ConceptIndexer indexer;
    private final ConceptSearcher searcher;
    private final EntityResolver resolver;
    private final Optional<SyncReport> openingSync;

    private Retrieval(Builder b) {
        this.kg = b.kg;
        TextEmbedder base = b.embedder != null ? b.embedder : TextEmbedders.create(b.config);
        Optional<Path> dir = b.directory.or(() -> kg.location().map(l -> l.resolve("retrieval")));
        EmbeddingCache cache = dir.isPresent()
                ? EmbeddingCache.open(dir.get().resolve("embeddings"), base.modelId(), base.dimension())
                : EmbeddingCache.inMemory(base.modelId(), base.dimension());
        this.cached = new CachingEmbedder(base, cache);
        this.embedder = cached;
        ConceptIndex idx;
        try {
            idx = dir.isPresent()
                    ? ConceptIndex.open(dir.get().resolve("index"), base.modelId(), base.dimension(), ConceptText.RECIPE,
                            b.replaceIndex)
                    : ConceptIndex.inMemory(base.modelId(), base.dimension(), ConceptText.RECIPE);
        } catch (RuntimeException e) {
            cache.close();
            throw e;
        }
        this.index = idx;
        this.indexer = new ConceptIndexer(kg, index, embedder);
        try {
            this.openingSync = b.sync && !b.replaceIndex ? Optional.of(indexer.sync(b.progress)) : Optional.empty();
            if (b.follow) {
                indexer.follow();
            }
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
        this.searcher = new ConceptSearcher(index, embedder);
        this.resolver = new EntityResolver(index, embedder, b.policy);
        RetrievalFunctions.attach(kg.dataset(), searcher);
    }

    /** Starts configuring the retrieval services of {@code kg}. */
    public static Builder builder(KnowledgeGraph kg) {
        return new Builder(kg);
    }

    /** Options of {@link Retrieval}. */
    public static final class Builder {
        private final KnowledgeGraph kg;
        private EmbedderConfig config = EmbedderConfig.fromEnvironment(System.getenv());
        private TextEmbedder embedder;
        private Optional<Path> directory = Optional.empty();
        private boolean sync = true;
        private boolean follow = true;
        private boolean replaceIndex;
        private ResolutionPolicy policy = ResolutionPolicy.defaults();
        private ProgressListener progress = ProgressListener.NONE;

        private Builder(KnowledgeGraph kg) {
            this.kg = Objects.requireNonNull(kg, "kg");
        }

        /** The embedding model to build (default: from the environment, else the in-process MiniLM). */
        public Builder embedderConfig(EmbedderConfig c) {
            this.config = Objects.requireNonNull(c, "config");
            return this;
        }

        /** An embedder to use as is (it is put behind the cache; closing the services does not close it). */
        public Builder embedder(TextEmbedder e) {
            this.embedder = Objects.requireNonNull(e, "embedder");
            return this;
        }

        /** Where the index and cache live (default: {@code retrieval/} in the store's directory, or memory). */
        public Builder directory(Path dir) {
            this.directory = Optional.of(dir);
            return this;
        }

        /** Whether to synchronise the index with the store on open (default true). */
        public Builder syncOnOpen(boolean on) {
            this.sync = on;
            return this;
        }

        /**
         * Whether to start a new empty index in place of the one on disk, even one built with another embedding
         * model (default false; see {@link ConceptIndex#open(Path, String, int, String, boolean)}). Only useful
         * followed by {@code indexer().rebuild(...)}; implies no synchronisation on open.
         */
        public Builder replaceIndex(boolean on) {
            this.replaceIndex = on;
            return this;
        }

        /** Whether the index follows the graph's committed writes (default true). */
        public Builder follow(boolean on) {
            this.follow = on;
            return this;
        }

        /** The resolution policy (default {@link ResolutionPolicy#defaults()}). */
        public Builder policy(ResolutionPolicy p) {
            this.policy = Objects.requireNonNull(p, "policy");
            return this;
        }

        /** Progress of the opening synchronisation. */
        public Builder progress(ProgressListener p) {
            this.progress = Objects.requireNonNull(p, "progress");
            return this;
        }

        /** Opens the services. */
        public Retrieval open() {
            return new Retrieval(this);
        }
    }

    /** The graph served. */
    public KnowledgeGraph graph() {
        return kg;
    }

    /** The embedder (behind the cache). */
    public CachingEmbedder embedder() {
        return cached;
    }

    /** The concept index. */
    public ConceptIndex index() {
        return index;
    }

    /** The indexer that keeps the index in step with the store. */
    public ConceptIndexer indexer() {
        return indexer;
    }

    /** Concept search. */
    public ConceptSearcher searcher() {
        return searcher;
    }

    /** Entity resolution. */
    public EntityResolver resolver() {
        return resolver;
    }

    /** What the synchronisation on open did, if it ran. */
    public Optional<SyncReport> openingSync() {
        return openingSync;
    }

    /** Stops following the graph, commits and closes the index and the cache. The graph stays open. */
    @Override
    public void close() {
        if (searcher != null) {
            RetrievalFunctions.detach(kg.dataset(), searcher);
        }
        try {
            indexer.close();
        } finally {
            try {
                index.close();
            } finally {
                cached.close();
            }
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (RuntimeException suppressed) {
            // the original failure is what the caller needs to see
        }
    }
}
