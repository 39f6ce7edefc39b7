package org.rhizome.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.util.function.BooleanSupplier;

import org.apache.jena.query.QueryParseException;
import org.rhizome.graph.InputFormatException;
import org.rhizome.graph.StoreException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IExitCodeExceptionMapper;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns failures into one line on standard error and an exit code ({@link ExitCodes}):
 * usage errors (picocli's {@link ParameterException}) give {@link ExitCodes#USAGE}, bad input
 * ({@link InputFormatException}, {@link QueryParseException}) {@link ExitCodes#BAD_INPUT}, store trouble
 * ({@link StoreException}, including a locked store) {@link ExitCodes#STORE_UNAVAILABLE}, a
 * {@link CommandFailedException} its own code, and anything else {@link ExitCodes#FAILURE}. The stack trace is
 * printed only with {@code --verbose}.
 */
final class Errors implements IExecutionExceptionHandler, IParameterExceptionHandler, IExitCodeExceptionMapper {
    private final BooleanSupplier verbose;

    Errors(BooleanSupplier verbose) {
        this.verbose = verbose;
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        StringBuilder line = new StringBuilder("rhizome: ").append(oneLine(ex.getMessage()));
        if (ex instanceof UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            line.append("; did you mean ").append(String.join(" or ", u.getSuggestions())).append('?');
        }
        line.append(" (see '").append(cmd.getCommandSpec().qualifiedName()).append(" --help')");
        err.println(line);
        if (verbose.getAsBoolean()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof ParameterException pe) {
            return handleParseException(pe, parseResult.originalArgs().toArray(new String[0]));
        }
        int code = getExitCode(ex);
        PrintWriter err = cmd.getErr();
        boolean v = verbose.getAsBoolean();
        err.println("rhizome: " + message(ex, code, v));
        if (v) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    @Override
    public int getExitCode(Throwable t) {
        if (t instanceof ParameterException) {
            return ExitCodes.USAGE;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof CommandFailedException f) {
                return f.exitCode();
            }
            if (c instanceof InputFormatException || c instanceof QueryParseException) {
                return ExitCodes.BAD_INPUT;
            }
            if (c instanceof StoreException) {
                return ExitCodes.STORE_UNAVAILABLE;
            }
        }
        return ExitCodes.FAILURE;
    }

    /** The one-line message for {@code ex}; unexpected failures name the exception type. */
    static String message(Throwable ex, int code, boolean verbose) {
        String msg = ex.getMessage() == null || ex.getMessage().isBlank() ? null : oneLine(ex.getMessage());
        if (code != ExitCodes.FAILURE || ex instanceof CommandFailedException) {
            return msg != null ? msg : ex.getClass().getSimpleName();
        }
        if (msg != null && (ex instanceof UncheckedIOException || ex instanceof IOException)) {
            return msg;
        }
        String what = "unexpected error: " + ex.getClass().getSimpleName() + (msg != null ? ": " + msg : "");
        return verbose ? what : what + " (run with --verbose for the stack trace)";
    }

    /** Collapses line breaks and runs of white space so a message fits on one line. */
    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ").replaceAll("[ \\t]{2,}", " ");
    }
}
