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
 * A trained EpiGNN, or an ensemble of them ({@link EpiGnnEnsemble}), with its relation labels, in one versioned,
 * checksummed file (big-endian):
 * <pre>
 * magic "RZEPI\n" | int version | config: int facets, facetSize, layers | UTF aggregation | UTF objective
 * | float margin, learningRate, weightDecay | int batchSize, epochs | double validFraction | long seed
 * | float initBound | int labels | UTF label...
 * | version 1 (one model): parameters ({@link org.rhizome.gnn.tensor.Parameters#write})
 * | version 2 (an ensemble): int members | per member: long seed, parameters
 * | long CRC-32 of everything before it
 * </pre>
 * One model is written as version 1, as before ensembles existed; both versions are read. Written to a temporary
 * file and moved into place; a truncated, corrupted or foreign file is refused by name.
 */
public final class EpiGnnFile {
    /** The newest format version written and read (2: an ensemble; 1: one model). */
    public static final int VERSION = 2;
    private static final int SINGLE = 1;
    private static final byte[] MAGIC = {'R', 'Z', 'E', 'P', 'I', '\n'};

    /** A model, or an ensemble, with the names of its relation ids. */
    public record Trained(EpiGnnEnsemble model, Vocabulary labels) {
        /** One model on its own. */
        public Trained(EpiGnn model, Vocabulary labels) {
            this(EpiGnnEnsemble.of(model), labels);
        }
    }

    private record Parsed(Trained trained, List<Map<String, float[]>> values) {}

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
        List<EpiGnn> members = t.model().members();
        ChecksummedFile.write(file, "EpiGNN model file", out -> {
            EpiGnnConfig c = t.model().config();
            out.write(MAGIC);
            out.writeInt(members.size() == 1 ? SINGLE : VERSION);
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
            if (members.size() == 1) {
                members.get(0).parameters().write(out);
                return;
            }
            out.writeInt(members.size());
            for (EpiGnn m : members) {
                out.writeLong(m.config().seed());
                m.parameters().write(out);
            }
        });
    }

    public static Trained read(Path file) {
        Parsed parsed = ChecksummedFile.read(file, "EpiGNN model file", in -> {
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                throw new RhizomeException(file + " is not an EpiGNN model file");
            }
            int version = in.readInt();
            if (version != SINGLE && version != VERSION) {
                throw new RhizomeException(file + " has EpiGNN format version " + version + "; this build reads "
                        + SINGLE + " and " + VERSION);
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
            List<EpiGnn> members = new ArrayList<>();
            List<Map<String, float[]>> values = new ArrayList<>();
            if (version == SINGLE) {
                members.add(new EpiGnn(c, n));
                values.add(members.get(0).parameters().read(in, file.toString()));
            } else {
                int count = in.readInt();
                if (count < 1 || count > 10_000) {
                    throw new RhizomeException(file + " declares an ensemble of " + count + " models");
                }
                for (int i = 0; i < count; i++) {
                    EpiGnn m = new EpiGnn(c.withSeed(in.readLong()), n);
                    members.add(m);
                    values.add(m.parameters().read(in, file.toString()));
                }
            }
            return new Parsed(new Trained(new EpiGnnEnsemble(members), Vocabulary.of(labels)), values);
        });
        // the weights go in only once the checksum has been verified
        List<EpiGnn> members = parsed.trained().model().members();
        for (int i = 0; i < members.size(); i++) {
            members.get(i).parameters().install(parsed.values().get(i));
        }
        return parsed.trained();
    }
}
