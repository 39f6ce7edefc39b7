package org.rhizome.embeddings;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vectors of one embedding model keyed by the hash of their text, persisted in an append-only file so a text is
 * embedded once, across runs. One file per model identity in the cache directory; vectors of different models are
 * never mixed (the identity and dimension are in the file's header and checked on open).
 *
 * <p>Layout (little-endian): a header {@code "RZVC"}, format version, dimension, the model identity (length-prefixed
 * UTF-8); then records of a 16-byte key (the first 128 bits of SHA-256 of the text's UTF-8 bytes), {@code dimension}
 * floats and a CRC-32 of key and floats. Records are only ever appended. A crash while appending leaves at worst a
 * torn last record: {@link #open} drops it (and anything after it) with a warning, so the file is always a sequence
 * of whole, checked records. Losing a cache entry only costs a recomputation.
 *
 * <p>Memory: an index of key to file offset (about 80 bytes per entry); vectors are read from the file on demand
 * with positional reads, so the cache may hold many more vectors than the heap. Thread-safe: reads run concurrently,
 * appends are serialised. One process at a time (the store's lock guarantees it for a cache beside a store).
 */
public final class EmbeddingCache implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final int MAGIC = 0x4356_5a52; // "RZVC" read as a little-endian int
    private static final int VERSION = 1;
    private static final int KEY_BYTES = 16;

    private final String modelId;
    private final int dimension;
    private final Optional<Path> file;
    private final FileChannel channel;
    private final int recordBytes;
    private final Map<Key, Long> offsets = new HashMap<>();
    /** Vectors of an in-memory cache (no file). */
    private final Map<Key, float[]> memory;
    private long end;
    private boolean closed;

    private record Key(long hi, long lo) {
    }

    private EmbeddingCache(String modelId, int dimension, Optional<Path> file, FileChannel channel) {
        this.modelId = modelId;
        this.dimension = dimension;
        this.file = file;
        this.channel = channel;
        this.recordBytes = KEY_BYTES + 4 * dimension + 4;
        this.memory = channel == null ? new HashMap<>() : null;
    }

    /** A cache that lives in memory only (for an in-memory graph). */
    public static EmbeddingCache inMemory(String modelId, int dimension) {
        checkArgs(modelId, dimension);
        return new EmbeddingCache(modelId, dimension, Optional.empty(), null);
    }

    /**
     * Opens (creating if needed) the cache of model {@code modelId} in {@code directory}.
     *
     * @throws EmbeddingException if the file exists with another model identity or dimension in its header, or is
     *                            not a cache file
     */
    public static EmbeddingCache open(Path directory, String modelId, int dimension) {
        checkArgs(modelId, dimension);
        Objects.requireNonNull(directory, "directory");
        Path file = directory.resolve(fileName(modelId));
        try {
            Files.createDirectories(directory);
            FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            EmbeddingCache cache = new EmbeddingCache(modelId, dimension, Optional.of(file), ch);
            try {
                cache.load();
            } catch (RuntimeException | IOException e) {
                ch.close();
                throw e;
            }
            return cache;
        } catch (IOException e) {
            throw new EmbeddingException("cannot open the embedding cache " + file + ": " + e.getMessage(), e);
        }
    }

    private static void checkArgs(String modelId, int dimension) {
        Objects.requireNonNull(modelId, "modelId");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
    }

    /** A file name safe on every file system, unique per model identity. */
    static String fileName(String modelId) {
        String safe = modelId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 60) {
            safe = safe.substring(0, 60);
        }
        byte[] h = sha256(modelId);
        return safe + "-" + String.format("%02x%02x%02x%02x", h[0], h[1], h[2], h[3]) + ".vectors";
    }

    private void load() throws IOException {
        byte[] id = modelId.getBytes(StandardCharsets.UTF_8);
        int headerBytes = 16 + id.length;
        long size = channel.size();
        if (size == 0) {
            ByteBuffer h = ByteBuffer.allocate(headerBytes).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(MAGIC).putInt(VERSION).putInt(dimension).putInt(id.length).put(id).flip();
            writeFully(h, 0);
            channel.force(true);
            end = headerBytes;
            return;
        }
        ByteBuffer h = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        readFully(h, 0);
        h.flip();
        if (h.remaining() < 16 || h.getInt() != MAGIC) {
            throw new EmbeddingException(file.orElseThrow() + " is not a Rhizome embedding cache (bad magic number)");
        }
        int version = h.getInt();
        if (version != VERSION) {
            throw new EmbeddingException(file.orElseThrow() + ": cache format version " + version
                    + " is not supported (expected " + VERSION + ")");
        }
        int dim = h.getInt();
        int idLen = h.getInt();
        if (idLen < 0 || idLen > 4096 || size < 16 + idLen) {
            throw new EmbeddingException(file.orElseThrow() + ": corrupt header (model identity length " + idLen + ")");
        }
        ByteBuffer idBuf = ByteBuffer.allocate(idLen);
        readFully(idBuf, 16);
        String stored = new String(idBuf.array(), StandardCharsets.UTF_8);
        if (!stored.equals(modelId) || dim != dimension) {
            throw new EmbeddingException(file.orElseThrow() + " holds vectors of " + stored + " (dimension " + dim
                    + "), not of " + modelId + " (dimension " + dimension + ")");
        }
        long pos = 16 + idLen;
        ByteBuffer rec = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
        CRC32 crc = new CRC32();
        while (pos + recordBytes <= size) {
            rec.clear();
            readFully(rec, pos);
            crc.reset();
            crc.update(rec.array(), 0, recordBytes - 4);
            int want = rec.getInt(recordBytes - 4);
            if ((int) crc.getValue() != want) {
                break;
            }
            offsets.put(new Key(rec.getLong(0), rec.getLong(8)), pos);
            pos += recordBytes;
        }
        if (pos != size) {
            LOG.warn("embedding cache {}: dropping {} bytes of a torn or corrupt tail after {} whole records",
                    file.orElseThrow(), size - pos, offsets.size());
            channel.truncate(pos);
            channel.force(true);
        }
        end = pos;
    }

    /** The model identity whose vectors this cache holds. */
    public String modelId() {
        return modelId;
    }

    /** The vectors' dimension. */
    public int dimension() {
        return dimension;
    }

    /** The cache file, if persistent. */
    public Optional<Path> file() {
        return file;
    }

    /** Number of cached vectors. */
    public synchronized int size() {
        return memory != null ? memory.size() : offsets.size();
    }

    /** The cached vector of {@code text} (a fresh array), if any. */
    public Optional<float[]> get(String text) {
        Key k = key(text);
        long off;
        synchronized (this) {
            ensureOpen();
            if (memory != null) {
                float[] v = memory.get(k);
                return v == null ? Optional.empty() : Optional.of(v.clone());
            }
            Long o = offsets.get(k);
            if (o == null) {
                return Optional.empty();
            }
            off = o;
        }
        ByteBuffer buf = ByteBuffer.allocate(4 * dimension).order(ByteOrder.LITTLE_ENDIAN);
        try {
            readFully(buf, off + KEY_BYTES);
        } catch (IOException e) {
            throw new EmbeddingException("cannot read the embedding cache " + file.orElseThrow() + ": " + e, e);
        }
        buf.flip();
        float[] v = new float[dimension];
        buf.asFloatBuffer().get(v);
        return Optional.of(v);
    }

    /**
     * Stores the vector of {@code text} (kept as the first one if the text is already cached). The append reaches the
     * operating system at once and the disk at {@link #flush()} or {@link #close()}.
     */
    public void put(String text, float[] vector) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector has dimension " + vector.length + ", cache expects "
                    + dimension);
        }
        Key k = key(text);
        synchronized (this) {
            ensureOpen();
            if (memory != null) {
                memory.putIfAbsent(k, vector.clone());
                return;
            }
            if (offsets.containsKey(k)) {
                return;
            }
            ByteBuffer rec = ByteBuffer.allocate(recordBytes).order(ByteOrder.LITTLE_ENDIAN);
            rec.putLong(k.hi()).putLong(k.lo());
            for (float f : vector) {
                rec.putFloat(f);
            }
            CRC32 crc = new CRC32();
            crc.update(rec.array(), 0, recordBytes - 4);
            rec.putInt((int) crc.getValue());
            rec.flip();
            try {
                writeFully(rec, end);
            } catch (IOException e) {
                throw new EmbeddingException("cannot append to the embedding cache " + file.orElseThrow() + ": "
                        + e.getMessage(), e);
            }
            offsets.put(k, end);
            end += recordBytes;
        }
    }

    /** Forces appended records to the disk. */
    public synchronized void flush() {
        if (channel != null && !closed) {
            try {
                channel.force(false);
            } catch (IOException e) {
                throw new EmbeddingException("cannot flush the embedding cache " + file.orElseThrow() + ": " + e, e);
            }
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            flush();
        } finally {
            closed = true;
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException e) {
                    LOG.warn("closing the embedding cache {} failed: {}", file.orElseThrow(), e.toString());
                }
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("embedding cache is closed");
        }
    }

    private void readFully(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos);
            if (n < 0) {
                break;
            }
            pos += n;
        }
    }

    private void writeFully(ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            pos += channel.write(buf, pos);
        }
    }

    private static Key key(String text) {
        byte[] h = sha256(Objects.requireNonNull(text, "text"));
        ByteBuffer b = ByteBuffer.wrap(h);
        return new Key(b.getLong(0), b.getLong(8));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
        }
    }

    @Override
    public String toString() {
        return "EmbeddingCache[" + modelId + ", " + size() + " vectors" + file.map(f -> ", " + f).orElse("") + "]";
    }
}
