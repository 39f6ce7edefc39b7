package org.rhizome.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rhizome.embeddings.LangChain4jEmbedder;
import org.rhizome.embeddings.TextEmbedder;
import org.rhizome.embeddings.vector.VectorKernels;

/** Embedders for tests: a shared MiniLM, and a fast deterministic bag-of-words stand-in. */
public final class TestEmbedders {
    private static LangChain4jEmbedder miniLm;

    private TestEmbedders() {
    }

    /** The in-process MiniLM, loaded once per test JVM. */
    public static synchronized LangChain4jEmbedder miniLm() {
        if (miniLm == null) {
            miniLm = LangChain4jEmbedder.miniLm();
        }
        return miniLm;
    }

    /**
     * Hashed bag of lower-case words in 64 dimensions, unit length: texts sharing words are similar, others nearly
     * orthogonal. Counts the texts it embeds.
     */
    public static class BagOfWords implements TextEmbedder {
        public int calls;

        @Override
        public synchronized List<float[]> embedAll(List<String> texts) {
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                calls++;
                float[] v = new float[64];
                for (String w : t.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                    if (!w.isEmpty()) {
                        v[Math.floorMod(w.hashCode(), 64)] += 1;
                    }
                }
                v[63] += 0.01f; // never the zero vector
                out.add(VectorKernels.get().normalizeInPlace(v));
            }
            return out;
        }

        @Override
        public int dimension() {
            return 64;
        }

        @Override
        public String modelId() {
            return "test:bag-of-words:64";
        }
    }
}
