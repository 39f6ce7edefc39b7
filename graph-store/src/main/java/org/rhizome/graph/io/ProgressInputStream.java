package org.rhizome.graph.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.rhizome.graph.ProgressListener;

/** Counts bytes read and reports them to a {@link ProgressListener} every MiB. */
final class ProgressInputStream extends FilterInputStream {
    private static final long EVERY = 1 << 20;
    private final ProgressListener progress;
    private long bytes;
    private long next = EVERY;

    ProgressInputStream(InputStream in, ProgressListener progress) {
        super(in);
        this.progress = progress;
    }

    long bytes() {
        return bytes;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n > 0) {
            advance(n);
        }
        return n;
    }

    private void advance(int n) {
        bytes += n;
        if (bytes >= next) {
            progress.progress(bytes);
            next = bytes + EVERY;
        }
    }
}
