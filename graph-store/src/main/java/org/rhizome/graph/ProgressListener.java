package org.rhizome.graph;

/**
 * Receives progress of long work (imports, exports, snapshot builds). Libraries report through it and never print;
 * the CLI renders it as a progress bar on a terminal and as plain lines otherwise. Calls come from the working
 * thread; implementations must be cheap (work calls {@link #progress} at most every few thousand units).
 */
public interface ProgressListener {
    /** A listener that ignores everything. */
    ProgressListener NONE = new ProgressListener() {
        @Override
        public void begin(String task, long total, String unit) {}

        @Override
        public void progress(long done) {}

        @Override
        public void end(String summary) {}
    };

    /**
     * Work starts.
     *
     * @param task  what is being done, e.g. "import train.txt"
     * @param total units expected, or -1 when unknown
     * @param unit  what a unit is, e.g. "bytes" or "statements"
     */
    void begin(String task, long total, String unit);

    /** Units done so far (monotone). */
    void progress(long done);

    /** Work ended (successfully or not) with a one-line summary. */
    void end(String summary);
}
