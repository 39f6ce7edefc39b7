package org.rhizome.graph.io;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.apache.jena.datatypes.RDFDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.TxnType;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.riot.RiotException;
import org.apache.jena.riot.RiotParseException;
import org.apache.jena.riot.system.ErrorHandler;
import org.apache.jena.riot.system.FactoryRDFStd;
import org.apache.jena.riot.system.StreamRDFBase;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.rhizome.graph.InputFormatException;
import org.rhizome.graph.Iris;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Rz;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a file into a {@link KnowledgeGraph} as one new source.
 *
 * <p><b>Formats.</b> Every RDF syntax of {@link Format} through Jena's RIOT, and TSV triples
 * ({@code head<TAB>relation<TAB>tail}, CRLF tolerated, blank lines skipped). TSV tokens become
 * {@code <base>entity/<token>} and {@code <base>relation/<token>} (percent-encoded, see
 * {@link Iris#encodeToken(String)}); optional label files add {@code rdfs:label}s (and {@code rdfs:comment} from a
 * third column). Any input may be gzip'd ({@code .gz}).
 *
 * <p><b>Streaming.</b> The file is parsed as a stream and each statement handed to the store as it is read: memory
 * does not grow with the file (JSON-LD excepted, whose parser reads a document whole).
 *
 * <p><b>All or nothing.</b> The whole import is one write transaction (TDB2 writes it to disk as it goes, so its
 * size is not bounded by the heap; readers see the store as it was until the commit): a parse error, a byte that is not UTF-8, a literal over
 * {@link ImportOptions#maxLiteralLength()}, an empty file or an interrupted process leaves the store exactly as it
 * was. The error ({@link InputFormatException}) names the file, line and column and what was expected. (A literal's
 * limit is checked after the parser has read it, so its line is where the parser stood, at or just after the
 * literal's end.)
 *
 * <p><b>Where statements go.</b> Default-graph statements of the file go into the new source's graph; named graphs
 * of a quad file keep their names and are catalogued as sources of their own after the import commits (should the
 * process die in between, they count as asserted, as every uncatalogued graph does).
 */
public final class Importer {
    private static final Logger LOG = LoggerFactory.getLogger(Importer.class);
    private static final int MAX_LOGGED_WARNINGS = 10;

    private Importer() {}

    /** Imports {@code file} with default options. */
    public static ImportResult importFile(KnowledgeGraph kg, Path file) {
        return importFile(kg, file, ImportOptions.defaults());
    }

    /**
     * Imports {@code file} into {@code kg}.
     *
     * @throws InputFormatException if the file is missing, empty or malformed (the store is unchanged)
     * @throws IllegalArgumentException if the format cannot be told, or the source's graph already exists
     */
    public static ImportResult importFile(KnowledgeGraph kg, Path file, ImportOptions options) {
        long start = System.nanoTime();
        String name = file.toString();
        Format format = Format.of(file, options.format());
        checkReadable(file, name);
        if (format != Format.TSV && (options.entityLabels().isPresent() || options.relationLabels().isPresent())) {
            throw new IllegalArgumentException("label files apply to TSV imports only, not to " + format.cliName());
        }
        Source source = options.source().orElseGet(() -> Source.builder(SourceKind.IMPORT_FILE,
                file.getFileName().toString()).note(file.toAbsolutePath().toString()).build());
        Node graph = kg.graphNodeFor(source);
        if (kg.source(graph).isPresent()) {
            throw new IllegalArgumentException("graph " + graph.getURI() + " already exists; an import creates a "
                    + "new source (leave the graph IRI unset to mint one)");
        }
        long total = sizeOf(file, name);
        options.progress().begin("import " + file.getFileName(), total, "bytes");
        Counts counts = new Counts();
        Set<Node> fileGraphs = new LinkedHashSet<>();
        QuadSink sink = QuadSink.transaction(kg);
        try {
            if (format == Format.TSV) {
                readTsv(kg, file, graph, options, sink, counts);
                for (Path labels : options.entityLabels().stream().toList()) {
                    readLabels(kg, labels, graph, true, options, sink, counts);
                }
                for (Path labels : options.relationLabels().stream().toList()) {
                    readLabels(kg, labels, graph, false, options, sink, counts);
                }
            } else {
                readRdf(file, format.lang().orElseThrow(), graph, options, sink, counts, fileGraphs);
            }
            if (counts.statements == 0) {
                throw new InputFormatException(name, -1, -1, "no statements found; expected "
                        + format.cliName() + " content");
            }
            for (Quad q : KnowledgeGraph.catalogueQuads(source, graph)) {
                if (q.getPredicate().equals(Rz.statementCount)) {
                    q = Quad.create(q.getGraph(), q.getSubject(), q.getPredicate(),
                            NodeFactory.createLiteralDT(Long.toString(counts.statements),
                                    org.apache.jena.datatypes.xsd.XSDDatatype.XSDlong));
                }
                sink.add(q);
            }
            sink.commit();
            kg.notifyExternalChange();
        } catch (RuntimeException | Error e) {
            abortQuietly(sink, e);
            options.progress().end("import of " + file.getFileName() + " failed; store unchanged");
            throw translate(e, name, counts);
        }
        catalogueFileGraphs(kg, file, source, fileGraphs);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        ImportResult result = new ImportResult(file, format, graph, List.copyOf(fileGraphs), counts.statements,
                counts.bytes, counts.warnings, elapsed);
        options.progress().end(String.format("imported %,d statements from %s in %.1f s (%,.0f statements/s)",
                counts.statements, file.getFileName(), elapsed.toNanos() / 1e9, result.rate()));
        return result;
    }

    /** Running counts of one import (mutable, one thread). */
    private static final class Counts {
        long statements;
        long bytes;
        long warnings;
        /** Line of the last byte the parser had read, for errors found after parsing a term. */
        Utf8CheckingInputStream position;
    }

    private static void checkReadable(Path file, String name) {
        if (!Files.exists(file)) {
            throw new InputFormatException(name, -1, -1, "no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InputFormatException(name, -1, -1, "not a readable file");
        }
        if (sizeOf(file, name) == 0) {
            throw new InputFormatException(name, -1, -1, "file is empty (0 bytes)");
        }
    }

    private static long sizeOf(Path file, String name) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new InputFormatException(name, -1, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    private static void abortQuietly(QuadSink sink, Throwable cause) {
        try {
            sink.abort(cause instanceof Exception ex ? ex : new RuntimeException(cause));
        } catch (RuntimeException secondary) {
            cause.addSuppressed(secondary);
        }
    }

    /** Opens the file for reading: progress counted on raw bytes, gunzip if {@code .gz}, UTF-8 checked. */
    private static Utf8CheckingInputStream open(Path file, ImportOptions options, Counts counts) throws IOException {
        InputStream raw = new ProgressInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16),
                options.progress());
        InputStream in = Format.isGzip(file) ? new GZIPInputStream(raw, 1 << 16) : raw;
        Utf8CheckingInputStream checked = new Utf8CheckingInputStream(in, file.toString());
        counts.position = checked;
        return checked;
    }

    // ---------------------------------------------------------------------------------------------------------
    // RDF

    private static void readRdf(Path file, Lang lang, Node graph, ImportOptions options, QuadSink sink,
            Counts counts, Set<Node> fileGraphs) {
        String name = file.toString();
        ErrorHandler errors = new ErrorHandler() {
            @Override
            public void warning(String message, long line, long col) {
                counts.warnings++;
                if (counts.warnings <= MAX_LOGGED_WARNINGS) {
                    LOG.warn("{}:{}:{}: {}", name, line, col, message);
                } else if (counts.warnings == MAX_LOGGED_WARNINGS + 1) {
                    LOG.warn("{}: more warnings not shown", name);
                }
            }

            @Override
            public void error(String message, long line, long col) {
                throw new InputFormatException(name, line, col, message);
            }

            @Override
            public void fatal(String message, long line, long col) {
                throw new InputFormatException(name, line, col, message);
            }
        };
        StreamRDFBase stream = new StreamRDFBase() {
            @Override
            public void triple(Triple t) {
                sink.add(Quad.create(graph, t));
                counts.statements++;
            }

            @Override
            public void quad(Quad q) {
                if (q.isDefaultGraph()) {
                    sink.add(Quad.create(graph, q.asTriple()));
                } else {
                    fileGraphs.add(q.getGraph());
                    sink.add(q);
                }
                counts.statements++;
            }
        };
        try (Utf8CheckingInputStream in = open(file, options, counts)) {
            RDFParser.create().source(in).lang(lang).base(file.toAbsolutePath().toUri().toString())
                    .errorHandler(errors).factory(new LimitedFactory(options.maxLiteralLength()))
                    .build().parse(stream);
            counts.bytes = in.bytesRead();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Thrown by {@link LimitedFactory}; turned into an {@link InputFormatException} with the parser's position. */
    private static final class LiteralTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long length;
        final long limit;

        LiteralTooLong(long length, long limit) {
            super(null, null, false, false);
            this.length = length;
            this.limit = limit;
        }
    }

    /** RIOT's node factory with a literal size limit. */
    private static final class LimitedFactory extends FactoryRDFStd {
        private final long limit;

        LimitedFactory(long limit) {
            this.limit = limit;
        }

        private void check(String lex) {
            if (lex.length() > limit) {
                throw new LiteralTooLong(lex.length(), limit);
            }
        }

        @Override
        public Node createStringLiteral(String lex) {
            check(lex);
            return super.createStringLiteral(lex);
        }

        @Override
        public Node createLangLiteral(String lex, String lang) {
            check(lex);
            return super.createLangLiteral(lex, lang);
        }

        @Override
        public Node createLangDirLiteral(String lex, String lang, String dir) {
            check(lex);
            return super.createLangDirLiteral(lex, lang, dir);
        }

        @Override
        public Node createTypedLiteral(String lex, RDFDatatype type) {
            check(lex);
            return super.createTypedLiteral(lex, type);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // TSV

    private static void readTsv(KnowledgeGraph kg, Path file, Node graph, ImportOptions options, QuadSink sink,
            Counts counts) {
        TokenNodes entities = new TokenNodes(kg.baseNamespace() + "entity/");
        TokenNodes relations = new TokenNodes(kg.baseNamespace() + "relation/");
        String[] fields = new String[3];
        forEachLine(file, options, counts, (line, lineNo) -> {
            splitFields(line, fields, 3, file.toString(), lineNo, "head, relation, tail",
                    options.maxLiteralLength());
            sink.add(Quad.create(graph, entities.node(fields[0]), relations.node(fields[1]),
                    entities.node(fields[2])));
            counts.statements++;
        });
    }

    private static void readLabels(KnowledgeGraph kg, Path file, Node graph, boolean forEntities,
            ImportOptions options, QuadSink sink, Counts counts) {
        String name = file.toString();
        checkReadable(file, name);
        options.progress().begin("import labels " + file.getFileName(), sizeOf(file, name), "bytes");
        TokenNodes nodes = new TokenNodes(kg.baseNamespace() + (forEntities ? "entity/" : "relation/"));
        Node label = RDFS.label.asNode();
        Node comment = RDFS.comment.asNode();
        String[] fields = new String[3];
        forEachLine(file, options, counts, (line, lineNo) -> {
            int n = splitFields(line, fields, forEntities ? -3 : 2, name, lineNo,
                    forEntities ? "token, label[, description]" : "token, label", options.maxLiteralLength());
            Node subject = nodes.node(fields[0]);
            sink.add(Quad.create(graph, subject, label, NodeFactory.createLiteralString(fields[1])));
            counts.statements++;
            if (!forEntities) {
                sink.add(Quad.create(graph, subject, RDF.type.asNode(), Rz.RelationType));
                counts.statements++;
            }
            if (n == 3) {
                sink.add(Quad.create(graph, subject, comment, NodeFactory.createLiteralString(fields[2])));
                counts.statements++;
            }
        });
    }

    /** Receives one non-blank line of a tab-separated file and its 1-based number. */
    private interface LineHandler {
        void line(String line, long lineNo);
    }

    /** Reads {@code file} (UTF-8 checked, gunzipped if {@code .gz}) line by line, skipping blank lines. */
    private static void forEachLine(Path file, ImportOptions options, Counts counts, LineHandler handler) {
        try (Utf8CheckingInputStream in = open(file, options, counts);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8),
                        1 << 16)) {
            String line;
            long lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    handler.line(line, lineNo);
                }
            }
            counts.bytes += in.bytesRead();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Splits a tab-separated line into {@code out}. {@code expected} > 0 demands exactly that many fields; a
     * negative value accepts 2 up to {@code -expected} fields.
     *
     * @return the number of fields
     */
    private static int splitFields(String line, String[] out, int expected, String name, long lineNo,
            String what, long maxLength) {
        int max = Math.abs(expected);
        int min = expected > 0 ? expected : 2;
        int n = 0;
        int from = 0;
        while (true) {
            int tab = line.indexOf('\t', from);
            int end = tab < 0 ? line.length() : tab;
            if (n == max) {
                throw new InputFormatException(name, lineNo, from + 1, "expected " + (min == max ? "" : "at most ")
                        + max + " tab-separated fields (" + what + "), found more");
            }
            String field = line.substring(from, end).strip();
            if (field.isEmpty()) {
                throw new InputFormatException(name, lineNo, from + 1, "field " + (n + 1) + " is empty; expected "
                        + what);
            }
            if (field.length() > maxLength) {
                throw new InputFormatException(name, lineNo, from + 1, "field " + (n + 1) + " has "
                        + field.length() + " characters, over the limit of " + maxLength);
            }
            out[n++] = field;
            if (tab < 0) {
                break;
            }
            from = tab + 1;
        }
        if (n < min) {
            throw new InputFormatException(name, lineNo, line.length() + 1, "expected " + (min == max ? "" : "at least ")
                    + min + " tab-separated fields (" + what + "), found " + n);
        }
        return n;
    }

    /** Token to IRI node, with a bounded cache so repeated tokens are encoded once. */
    private static final class TokenNodes {
        private static final int MAX_CACHED = 1 << 20;
        private final String prefix;
        private final Map<String, Node> cache = new HashMap<>();

        TokenNodes(String prefix) {
            this.prefix = prefix;
        }

        Node node(String token) {
            Node n = cache.get(token);
            if (n == null) {
                if (cache.size() >= MAX_CACHED) {
                    cache.clear();
                }
                n = NodeFactory.createURI(prefix + Iris.encodeToken(token));
                cache.put(token, n);
            }
            return n;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private static void catalogueFileGraphs(KnowledgeGraph kg, Path file, Source source, Set<Node> fileGraphs) {
        if (fileGraphs.isEmpty()) {
            return;
        }
        var dsg = kg.datasetGraph();
        dsg.begin(TxnType.WRITE);
        try {
            for (Node g : fileGraphs) {
                if (g.isURI() && !dsg.getDefaultGraph().contains(g, RDF.type.asNode(), Rz.Source)) {
                    Source s = Source.builder(SourceKind.IMPORT_FILE, file.getFileName() + "#" + g.getURI())
                            .note(file.toAbsolutePath().toString()).createdAt(source.createdAt())
                            .confidence(source.confidence()).status(source.status()).graphIri(g.getURI()).build();
                    for (Quad q : KnowledgeGraph.catalogueQuads(s, g)) {
                        dsg.add(q);
                    }
                }
            }
            dsg.commit();
        } finally {
            dsg.end();
        }
    }

    private static RuntimeException translate(Throwable e, String name, Counts counts) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InputFormatException ife) {
                return ife;
            }
            if (t instanceof LiteralTooLong l) {
                long line = counts.position == null ? -1 : counts.position.line();
                return new InputFormatException(name, line, -1, "a literal of " + l.length
                        + " characters is over the limit of " + l.limit
                        + " (raise it with --max-literal); it ends at or before this line");
            }
            if (t instanceof RiotParseException rpe) {
                return new InputFormatException(name, rpe.getLine(), rpe.getCol(), rpe.getOriginalMessage(), rpe);
            }
            if (t instanceof ZipException z) {
                return new InputFormatException(name, -1, -1, "not a valid gzip file: " + z.getMessage(), z);
            }
            if (t instanceof NoSuchFileException nf) {
                return new InputFormatException(nf.getFile(), -1, -1, "no such file", nf);
            }
        }
        if (e instanceof UncheckedIOException io) {
            return new InputFormatException(name, -1, -1, "cannot read: " + io.getCause().getMessage(), io);
        }
        if (e instanceof RiotException re) {
            return new InputFormatException(name, -1, -1, String.valueOf(re.getMessage()), re);
        }
        if (e instanceof RuntimeException re) {
            return re instanceof org.rhizome.graph.RhizomeException || re instanceof IllegalArgumentException
                    ? re : new StoreException("import of " + name + " failed: " + re.getMessage(), re);
        }
        throw (Error) e;
    }
}
