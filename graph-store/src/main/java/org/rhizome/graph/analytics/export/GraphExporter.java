package org.rhizome.graph.analytics.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Writes a {@link GraphSnapshot} with {@link NodeAttributes} as GraphML or GEXF, for Gephi, Cytoscape and networkx.
 *
 * <p><b>What is written.</b> Node {@code n<id>} for every entity id, with the attributes {@code iri},
 * {@code label} ({@link GraphSnapshot#entityLabel(int)}: the {@code rdfs:label}, else the IRI's local name) and the
 * user columns with their types (GraphML {@code attr.type} double/int/string, GEXF double/integer/string). Edge
 * {@code e<id>} for every edge id, directed, {@code source}/{@code target}, with the relation label as the
 * {@code relation} attribute (and, in GEXF, as the edge's {@code label}). Parallel edges and self-loops are written
 * like any other edge; the graph is declared directed ({@code edgedefault="directed"},
 * {@code defaultedgetype="directed"}). In Gephi, parallel edges stay separate only when the import dialog's edge
 * merge strategy is set not to merge: otherwise edges between the same ordered pair are merged into one, since
 * neither GraphML nor GEXF 1.2 carries Gephi's edge kind (networkx and Cytoscape keep them).
 *
 * <p><b>Why GEXF 1.2draft and not 1.3.</b> Gephi 0.10 reads both (its importer matches element names and only logs
 * the version), so Gephi alone does not decide; everything else does: networkx's {@code read_gexf} accepts only
 * the 1.1draft and 1.2draft namespaces, and graphology/sigma.js and JGraphT read and write 1.2draft, while this
 * export uses nothing 1.3 added (edge kinds, list types, dynamics). The namespace is
 * {@code http://www.gexf.net/1.2draft}, {@code version="1.2"}; {@code <meta>} has creator "Rhizome" and the date of
 * {@link Options#clock()} as {@code lastmodifieddate}.
 *
 * <p><b>Text.</b> Output is UTF-8 XML 1.0 from the JDK's own StAX writer ({@link XMLOutputFactory#newDefaultFactory()},
 * so the result does not depend on which StAX provider is on the class path). Markup characters are escaped by the
 * writer. Characters XML 1.0 cannot hold at all (C0 controls other than tab, LF, CR; unpaired surrogates; U+FFFE,
 * U+FFFF) in IRIs, labels and string values are replaced with U+FFFD, the Unicode replacement character, so the file
 * always parses. Tab, LF and CR are kept, but XML readers normalise them: inside attribute values (every GEXF
 * label and value) they read back as spaces, and in GraphML element content a CR reads back as LF.
 *
 * <p><b>Numbers.</b> NaN doubles are absent (no value element). Finite doubles use Java's shortest round-trip
 * syntax ({@link Double#toString(double)}); infinities are {@code Infinity}/{@code -Infinity} in GraphML (its
 * types are Java's) and {@code INF}/{@code -INF} in GEXF (xs:double, as Gephi writes them).
 *
 * <p><b>Cost.</b> One streaming pass in id order: O(n + m) time, memory O(r) for the relation labels beyond the
 * snapshot and the columns, whatever the graph size. The file is written to a hidden temporary sibling
 * ({@code .<name>…part}) and moved into place atomically, so a failed export never leaves a partial file under the
 * target name and a previous file of that name stays intact until the new one is complete. The target's directory
 * must exist: a mistyped path fails rather than creating directories.
 */
public final class GraphExporter {
    private GraphExporter() {}

    /**
     * Export options.
     *
     * @param clock    gives the date written into GEXF's {@code <meta lastmodifieddate>}
     * @param progress receives {@code begin}, the number of nodes and edges written every 4,096, and {@code end}
     */
    public record Options(Clock clock, ProgressListener progress) {
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(progress, "progress");
        }

        /** The system clock in UTC, no progress reporting. */
        public static Options defaults() {
            return new Options(Clock.systemUTC(), ProgressListener.NONE);
        }

        /** These options with another clock (a fixed one makes the GEXF output reproducible). */
        public Options withClock(Clock c) {
            return new Options(c, progress);
        }

        /** These options with another progress listener. */
        public Options withProgress(ProgressListener p) {
            return new Options(clock, p);
        }
    }

    /**
     * What an export wrote.
     *
     * @param nodes nodes written (the snapshot's entity count)
     * @param edges edges written (the snapshot's edge count)
     * @param bytes size of the file
     */
    public record Result(Path file, GraphFormat format, int nodes, int edges, long bytes) {}

    /** Writes {@code snapshot} with {@code attributes} to {@code out} in {@code format}, with default options. */
    public static Result write(GraphSnapshot snapshot, NodeAttributes attributes, Path out, GraphFormat format) {
        return write(snapshot, attributes, out, format, Options.defaults());
    }

    /**
     * Writes {@code snapshot} with {@code attributes} to {@code out} in {@code format}, through a temporary sibling
     * and an atomic move.
     *
     * @throws IllegalArgumentException if {@code attributes} do not cover exactly the snapshot's entities, or
     *                                  {@code out} is a directory
     * @throws UncheckedIOException     if the file cannot be written, e.g. its directory does not exist (nothing is
     *                                  left under {@code out} then, and a previous file there is unchanged)
     */
    public static Result write(GraphSnapshot snapshot, NodeAttributes attributes, Path out, GraphFormat format,
            Options options) {
        Objects.requireNonNull(out, "out");
        check(snapshot, attributes, format, options);
        Path file = out.toAbsolutePath();
        Path dir = file.getParent();
        if (dir == null || Files.isDirectory(file)) {
            throw new IllegalArgumentException("out must name a file, not a directory: " + out);
        }
        Path tmp;
        try {
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": cannot create a file in " + dir + ": "
                    + e.getMessage(), e);
        }
        try {
            try (OutputStream stream = Files.newOutputStream(tmp)) {
                write(snapshot, attributes, stream, format, options);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(out, format, snapshot.entityCount(), snapshot.edgeCount(), Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Best effort: the temporary file is hidden and named after the target.
            }
        }
    }

    /**
     * Writes to a stream, UTF-8, buffered; the stream is flushed and left open.
     *
     * @throws UncheckedIOException if the stream fails
     */
    public static void write(GraphSnapshot snapshot, NodeAttributes attributes, OutputStream out, GraphFormat format,
            Options options) {
        Objects.requireNonNull(out, "out");
        check(snapshot, attributes, format, options);
        ProgressListener progress = options.progress();
        progress.begin("export " + format.name().toLowerCase(Locale.ROOT),
                (long) snapshot.entityCount() + snapshot.edgeCount(), "elements");
        boolean done = false;
        try {
            Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(text);
            switch (format) {
                case GRAPHML -> GraphMLWriter.write(xml, snapshot, attributes, progress);
                case GEXF -> GexfWriter.write(xml, snapshot, attributes, LocalDate.now(options.clock()), progress);
                default -> throw new AssertionError(format);
            }
            xml.flush();
            xml.close(); // frees the writer; does not close the underlying stream
            text.flush();
            done = true;
        } catch (XMLStreamException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e.getNestedException();
            throw cause instanceof IOException io ? new UncheckedIOException(io.getMessage(), io)
                    : new UncheckedIOException(new IOException("XML writer failed: " + e.getMessage(), e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            progress.end(done ? String.format("exported %,d nodes and %,d edges as %s", snapshot.entityCount(),
                    snapshot.edgeCount(), format) : "export " + format + " failed");
        }
    }

    private static void check(GraphSnapshot snapshot, NodeAttributes attributes, GraphFormat format,
            Options options) {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(options, "options");
        if (attributes.entityCount() != snapshot.entityCount()) {
            throw new IllegalArgumentException("attributes cover " + attributes.entityCount()
                    + " entities but the snapshot has " + snapshot.entityCount()
                    + "; build them with NodeAttributes.builder(snapshot.entityCount())");
        }
    }
}
