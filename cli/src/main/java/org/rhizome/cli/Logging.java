package org.rhizome.cli;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * Run-time logging settings of the CLI. {@code logback.xml} sends WARN and above to standard error; with
 * {@code --verbose} the {@code org.rhizome} loggers go down to DEBUG.
 */
final class Logging {
    private static final String RHIZOME = "org.rhizome";

    private Logging() {}

    /** Sets {@code org.rhizome} to DEBUG when {@code verbose}, else back to the configured level (inherited). */
    static void configure(boolean verbose) {
        if (LoggerFactory.getLogger(RHIZOME) instanceof Logger logger) {
            logger.setLevel(verbose ? Level.DEBUG : null);
        }
    }
}
