package org.rhizome.graph;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A TDB2 store directory is held by another process (TDB2 lets one JVM open a location at a time). The message
 * names the directory and the holder's process id when the lock file gives it.
 */
public class StoreLockedException extends StoreException {
    private static final long serialVersionUID = 1L;

    private final transient Path directory;
    private final long holderPid;

    public StoreLockedException(Path directory, long holderPid, Throwable cause) {
        super("store " + directory + " is in use by another process"
                + (holderPid > 0 ? " (pid " + holderPid + ")" : "")
                + "; stop it (for example a running 'rhizome serve') or use another --store", cause);
        this.directory = directory;
        this.holderPid = holderPid;
    }

    /** The locked store directory. */
    public Path directory() {
        return directory;
    }

    /** The process id holding the lock, when known. */
    public OptionalLong holderPid() {
        return holderPid > 0 ? OptionalLong.of(holderPid) : OptionalLong.empty();
    }
}
