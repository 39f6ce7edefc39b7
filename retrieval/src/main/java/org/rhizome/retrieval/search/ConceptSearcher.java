package org.rhizome.retrieval.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;
import org.rhizome.embeddings.ConceptText;
import org.rhizome.embeddings.TextEmbedder;
import org.rhizome.retrieval.index.ConceptIndex;
import org.rhizome.retrieval.index.IndexException;
import org.rhizome.retrieval.index.ConceptSummary;

/**
 * Searches a {@link ConceptIndex}: BM25 over the text fields, approximate kNN over the text embeddings (HNSW), and
 * hybrid ranking by weighted reciprocal rank fusion, {@code score(d) = sum_i w_i / (c + rank_i(d))} over the lists
 * where d appears (Cormack, Clarke and Buettcher, "Reciprocal rank fusion outperforms Condorcet and individual rank
 * learning methods", SIGIR 2009). Type filters run inside both searches (the kNN search is filtered, not
 * post-filtered, so it still returns k results when enough concepts match).
 *
 * <p>The query text is analysed into terms, never parsed as Lucene syntax: user text cannot form a query that
 * fails or that costs more than a disjunction of its words. Hits are filled from the index's summary doc values
 * ({@link ConceptIndex#summaries}), not from stored documents. Costs: BM25 is O(postings of the query terms); kNN is
 * O(log n) expected vector comparisons per query (HNSW), plus one embedding of the query text (the cache makes
 * repeated texts free). Results are deterministic for a given index state; ties keep Lucene's document order.
 */
public final class ConceptSearcher {
    private final ConceptIndex index;
    private final TextEmbedder embedder;

    public ConceptSearcher(ConceptIndex index, TextEmbedder embedder) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        if (!embedder.modelId().equals(index.modelId())) {
            throw new IllegalArgumentException("embedder " + embedder.modelId() + " does not match the index's "
                    + index.modelId());
        }
    }

    /** The index searched. */
    public ConceptIndex index() {
        return index;
    }

    /** The embedder of query texts. */
    public TextEmbedder embedder() {
        return embedder;
    }

    /** Runs a search. A text with no searchable word (empty, only stop words) gives no BM25 results. */
    public List<SearchHit> search(SearchRequest req) {
        Objects.requireNonNull(req, "req");
        if (req.text().isBlank()) {
            return List.of();
        }
        switch (req.mode()) {
            case BM25:
                return bm25(req.text(), req.k(), req.types());
            case VECTOR:
                return vector(embedder.embed(ConceptText.of(req.text())), req.k(), req.types(), null);
            case HYBRID:
                return hybrid(req);
            default:
                throw new IllegalStateException("unhandled mode " + req.mode());
        }
    }

    /** The concepts nearest to the indexed vector of {@code iri} (itself excluded). */
    public List<SearchHit> similarTo(String iri, int k, java.util.Set<String> types) {
        float[] v = index.vector(iri).orElseThrow(() -> new IllegalArgumentException(
                "concept " + iri + " is not in the search index"));
        return vector(v, k, types, iri);
    }

    /** The concepts nearest to the embedding of {@code text} ({@link SearchMode#VECTOR}). */
    public List<SearchHit> similarToText(String text, int k, java.util.Set<String> types) {
        return search(new SearchRequest(text, SearchMode.VECTOR, k, types, 1, 1, 60, Math.max(k, 50)));
    }

    /** The Lucene query of the BM25 search for {@code text} (exposed for benchmarks), if the text has terms. */
    public Optional<Query> bm25Query(String text, java.util.Set<String> types) {
        QueryBuilder qb = new QueryBuilder(index.analyzer());
        BooleanQuery.Builder fields = new BooleanQuery.Builder();
        boolean any = false;
        for (Map.Entry<String, Float> f : Map.of(ConceptIndex.F_LABEL, 3f, ConceptIndex.F_ALIAS, 2f,
                ConceptIndex.F_DESCRIPTION, 1f).entrySet()) {
            Query q = qb.createBooleanQuery(f.getKey(), text);
            if (q != null) {
                fields.add(new BoostQuery(q, f.getValue()), BooleanClause.Occur.SHOULD);
                any = true;
            }
        }
        if (!any) {
            return Optional.empty();
        }
        Query q = fields.build();
        Query filter = typeFilter(types);
        if (filter != null) {
            q = new BooleanQuery.Builder().add(q, BooleanClause.Occur.MUST).add(filter, BooleanClause.Occur.FILTER)
                    .build();
        }
        return Optional.of(q);
    }

    private static Query typeFilter(java.util.Set<String> types) {
        if (types.isEmpty()) {
            return null;
        }
        List<BytesRef> terms = new ArrayList<>();
        for (String t : types) {
            terms.add(new BytesRef(t));
        }
        return types.size() == 1 ? new TermQuery(new Term(ConceptIndex.F_TYPE, types.iterator().next()))
                : new TermInSetQuery(ConceptIndex.F_TYPE, terms);
    }

    private List<SearchHit> bm25(String text, int k, java.util.Set<String> types) {
        Optional<Query> q = bm25Query(text, types);
        if (q.isEmpty()) {
            return List.of();
        }
        return index.withSearcher(s -> {
            TopDocs td = run(s, q.get(), k);
            List<ConceptSummary> found = ConceptIndex.summaries(s, docs(td.scoreDocs));
            List<SearchHit> out = new ArrayList<>();
            for (int i = 0; i < td.scoreDocs.length; i++) {
                out.add(hit(found.get(i), td.scoreDocs[i].score, OptionalInt.of(i + 1), OptionalInt.empty(),
                        OptionalDouble.empty()));
            }
            return out;
        });
    }

    private List<SearchHit> vector(float[] query, int k, java.util.Set<String> types, String exclude) {
        int want = exclude == null ? k : k + 1;
        Query q = new KnnFloatVectorQuery(ConceptIndex.F_VECTOR, query, want, typeFilter(types));
        return index.withSearcher(s -> {
            TopDocs td = run(s, q, want);
            List<ConceptSummary> found = ConceptIndex.summaries(s, docs(td.scoreDocs));
            List<SearchHit> out = new ArrayList<>();
            int rank = 0;
            for (int i = 0; i < td.scoreDocs.length; i++) {
                ScoreDoc sd = td.scoreDocs[i];
                ConceptSummary c = found.get(i);
                if (c.iri().equals(exclude) || out.size() == k) {
                    continue;
                }
                double cos = 2.0 * sd.score - 1.0; // Lucene's DOT_PRODUCT score is (1 + dot) / 2
                out.add(hit(c, cos, OptionalInt.empty(), OptionalInt.of(++rank), OptionalDouble.of(cos)));
            }
            return out;
        });
    }

    /**
     * Both lists are searched on one searcher and fused on Lucene document ids; only the k fused winners' stored
     * fields are read (reading every candidate's document made the fusion cost 2-3x the two searches themselves).
     */
    private List<SearchHit> hybrid(SearchRequest req) {
        Optional<Query> lexQuery = req.bm25Weight() > 0 ? bm25Query(req.text(), req.types()) : Optional.empty();
        Query vecQuery = req.vectorWeight() > 0 ? new KnnFloatVectorQuery(ConceptIndex.F_VECTOR,
                embedder.embed(ConceptText.of(req.text())), req.candidates(), typeFilter(req.types())) : null;
        return index.withSearcher(s -> {
            ScoreDoc[] lexical = lexQuery.isPresent() ? run(s, lexQuery.get(), req.candidates()).scoreDocs
                    : new ScoreDoc[0];
            ScoreDoc[] semantic = vecQuery != null ? run(s, vecQuery, req.candidates()).scoreDocs : new ScoreDoc[0];
            // doc -> {fused score, bm25 rank, vector rank, cosine}
            Map<Integer, double[]> fused = new LinkedHashMap<>();
            for (int i = 0; i < lexical.length; i++) {
                double[] f = fused.computeIfAbsent(lexical[i].doc, d -> new double[] {0, 0, 0, Double.NaN});
                f[0] += req.bm25Weight() / (req.rrfConstant() + i + 1.0);
                f[1] = i + 1;
            }
            for (int i = 0; i < semantic.length; i++) {
                double[] f = fused.computeIfAbsent(semantic[i].doc, d -> new double[] {0, 0, 0, Double.NaN});
                f[0] += req.vectorWeight() / (req.rrfConstant() + i + 1.0);
                f[2] = i + 1;
                f[3] = 2.0 * semantic[i].score - 1.0; // Lucene's DOT_PRODUCT score is (1 + dot) / 2
            }
            List<Map.Entry<Integer, double[]>> ranked = new ArrayList<>(fused.entrySet());
            // stable sort: ties keep BM25 order, then vector order
            ranked.sort(Comparator.comparingDouble((Map.Entry<Integer, double[]> e) -> -e.getValue()[0]));
            List<Map.Entry<Integer, double[]>> top = ranked.subList(0, Math.min(req.k(), ranked.size()));
            int[] winners = new int[top.size()];
            for (int i = 0; i < winners.length; i++) {
                winners[i] = top.get(i).getKey();
            }
            List<ConceptSummary> found = ConceptIndex.summaries(s, winners);
            List<SearchHit> out = new ArrayList<>(req.k());
            for (int i = 0; i < winners.length; i++) {
                double[] f = top.get(i).getValue();
                ConceptSummary c = found.get(i);
                out.add(hit(c, f[0], f[1] > 0 ? OptionalInt.of((int) f[1]) : OptionalInt.empty(),
                        f[2] > 0 ? OptionalInt.of((int) f[2]) : OptionalInt.empty(),
                        f[2] > 0 ? OptionalDouble.of(f[3]) : OptionalDouble.empty()));
            }
            return out;
        });
    }

    private static int[] docs(ScoreDoc[] hits) {
        int[] d = new int[hits.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = hits[i].doc;
        }
        return d;
    }

    private static TopDocs run(IndexSearcher s, Query q, int k) {
        try {
            return s.search(q, k);
        } catch (IOException e) {
            throw new IndexException("search failed: " + e.getMessage(), e);
        }
    }

    private static SearchHit hit(ConceptSummary c, double score, OptionalInt bm25Rank, OptionalInt vectorRank,
            OptionalDouble cosine) {
        return new SearchHit(c.iri(), c.label(), c.description(), c.types(), score, bm25Rank, vectorRank, cosine);
    }
}
