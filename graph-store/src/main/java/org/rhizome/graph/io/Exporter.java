package org.rhizome.graph.io;

import java.io.BufferedOutputStream;
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
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.graph.GraphFactory;
import org.rhizome.graph.Iris;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.Status;

/**
 * Writes a {@link KnowledgeGraph}'s content to a file in any {@link Format}, gzip'd when the name ends in
 * {@code .gz}.
 *
 * <ul>
 *   <li>Triple formats (Turtle, N-Triples, RDF/XML, and TSV) get the distinct statements of the graphs whose
 *       status is selected (asserted by default), without statement annotations.</li>
 *   <li>Quad formats (N-Quads, TriG, JSON-LD) write the statements of Rhizome's own source graphs into the
 *       default graph and keep the named graphs that came from imported files under their names, so that an
 *       import followed by an export gives the file's dataset back. With {@code withProvenance} every graph keeps
 *       its name and the catalogue (default graph) and statement annotations come along: a full dump for backup and
 *       inspection.</li>
 *   <li>TSV writes statements whose object is an IRI as {@code head<TAB>relation<TAB>tail}, turning IRIs minted by
 *       a TSV import back into their tokens and writing other IRIs in full; literal statements are skipped and
 *       counted.</li>
 * </ul>
 * Turtle, N-Triples, N-Quads, TriG and TSV stream in constant memory; RDF/XML and JSON-LD build the graph in memory
 * first. The file is written to a temporary sibling and moved into place, so a failed export never leaves half a
 * file under the target name.
 */
public final class Exporter {
    private Exporter() {}

    /**
     * Export options.
     *
     * @param format         the output format, or null to take it from the file name
     * @param statuses       which sources' statements to write
     * @param withProvenance quad formats only: also write the catalogue and annotations
     * @param progress       receives statements written
     */
    public record Options(Format format, Set<Status> statuses, boolean withProvenance, ProgressListener progress) {
        public Options {
            Objects.requireNonNull(statuses, "statuses");
            Objects.requireNonNull(progress, "progress");
            statuses = Set.copyOf(statuses);
        }

        /** Asserted statements, format from the file name, no provenance, no progress. */
        public static Options defaults() {
            return new Options(null, EnumSet.of(Status.ASSERTED), false, ProgressListener.NONE);
        }

        public Options withFormat(Format f) {
            return new Options(f, statuses, withProvenance, progress);
        }

        public Options withProvenance(boolean p) {
            return new Options(format, statuses, p, progress);
        }

        public Options withStatuses(Set<Status> s) {
            return new Options(format, s, withProvenance, progress);
        }

        public Options withProgress(ProgressListener p) {
            return new Options(format, statuses, withProvenance, p);
        }
    }

    /**
     * What an export wrote.
     *
     * @param statements statements (or quads) written
     * @param skipped    statements the format could not hold (literals in TSV)
     */
    public record Result(Path file, Format format, long statements, long skipped) {}

    /** Exports asserted content to {@code file} in the format its name says. */
    public static Result export(KnowledgeGraph kg, Path file) {
        return export(kg, file, Options.defaults());
    }

    /** Exports to {@code file}. */
    public static Result export(KnowledgeGraph kg, Path file, Options options) {
        Format format = options.format() != null ? options.format() : Format.of(file, java.util.Optional.empty());
        if (options.withProvenance() && !format.isQuads()) {
            throw new IllegalArgumentException("--with-provenance needs a quad format (nquads, trig, jsonld), not "
                    + format.cliName());
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + dir + ": " + e.getMessage(), e);
        }
        try {
            long[] counts;
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                    OutputStream out = Format.isGzip(file) ? new GZIPOutputStream(raw, 1 << 16) : raw) {
                counts = write(kg, out, format, options);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new Result(file, format, counts[0], counts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Best effort: the temporary file is hidden and named after the target.
            }
        }
    }

    /**
     * Writes to a stream (left open).
     *
     * @return {statements written, statements skipped}
     */
    public static long[] write(KnowledgeGraph kg, OutputStream out, Format format, Options options) {
        options.progress().begin("export " + format.cliName(), -1, "statements");
        long[] counts = kg.read(() -> switch (format) {
            case TSV -> writeTsv(kg, out, options);
            case NQUADS, TRIG, JSONLD -> writeQuads(kg, out, format, options);
            default -> writeTriples(kg, out, format, options);
        });
        options.progress().end(String.format("exported %,d statements", counts[0]));
        return counts;
    }

    private static long[] writeTriples(KnowledgeGraph kg, OutputStream out, Format format, Options options) {
        long[] n = {0};
        if (format.isStreaming()) {
            StreamRDF w = StreamRDFWriter.getWriterStream(out, format.writeFormat());
            w.start();
            prefixes(kg, w);
            kg.forEachStatement(Node.ANY, Node.ANY, Node.ANY, options.statuses(), t -> {
                w.triple(t);
                tick(options, ++n[0]);
                return true;
            });
            w.finish();
        } else {
            Graph g = GraphFactory.createDefaultGraph();
            g.getPrefixMapping().setNsPrefix("rz", org.rhizome.graph.Rz.NS);
            kg.forEachStatement(Node.ANY, Node.ANY, Node.ANY, options.statuses(), t -> {
                g.add(t);
                tick(options, ++n[0]);
                return true;
            });
            RDFDataMgr.write(out, g, format.writeFormat());
        }
        return new long[] {n[0], 0};
    }

    private static long[] writeQuads(KnowledgeGraph kg, OutputStream out, Format format, Options options) {
        long[] n = {0};
        java.util.function.Consumer<Quad> counted;
        StreamRDF stream = null;
        org.apache.jena.sparql.core.DatasetGraph mem = null;
        if (format.isStreaming()) {
            StreamRDF w = StreamRDFWriter.getWriterStream(out, format.writeFormat());
            w.start();
            prefixes(kg, w);
            stream = w;
            counted = q -> {
                w.quad(q);
                tick(options, ++n[0]);
            };
        } else {
            org.apache.jena.sparql.core.DatasetGraph m = org.apache.jena.sparql.core.DatasetGraphFactory.createGeneral();
            mem = m;
            counted = q -> {
                m.add(q);
                tick(options, ++n[0]);
            };
        }
        emitQuads(kg, options, counted);
        if (stream != null) {
            stream.finish();
        } else {
            RDFDataMgr.write(out, mem, format.writeFormat());
        }
        return new long[] {n[0], 0};
    }

    /**
     * Without provenance, statements of Rhizome's own source graphs (minted under {@code <base>source/}) go to the
     * default graph, distinct, and named graphs that came from files keep their names: the inverse of an import.
     * With provenance, every graph keeps its name and the catalogue and annotations come along.
     */
    private static void emitQuads(KnowledgeGraph kg, Options options, java.util.function.Consumer<Quad> sink) {
        var dsg = kg.datasetGraph();
        List<Node> graphs = kg.contentGraphs(options.statuses());
        String minted = kg.baseNamespace() + "source/";
        if (options.withProvenance()) {
            dsg.find(Quad.defaultGraphIRI, Node.ANY, Node.ANY, Node.ANY).forEachRemaining(sink);
        } else {
            List<Node> own = graphs.stream().filter(g -> g.isURI() && g.getURI().startsWith(minted)).toList();
            kg.forEachStatementIn(own, Node.ANY, Node.ANY, Node.ANY, t -> {
                sink.accept(Quad.create(Quad.defaultGraphIRI, t));
                return true;
            });
            graphs = graphs.stream().filter(g -> !own.contains(g)).toList();
        }
        for (Node g : graphs) {
            Iterator<Quad> it = dsg.find(g, Node.ANY, Node.ANY, Node.ANY);
            while (it.hasNext()) {
                Quad q = it.next();
                if (options.withProvenance() || !KnowledgeGraph.isAnnotation(q)) {
                    sink.accept(q);
                }
            }
        }
    }

    private static long[] writeTsv(KnowledgeGraph kg, OutputStream out, Options options) {
        String entityNs = kg.baseNamespace() + "entity/";
        String relationNs = kg.baseNamespace() + "relation/";
        long[] n = {0, 0};
        try {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            kg.forEachStatement(Node.ANY, Node.ANY, Node.ANY, options.statuses(), t -> {
                if (!t.getObject().isURI() || !t.getSubject().isURI()) {
                    n[1]++;
                    return true;
                }
                try {
                    w.write(token(t.getSubject(), entityNs));
                    w.write('\t');
                    w.write(token(t.getPredicate(), relationNs));
                    w.write('\t');
                    w.write(token(t.getObject(), entityNs));
                    w.write('\n');
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                tick(options, ++n[0]);
                return true;
            });
            w.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    private static String token(Node n, String ns) {
        String iri = n.getURI();
        return iri.startsWith(ns) ? Iris.decodeToken(iri.substring(ns.length())) : iri;
    }

    private static void prefixes(KnowledgeGraph kg, StreamRDF w) {
        w.prefix("rz", org.rhizome.graph.Rz.NS);
        w.prefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
        w.prefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        w.prefix("skos", "http://www.w3.org/2004/02/skos/core#");
        w.prefix("c", kg.baseNamespace() + "concept/");
        w.prefix("rel", kg.baseNamespace() + "relation/");
        w.prefix("cls", kg.baseNamespace() + "class/");
    }

    private static void tick(Options options, long n) {
        if ((n & 0xFFFF) == 0) {
            options.progress().progress(n);
        }
    }
}
