package org.rhizome.gnn.epignn;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.rhizome.gnn.io.ChecksummedFile;
import org.rhizome.gnn.reasoning.Vocabulary;
import org.rhizome.graph.RhizomeException;

/**
 * A trained EpiGNN with its relation labels, in one versioned, checksummed file (big-endian):
 * <pre>
 * magic "RZEPI\n" | int version (1) | config: int facets, facetSize, layers | UTF aggregation | UTF objective
 * | float margin, learningRate, weightDecay | int batchSize, epochs | double validFraction | long seed
 * | float initBound | int labels | UTF label... | parameters ({@link org.rhizome.gnn.tensor.Parameters#write})
 * | long CRC-32 of everything before it
 * </pre>
 * Written to a temporary file and moved into place; a truncated, corrupted or foreign file is refused by name.
 */
public final class EpiGnnFile {
    /** The format version written and read. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'R', 'Z', 'E', 'P', 'I', '\n'};

    /** A model with the names of its relation ids. */
    public record Trained(EpiGnn model, Vocabulary labels) {}

    private record Parsed(Trained trained, Map<String, float[]> values) {}

    private EpiGnnFile() {}

    /** Whether {@code file} starts with this format's magic (for commands that accept several model kinds). */
    public static boolean looksLike(Path file) {
        return ChecksummedFile.startsWith(file, MAGIC);
    }

    public static void write(Trained t, Path file) {
        if (t.labels().size() != t.model().relations()) {
            throw new IllegalArgumentException(t.labels().size() + " labels for a model of " + t.model().relations()
                    + " relations");
        }
        ChecksummedFile.write(file, "EpiGNN model file", out -> {
            EpiGnnConfig c = t.model().config();
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(c.facets());
            out.writeInt(c.facetSize());
            out.writeInt(c.layers());
            out.writeUTF(c.aggregation().name());
            out.writeUTF(c.objective().name());
            out.writeFloat(c.margin());
            out.writeFloat(c.learningRate());
            out.writeFloat(c.weightDecay());
            out.writeInt(c.batchSize());
            out.writeInt(c.epochs());
            out.writeDouble(c.validFraction());
            out.writeLong(c.seed());
            out.writeFloat(c.initBound());
            out.writeInt(t.labels().size());
            for (String l : t.labels().labels()) {
                out.writeUTF(l);
            }
            t.model().parameters().write(out);
        });
    }

    public static Trained read(Path file) {
        Parsed parsed = ChecksummedFile.read(file, "EpiGNN model file", in -> {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new RhizomeException(file + " is not an EpiGNN model file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new RhizomeException(file + " has EpiGNN format version " + version + "; this build reads "
                        + VERSION);
            }
            EpiGnnConfig c;
            try {
                c = new EpiGnnConfig(in.readInt(), in.readInt(), in.readInt(), Aggregation.valueOf(in.readUTF()),
                        Objective.valueOf(in.readUTF()), in.readFloat(), in.readFloat(), in.readFloat(), in.readInt(),
                        in.readInt(), in.readDouble(), in.readLong(), in.readFloat());
            } catch (IllegalArgumentException e) {
                throw new RhizomeException(file + " holds an impossible configuration: " + e.getMessage(), e);
            }
            int n = in.readInt();
            if (n < 2 || n > 1_000_000) {
                throw new RhizomeException(file + " declares " + n + " relation labels");
            }
            List<String> labels = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                labels.add(in.readUTF());
            }
            EpiGnn model = new EpiGnn(c, n);
            return new Parsed(new Trained(model, Vocabulary.of(labels)), model.parameters().read(in, file.toString()));
        });
        // the weights go in only once the checksum has been verified
        parsed.trained().model().parameters().install(parsed.values());
        return parsed.trained();
    }
}
