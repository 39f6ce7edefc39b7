package org.rhizome.agent.growth;

import java.util.Locale;

/** Where a growth run stands. */
public enum RunStatus {
    /** Iterating now, or killed while iterating (a crashed run stays {@code running} until resumed). */
    RUNNING,
    /** Stopped by a budget; can be resumed with a larger one. */
    STOPPED,
    /** Failed: the model refused for good, or too many unusable answers in a row; resumable once fixed. */
    FAILED;

    /** The lower-case word stored and shown. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@link #word()}. */
    public static RunStatus parse(String w) {
        return valueOf(w.trim().toUpperCase(Locale.ROOT));
    }
}
