package org.rhizome.gnn.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.rhizome.graph.RhizomeException;
import org.rhizome.graph.io.AtomicFiles;

/**
 * The frame every binary file of this module shares: big-endian content ({@link DataOutputStream}) followed by the
 * CRC-32 of everything before it, written whole or not at all ({@link AtomicFiles}: a crash never leaves a
 * half-written file under the name). Reading checks the checksum after the content has been parsed and refuses
 * trailing bytes; a missing, truncated or corrupted file is refused with a message that names it and says which.
 */
public final class ChecksummedFile {
    private ChecksummedFile() {}

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Body {
        void write(DataOutputStream out) throws IOException;
    }

    /** Parses a file's content; what it returns is only used once the checksum has been verified. */
    @FunctionalInterface
    public interface Parser<T> {
        T read(DataInputStream in) throws IOException;
    }

    /** Whether {@code file} starts with {@code magic} (false when it cannot be read): to tell formats apart. */
    public static boolean startsWith(Path file, byte[] magic) {
        try (InputStream in = Files.newInputStream(file)) {
            return java.util.Arrays.equals(in.readNBytes(magic.length), magic);
        } catch (IOException e) {
            return false;
        }
    }

    /** Writes {@code body} and its checksum to {@code file}; {@code what} names the file in errors. */
    public static void write(Path file, String what, Body body) {
        try {
            AtomicFiles.write(file, out -> {
                CheckedOutputStream checked = new CheckedOutputStream(out, new CRC32());
                DataOutputStream data = new DataOutputStream(checked);
                body.write(data);
                data.flush();
                new DataOutputStream(out).writeLong(checked.getChecksum().getValue());
            });
        } catch (UncheckedIOException e) {
            throw new RhizomeException("cannot write the " + what + " " + file + ": " + e.getCause().getMessage(), e);
        }
    }

    /** Reads {@code file} with {@code parser} and verifies its checksum. */
    public static <T> T read(Path file, String what, Parser<T> parser) {
        if (!Files.isRegularFile(file)) {
            throw new RhizomeException("no " + what + " at " + file);
        }
        try (InputStream raw = Files.newInputStream(file);
                CheckedInputStream checked = new CheckedInputStream(new BufferedInputStream(raw, 1 << 16),
                        new CRC32());
                DataInputStream in = new DataInputStream(checked)) {
            T value = parser.read(in);
            long expected = checked.getChecksum().getValue();
            if (in.readLong() != expected) {
                throw new RhizomeException("the " + what + " " + file + " is corrupted (checksum mismatch)");
            }
            if (in.read() != -1) {
                throw new RhizomeException("the " + what + " " + file + " has bytes after its end: corrupted");
            }
            return value;
        } catch (EOFException e) {
            throw new RhizomeException("the " + what + " " + file + " is truncated", e);
        } catch (IllegalArgumentException e) {
            throw new RhizomeException("the " + what + " " + file + " is corrupted: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RhizomeException("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }
}
