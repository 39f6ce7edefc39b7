package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.io.ImportOptions;
import org.rhizome.graph.io.ImportResult;
import org.rhizome.graph.io.Importer;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code rhizome import FILE...}: imports each file into the store as a source of its own, one all-or-nothing
 * import per file, through {@link Importer#importFile}.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Import RDF or TSV files into the store.",
            "",
            "Each FILE becomes a source of its own (a named graph, catalogued in the default graph) and is imported "
                    + "all or nothing: a malformed file leaves nothing of itself behind. Files are imported in the "
                    + "order given; the first failure stops the command, and the files before it stay imported.",
            "",
            "Formats: turtle, ntriples, nquads, trig, jsonld, rdfxml, and tsv (head<TAB>relation<TAB>tail lines, as "
                    + "in FB15k-237); taken from the file name unless --format is given. Any file may be gzip'd "
                    + "(.gz). The store is created if it does not exist."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  rhizome import --store rhizome-data/fb15k train.txt valid.txt test.txt \\",
            "      --entity-labels entity2text.txt",
            "  rhizome import people.ttl --source-id people-2024"
        })
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to import.")
    List<Path> files;

    @Option(names = "--format", paramLabel = "F",
            description = "Input format of every FILE (turtle, ntriples, nquads, trig, jsonld, rdfxml, tsv); "
                    + "default: from each file name.")
    String format;

    @Option(names = "--entity-labels", paramLabel = "FILE",
            description = "TSV only: token<TAB>label[<TAB>description] lines for entities; imported with the first "
                    + "FILE.")
    Path entityLabels;

    @Option(names = "--relation-labels", paramLabel = "FILE",
            description = "TSV only: token<TAB>label lines for relations; imported with the first FILE.")
    Path relationLabels;

    @Option(names = "--max-literal", paramLabel = "N",
            description = "Longest literal accepted, in characters; a longer one fails the import. "
                    + "Default: ${DEFAULT-VALUE}.")
    long maxLiteral = ImportOptions.DEFAULT_MAX_LITERAL;

    @Option(names = "--source-id", paramLabel = "ID",
            description = "Id of the source recorded in the catalogue (default: the file name); one FILE only.")
    String sourceId;

    @Override
    public Integer call() {
        if (maxLiteral < 1) {
            throw new ParameterException(spec.commandLine(), "--max-literal must be at least 1, got " + maxLiteral);
        }
        if (sourceId != null && files.size() > 1) {
            throw new ParameterException(spec.commandLine(),
                    "--source-id names one source; import one FILE at a time with it (got " + files.size() + ")");
        }
        if (sourceId != null && sourceId.isBlank()) {
            throw new ParameterException(spec.commandLine(), "--source-id must not be blank");
        }
        PrintWriter out = spec.commandLine().getOut();
        ProgressListener progress = ConsoleProgress.forConsole(spec.commandLine().getErr(), root.quiet());
        try (KnowledgeGraph kg = root.openStore(true)) {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                ImportOptions options = options(file, i == 0, progress);
                ImportResult r;
                try {
                    r = Importer.importFile(kg, file, options);
                } catch (IllegalArgumentException e) {
                    // Unknown format, label files with a non-TSV file: a bad argument, not a bad file.
                    throw new ParameterException(spec.commandLine(), e.getMessage(), e, null, file.toString());
                }
                out.println(summary(r));
                out.flush();
            }
        }
        return ExitCodes.OK;
    }

    private ImportOptions options(Path file, boolean first, ProgressListener progress) {
        ImportOptions.Builder b = ImportOptions.builder().maxLiteralLength(maxLiteral).progress(progress);
        if (format != null) {
            b.format(format);
        }
        if (first) {
            b.entityLabels(entityLabels).relationLabels(relationLabels);
        }
        if (sourceId != null) {
            b.source(Source.builder(SourceKind.IMPORT_FILE, sourceId)
                    .note(file.toAbsolutePath().normalize().toString()).build());
        }
        return b.build();
    }

    /**
     * {@code imported 272,115 statements from train.txt into <graph> in 3.2 s (85,000 statements/s)}, plus the
     * named graphs of a quad file and parser warnings when there were any.
     */
    static String summary(ImportResult r) {
        StringBuilder sb = new StringBuilder(String.format(Locale.US,
                "imported %,d statements from %s into <%s> in %s (%,.0f statements/s)", r.statements(),
                r.file().getFileName(), r.graph().getURI(), Units.seconds(r.elapsed().toNanos()), r.rate()));
        if (!r.fileGraphs().isEmpty()) {
            sb.append(String.format(Locale.US, "; the file's %,d named graphs keep their names",
                    r.fileGraphs().size()));
        }
        if (r.warnings() > 0) {
            sb.append(String.format(Locale.US, "; %,d parser warnings (logged)", r.warnings()));
        }
        return sb.toString();
    }
}
