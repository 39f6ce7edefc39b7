package org.rhizome.benchmarks.agent;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.rhizome.embeddings.TextEmbedder;

/**
 * An embedder that counts the texts it embeds and the time spent, delegating everything to another one (same model
 * identity and dimension, so indexes built through it are the delegate's). Put under the retrieval services' cache,
 * it sees only the texts the model actually computes (cache misses).
 */
final class TimedEmbedder implements TextEmbedder {
    private final TextEmbedder inner;
    private final AtomicLong texts = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    TimedEmbedder(TextEmbedder inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public List<float[]> embedAll(List<String> batch) {
        long t0 = System.nanoTime();
        try {
            return inner.embedAll(batch);
        } finally {
            nanos.addAndGet(System.nanoTime() - t0);
            texts.addAndGet(batch.size());
        }
    }

    @Override
    public float[] embed(String text) {
        long t0 = System.nanoTime();
        try {
            return inner.embed(text);
        } finally {
            nanos.addAndGet(System.nanoTime() - t0);
            texts.incrementAndGet();
        }
    }

    @Override
    public int dimension() {
        return inner.dimension();
    }

    @Override
    public String modelId() {
        return inner.modelId();
    }

    long texts() {
        return texts.get();
    }

    long nanos() {
        return nanos.get();
    }
}
