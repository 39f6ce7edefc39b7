package org.rhizome.cli.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;

import org.rhizome.cli.Units;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceInfo;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.io.Format;
import org.rhizome.graph.io.ImportOptions;
import org.rhizome.graph.io.ImportResult;
import org.rhizome.graph.io.Importer;

/**
 * Demo step: loads the example graph (the "history of computing" Turtle file shipped in the graph-store jar) as
 * a source with id {@value #SOURCE_ID}, or reuses it when the store already has that source.
 */
public final class LoadExampleGraph implements DemoStep {
    /** The source id the example graph is recorded under, and the file name it is imported from. */
    public static final String SOURCE_ID = "history-of-computing.ttl";
    /** Classpath location of the example graph (in the graph-store jar). */
    public static final String RESOURCE = "/org/rhizome/graph/demo/history-of-computing.ttl";

    @Override
    public String title() {
        return "Load the example graph";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        Optional<SourceInfo> existing = ctx.kg().sources().stream()
                .filter(s -> s.source().id().equals(SOURCE_ID)).findFirst();
        if (existing.isPresent()) {
            SourceInfo s = existing.get();
            out.printf(Locale.US, "  reusing %s, already in the store: %,d statements, imported %s (--fresh starts "
                    + "over)%n", SOURCE_ID, s.statementCount(),
                    s.source().createdAt().truncatedTo(ChronoUnit.SECONDS));
            return;
        }
        ImportResult r = importExample(ctx);
        out.printf(Locale.US, "  imported %,d statements from %s in %s (%,.0f statements/s)%n", r.statements(),
                SOURCE_ID, Units.seconds(r.elapsed().toNanos()), r.rate());
        out.printf("  source graph <%s>%n", r.graph().getURI());
    }

    private static ImportResult importExample(DemoContext ctx) {
        Path tmpDir = null;
        try {
            tmpDir = Files.createTempDirectory("rhizome-demo");
            Path file = tmpDir.resolve(SOURCE_ID);
            try (InputStream in = KnowledgeGraph.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the example graph " + RESOURCE
                            + " is missing from the classpath (it ships in the graph-store jar)");
                }
                Files.copy(in, file);
            }
            Source source = Source.builder(SourceKind.IMPORT_FILE, SOURCE_ID).note("Rhizome demo graph").build();
            return Importer.importFile(ctx.kg(), file, ImportOptions.builder().format(Format.TURTLE).source(source)
                    .progress(ctx.progress()).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the example graph to a temporary file: " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmpDir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try {
            Files.deleteIfExists(dir.resolve(SOURCE_ID));
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // A leftover file in the temporary directory is harmless.
        }
    }
}
