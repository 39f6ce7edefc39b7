package org.rhizome.benchmarks.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.rhizome.embeddings.TextEmbedder;

/**
 * A cheap deterministic stand-in for a text embedding model, for benchmarks of the index layer at sizes the real
 * model cannot embed in reasonable time (all-MiniLM-L6-v2 does about 250 texts/s on this machine, so 10^6 concepts
 * would take over an hour). It is NOT a language model: the vector of a text is the sum of one pseudo-random vector
 * per word (lower-cased letters and digits; each component a uniform value in [-1, 1) drawn from a SplitMix64
 * stream seeded by the word's 64-bit FNV-1a hash), scaled to unit length. Texts sharing words get nearby vectors,
 * so the HNSW graph and the kNN searches see clustered data rather than uniform noise, but no meaning is captured.
 *
 * <p>Time O(words x dimension) per text (a few microseconds for a label with a description); no state, thread-safe.
 */
public final class HashedWordsEmbedder implements TextEmbedder {
    private final int dimension;

    /** @param dimension vector dimension, at least 1 */
    public HashedWordsEmbedder(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        float[] v = new float[dimension];
        long h = 0xcbf29ce484222325L;
        int len = 0;
        for (int i = 0; i <= text.length(); i++) {
            char c = i < text.length() ? Character.toLowerCase(text.charAt(i)) : ' ';
            if (Character.isLetterOrDigit(c)) {
                h = (h ^ c) * 0x100000001b3L;
                len++;
            } else if (len > 0) {
                addWord(v, h);
                h = 0xcbf29ce484222325L;
                len = 0;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1; // a text with no word: a fixed unit vector, never a zero one (DOT_PRODUCT needs unit length)
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < dimension; i++) {
            v[i] *= inv;
        }
        return v;
    }

    private void addWord(float[] v, long wordHash) {
        long s = wordHash;
        for (int i = 0; i < dimension; i++) {
            s += 0x9E3779B97F4A7C15L;
            long z = SyntheticConcepts.mix(s);
            v[i] += (z >>> 40) * 0x1.0p-23f - 1f; // 24 random bits -> [-1, 1)
        }
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) {
            out.add(embed(t));
        }
        return out;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public String modelId() {
        return "benchmark:hashed-words-stand-in:" + dimension;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "HashedWordsEmbedder[%d dims, stand-in, not a language model]", dimension);
    }
}
