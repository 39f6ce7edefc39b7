package org.rhizome.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
    @TempDir
    Path dir;

    @Test
    void vectorsSurviveReopening() {
        try (EmbeddingCache c = EmbeddingCache.open(dir, "m:1", 3)) {
            c.put("cat", new float[] {1, 2, 3});
            c.put("kitten", new float[] {4, 5, 6});
            c.put("cat", new float[] {9, 9, 9}); // first vector wins
            assertThat(c.size()).isEqualTo(2);
        }
        try (EmbeddingCache c = EmbeddingCache.open(dir, "m:1", 3)) {
            assertThat(c.size()).isEqualTo(2);
            assertThat(c.get("cat")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2, 3));
            assertThat(c.get("kitten")).hasValueSatisfying(v -> assertThat(v).containsExactly(4, 5, 6));
            assertThat(c.get("dog")).isEmpty();
        }
    }

    @Test
    void aTornTailIsDroppedAndTheWholeRecordsKept() throws IOException {
        Path file;
        try (EmbeddingCache c = EmbeddingCache.open(dir, "m:1", 4)) {
            c.put("a", new float[] {1, 1, 1, 1});
            c.put("b", new float[] {2, 2, 2, 2});
            file = c.file().orElseThrow();
        }
        long whole = Files.size(file);
        // a crash in the middle of an append: half a record
        Files.write(file, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, StandardOpenOption.APPEND);
        try (EmbeddingCache c = EmbeddingCache.open(dir, "m:1", 4)) {
            assertThat(c.size()).isEqualTo(2);
            assertThat(Files.size(file)).isEqualTo(whole);
            c.put("c", new float[] {3, 3, 3, 3});
        }
        try (EmbeddingCache c = EmbeddingCache.open(dir, "m:1", 4)) {
            assertThat(c.get("c")).hasValueSatisfying(v -> assertThat(v).containsExactly(3, 3, 3, 3));
            assertThat(c.size()).isEqualTo(3);
        }
    }

    @Test
    void aCorruptRecordEndsTheReadableFile() throws IOException {
        Path file;
        try (EmbeddingCache c = EmbeddingCache.open(dir, "m:1", 2)) {
            c.put("a", new float[] {1, 1});
            c.put("b", new float[] {2, 2});
            file = c.file().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 6] ^= 0x40; // flip a bit inside the last record's vector
        Files.write(file, bytes);
        try (EmbeddingCache c = EmbeddingCache.open(dir, "m:1", 2)) {
            assertThat(c.get("a")).isPresent();
            assertThat(c.get("b")).isEmpty();
        }
    }

    @Test
    void refusesAFileOfAnotherModelOrNotACache() throws IOException {
        try (EmbeddingCache c = EmbeddingCache.open(dir, "m:1", 2)) {
            c.put("a", new float[] {1, 1});
            // same file name for a different id is impossible (the name carries a hash of the id), so copy it
            Files.copy(c.file().orElseThrow(), dir.resolve(EmbeddingCache.fileName("m:2")));
        }
        assertThatThrownBy(() -> EmbeddingCache.open(dir, "m:2", 2)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("holds vectors of m:1");
        Files.writeString(dir.resolve(EmbeddingCache.fileName("m:3")), "hello, this is not a cache");
        assertThatThrownBy(() -> EmbeddingCache.open(dir, "m:3", 2)).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("not a Rhizome embedding cache");
    }

    @Test
    void inMemoryCacheAndArgumentChecks() {
        EmbeddingCache c = EmbeddingCache.inMemory("m", 2);
        c.put("x", new float[] {1, 2});
        assertThat(c.get("x")).hasValueSatisfying(v -> assertThat(v).containsExactly(1, 2));
        assertThatThrownBy(() -> c.put("y", new float[3])).hasMessageContaining("dimension 3");
        assertThat(c.file()).isEmpty();
    }
}
