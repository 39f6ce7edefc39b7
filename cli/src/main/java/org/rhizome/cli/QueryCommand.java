package org.rhizome.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.jena.query.Query;
import org.apache.jena.query.QueryCancelledException;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QueryExecutionDatasetBuilder;
import org.apache.jena.query.QueryFactory;
import org.apache.jena.query.QueryParseException;
import org.apache.jena.query.ResultSet;
import org.apache.jena.query.ResultSetFormatter;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.update.UpdateFactory;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.sparql.PredictionFunctions;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.sparql.RetrievalFunctions;
import org.rhizome.graph.InputFormatException;
import org.rhizome.graph.KnowledgeGraph;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rhizome query}: runs one read-only SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE) with Jena ARQ over the
 * store's dataset, inside a read transaction, and prints the result. SPARQL Update is refused.
 */
@Command(name = "query",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Run a read-only SPARQL query (SELECT, ASK, CONSTRUCT or DESCRIBE) on the store.",
            "",
            "Where things are:",
            "  - Content lives in named graphs, one per source (each imported file is one).",
            "  - The default graph is the catalogue describing the sources: rz:sourceId,",
            "    rz:sourceKind, rz:statementCount, rz:status... where rz: is",
            "    <https://rhizome.dev/ns#>.",
            "  - --union makes the default graph the union of the named graphs: all content",
            "    as one graph (the catalogue is then out of view). Or use GRAPH ?g { ... }.",
            "",
            "Output: SELECT prints a text table, or SPARQL results as CSV, TSV or JSON; ASK",
            "prints true or false (a JSON boolean result with --format json); CONSTRUCT and",
            "DESCRIBE print Turtle (JSON-LD with --format json). SPARQL Update is refused:",
            "this command only reads.",
            "",
            "Search functions (rzf: is <https://rhizome.dev/fn#>; the search index is opened",
            "and brought up to date when a query uses them):",
            "  ?c rzf:search (\"text\" 10 \"hybrid\")      BM25, vector or hybrid search",
            "  (?c ?score) rzf:similar (<iri> 10)        nearest concepts by embedding",
            "  (?c ?score) rzf:similarToText (\"text\" 10)",
            ""
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rhizome query --union 'PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>",
            "      SELECT ?thing ?label WHERE { ?thing rdfs:label ?label } LIMIT 10'",
            "",
            "  rhizome query 'PREFIX rz: <https://rhizome.dev/ns#>",
            "      SELECT ?source ?id ?statements",
            "      WHERE { ?source rz:sourceId ?id ; rz:statementCount ?statements }'",
            "",
            "  rhizome query --file q.rq --union --format csv > result.csv"
        })
final class QueryCommand implements Callable<Integer> {
    /** Output formats of {@code --format}. */
    enum OutputFormat {
        TABLE, CSV, TSV, JSON
    }

    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "SPARQL", description = "The query text (or give --file).")
    String sparql;

    @Option(names = "--file", paramLabel = "Q.rq", description = "Read the query from this file ('-' for stdin).")
    Path file;

    @Option(names = "--format", paramLabel = "table|csv|tsv|json", defaultValue = "table",
            description = "Output format. Default: ${DEFAULT-VALUE}.")
    OutputFormat format;

    @Option(names = "--union",
            description = "Make the default graph the union of all named graphs (all content as one graph).")
    boolean union;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "Cancel the query after this many seconds; 0 for no limit. Default: ${DEFAULT-VALUE}.")
    long timeoutSeconds;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model saved by rhizome train, answering rzf:predictTails and rzf:predictHeads.")
    Path model;

    @Override
    public Integer call() {
        if (timeoutSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout must be >= 0 seconds, got " + timeoutSeconds);
        }
        String name = file != null ? file.toString() : "query";
        Query query = parse(readQuery(), name);
        if ((query.isConstructType() || query.isDescribeType())
                && (format == OutputFormat.CSV || format == OutputFormat.TSV)) {
            throw new ParameterException(spec.commandLine(), "--format " + format.name().toLowerCase()
                    + " is for SELECT and ASK; CONSTRUCT and DESCRIBE print Turtle (or JSON-LD with --format json)");
        }
        if (!(query.isSelectType() || query.isAskType() || query.isConstructType() || query.isDescribeType())) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT,
                    name + ": only SELECT, ASK, CONSTRUCT and DESCRIBE queries are supported");
        }
        TrainedModel predictor = model == null ? null : ModelIds.read(model);
        try (KnowledgeGraph kg = root.openStore(false);
                Retrieval retrieval = usesRetrievalFunctions(query)
                        ? RetrievalSupport.open(kg, root, spec.commandLine().getErr(), true) : null) {
            if (predictor != null) {
                PredictionFunctions.attach(kg.dataset(), predictor);
            }
            try {
                kg.read(() -> {
                    execute(kg, query, spec.commandLine().getOut());
                    return null;
                });
            } finally {
                if (predictor != null) {
                    PredictionFunctions.detach(kg.dataset(), predictor);
                }
            }
        }
        return ExitCodes.OK;
    }

    /**
     * True if the query names a search function of {@link RetrievalFunctions#NS} ({@code rzf:search},
     * {@code rzf:similar}, {@code rzf:similarToText}): only then is the search index opened (it loads the embedding
     * model and catches up with the store).
     */
    static boolean usesRetrievalFunctions(Query query) {
        java.util.Set<String> predicates = new java.util.HashSet<>();
        predicates(query, predicates);
        return predicates.stream().anyMatch(p -> p.equals(RetrievalFunctions.NS + "search")
                || p.equals(RetrievalFunctions.NS + "similar") || p.equals(RetrievalFunctions.NS + "similarToText"));
    }

    /** The IRIs in predicate position of {@code query}'s patterns, sub-queries included. */
    private static void predicates(Query query, java.util.Set<String> predicates) {
        if (query.getQueryPattern() != null) {
            org.apache.jena.sparql.syntax.ElementWalker.walk(query.getQueryPattern(),
                    new org.apache.jena.sparql.syntax.ElementVisitorBase() {
                        @Override
                        public void visit(org.apache.jena.sparql.syntax.ElementPathBlock el) {
                            el.patternElts().forEachRemaining(t -> {
                                if (t.getPredicate() != null && t.getPredicate().isURI()) {
                                    predicates.add(t.getPredicate().getURI());
                                }
                            });
                        }

                        @Override
                        public void visit(org.apache.jena.sparql.syntax.ElementSubQuery el) {
                            predicates(el.getQuery(), predicates);
                        }
                    });
        }
    }


    private String readQuery() {
        if (sparql != null && file != null) {
            throw new ParameterException(spec.commandLine(), "give the query as an argument or with --file, not both");
        }
        if (sparql == null && file == null) {
            throw new ParameterException(spec.commandLine(), "missing query: give SPARQL text or --file Q.rq");
        }
        if (sparql != null) {
            return sparql;
        }
        try {
            if (file.toString().equals("-")) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new InputFormatException(file.toString(), -1, -1, "no such file", e);
        } catch (IOException e) {
            throw new InputFormatException(file.toString(), -1, -1, "cannot read: " + e.getMessage(), e);
        }
    }

    /**
     * Parses {@code text} as a SPARQL query. A syntax error becomes an {@link InputFormatException} with the
     * parser's line and column; valid SPARQL Update is refused with its own message.
     */
    static Query parse(String text, String name) {
        try {
            return QueryFactory.create(text);
        } catch (QueryParseException e) {
            if (isUpdate(text)) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, name + ": this is SPARQL Update; 'rhizome "
                        + "query' only reads (SELECT, ASK, CONSTRUCT, DESCRIBE) and never changes the store", e);
            }
            String msg = e.getMessage() == null ? "" : e.getMessage();
            // The message's position is the offending token; getLine/getColumn may be the last good one.
            Matcher at = POSITION.matcher(msg);
            boolean found = at.find();
            long line = found ? Long.parseLong(at.group(1)) : e.getLine();
            long column = found ? Long.parseLong(at.group(2)) : e.getColumn();
            throw new InputFormatException(name, line, column, "SPARQL syntax error: " + problem(msg), e);
        }
    }

    private static final Pattern POSITION = Pattern.compile("line (-?\\d+), column (-?\\d+)");
    private static final Pattern TOKEN = Pattern.compile("Encountered \" \\S+ \"(.*?) \"\"");
    private static final Pattern LEXICAL = Pattern.compile(
            "Encountered: (?:'.*?' \\((\\d+)\\)|<EOF>),? (?:after prefix|after :) \"(.*?)\"$", Pattern.DOTALL);
    private static final Pattern LEXICAL_EOF = Pattern.compile("Lexical error.*Encountered: <EOF>\\s*$");
    private static final Pattern EXPECTED = Pattern.compile("^\\s+(\\S.*?)(?: \\.\\.\\.)?\\s*$", Pattern.MULTILINE);

    private static boolean isUpdate(String text) {
        try {
            UpdateFactory.create(text);
            return true;
        } catch (RuntimeException notUpdate) {
            return false;
        }
    }

    /**
     * Jena's (JavaCC's) parse message in one readable phrase, without its position (printed before it):
     * {@code unexpected "}"}, {@code unexpected end of query}, {@code unexpected character ' ' after "SELEKT"},
     * with what was expected when the parser lists at most three choices.
     */
    static String problem(String message) {
        String msg = message == null ? "" : message.strip();
        int nl = msg.indexOf('\n');
        String first = (nl < 0 ? msg : msg.substring(0, nl)).strip();
        String rest = nl < 0 ? "" : msg.substring(nl + 1);
        String phrase;
        Matcher m;
        if (first.startsWith("Encountered \"<EOF>\"")) {
            phrase = "unexpected end of query";
        } else if ((m = TOKEN.matcher(first)).find()) {
            phrase = "unexpected \"" + m.group(1).strip() + "\"";
        } else if ((m = LEXICAL.matcher(first)).find()) {
            String after = m.group(2).isEmpty() ? "" : " after \"" + m.group(2) + "\"";
            if (m.group(1) == null) {
                phrase = "unexpected end of query" + after;
            } else {
                int cp = Integer.parseInt(m.group(1));
                String ch = Character.isWhitespace(cp) || Character.isISOControl(cp)
                        ? String.format("U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "'";
                phrase = "unexpected character " + ch + after;
            }
        } else if (LEXICAL_EOF.matcher(first).find()) {
            phrase = "unexpected end of query";
        } else {
            phrase = first.replaceAll("\\s*at line -?\\d+, column -?\\d+\\.?", "")
                    .replaceFirst("^Line -?\\d+, column -?\\d+:\\s*", "").strip();
        }
        if (rest.contains("Was expecting")) {
            List<String> expected = new ArrayList<>();
            Matcher e = EXPECTED.matcher(rest.substring(rest.indexOf("Was expecting")));
            while (e.find()) {
                expected.add(e.group(1).strip());
            }
            if (!expected.isEmpty() && expected.size() <= 3) {
                phrase += "; expected " + (expected.size() == 1 ? "" : "one of ") + String.join(", ", expected);
            }
        }
        return phrase.isEmpty() ? "syntax error" : phrase;
    }

    private void execute(KnowledgeGraph kg, Query query, PrintWriter out) {
        QueryExecutionDatasetBuilder b = QueryExecution.dataset(kg.dataset()).query(query);
        if (timeoutSeconds > 0) {
            b.timeout(timeoutSeconds, TimeUnit.SECONDS);
        }
        if (union) {
            b.set(TDB2.symUnionDefaultGraph, true);
        }
        try (QueryExecution qe = b.build(); WriterOutputStream os = new WriterOutputStream(out)) {
            if (query.isSelectType()) {
                ResultSet rs = qe.execSelect();
                switch (format) {
                    case TABLE -> ResultSetFormatter.out(os, rs, query);
                    case CSV -> ResultSetFormatter.outputAsCSV(os, rs);
                    case TSV -> ResultSetFormatter.outputAsTSV(os, rs);
                    case JSON -> ResultSetFormatter.outputAsJSON(os, rs);
                    default -> throw new IllegalStateException(format.name());
                }
            } else if (query.isAskType()) {
                boolean answer = qe.execAsk();
                if (format == OutputFormat.JSON) {
                    ResultSetFormatter.outputAsJSON(os, answer);
                } else {
                    os.flush();
                    out.println(answer);
                }
            } else {
                Model m = query.isConstructType() ? qe.execConstruct() : qe.execDescribe();
                RDFDataMgr.write(os, m,
                        format == OutputFormat.JSON ? RDFFormat.JSONLD_PRETTY : RDFFormat.TURTLE_PRETTY);
            }
        } catch (QueryCancelledException e) {
            throw new CommandFailedException(ExitCodes.FAILURE, "query cancelled after the timeout of "
                    + timeoutSeconds + " s; raise --timeout or narrow the query", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the result: " + e.getMessage(), e);
        }
        out.flush();
    }
}
