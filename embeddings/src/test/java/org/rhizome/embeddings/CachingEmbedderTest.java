package org.rhizome.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbedderTest {
    @TempDir
    Path dir;

    /** A deterministic fake model that counts the texts it is asked to embed. */
    static final class CountingEmbedder implements TextEmbedder {
        final List<String> seen = new ArrayList<>();

        @Override
        public synchronized List<float[]> embedAll(List<String> texts) {
            seen.addAll(texts);
            List<float[]> out = new ArrayList<>();
            for (String t : texts) {
                out.add(new float[] {t.length(), t.hashCode() % 7, 1});
            }
            return out;
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public String modelId() {
            return "counting";
        }
    }

    @Test
    void aCacheHitDoesNotCallTheModel() {
        CountingEmbedder model = new CountingEmbedder();
        try (CachingEmbedder e = new CachingEmbedder(model, EmbeddingCache.open(dir, "counting", 3))) {
            float[] first = e.embed("cat");
            assertThat(model.seen).containsExactly("cat");
            float[] again = e.embed("cat");
            assertThat(model.seen).containsExactly("cat");
            assertThat(again).containsExactly(first);
            assertThat(e.hits()).isEqualTo(1);
            assertThat(e.misses()).isEqualTo(1);
        }
        // and across runs
        CountingEmbedder fresh = new CountingEmbedder();
        try (CachingEmbedder e = new CachingEmbedder(fresh, EmbeddingCache.open(dir, "counting", 3))) {
            e.embedAll(List.of("cat", "dog"));
            assertThat(fresh.seen).containsExactly("dog");
        }
    }

    @Test
    void repeatedTextsInOneCallAreEmbeddedOnceAndOrderIsKept() {
        CountingEmbedder model = new CountingEmbedder();
        CachingEmbedder e = new CachingEmbedder(model, EmbeddingCache.inMemory("counting", 3));
        List<float[]> vs = e.embedAll(List.of("a", "bb", "a", "ccc"));
        assertThat(model.seen).containsExactly("a", "bb", "ccc");
        assertThat(vs).extracting(v -> v[0]).containsExactly(1f, 2f, 1f, 3f);
        vs.get(0)[0] = 99; // callers own their arrays
        assertThat(vs.get(2)[0]).isEqualTo(1f);
    }

    @Test
    void refusesACacheOfAnotherModel() {
        assertThatThrownBy(() -> new CachingEmbedder(new CountingEmbedder(), EmbeddingCache.inMemory("other", 3)))
                .hasMessageContaining("cannot serve model counting");
    }
}
