package org.rhizome.graph.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole-file writes: the content goes to a hidden temporary sibling, is forced to disk, and is then moved over the
 * target in one rename, so a reader (or a run that was killed) sees either the old file or the new one, never half
 * of one. A temporary file left by a killed run is named {@code .<target>.<random>.tmp} and removed by
 * {@link #removeLeftovers(Path, Set)}. Used for reports, model files and parameter files.
 */
public final class AtomicFiles {
    private static final String SUFFIX = ".tmp";

    private AtomicFiles() {}

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Replaces {@code target} with {@code bytes}. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /**
     * Replaces {@code target} with what {@code content} writes.
     *
     * @throws UncheckedIOException if it cannot be written; {@code target} is then unchanged and no temporary file
     *                              is left
     */
    public static void write(Path target, Content content) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        FileChannel ch = null;
        try {
            // Not Files.createTempFile: it makes the file readable by its owner only, and the move would carry that
            // over to a report folder that is meant to be shared. CREATE_NEW gives the umask's permissions.
            for (int attempt = 0; ch == null; attempt++) {
                tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(
                        ThreadLocalRandom.current().nextLong(), 36) + SUFFIX);
                try {
                    ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException e) {
                    if (attempt == 100) {
                        throw e;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": cannot create a file in " + dir + ": "
                    + e.getMessage(), e);
        }
        try {
            try (FileChannel open = ch;
                    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(open), 1 << 16)) {
                content.writeTo(out);
                out.flush();
                open.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // A file system without atomic rename: the best it offers, still never a partly written target.
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // Best effort: the file is hidden, named after its target, and removed by the next run.
            }
        }
    }

    /**
     * Deletes the temporary files that a killed {@link #write} left in {@code dir} for a target named in
     * {@code names}; other files are not touched.
     */
    public static void removeLeftovers(Path dir, Set<String> names) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "." + "*" + SUFFIX)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                for (String target : names) {
                    if (n.startsWith("." + target + ".") && n.length() > target.length() + 2 + SUFFIX.length()) {
                        Files.deleteIfExists(f);
                        break;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
