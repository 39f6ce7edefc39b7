package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Objects;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;

/**
 * What a {@link DemoStep} works with.
 *
 * @param kg       the demo's knowledge graph (an embedded TDB2 store, open for the whole demo)
 * @param out      where the step prints (standard output of the command)
 * @param dataDir  the demo store's directory
 * @param progress renders progress of long work (or ignores it under {@code --quiet})
 */
public record DemoContext(KnowledgeGraph kg, PrintWriter out, Path dataDir, ProgressListener progress) {
    public DemoContext {
        Objects.requireNonNull(kg, "kg");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(progress, "progress");
    }
}
