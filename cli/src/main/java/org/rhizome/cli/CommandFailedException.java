package org.rhizome.cli;

/**
 * A failure the CLI itself detects (a refused SPARQL Update, a query timeout), carrying the exit code it maps to
 * and a message that is printed as {@code rhizome: <message>}.
 */
public final class CommandFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message  one readable line saying what went wrong and what to do
     */
    public CommandFailedException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    /**
     * @param exitCode one of {@link ExitCodes}
     * @param message  one readable line saying what went wrong and what to do
     * @param cause    the underlying exception, shown with {@code --verbose}
     */
    public CommandFailedException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The exit code this failure maps to. */
    public int exitCode() {
        return exitCode;
    }
}
