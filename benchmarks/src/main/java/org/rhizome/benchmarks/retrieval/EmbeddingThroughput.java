package org.rhizome.benchmarks.retrieval;

import static org.rhizome.benchmarks.retrieval.BenchSupport.fmt;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.rhizome.embeddings.CachingEmbedder;
import org.rhizome.embeddings.EmbeddingCache;
import org.rhizome.embeddings.LangChain4jEmbedder;

/**
 * Texts per second of Rhizome's embedder against LangChain4j's model called directly, and of the persistent cache.
 *
 * <ul>
 *   <li>Reference: {@code model().embedAll(List<TextSegment>)} of the in-process all-MiniLM-L6-v2, called once per
 *       batch of 32 texts (the segment batches are built before timing).</li>
 *   <li>Rhizome: {@link LangChain4jEmbedder#miniLm(int) LangChain4jEmbedder.miniLm(32)}{@code .embedAll(texts)}, the
 *       same model instance and the same batches of 32 (it slices the list in order), plus its checks, copying and
 *       normalisation.</li>
 *   <li>Cache: a {@link CachingEmbedder} over a persistent {@link EmbeddingCache} in a fresh temporary directory;
 *       one pass over the texts (all misses: embedded and appended), then the cache is closed, reopened from its
 *       file, and passes over the same texts (all hits) are timed.</li>
 * </ul>
 *
 * <p>The texts are {@code T} generated concepts ({@link SyntheticConcepts}, seed 42) in the project's embedding
 * recipe (label, then ": " and the description). After a warm-up of both paths, {@code R} rounds alternate the two
 * (reference first in even rounds, Rhizome first in odd ones) over all {@code T} texts; the table gives medians over
 * rounds and the overhead, Rhizome time / reference time - 1, both as the ratio of the medians and as the median of
 * the per-round ratios.
 *
 * <p>Usage: {@code EmbeddingThroughput [T=3200] [R=5] [minilm|minilm-q]}; the third argument picks the full model
 * (default) or its 8-bit quantised version ({@link LangChain4jEmbedder#miniLmQuantized}) for both paths.
 */
public final class EmbeddingThroughput {
    private static final int BATCH = 32;
    private static volatile double sink;

    private EmbeddingThroughput() {
    }

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 3200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        if (n < BATCH || rounds < 1) {
            throw new IllegalArgumentException("need T >= " + BATCH + " texts and R >= 1 rounds, got " + n + ", "
                    + rounds);
        }
        SyntheticConcepts gen = new SyntheticConcepts(42);
        List<String> texts = new ArrayList<>(n);
        long words = 0;
        int minWords = Integer.MAX_VALUE;
        int maxWords = 0;
        for (int i = 0; i < n; i++) {
            String t = gen.concept(i).text();
            texts.add(t);
            int w = t.split("\\s+").length;
            words += w;
            minWords = Math.min(minWords, w);
            maxWords = Math.max(maxWords, w);
        }
        int distinct = new HashSet<>(texts).size();
        System.out.println("machine: " + BenchSupport.machine());
        System.out.println(fmt("texts: %,d generated concepts (seed 42), %,d distinct; words per text: mean %.1f, "
                + "min %d, max %d; e.g. \"%s\" / \"%s\"", n, distinct, words / (double) n, minWords, maxWords,
                texts.get(0), texts.get(3)));

        String model = args.length > 2 ? args[2] : "minilm";
        LangChain4jEmbedder ours = switch (model) {
            case "minilm" -> LangChain4jEmbedder.miniLm(BATCH);
            case "minilm-q" -> LangChain4jEmbedder.miniLmQuantized(BATCH);
            default -> throw new IllegalArgumentException("model must be minilm or minilm-q, got " + model);
        };
        System.out.println("model: " + ours.modelId());
        EmbeddingModel raw = ours.model();
        List<List<TextSegment>> batches = new ArrayList<>();
        for (int from = 0; from < n; from += BATCH) {
            List<TextSegment> b = new ArrayList<>(BATCH);
            for (int i = from; i < Math.min(n, from + BATCH); i++) {
                b.add(TextSegment.from(texts.get(i)));
            }
            batches.add(b);
        }

        // the two paths must compute the same thing: compare the first batch
        List<float[]> a = ours.embedAll(texts.subList(0, BATCH));
        List<Embedding> b = raw.embedAll(batches.get(0)).content();
        double maxDiff = 0;
        for (int i = 0; i < BATCH; i++) {
            float[] x = a.get(i);
            float[] y = b.get(i).vector();
            double norm = 0;
            for (float f : y) {
                norm += f * f;
            }
            for (int j = 0; j < x.length; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(x[j] - y[j] / Math.sqrt(norm)));
            }
        }
        System.out.println(fmt("same vectors: max |Rhizome - reference normalised| over the first batch = %.2g",
                maxDiff));

        // warm-up: 10 batches each way, twice
        List<String> warm = texts.subList(0, Math.min(n, 10 * BATCH));
        for (int w = 0; w < 2; w++) {
            consume(ours.embedAll(warm));
            for (int i = 0; i < Math.min(10, batches.size()); i++) {
                consumeRaw(raw.embedAll(batches.get(i)).content());
            }
        }

        double[] oursRate = new double[rounds];
        double[] rawRate = new double[rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double tOurs = 0;
            double tRaw = 0;
            for (int leg = 0; leg < 2; leg++) {
                boolean rawFirst = r % 2 == 0;
                if ((leg == 0) == rawFirst) {
                    long t0 = System.nanoTime();
                    for (List<TextSegment> batch : batches) {
                        consumeRaw(raw.embedAll(batch).content());
                    }
                    tRaw = (System.nanoTime() - t0) / 1e9;
                } else {
                    long t0 = System.nanoTime();
                    consume(ours.embedAll(texts));
                    tOurs = (System.nanoTime() - t0) / 1e9;
                }
            }
            oursRate[r] = n / tOurs;
            rawRate[r] = n / tRaw;
            ratio[r] = tOurs / tRaw;
            System.out.println(fmt("round %d (%s first): reference %.1f texts/s, Rhizome %.1f texts/s, "
                    + "Rhizome time / reference time %.3f", r + 1, r % 2 == 0 ? "reference" : "Rhizome", rawRate[r],
                    oursRate[r], ratio[r]));
        }

        // the cache: one pass of misses, reopen from the file, passes of hits
        Path dir = Files.createTempDirectory("rhizome-embedding-cache");
        double missRate;
        long missCount;
        try {
            try (CachingEmbedder cold = new CachingEmbedder(ours,
                    EmbeddingCache.open(dir, ours.modelId(), ours.dimension()))) {
                long t0 = System.nanoTime();
                consume(cold.embedAll(texts));
                missRate = n / ((System.nanoTime() - t0) / 1e9);
                missCount = cold.misses();
            }
            long cacheBytes = BenchSupport.sizeOnDisk(dir);
            long t0 = System.nanoTime();
            EmbeddingCache reopened = EmbeddingCache.open(dir, ours.modelId(), ours.dimension());
            double openMs = (System.nanoTime() - t0) / 1e6;
            double[] hitRate = new double[rounds];
            long hitsBefore;
            try (CachingEmbedder warmCache = new CachingEmbedder(ours, reopened)) {
                // the cache must hand back exactly the model's vectors
                List<float[]> cached = warmCache.embedAll(texts.subList(0, BATCH));
                for (int i = 0; i < BATCH; i++) {
                    if (!java.util.Arrays.equals(cached.get(i), a.get(i))) {
                        throw new IllegalStateException("cached vector " + i + " differs from the model's");
                    }
                }
                for (int w = 0; w < 20; w++) {
                    consume(warmCache.embedAll(texts));
                }
                hitsBefore = warmCache.hits();
                int passes = 0;
                for (int r = 0; r < rounds; r++) {
                    // enough passes per round for about half a second
                    long r0 = System.nanoTime();
                    int p = 0;
                    do {
                        consume(warmCache.embedAll(texts));
                        p++;
                    } while (System.nanoTime() - r0 < 500_000_000L);
                    hitRate[r] = (double) p * n / ((System.nanoTime() - r0) / 1e9);
                    passes += p;
                }
                if (warmCache.misses() != 0) {
                    throw new IllegalStateException("the reopened cache missed " + warmCache.misses() + " texts");
                }
                System.out.println(fmt("cache: %,d records, file %s MiB, reopened in %.1f ms; %,d hit passes, "
                        + "%,d hits, 0 misses", reopened.size(), BenchSupport.mib(cacheBytes), openMs, passes,
                        warmCache.hits() - hitsBefore));
            }
            double ourMedian = BenchSupport.median(oursRate);
            double rawMedian = BenchSupport.median(rawRate);
            double hitMedian = BenchSupport.median(hitRate);
            System.out.println();
            System.out.println(fmt("### Embedding throughput, %s in process, %,d texts, batches of %d, "
                    + "median of %d rounds", ours.modelId(), n, BATCH, rounds));
            System.out.println();
            System.out.println("| path | texts/s (median) | min - max over rounds | vs reference |");
            System.out.println("|---|---:|---:|---:|");
            System.out.println(fmt("| LangChain4j `model().embedAll(List<TextSegment>)`, one call per batch "
                    + "(reference) | %,.1f | %,.1f - %,.1f | 1 |", rawMedian, BenchSupport.min(rawRate),
                    BenchSupport.max(rawRate)));
            System.out.println(fmt("| Rhizome `LangChain4jEmbedder.embedAll` (batch 32) | %,.1f | %,.1f - %,.1f | "
                    + "time ratio %.3f (median of rounds; %.3f - %.3f), overhead **%+.1f%%** |", ourMedian,
                    BenchSupport.min(oursRate), BenchSupport.max(oursRate), BenchSupport.median(ratio),
                    BenchSupport.min(ratio), BenchSupport.max(ratio), 100 * (BenchSupport.median(ratio) - 1)));
            System.out.println(fmt("| `CachingEmbedder`, all misses (one pass, %,d distinct texts embedded and "
                    + "appended) | %,.1f | one run | %.3f of Rhizome's median rate |", missCount, missRate,
                    missRate / ourMedian));
            System.out.println(fmt("| `CachingEmbedder`, all hits (persistent cache reopened from its file) | %,.0f "
                    + "| %,.0f - %,.0f | **%,.0fx** Rhizome's embedding rate |", hitMedian, BenchSupport.min(hitRate),
                    BenchSupport.max(hitRate), hitMedian / ourMedian));
            System.out.println();
            System.out.println(fmt("overhead as ratio of medians: reference %.1f / Rhizome %.1f texts/s = %.3f "
                    + "(goal <= 1.10); cache speed-up %.0fx (goal >= 100x)", rawMedian, ourMedian,
                    rawMedian / ourMedian, hitMedian / ourMedian));
        } finally {
            BenchSupport.deleteTree(dir);
        }
    }

    private static void consume(List<float[]> vs) {
        double s = 0;
        for (float[] v : vs) {
            s += v[0];
        }
        sink += s;
    }

    private static void consumeRaw(List<Embedding> es) {
        double s = 0;
        for (Embedding e : es) {
            s += e.vector()[0];
        }
        sink += s;
    }
}
