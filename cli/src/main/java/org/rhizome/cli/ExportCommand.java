package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Status;
import org.rhizome.graph.io.Exporter;
import org.rhizome.graph.io.Format;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome export FILE}: writes the store's content to a file through {@link Exporter#export}. */
@Command(name = "export",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Export the store's statements to a file.",
            "",
            "Triple formats (turtle, ntriples, rdfxml) get the distinct statements of the selected sources. Quad "
                    + "formats (nquads, trig, jsonld) write them to the default graph and keep the named graphs that "
                    + "came from imported quad files; with --with-provenance every source keeps its named graph and "
                    + "the catalogue comes along, a full dump for backup and inspection. tsv writes "
                    + "IRI-to-IRI statements as head<TAB>relation<TAB>tail and skips the others. The format comes "
                    + "from the file name unless --format is given; a .gz name is gzip'd. The file is written in "
                    + "full or not at all."
        })
final class ExportCommand implements Callable<Integer> {
    /** Statuses {@code --include} may add to the asserted statements. */
    enum Extra {
        PREDICTED(Status.PREDICTED), REJECTED(Status.REJECTED), REVIEW(Status.REVIEW);

        final Status status;

        Extra(Status status) {
            this.status = status;
        }
    }

    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "File to write (replaced if it exists).")
    Path file;

    @Option(names = "--format", paramLabel = "F",
            description = "Output format (turtle, ntriples, nquads, trig, jsonld, rdfxml, tsv); default: from FILE's "
                    + "name.")
    String format;

    @Option(names = "--with-provenance",
            description = "Quad formats only: also write the catalogue (default graph) and statement annotations.")
    boolean withProvenance;

    @Option(names = "--include", split = ",", paramLabel = "STATUS",
            description = "Also export statements of sources with this status: predicted, rejected (asserted "
                    + "ones always are).")
    List<Extra> include = List.of();

    @Override
    public Integer call() {
        Format f;
        try {
            f = Format.of(file, Optional.ofNullable(format));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (withProvenance && !f.isQuads()) {
            throw new ParameterException(spec.commandLine(), "--with-provenance needs a quad format (nquads, trig, "
                    + "jsonld), not " + f.cliName());
        }
        Set<Status> statuses = EnumSet.of(Status.ASSERTED);
        include.forEach(e -> statuses.add(e.status));
        Exporter.Options options = Exporter.Options.defaults().withFormat(f).withStatuses(statuses)
                .withProvenance(withProvenance)
                .withProgress(ConsoleProgress.forConsole(spec.commandLine().getErr(), root.quiet()));
        Exporter.Result r;
        try (KnowledgeGraph kg = root.openStore(false)) {
            r = Exporter.export(kg, file, options);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(r, statuses));
        return ExitCodes.OK;
    }

    /** {@code exported 778 statements (asserted) to out.ttl as turtle}, plus what TSV had to skip. */
    static String summary(Exporter.Result r, Set<Status> statuses) {
        String which = String.join("+", statuses.stream().sorted().map(s -> s.name().toLowerCase(Locale.ROOT))
                .toList());
        StringBuilder sb = new StringBuilder(String.format(Locale.US, "exported %,d %s (%s) to %s as %s",
                r.statements(), r.format().isQuads() ? "quads" : "statements", which, r.file(),
                r.format().cliName()));
        if (r.skipped() > 0) {
            sb.append(String.format(Locale.US, "; skipped %,d statements with a literal or blank node (TSV holds "
                    + "IRI-to-IRI statements only)", r.skipped()));
        }
        return sb.toString();
    }
}
