package org.rhizome.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive, process-wide lock on a store directory: an operating-system lock on {@code rhizome.lock} holding
 * the owner's pid. The operating system drops the lock when the process ends, even by SIGKILL, so a crash never
 * leaves a store locked; the pid in the file is then stale and simply overwritten.
 */
final class ProcessLock {
    static final String FILE_NAME = "rhizome.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private ProcessLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir}.
     *
     * @throws StoreLockedException if another process holds it
     */
    static ProcessLock acquire(Path dir) throws IOException {
        Path file = dir.resolve(FILE_NAME);
        FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            ch.close();
            throw new StoreLockedException(dir, ProcessHandle.current().pid(), e);
        }
        if (l == null) {
            long holder = readPid(ch);
            ch.close();
            throw new StoreLockedException(dir, holder, null);
        }
        ch.truncate(0);
        ch.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        ch.force(false);
        return new ProcessLock(ch, l);
    }

    private static long readPid(FileChannel ch) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(32);
            int n = ch.read(buf, 0);
            return n <= 0 ? -1 : Long.parseLong(new String(buf.array(), 0, n, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** Releases the lock (idempotent). */
    void release() {
        try {
            if (lock.isValid()) {
                lock.release();
            }
            channel.close();
        } catch (IOException e) {
            // Closing the channel releases the lock in any case; nothing else to do.
        }
    }
}
