package org.rhizome.graph.analytics.export;

import org.rhizome.graph.ProgressListener;

/** Counts written elements (nodes and edges) and reports every 4,096th to a {@link ProgressListener}. */
final class Ticker {
    private final ProgressListener progress;
    private long done;

    Ticker(ProgressListener progress) {
        this.progress = progress;
    }

    void tick() {
        if ((++done & 0xFFF) == 0) {
            progress.progress(done);
        }
    }
}
