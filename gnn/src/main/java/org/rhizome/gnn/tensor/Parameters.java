package org.rhizome.gnn.tensor;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.rhizome.gnn.io.ChecksummedFile;
import org.rhizome.graph.RhizomeException;

/**
 * A model's trainable tensors by name, in registration order: what an optimiser updates, what gradient clipping
 * measures, and what a parameter file holds.
 *
 * <p>The file format, big-endian:
 * <pre>
 * magic "RZTNS\n" | int version (1) | int count | per tensor: UTF name | int rank | int[rank] shape | floats
 * | long CRC-32 of everything before it
 * </pre>
 * written to a temporary file and moved into place. {@link #load} reads into the registered tensors and refuses a
 * file whose names, shapes, version or checksum do not match, naming the first difference; on refusal no tensor has
 * been changed.
 */
public final class Parameters {
    /** The format version written and read. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'R', 'Z', 'T', 'N', 'S', '\n'};

    private final Map<String, Tensor> byName = new LinkedHashMap<>();

    /** Registers a trainable copy of {@code init} under {@code name} and returns it. */
    public Tensor add(String name, Tensor init) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("a parameter named " + name + " is already registered");
        }
        Tensor p = Tensor.parameter(name, init);
        byName.put(name, p);
        return p;
    }

    /** The parameter called {@code name}. */
    public Tensor get(String name) {
        Tensor t = byName.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no parameter named " + name + "; have " + byName.keySet());
        }
        return t;
    }

    /** All parameters in registration order. */
    public List<Tensor> all() {
        return Collections.unmodifiableList(new ArrayList<>(byName.values()));
    }

    /** The number of scalars over all parameters. */
    public long count() {
        long n = 0;
        for (Tensor t : byName.values()) {
            n += t.data.length;
        }
        return n;
    }

    /** Clears every gradient. */
    public void zeroGrad() {
        for (Tensor t : byName.values()) {
            t.zeroGrad();
        }
    }

    /**
     * Scales all gradients down together so their global L2 norm is at most {@code maxNorm} (as PyTorch's
     * {@code clip_grad_norm_}); returns the norm before clipping.
     */
    public double clipGradNorm(double maxNorm) {
        double sq = 0;
        for (Tensor t : byName.values()) {
            if (t.grad != null) {
                for (float g : t.grad) {
                    sq += (double) g * g;
                }
            }
        }
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float s = (float) (maxNorm / (norm + 1e-6));
            for (Tensor t : byName.values()) {
                if (t.grad != null) {
                    for (int i = 0; i < t.grad.length; i++) {
                        t.grad[i] *= s;
                    }
                }
            }
        }
        return norm;
    }

    /** Writes every parameter to {@code file}, atomically replacing it. */
    public void save(Path file) {
        ChecksummedFile.write(file, "parameter file", this::write);
    }

    /** Writes the parameters (without checksum) to {@code out}; for formats that embed them. */
    public void write(DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeInt(byName.size());
        for (Tensor t : byName.values()) {
            out.writeUTF(t.name());
            out.writeInt(t.shape.length);
            for (int s : t.shape) {
                out.writeInt(s);
            }
            for (float f : t.data) {
                out.writeFloat(f);
            }
        }
    }

    /** Reads {@code file} into the registered parameters (none changes unless the whole file is sound). */
    public void load(Path file) {
        install(ChecksummedFile.read(file, "parameter file", in -> read(in, file.toString())));
    }

    /**
     * Reads parameters written by {@link #write} and checks them against the registered ones; returns the values
     * without installing them ({@link #install}).
     */
    public Map<String, float[]> read(DataInputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new RhizomeException(source + " is not a Rhizome parameter file");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new RhizomeException(source + " has parameter format version " + version + "; this build reads "
                    + VERSION);
        }
        int count = in.readInt();
        if (count != byName.size()) {
            throw new RhizomeException(source + " holds " + count + " parameters; the model has " + byName.size()
                    + " " + byName.keySet());
        }
        Map<String, float[]> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            Tensor target = byName.get(name);
            if (target == null) {
                throw new RhizomeException(source + " holds a parameter " + name + " the model does not have "
                        + byName.keySet());
            }
            int rank = in.readInt();
            if (rank < 0 || rank > 16) {
                throw new RhizomeException(source + ": parameter " + name + " has an impossible rank " + rank);
            }
            int[] shape = new int[rank];
            for (int d = 0; d < rank; d++) {
                shape[d] = in.readInt();
            }
            if (!Arrays.equals(shape, target.shape)) {
                throw new RhizomeException(source + ": parameter " + name + " has shape " + Arrays.toString(shape)
                        + "; the model expects " + Arrays.toString(target.shape));
            }
            float[] v = new float[target.data.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = in.readFloat();
            }
            values.put(name, v);
        }
        return values;
    }

    /** Copies values read by {@link #read} into the parameters. */
    public void install(Map<String, float[]> values) {
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            float[] dst = get(e.getKey()).data;
            System.arraycopy(e.getValue(), 0, dst, 0, dst.length);
        }
    }
}
