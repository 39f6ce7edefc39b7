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

    /**
     * Lucene reports through java.util.logging that its own vector code is off on Java 17 ("your Java version is too
     * old"); Rhizome's kernels do not depend on it, so the CLI keeps that logger quiet. Held here so the setting is
     * not garbage-collected with the logger.
     */
    private static final java.util.logging.Logger LUCENE_VECTORIZATION =
            java.util.logging.Logger.getLogger("org.apache.lucene.internal.vectorization");

    private Logging() {}

    /** Sets {@code org.rhizome} to DEBUG when {@code verbose}, else back to the configured level (inherited). */
    static void configure(boolean verbose) {
        LUCENE_VECTORIZATION.setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.SEVERE);
        if (LoggerFactory.getLogger(RHIZOME) instanceof Logger logger) {
            logger.setLevel(verbose ? Level.DEBUG : null);
        }
    }
}
