package org.rhizome.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * An {@link OutputStream} that decodes UTF-8 bytes onto a {@link Writer}, so Jena's stream-based writers
 * (result sets, RDF) can print through picocli's output {@code PrintWriter}. A multi-byte character split across
 * writes is kept until its last byte arrives. {@link #close()} flushes but leaves the writer open.
 */
final class WriterOutputStream extends OutputStream {
    private final Writer out;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private final CharBuffer chars = CharBuffer.allocate(8192);

    WriterOutputStream(Writer out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        bytes.put((byte) b);
        if (!bytes.hasRemaining()) {
            decode(false);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, bytes.remaining());
            bytes.put(b, off, n);
            off += n;
            len -= n;
            if (!bytes.hasRemaining()) {
                decode(false);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        decode(false);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        decode(true);
        CoderResult r;
        do {
            r = decoder.flush(chars);
            drainChars();
        } while (r.isOverflow());
        decoder.reset();
        out.flush();
    }

    private void decode(boolean endOfInput) throws IOException {
        bytes.flip();
        CoderResult r;
        do {
            r = decoder.decode(bytes, chars, endOfInput);
            drainChars();
        } while (r.isOverflow());
        bytes.compact();
    }

    private void drainChars() throws IOException {
        chars.flip();
        if (chars.hasRemaining()) {
            out.write(chars.array(), chars.arrayOffset() + chars.position(), chars.remaining());
        }
        chars.clear();
    }
}
