package org.rhizome.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.TestStores;

/**
 * A process importing into a TDB2 store is killed with SIGKILL in the middle of an import; the store must open
 * afterwards and hold exactly what was committed before (same quads, same hash), and take new writes.
 */
class CrashSafetyTest {
    @Test
    void sigkillMidImportLeavesExactlyTheCommittedStatements(@TempDir Path dir) throws Exception {
        Path small = dir.resolve("small.ttl");
        Files.writeString(small, "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:b ex:p ex:c .\n");
        Path big = dir.resolve("big.tsv");
        try (BufferedWriter w = Files.newBufferedWriter(big)) {
            for (int i = 0; i < 600_000; i++) {
                w.write("e" + i + "\tr" + (i % 50) + "\te" + (i * 7 + 1) % 600_000 + "\n");
            }
        }
        Path store = dir.resolve("store");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                CrashImportMain.class.getName(), store.toString(), small.toString(), big.toString())
                .redirectErrorStream(true).start();
        String committed = null;
        int progressLines = 0;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    committed = line.substring("COMMITTED ".length());
                } else if (line.startsWith("PROGRESS ") && ++progressLines == 3) {
                    p.destroyForcibly(); // SIGKILL on Unix: no shutdown hooks, no finally blocks
                    break;
                } else if (line.equals("FINISHED")) {
                    break;
                }
            }
        }
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(progressLines).as("killed while the big import was running").isEqualTo(3);
        assertThat(p.exitValue()).isEqualTo(137);
        assertThat(committed).isNotNull();

        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            TestStores.Fingerprint f = TestStores.fingerprint(kg);
            assertThat(f.quads() + " " + f.sha256()).isEqualTo(committed);
            assertThat(kg.statementCount()).isEqualTo(2);
            assertThat(kg.sources()).hasSize(1);
            // The recovered store takes writes again.
            Importer.importFile(kg, small);
            assertThat(kg.sources()).hasSize(2);
        }
    }
}
