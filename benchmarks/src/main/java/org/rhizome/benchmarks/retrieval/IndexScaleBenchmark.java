package org.rhizome.benchmarks.retrieval;

import static org.rhizome.benchmarks.retrieval.BenchSupport.fmt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.rhizome.embeddings.ConceptText;
import org.rhizome.embeddings.TextEmbedder;
import org.rhizome.retrieval.index.ConceptIndex;
import org.rhizome.retrieval.search.ConceptSearcher;
import org.rhizome.retrieval.search.SearchHit;
import org.rhizome.retrieval.search.SearchMode;
import org.rhizome.retrieval.search.SearchRequest;

/**
 * Build rate, size and query latency of the concept index ({@link ConceptIndex}, Lucene 9.12: BM25 text fields plus
 * an HNSW vector field) at {@code N} generated concepts ({@link SyntheticConcepts}, seed 7), and the cost of
 * {@link ConceptSearcher} over plain Lucene calls on the same index.
 *
 * <p><b>The vectors come from {@link HashedWordsEmbedder}, a cheap deterministic stand-in, not from a language
 * model</b>: all-MiniLM-L6-v2 embeds about 250 texts/s here, so this benchmark measures the index layer (text
 * analysis, HNSW insertion and merging, searches), not the model. The vectors have the model's dimension (384) and
 * unit length, as the index requires.
 *
 * <p>Build: the concepts are upserted through one {@code ConceptIndex} (one {@code IndexWriter}, its default
 * settings) in one thread, embedded in slices of 1,024 (stand-in time reported apart), with one commit at the end.
 * Then the index is closed, which waits for Lucene's background merges, and reopened for the queries, so they see the
 * final segments. Memory: heap in use after full GCs, before building and with the index open after the queries;
 * index size: the files in its directory after close.
 *
 * <p>Queries: {@code Q} texts ({@code 40%} a concept's exact label, {@code 25%} a label with one word dropped,
 * {@code 20%} a label plus a word of the description, {@code 15%} a 2-3 word phrase of the vocabulary), each run as
 * <ul>
 *   <li>Rhizome: {@code ConceptSearcher.search(SearchRequest.of(text, mode, 10))} for HYBRID (RRF of 50 + 50
 *       candidates), BM25 and VECTOR;</li>
 *   <li>raw Lucene, same index and searcher state: the same BM25 query ({@code ConceptSearcher.bm25Query}, built per
 *       query in both) through {@code IndexSearcher.search(query, n)} and a {@code KnnFloatVectorQuery} on the same
 *       field and vector; for hybrid both searches with 50 candidates each, fused by nothing and no documents
 *       loaded.</li>
 * </ul>
 * {@code ConceptSearcher} has no entry point that takes a query vector (it embeds {@code ConceptText.of(text)}
 * itself), so the query vectors are computed with the stand-in before timing and served by a lookup table behind the
 * {@link TextEmbedder} interface; the raw path makes the same lookup call, so both timings include the same
 * hash-map lookup and neither includes embedding. The stand-in's own time per query is measured apart.
 * Two diagnostic rows locate the difference: raw hybrid plus loading the stored documents of all its hits (as
 * {@code ConceptSearcher} does before fusing), and raw hybrid fused on Lucene doc ids with only the top {@code k}
 * documents loaded (what a searcher that fuses before loading would cost).
 * After a warm-up (2 passes of every variant over another {@code Q} queries), {@code R} rounds run every variant
 * over the {@code Q} queries, the order of the variants rotating each round; latencies are per query (wall clock),
 * median and p99 over all rounds' samples, and the Rhizome / raw ratio as the median of the per-round ratios of
 * medians. Results are checked once before timing: Rhizome's BM25 and vector hits equal raw Lucene's top 10.
 *
 * <p>Usage: {@code IndexScaleBenchmark N [Q=1000] [R=5] [indexDir]} (N may be written {@code 1e5}); without
 * {@code indexDir} a temporary directory is used and deleted at the end.
 */
public final class IndexScaleBenchmark {
    private static final int DIM = 384;
    private static final int K = 10;
    private static final int SLICE = 1024;
    private static volatile long sink;

    private IndexScaleBenchmark() {
    }

    /** A timed variant: runs query {@code i} and returns something to consume. */
    private interface Variant {
        long run(int i);
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: IndexScaleBenchmark N [Q=1000] [R=5] [indexDir]");
        }
        int n = (int) Double.parseDouble(args[0]);
        int q = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        boolean temp = args.length <= 3;
        Path dir = temp ? Files.createTempDirectory("rhizome-index-scale") : Path.of(args[3]);
        if (n < 1 || q < 1 || rounds < 1) {
            throw new IllegalArgumentException("N, Q and R must be >= 1, got " + n + ", " + q + ", " + rounds);
        }
        if (!temp && Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("index directory " + dir + " is not empty");
                }
            }
        }
        SyntheticConcepts gen = new SyntheticConcepts(7);
        HashedWordsEmbedder standIn = new HashedWordsEmbedder(DIM);
        System.out.println("machine: " + BenchSupport.machine());
        System.out.println("vectors: " + standIn + " -- measures the index layer, not the embedding model");
        System.out.println(fmt("N = %,d concepts, %,d queries, %d rounds, index in %s", n, q, rounds, dir));
        try {
            run(n, q, rounds, dir, gen, standIn);
        } finally {
            if (temp) {
                BenchSupport.deleteTree(dir);
            }
        }
    }

    private static void run(int n, int q, int rounds, Path dir, SyntheticConcepts gen, HashedWordsEmbedder standIn) {
        long heapBefore = BenchSupport.heapAfterGc();

        // ---- build
        ConceptIndex index = ConceptIndex.open(dir, standIn.modelId(), DIM, ConceptText.RECIPE);
        long embedNs = 0;
        long t0 = System.nanoTime();
        int nextReport = Math.max(1, n / 10);
        List<SyntheticConcepts.Concept> slice = new ArrayList<>(SLICE);
        List<String> texts = new ArrayList<>(SLICE);
        for (int from = 0; from < n; from += SLICE) {
            slice.clear();
            texts.clear();
            for (int i = from; i < Math.min(n, from + SLICE); i++) {
                SyntheticConcepts.Concept c = gen.concept(i);
                slice.add(c);
                texts.add(c.text());
            }
            long e0 = System.nanoTime();
            List<float[]> vectors = standIn.embedAll(texts);
            embedNs += System.nanoTime() - e0;
            for (int j = 0; j < slice.size(); j++) {
                index.upsert(slice.get(j).indexed(), vectors.get(j));
            }
            int done = Math.min(n, from + SLICE);
            if (done >= nextReport || done == n) {
                double s = (System.nanoTime() - t0) / 1e9;
                System.err.println(fmt("  built %,d / %,d in %.1f s (%,.0f concepts/s)", done, n, s, done / s));
                nextReport += Math.max(1, n / 10);
            }
        }
        index.commit();
        double commitS = (System.nanoTime() - t0) / 1e9;
        long c0 = System.nanoTime();
        index.close(); // waits for the background merges
        double closeS = (System.nanoTime() - c0) / 1e9;
        long disk = BenchSupport.sizeOnDisk(dir);
        double embedS = embedNs / 1e9;

        // ---- queries
        index = ConceptIndex.open(dir, standIn.modelId(), DIM, ConceptText.RECIPE);
        try {
            int docs = index.count();
            int segments = index.withSearcher(s -> s.getIndexReader().leaves().size());
            if (docs != n) {
                throw new IllegalStateException("index holds " + docs + " concepts, expected " + n);
            }
            String[] queries = queries(gen, n, q, new SplittableRandom(11));
            String[] warmQueries = queries(gen, n, q, new SplittableRandom(12));
            Map<String, float[]> vectors = new HashMap<>();
            long v0 = System.nanoTime();
            for (String s : queries) {
                vectors.put(ConceptText.of(s), standIn.embed(ConceptText.of(s)));
            }
            double embedQueryUs = (System.nanoTime() - v0) / 1e3 / q;
            for (String s : warmQueries) {
                vectors.put(ConceptText.of(s), standIn.embed(ConceptText.of(s)));
            }
            Precomputed lookup = new Precomputed(vectors, standIn);
            ConceptSearcher searcher = new ConceptSearcher(index, lookup);
            int mismatches = check(index, searcher, lookup, queries);

            String[] names = {"Rhizome hybrid", "raw hybrid", "Rhizome BM25", "raw BM25", "Rhizome vector",
                "raw vector", "raw hybrid + stored docs", "raw hybrid + doc-id RRF + top-k docs"};
            long[][][] lat = new long[names.length][rounds][q];
            for (int pass = 0; pass < 2; pass++) {
                for (int v = 0; v < names.length; v++) {
                    timePass(index, searcher, lookup, warmQueries, v, new long[q]);
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < names.length; k++) {
                    int v = (k + r) % names.length;
                    timePass(index, searcher, lookup, queries, v, lat[v][r]);
                }
                System.err.println(fmt("  round %d: Rhizome hybrid median %.0f us, raw hybrid %.0f us", r + 1,
                        medianUs(lat[0][r]), medianUs(lat[1][r])));
            }
            long heapOpen = BenchSupport.heapAfterGc();

            // ---- report
            System.out.println();
            System.out.println(fmt("### N = %,d: build and size (vectors from the hashed-words stand-in, 384 dims)",
                    n));
            System.out.println();
            System.out.println("| N | to commit s | concepts/s | stand-in embedding s | index only, concepts/s "
                    + "| close (merges finish) s | concepts/s incl. close | segments | index on disk MiB "
                    + "| bytes/concept | heap after GC MiB: before / index open |");
            System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            System.out.println(fmt("| %,d | %.1f | %,.0f | %.1f | %,.0f | %.1f | %,.0f | %d | %s | %,.0f | %s / %s |",
                    n, commitS, n / commitS, embedS, n / (commitS - embedS), closeS, n / (commitS + closeS),
                    segments, BenchSupport.mib(disk), disk / (double) n, BenchSupport.mib(heapBefore),
                    BenchSupport.mib(heapOpen)));
            System.out.println();
            System.out.println(fmt("### N = %,d: query latency, %,d queries x %d rounds, k = %d (hybrid: 50 + 50 "
                    + "candidates), query vectors precomputed", n, q, rounds, K));
            System.out.println();
            System.out.println("| query | Rhizome median us | Rhizome p99 us | raw Lucene median us | raw p99 us "
                    + "| Rhizome / raw (median; rounds min-max) | p99 ratio |");
            System.out.println("|---|---:|---:|---:|---:|---:|---:|");
            String[] rows = {"hybrid (RRF)", "BM25 only", "vector only (HNSW)"};
            for (int m = 0; m < 3; m++) {
                row(rows[m], lat[2 * m], lat[2 * m + 1]);
            }
            row("diagnostic: raw hybrid + loading the stored docs of all its hits (as Rhizome did before 09cc42d), "
                    + "vs raw hybrid",
                    lat[6], lat[1]);
            row("diagnostic: raw hybrid + RRF on doc ids + loading only the top " + K + " docs, vs raw hybrid",
                    lat[7], lat[1]);
            System.out.println();
            System.out.println(fmt("stand-in query embedding (not in the timings above): %.1f us per query; "
                    + "result check before timing: %d of %d queries differ (BM25 or vector top %d, or a hybrid hit "
                    + "outside the raw candidates)", embedQueryUs, mismatches, q, K));
        } finally {
            index.close();
        }
    }

    private static void row(String name, long[][] ours, long[][] raw) {
        int rounds = ours.length;
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = medianUs(ours[r]) / medianUs(raw[r]);
        }
        long[] a = pooled(ours);
        long[] b = pooled(raw);
        double p99a = BenchSupport.quantile(a, 0.99) / 1e3;
        double p99b = BenchSupport.quantile(b, 0.99) / 1e3;
        System.out.println(fmt("| %s | %.0f | %.0f | %.0f | %.0f | **%.2f** (%.2f - %.2f) | %.2f |", name,
                BenchSupport.quantile(a, 0.5) / 1e3, p99a, BenchSupport.quantile(b, 0.5) / 1e3, p99b,
                BenchSupport.median(ratio), BenchSupport.min(ratio), BenchSupport.max(ratio), p99a / p99b));
    }

    private static long[] pooled(long[][] perRound) {
        long[] all = Arrays.stream(perRound).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static double medianUs(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return BenchSupport.quantile(s, 0.5) / 1e3;
    }

    /** Runs variant {@code v} over all {@code queries}, writing each query's nanoseconds into {@code out}. */
    private static void timePass(ConceptIndex index, ConceptSearcher searcher, Precomputed lookup, String[] queries,
            int v, long[] out) {
        SearchMode mode = v < 2 ? SearchMode.HYBRID : v < 4 ? SearchMode.BM25 : v < 6 ? SearchMode.VECTOR : null;
        if (v % 2 == 0 && v < 6) {
            SearchRequest[] reqs = new SearchRequest[queries.length];
            for (int i = 0; i < queries.length; i++) {
                reqs[i] = SearchRequest.of(queries[i], mode, K);
            }
            for (int i = 0; i < queries.length; i++) {
                long t0 = System.nanoTime();
                List<SearchHit> hits = searcher.search(reqs[i]);
                out[i] = System.nanoTime() - t0;
                sink += hits.size();
            }
            return;
        }
        int candidates = SearchRequest.of("x", SearchMode.HYBRID, K).candidates();
        index.withSearcher(s -> {
            Variant raw = switch (v) {
                case 1 -> i -> hybridRaw(s, searcher, lookup, queries[i], candidates, false);
                case 3 -> i -> top(s, searcher.bm25Query(queries[i], Set.of()).orElseThrow(), K).totalHits.value;
                case 5 -> i -> top(s, new KnnFloatVectorQuery(ConceptIndex.F_VECTOR,
                        lookup.embed(ConceptText.of(queries[i])), K), K).scoreDocs.length;
                case 6 -> i -> hybridRaw(s, searcher, lookup, queries[i], candidates, true);
                case 7 -> i -> hybridFusedByDocId(s, searcher, lookup, queries[i], candidates);
                default -> throw new IllegalArgumentException("variant " + v);
            };
            for (int i = 0; i < queries.length; i++) {
                long t0 = System.nanoTime();
                long x = raw.run(i);
                out[i] = System.nanoTime() - t0;
                sink += x;
            }
            return null;
        });
    }

    private static long hybridRaw(IndexSearcher s, ConceptSearcher searcher, Precomputed lookup, String text,
            int candidates, boolean loadDocs) {
        TopDocs lexical = top(s, searcher.bm25Query(text, Set.of()).orElseThrow(), candidates);
        float[] v = lookup.embed(ConceptText.of(text));
        TopDocs semantic = top(s, new KnnFloatVectorQuery(ConceptIndex.F_VECTOR, v, candidates), candidates);
        long x = lexical.scoreDocs.length + semantic.scoreDocs.length;
        if (loadDocs) {
            for (ScoreDoc d : lexical.scoreDocs) {
                x += ConceptIndex.document(s, d).label().length();
            }
            for (ScoreDoc d : semantic.scoreDocs) {
                x += ConceptIndex.document(s, d).label().length();
            }
        }
        return x;
    }

    /**
     * What a hybrid search fused on Lucene doc ids would cost: both searches, weighted RRF (weights 1, c = 60) over
     * doc ids, then the stored documents of the top {@code K} only. Same ranking rule as {@code ConceptSearcher}.
     */
    private static long hybridFusedByDocId(IndexSearcher s, ConceptSearcher searcher, Precomputed lookup, String text,
            int candidates) {
        TopDocs lexical = top(s, searcher.bm25Query(text, Set.of()).orElseThrow(), candidates);
        float[] v = lookup.embed(ConceptText.of(text));
        TopDocs semantic = top(s, new KnnFloatVectorQuery(ConceptIndex.F_VECTOR, v, candidates), candidates);
        Map<Integer, double[]> fused = new java.util.LinkedHashMap<>();
        for (int i = 0; i < lexical.scoreDocs.length; i++) {
            fused.computeIfAbsent(lexical.scoreDocs[i].doc, d -> new double[1])[0] +=
                    1.0 / (SearchRequest.DEFAULT_RRF_CONSTANT + i + 1.0);
        }
        for (int i = 0; i < semantic.scoreDocs.length; i++) {
            fused.computeIfAbsent(semantic.scoreDocs[i].doc, d -> new double[1])[0] +=
                    1.0 / (SearchRequest.DEFAULT_RRF_CONSTANT + i + 1.0);
        }
        List<Map.Entry<Integer, double[]>> ranked = new ArrayList<>(fused.entrySet());
        ranked.sort(java.util.Comparator.comparingDouble((Map.Entry<Integer, double[]> e) -> -e.getValue()[0]));
        long x = 0;
        for (int i = 0; i < Math.min(K, ranked.size()); i++) {
            x += ConceptIndex.document(s, new ScoreDoc(ranked.get(i).getKey(), 0f)).label().length();
        }
        return x;
    }

    private static TopDocs top(IndexSearcher s, Query query, int k) {
        try {
            return s.search(query, k);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Number of queries whose Rhizome results disagree with raw Lucene's. */
    private static int check(ConceptIndex index, ConceptSearcher searcher, Precomputed lookup, String[] queries) {
        int candidates = SearchRequest.of("x", SearchMode.HYBRID, K).candidates();
        return index.withSearcher(s -> {
            int bad = 0;
            for (String text : queries) {
                Query bq = searcher.bm25Query(text, Set.of()).orElseThrow();
                float[] v = lookup.embed(ConceptText.of(text));
                List<String> rawBm25 = iris(s, top(s, bq, K));
                List<String> rawVec = iris(s, top(s, new KnnFloatVectorQuery(ConceptIndex.F_VECTOR, v, K), K));
                Set<String> union = new HashSet<>(iris(s, top(s, bq, candidates)));
                union.addAll(iris(s, top(s, new KnnFloatVectorQuery(ConceptIndex.F_VECTOR, v, candidates),
                        candidates)));
                List<String> ours = searcher.search(SearchRequest.of(text, SearchMode.BM25, K)).stream()
                        .map(SearchHit::iri).toList();
                List<String> oursVec = searcher.search(SearchRequest.of(text, SearchMode.VECTOR, K)).stream()
                        .map(SearchHit::iri).toList();
                List<String> hybrid = searcher.search(SearchRequest.of(text, SearchMode.HYBRID, K)).stream()
                        .map(SearchHit::iri).toList();
                if (!ours.equals(rawBm25) || !oursVec.equals(rawVec) || !union.containsAll(hybrid)
                        || hybrid.size() != Math.min(K, union.size())) {
                    bad++;
                }
            }
            return bad;
        });
    }

    private static List<String> iris(IndexSearcher s, TopDocs td) {
        List<String> out = new ArrayList<>(td.scoreDocs.length);
        for (ScoreDoc d : td.scoreDocs) {
            out.add(ConceptIndex.document(s, d).iri());
        }
        return out;
    }

    /**
     * The benchmark's query texts: a concept's label (40%), a label with one word dropped (25%), a label and a word
     * of its description (20%), or a vocabulary phrase (15%). Every text has at least one BM25 term.
     */
    private static String[] queries(SyntheticConcepts gen, int n, int count, SplittableRandom r) {
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            SyntheticConcepts.Concept c = gen.concept(r.nextInt(n));
            int kind = r.nextInt(100);
            String[] words = c.label().split(" ");
            String text;
            if (kind < 40) {
                text = c.label();
            } else if (kind < 65 && words.length >= 2) {
                int drop = r.nextInt(words.length);
                List<String> keep = new ArrayList<>(Arrays.asList(words));
                keep.remove(drop);
                text = String.join(" ", keep);
            } else if (kind < 85 && c.description().isPresent()) {
                String[] d = c.description().get().replaceAll("[^\\p{L}\\p{N} ]", "").split(" ");
                text = c.label() + " " + d[r.nextInt(d.length)];
            } else {
                text = gen.phrase(r);
            }
            if (!hasTerms(text)) {
                text = c.label();
            }
            out[i] = text;
        }
        return out;
    }

    private static boolean hasTerms(String text) {
        // a stop word alone ("The") gives no BM25 query; the label of the same concept always has a content word
        for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!w.isEmpty() && !org.apache.lucene.analysis.en.EnglishAnalyzer.ENGLISH_STOP_WORDS_SET.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Query vectors computed before timing, served behind the {@link TextEmbedder} interface under the stand-in's
     * model identity (so {@link ConceptSearcher} accepts it). Returns the stored array itself: Lucene's kNN query
     * only reads it.
     */
    private static final class Precomputed implements TextEmbedder {
        private final Map<String, float[]> vectors;
        private final TextEmbedder of;

        Precomputed(Map<String, float[]> vectors, TextEmbedder of) {
            this.vectors = vectors;
            this.of = of;
        }

        @Override
        public float[] embed(String text) {
            float[] v = vectors.get(text);
            if (v == null) {
                throw new IllegalStateException("no precomputed vector for \"" + text + "\"");
            }
            return v;
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            return texts.stream().map(this::embed).toList();
        }

        @Override
        public int dimension() {
            return of.dimension();
        }

        @Override
        public String modelId() {
            return of.modelId();
        }
    }
}
