package org.rhizome.cli;

/**
 * The exit codes of {@code rhizome}, by what the caller should do next. They are listed in the footer of
 * {@code rhizome --help}.
 */
public final class ExitCodes {
    /** The command did what was asked. */
    public static final int OK = 0;
    /** Something unexpected failed (a bug, an I/O error, a query timeout); {@code --verbose} shows the stack trace. */
    public static final int FAILURE = 1;
    /** The command line was wrong: an unknown option, a bad or missing argument (picocli's default code). */
    public static final int USAGE = 2;
    /** The input was wrong: a malformed or missing file, malformed SPARQL, a refused SPARQL Update. */
    public static final int BAD_INPUT = 3;
    /** The store cannot be used: it is locked by another process, missing, or cannot be opened. */
    public static final int STORE_UNAVAILABLE = 4;

    private ExitCodes() {}
}
