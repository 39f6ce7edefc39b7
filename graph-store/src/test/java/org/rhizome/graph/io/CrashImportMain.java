package org.rhizome.graph.io;

import java.nio.file.Path;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.TestStores;

/**
 * Child process of {@link CrashSafetyTest}: imports a small file (committed, then prints its fingerprint), then a
 * large one, printing progress lines while it runs so the parent can kill it mid-import.
 */
public final class CrashImportMain {
    private CrashImportMain() {}

    public static void main(String[] args) {
        Path store = Path.of(args[0]);
        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            Importer.importFile(kg, Path.of(args[1]));
            TestStores.Fingerprint f = TestStores.fingerprint(kg);
            System.out.println("COMMITTED " + f.quads() + " " + f.sha256());
            System.out.flush();
            ProgressListener progress = new ProgressListener() {
                @Override
                public void begin(String task, long total, String unit) {}

                @Override
                public void progress(long done) {
                    System.out.println("PROGRESS " + done);
                    System.out.flush();
                }

                @Override
                public void end(String summary) {}
            };
            Importer.importFile(kg, Path.of(args[2]), ImportOptions.builder().progress(progress).build());
            System.out.println("FINISHED");
        }
    }
}
