package org.rhizome.graph.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile() throws IOException {
        Path target = Files.writeString(dir.resolve("index.html"), "old");

        AtomicFiles.write(target, "new".getBytes(StandardCharsets.UTF_8));

        assertThat(target).hasContent("new");
        assertThat(names()).containsExactly("index.html");
    }

    @Test
    void aFailedWriteKeepsTheOldContent() throws IOException {
        Path target = Files.writeString(dir.resolve("index.html"), "old");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write("half of the new".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        })).isInstanceOf(UncheckedIOException.class).hasMessageContaining("index.html")
                .hasMessageContaining("disk full");

        assertThat(target).hasContent("old");
        assertThat(names()).containsExactly("index.html");
    }

    @Test
    void writtenFilesGetTheUsualPermissionsNotOwnerOnly() throws IOException {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path usual = Files.writeString(dir.resolve("usual.txt"), "x");

        Path target = dir.resolve("index.html");
        AtomicFiles.write(target, new byte[] {1});

        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(Files.getPosixFilePermissions(usual));
    }

    @Test
    void removesOnlyLeftoversOfNamedTargets() throws IOException {
        Files.writeString(dir.resolve(".index.html.123.tmp"), "x");
        Files.writeString(dir.resolve(".other.txt.123.tmp"), "x");
        Files.writeString(dir.resolve("index.html"), "x");

        AtomicFiles.removeLeftovers(dir, Set.of("index.html", "metrics.json"));

        assertThat(names()).containsExactlyInAnyOrder(".other.txt.123.tmp", "index.html");
    }

    private java.util.List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
