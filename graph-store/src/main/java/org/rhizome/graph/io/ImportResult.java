package org.rhizome.graph.io;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.jena.graph.Node;

/**
 * What an import did.
 *
 * @param file       the file read
 * @param format     its format
 * @param graph      the source graph the file's default-graph statements went into
 * @param fileGraphs named graphs of the file (quad formats), kept under their own names
 * @param statements statements read (a statement repeated in the file is stored once)
 * @param bytes      bytes read (after gunzip)
 * @param warnings   parser warnings (logged; the import went on)
 * @param elapsed    wall time
 */
public record ImportResult(Path file, Format format, Node graph, List<Node> fileGraphs, long statements,
        long bytes, long warnings, Duration elapsed) {
    public ImportResult {
        fileGraphs = List.copyOf(fileGraphs);
    }

    /** Statements per second. */
    public double rate() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? statements / s : 0;
    }
}
