package org.rhizome.embeddings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TextEmbedder} that asks its {@link EmbeddingCache} first and the model only for texts it has never seen
 * (each distinct missing text once per call, in the model's batches). Closing it closes the cache, not the model.
 */
public final class CachingEmbedder implements TextEmbedder, AutoCloseable {
    private final TextEmbedder model;
    private final EmbeddingCache cache;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    /**
     * @throws IllegalArgumentException if the cache belongs to another model identity or dimension
     */
    public CachingEmbedder(TextEmbedder model, EmbeddingCache cache) {
        this.model = Objects.requireNonNull(model, "model");
        this.cache = Objects.requireNonNull(cache, "cache");
        if (!cache.modelId().equals(model.modelId()) || cache.dimension() != model.dimension()) {
            throw new IllegalArgumentException("cache of " + cache.modelId() + " (dimension " + cache.dimension()
                    + ") cannot serve model " + model.modelId() + " (dimension " + model.dimension() + ")");
        }
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        float[][] out = new float[texts.size()][];
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            String t = Objects.requireNonNull(texts.get(i), "texts[" + i + "]");
            Optional<float[]> v = cache.get(t);
            if (v.isPresent()) {
                out[i] = v.get();
            } else {
                missing.computeIfAbsent(t, x -> new ArrayList<>(1)).add(i);
            }
        }
        hits.addAndGet(texts.size() - missing.values().stream().mapToInt(List::size).sum());
        if (!missing.isEmpty()) {
            List<String> todo = new ArrayList<>(missing.keySet());
            List<float[]> vs = model.embedAll(todo);
            misses.addAndGet(todo.size());
            for (int j = 0; j < todo.size(); j++) {
                float[] v = vs.get(j);
                cache.put(todo.get(j), v);
                List<Integer> at = missing.get(todo.get(j));
                for (int k = 0; k < at.size(); k++) {
                    out[at.get(k)] = k == 0 ? v : v.clone();
                }
            }
        }
        return java.util.Arrays.asList(out);
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public String modelId() {
        return model.modelId();
    }

    /** The cache in front of the model. */
    public EmbeddingCache cache() {
        return cache;
    }

    /** The model behind the cache. */
    public TextEmbedder model() {
        return model;
    }

    /** Texts answered from the cache since this embedder was made. */
    public long hits() {
        return hits.get();
    }

    /** Distinct texts that had to be embedded by the model since this embedder was made. */
    public long misses() {
        return misses.get();
    }

    @Override
    public void close() {
        cache.close();
    }
}
