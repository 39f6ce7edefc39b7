package org.rhizome.gnn.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.graph.RhizomeException;

/**
 * The model file: a versioned binary format, big-endian ({@link DataOutputStream}).
 *
 * <pre>
 * magic "RZKGE\n" | int format version (1) | UTF model kind | int entities | int relations | int dim
 * | float phase scale | UTF-long config JSON (int length + UTF-8 bytes) | entity names | relation names
 * | entity table floats | relation table floats | long CRC-32 of everything before it
 * </pre>
 *
 * Written to a temporary file and moved into place, so a crash never leaves a half-written model under the name.
 * Reading checks the magic, the version (another version is refused, naming both), every count, and the checksum;
 * a truncated or corrupted file is refused with a message saying so.
 */
public final class ModelFile {
    /** The format version this code writes and reads. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'R', 'Z', 'K', 'G', 'E', '\n'};

    private ModelFile() {}

    /** Writes {@code m} to {@code file} (atomically replacing it). */
    public static void write(TrainedModel m, Path file) {
        ChecksummedFile.write(file, "model file", out -> {
            KgeModel k = m.model();
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeUTF(k.kind().name());
            out.writeInt(k.entityCount());
            out.writeInt(k.relationCount());
            out.writeInt(k.dim());
            out.writeFloat(k.phaseScale());
            writeLongString(out, m.config());
            for (int i = 0; i < k.entityCount(); i++) {
                writeLongString(out, m.entities().name(i));
            }
            for (int i = 0; i < k.relationCount(); i++) {
                writeLongString(out, m.relations().name(i));
            }
            for (float f : k.entities()) {
                out.writeFloat(f);
            }
            for (float f : k.relations()) {
                out.writeFloat(f);
            }
        });
    }

    /**
     * Reads a model file.
     *
     * @throws RhizomeException naming the file and what is wrong with it
     */
    public static TrainedModel read(Path file) {
        return ChecksummedFile.read(file, "model file", in -> {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new RhizomeException(file + " is not a Rhizome model file");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new RhizomeException(file + " is a model file of format version " + version
                        + "; this Rhizome reads version " + VERSION);
            }
            ModelKind kind = ModelKind.valueOf(in.readUTF());
            int entities = in.readInt();
            int relations = in.readInt();
            int dim = in.readInt();
            float phaseScale = in.readFloat();
            if (entities < 1 || relations < 1 || dim < 1 || (long) entities * dim > Integer.MAX_VALUE) {
                throw new RhizomeException(file + " has impossible sizes (" + entities + " entities, " + relations
                        + " relations, dimension " + dim + "): corrupted");
            }
            String config = readLongString(in);
            IdMap ents = new IdMap();
            for (int i = 0; i < entities; i++) {
                ents.idOf(readLongString(in));
            }
            IdMap rels = new IdMap();
            for (int i = 0; i < relations; i++) {
                rels.idOf(readLongString(in));
            }
            if (ents.size() != entities || rels.size() != relations) {
                throw new RhizomeException(file + " repeats entity or relation names: corrupted");
            }
            float[] e = new float[entities * dim];
            for (int i = 0; i < e.length; i++) {
                e[i] = in.readFloat();
            }
            float[] r = new float[relations * kind.relationWidth(dim)];
            for (int i = 0; i < r.length; i++) {
                r[i] = in.readFloat();
            }
            KgeModel m = new KgeModel(kind, entities, relations, dim, e, r);
            if (kind == ModelKind.ROTATE) {
                m.withPhaseScale(phaseScale);
            }
            return new TrainedModel(m, ents, rels, config);
        });
    }

    private static void writeLongString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readLongString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > (1 << 26)) {
            throw new IOException("a string of " + n + " bytes: corrupted");
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
