package org.rhizome.graph.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.rhizome.graph.InputFormatException;

/**
 * Passes bytes through while checking that they are well-formed UTF-8 (no stray continuation bytes, no overlong
 * forms, no surrogates, nothing above U+10FFFF, no truncated sequence at the end) and counting lines and columns,
 * so that a bad byte is reported with its exact position rather than silently replaced. Not thread-safe.
 */
final class Utf8CheckingInputStream extends FilterInputStream {
    private final String name;
    private long bytes;
    private long line = 1;
    private long column = 0;
    /** Continuation bytes still expected in the current sequence. */
    private int need;
    /** Allowed range of the next continuation byte (tighter than 80..BF right after some lead bytes). */
    private int lo = 0x80;
    private int hi = 0xBF;
    /** The lead byte of the current sequence and where it was, for the error message. */
    private int lead;
    private long leadLine;
    private long leadColumn;
    private long leadOffset;

    Utf8CheckingInputStream(InputStream in, String name) {
        super(in);
        this.name = name;
    }

    /** Bytes read so far. */
    long bytesRead() {
        return bytes;
    }

    /** The line of the last byte read (1-based). */
    long line() {
        return line;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b < 0) {
            atEnd();
            return b;
        }
        check(b);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = in.read(buf, off, len);
        if (n < 0) {
            atEnd();
            return n;
        }
        for (int i = off; i < off + n; i++) {
            check(buf[i] & 0xFF);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would bypass the check; read and discard instead.
        byte[] scratch = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(scratch, 0, (int) Math.min(scratch.length, n - done));
            if (r < 0) {
                break;
            }
            done += r;
        }
        return done;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void atEnd() {
        if (need > 0) {
            throw new InputFormatException(name, leadLine, leadColumn, String.format(
                    "byte 0x%02X at byte offset %d starts a UTF-8 sequence that the end of the file cuts short",
                    lead, leadOffset));
        }
    }

    private void check(int b) {
        bytes++;
        if (need > 0) {
            if (b < lo || b > hi) {
                throw new InputFormatException(name, leadLine, leadColumn, String.format(
                        "byte 0x%02X at byte offset %d is not valid UTF-8 here: it starts a multi-byte sequence but "
                        + "is followed by 0x%02X (expected 0x%02X..0x%02X); the file must be UTF-8 encoded",
                        lead, leadOffset, b, lo, hi));
            }
            need--;
            lo = 0x80;
            hi = 0xBF;
            return;
        }
        column++;
        if (b < 0x80) {
            if (b == '\n') {
                line++;
                column = 0;
            }
            return;
        }
        lead = b;
        leadLine = line;
        leadColumn = column;
        leadOffset = bytes - 1;
        if (b >= 0xC2 && b <= 0xDF) {
            need = 1;
        } else if (b == 0xE0) {
            need = 2;
            lo = 0xA0;
        } else if (b == 0xED) {
            need = 2;
            hi = 0x9F;
        } else if (b >= 0xE1 && b <= 0xEF) {
            need = 2;
        } else if (b == 0xF0) {
            need = 3;
            lo = 0x90;
        } else if (b >= 0xF1 && b <= 0xF3) {
            need = 3;
        } else if (b == 0xF4) {
            need = 3;
            hi = 0x8F;
        } else {
            throw new InputFormatException(name, line, column, String.format(
                    "byte 0x%02X at byte offset %d is not valid UTF-8; the file must be UTF-8 encoded", b, bytes - 1));
        }
    }
}
