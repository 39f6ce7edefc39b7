package org.rhizome.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the demo command exactly as the README gives it (the code line after the {@code <!-- demo-command -->}
 * marker), through the {@code ./rhizome} launcher, from a clean working directory.
 */
class ReadmeDemoCommandTest {
    private static Path repoRoot() {
        String root = System.getProperty("rhizome.repo.root");
        assertThat(root).as("surefire sets rhizome.repo.root").isNotBlank();
        return Path.of(root);
    }

    static String commandAfterMarker(Path readme, String marker) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                for (int j = i + 1; j < lines.size(); j++) {
                    String l = lines.get(j).strip();
                    if (!l.isEmpty() && !l.startsWith("```")) {
                        return l;
                    }
                }
            }
        }
        throw new AssertionError("README has no " + marker + " marker");
    }

    @Test
    void readmeDemoCommandRunsFromACleanDirectory(@TempDir Path cwd) throws Exception {
        Path root = repoRoot();
        String command = commandAfterMarker(root.resolve("README.md"), "<!-- demo-command -->");
        assertThat(command).startsWith("./rhizome demo");
        List<String> argv = new ArrayList<>();
        argv.add(root.resolve("rhizome").toString());
        argv.addAll(List.of(command.substring("./rhizome".length()).strip().split("\\s+")));
        Process p = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("778"); // statements in the shipped example graph
        assertThat(cwd.resolve("rhizome-data/demo")).isDirectory();
        try (var files = Files.list(cwd.resolve("rhizome-data/demo"))) {
            assertThat(files.count()).as("a TDB2 store was created").isPositive();
        }

        // Run again: the store is reused, not loaded twice.
        Process again = new ProcessBuilder(argv).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out2 = new String(again.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(again.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(again.exitValue()).as(out2).isZero();
        assertThat(out2).containsIgnoringCase("reus");
    }

    @Test
    void readmeTestCommandIsWhatCiRuns() throws IOException {
        Path root = repoRoot();
        String test = commandAfterMarker(root.resolve("README.md"), "<!-- test-command -->");
        assertThat(Files.readString(root.resolve(".ci/run"))).contains(test);
    }
}
