package org.rhizome.benchmarks.analytics;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Reads and writes plain edge lists the way the reference script {@code graph_ref.py} ({@code read_edges}) reads
 * them, so that Rhizome, igraph and NetworkX see the same simple undirected graph: lines are stripped; empty lines
 * and lines starting with {@code #} or {@code %} are skipped; a line is split on runs of whitespace; with three or
 * more columns the first and third are the ends (the middle one is a relation label), otherwise the first two;
 * self-loops are dropped before their nodes are registered (a node seen only in self-loops is not a node); the
 * edge is undirected and parallel edges collapse. Malformed UTF-8 is replaced, as Python's
 * {@code errors="replace"} does. CRLF files read the same as LF files.
 *
 * <p>Node names are the tokens themselves, so results can be matched to the references by name. Time O(m) hash
 * look-ups plus the snapshot build; memory about the snapshot's plus one hash entry per node.
 */
public final class EdgeListFile {
    private EdgeListFile() {}

    /** What was read: the graph and the counts of skipped lines. */
    public record Loaded(UndirectedGraph graph, long dataLines, long selfLoops, double seconds) {}

    /** Reads {@code path} as a simple undirected graph (see the class comment for the exact rules). */
    public static Loaded read(Path path) throws IOException {
        long t0 = System.nanoTime();
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        int rel = b.relationId("edge");
        long dataLines = 0;
        long selfLoops = 0;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(path), decoder),
                1 << 16)) {
            String line;
            long lineNo = 0;
            String[] tok = new String[3];
            while ((line = in.readLine()) != null) {
                lineNo++;
                int k = tokens(line, tok);
                if (k == 0 || tok[0].charAt(0) == '#' || tok[0].charAt(0) == '%') {
                    continue;
                }
                if (k == 1) {
                    throw new IllegalArgumentException(path + ":" + lineNo + ":1: expected two or three "
                            + "whitespace-separated columns (source [relation] target), found one: " + line.strip());
                }
                String a = tok[0];
                String c = k >= 3 ? tok[2] : tok[1];
                dataLines++;
                if (a.equals(c)) {
                    selfLoops++;
                    continue;
                }
                // Same orientation as read_edges (string order); the undirected reading ignores it anyway.
                if (a.compareTo(c) > 0) {
                    String t = a;
                    a = c;
                    c = t;
                }
                b.addEdge(b.entityId(a), rel, b.entityId(c));
            }
        }
        UndirectedGraph g = UndirectedGraph.of(b.build());
        return new Loaded(g, dataLines, selfLoops, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * Splits {@code line} on whitespace into at most the first three tokens; returns how many tokens the line has,
     * capped at 3. A line whose first non-blank character is {@code #} or {@code %} is recognised by the caller from
     * the first token.
     */
    static int tokens(String line, String[] out) {
        int n = line.length();
        int count = 0;
        int i = 0;
        while (i < n && count < 3) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i == n) {
                break;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            out[count++] = line.substring(start, i);
        }
        return count;
    }

    /** Receives generated edges. */
    @FunctionalInterface
    public interface EdgeSink {
        void edge(int u, int v);
    }

    /** Writes edges as {@code "u v"} lines, with a comment line first; returns the sink to feed a generator. */
    public static final class Writer implements EdgeSink, AutoCloseable {
        private final BufferedWriter out;
        private final StringBuilder line = new StringBuilder(24);
        private long edges;

        public Writer(Path path, String comment) throws IOException {
            Path parent = path.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            out = Files.newBufferedWriter(path, StandardCharsets.UTF_8);
            out.write("# " + comment.replace('\n', ' ') + "\n");
        }

        @Override
        public void edge(int u, int v) {
            line.setLength(0);
            line.append(u).append(' ').append(v).append('\n');
            try {
                out.append(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            edges++;
        }

        public long edges() {
            return edges;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
