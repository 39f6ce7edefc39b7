package org.rhizome.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;

import org.rhizome.graph.KnowledgeGraph;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code rhizome} command: global options and the subcommands {@code import}, {@code export}, {@code stats},
 * {@code query}, {@code analyze}, {@code index}, {@code search}, {@code resolve}, {@code paths},
 * {@code neighbourhood}, {@code serve}, {@code grow}, {@code resume}, {@code runs}, {@code ingest},
 * {@code job}, {@code train}, {@code predict}, {@code diagnose} and {@code demo}.
 *
 * <p>{@link #main(String...)} exits the JVM with the command's exit code ({@link ExitCodes}); {@link #run} returns
 * it instead, writing to the given writers, so tests can call the CLI in-process. Failures print one line,
 * {@code rhizome: <message>}, to standard error (with the stack trace under {@code --verbose}).
 */
@Command(name = "rhizome",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Rhizome knowledge-graph engine.",
            "",
            "A store is an embedded TDB2 directory (--store). Each imported file or other source becomes a named "
                    + "graph of its own; the default graph is the catalogue of those sources."
        },
        subcommands = {ImportCommand.class, ExportCommand.class, StatsCommand.class, QueryCommand.class,
            AnalyzeCommand.class, IndexCommand.class, SearchCommand.class, ResolveCommand.class, PathsCommand.class,
            NeighbourhoodCommand.class, ServeCommand.class, GrowCommand.class, ResumeCommand.class, RunsCommand.class,
            IngestCommand.class, JobCommand.class, TrainCommand.class, PredictCommand.class,
            DiagnoseCommand.class, EvaluateCommand.class, ReasonCommand.class, DemoCommand.class,
            CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  " + ExitCodes.OK + "  success",
            "  " + ExitCodes.FAILURE + "  unexpected failure (--verbose shows the stack trace)",
            "  " + ExitCodes.USAGE + "  usage error: unknown option, bad or missing argument",
            "  " + ExitCodes.BAD_INPUT + "  bad input: malformed or missing file, malformed SPARQL, SPARQL Update",
            "  " + ExitCodes.STORE_UNAVAILABLE + "  store unavailable: locked by another process, missing, or "
                    + "cannot be opened",
            "",
            "Start with: rhizome demo"
        })
public final class Rhizome implements Runnable {
    /** Where the store lives when {@code --store} is not given (relative to the working directory). */
    public static final String DEFAULT_STORE = "./rhizome-data/default";

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "DIR", defaultValue = DEFAULT_STORE, scope = ScopeType.INHERIT,
            description = {"Store directory (an embedded TDB2 database).", "Default: ${DEFAULT-VALUE}"})
    Path store;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Show stack traces of failures and DEBUG logs of Rhizome.")
    boolean verbose;

    @Option(names = "--quiet", scope = ScopeType.INHERIT, description = "Show no progress.")
    boolean quiet;

    /** Created by picocli. */
    public Rhizome() {}

    /** Runs the command line and exits the JVM with its exit code. */
    public static void main(String... args) {
        System.exit(run(args));
    }

    /** Runs the command line on standard output and error and returns the exit code without exiting. */
    public static int run(String... args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        return run(out, err, args);
    }

    /**
     * Runs the command line with results going to {@code out} and errors and progress to {@code err}.
     *
     * @return the exit code, one of {@link ExitCodes}
     */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        Rhizome root = new Rhizome();
        CommandLine cl = commandLine(root);
        cl.setOut(out);
        cl.setErr(err);
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command line for {@code root}: error handlers, exit codes, logging. */
    static CommandLine commandLine(Rhizome root) {
        CommandLine cl = new CommandLine(root);
        Errors errors = new Errors(() -> root.verbose);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(errors);
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        cl.setExecutionStrategy(parseResult -> {
            Logging.configure(root.verbose);
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cl;
    }

    /** Without a subcommand: a usage error that names the commands. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: give one of import, export, stats, query, analyze, index, search, resolve, paths, "
                        + "neighbourhood, serve, grow, resume, runs, ingest, job, train, predict, diagnose, demo");
    }

    /** The store directory, absolute. */
    Path storeDir() {
        return store.toAbsolutePath().normalize();
    }

    /** Opens the store, creating it when {@code create}; else it must exist ({@link Stores#openExisting}). */
    KnowledgeGraph openStore(boolean create) {
        return create ? Stores.open(storeDir()) : Stores.openExisting(storeDir());
    }

    /** Opens (creating) the store at {@code dir}, for commands whose input names the store (job files). */
    KnowledgeGraph openStoreAt(Path dir) {
        return Stores.open(dir.toAbsolutePath().normalize());
    }

    /** True when progress should not be shown. */
    boolean quiet() {
        return quiet;
    }

    /** Reads the version from {@code version.properties}, filled in by the Maven build. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            Properties p = new Properties();
            try (InputStream in = Rhizome.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            } catch (IOException e) {
                // Fall through to "unknown": a version string is not worth failing for.
            }
            String v = p.getProperty("version", "unknown");
            return new String[] {"rhizome " + (v.startsWith("${") ? "unknown" : v)};
        }
    }
}
