package org.rhizome.gnn.training;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.CRC32;

import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.io.ChecksummedFile;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.graph.RhizomeException;

/**
 * A training run's state after a step, from which {@link Trainer#resume} continues exactly where it stopped: the
 * parameter tables, the optimiser's moments or accumulators, the step, the validation bookkeeping (best MRR, its
 * step and parameters, checks without improvement), the configuration and a fingerprint of the training triples.
 * The random streams are not stored: the batch stream is the seeded one replayed up to the step (the negatives' are
 * derived from it), so a resumed run draws what the uninterrupted one would have. With the same thread count the
 * continuation is bit for bit the uninterrupted run.
 *
 * <p>File format (big-endian, {@link ChecksummedFile}: CRC-32, written atomically):
 * <pre>
 * magic "RZSTATE\n" | int version (8) | configuration (UTF model, ints rank negatives batch steps, float lr,
 * UTF optimizer loss, floats gamma advTemperature regularization, boolean subsampling, UTF sides, long seed,
 * int chunk, UTF regularizer, floats initialisation low and high (version 1: absent, both 0; version 2: one
 * half-width w for [-w, w]), floats entity and relation dropout (absent before version 3: 0), UTF initializer and
 * float label smoothing, float relation regularization (absent before version 4: uniform, 0, the regularization),
 * UTF batches (absent before version 5: with replacement), UTF dropout masks and UTF penalty rows (absent before
 * version 6: per query, touched), int head negatives (absent before version 7: as many as negatives), UTF
 * learning-rate schedule (absent before version 8: constant))
 * | int step | int threads | int train size | long train fingerprint | int entities | int relations | int dim
 * | float phase scale | entity floats | relation floats | int optimiser arrays | (int length, floats)...
 * | double best MRR | int best step | int checks without improvement | boolean has best | [best entity and relation
 * floats] | double learning rate, double the schedule's best MRR, int its checks without improvement (absent before
 * version 8: the configured rate, no check, 0)
 * </pre>
 */
public final class TrainingState {
    /**
     * The format version this code writes; it also reads versions 1 (before {@code init}: 0), 2 (before dropout:
     * none) and 3 (before the initializer, label smoothing and relation regularization: uniform, none, the
     * regularization), 4 (before shuffled batches: drawn with replacement), 5 (before dropout masks and penalty
     * rows: per query, touched), 6 (before head negatives: as many as negatives) and 7 (before the learning-rate
     * schedule: constant).
     */
    public static final int VERSION = 8;
    private static final byte[] MAGIC = {'R', 'Z', 'S', 'T', 'A', 'T', 'E', '\n'};

    final TrainingConfig config;
    final int step;
    final int threads;
    final int trainSize;
    final long trainFingerprint;
    final KgeModel model;
    final float[][] optimizer;
    final double best;
    final int bestStep;
    final int worse;
    final float[] bestEnt;
    final float[] bestRel;
    /** The learning-rate schedule's state ({@link LearningRateSchedule.Plateau}). */
    final double lrRate;
    final double lrBest;
    final int lrBad;

    TrainingState(TrainingConfig config, int step, int threads, int trainSize, long trainFingerprint, KgeModel model,
            float[][] optimizer, double best, int bestStep, int worse, float[] bestEnt, float[] bestRel,
            double lrRate, double lrBest, int lrBad) {
        this.config = Objects.requireNonNull(config, "config");
        this.step = step;
        this.threads = threads;
        this.trainSize = trainSize;
        this.trainFingerprint = trainFingerprint;
        this.model = Objects.requireNonNull(model, "model");
        this.optimizer = optimizer;
        this.best = best;
        this.bestStep = bestStep;
        this.worse = worse;
        this.bestEnt = bestEnt;
        this.bestRel = bestRel;
        this.lrRate = lrRate;
        this.lrBest = lrBest;
        this.lrBad = lrBad;
    }

    /** The learning rate the run had reached (the configured one unless a schedule cut it). */
    public double learningRate() {
        return lrRate;
    }

    /** The configuration of the run. */
    public TrainingConfig config() {
        return config;
    }

    /** The last step completed. */
    public int step() {
        return step;
    }

    /** The threads the run used (a resumed run is bit-identical to the uninterrupted one with the same count). */
    public int threads() {
        return threads;
    }

    /** The parameters after {@link #step()} (not the best validation check's). */
    public KgeModel model() {
        return model;
    }

    /** A CRC-32 of the training triples in order: a state only resumes on the triples it was trained on. */
    public static long fingerprint(TripleSet train) {
        CRC32 crc = new CRC32();
        byte[] b = new byte[12];
        for (int i = 0; i < train.size(); i++) {
            put(b, 0, train.head(i));
            put(b, 4, train.relation(i));
            put(b, 8, train.tail(i));
            crc.update(b);
        }
        return crc.getValue();
    }

    private static void put(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }

    /** Writes this state to {@code file}, atomically replacing it. */
    public void write(Path file) {
        ChecksummedFile.write(file, "training state", out -> {
            out.write(MAGIC);
            out.writeInt(VERSION);
            TrainingConfig c = config;
            out.writeUTF(c.model().name());
            out.writeInt(c.rank());
            out.writeInt(c.negatives());
            out.writeInt(c.batch());
            out.writeInt(c.steps());
            out.writeFloat(c.lr());
            out.writeUTF(c.optimizer());
            out.writeUTF(c.loss());
            out.writeFloat(c.gamma());
            out.writeFloat(c.advTemperature());
            out.writeFloat(c.regularization());
            out.writeBoolean(c.subsampling());
            out.writeUTF(c.sides());
            out.writeLong(c.seed());
            out.writeInt(c.chunk());
            out.writeUTF(c.regularizer());
            out.writeFloat(c.initLow());
            out.writeFloat(c.initHigh());
            out.writeFloat(c.entityDropout());
            out.writeFloat(c.relationDropout());
            out.writeUTF(c.initializer());
            out.writeFloat(c.labelSmoothing());
            out.writeFloat(c.relationRegularization());
            out.writeUTF(c.batches());
            out.writeUTF(c.dropoutMasks());
            out.writeUTF(c.penaltyRows());
            out.writeInt(c.headNegatives());
            out.writeUTF(c.lrSchedule().toString());
            out.writeInt(step);
            out.writeInt(threads);
            out.writeInt(trainSize);
            out.writeLong(trainFingerprint);
            out.writeInt(model.entityCount());
            out.writeInt(model.relationCount());
            out.writeInt(model.dim());
            out.writeFloat(model.phaseScale());
            floats(out, model.entities());
            floats(out, model.relations());
            out.writeInt(optimizer.length);
            for (float[] a : optimizer) {
                out.writeInt(a.length);
                floats(out, a);
            }
            out.writeDouble(best);
            out.writeInt(bestStep);
            out.writeInt(worse);
            out.writeBoolean(bestEnt != null);
            if (bestEnt != null) {
                floats(out, bestEnt);
                floats(out, bestRel);
            }
            out.writeDouble(lrRate);
            out.writeDouble(lrBest);
            out.writeInt(lrBad);
        });
    }

    /**
     * Reads a training state.
     *
     * @throws RhizomeException naming the file and what is wrong with it (not a state file, another version,
     *                          truncated or corrupted)
     */
    public static TrainingState read(Path file) {
        return ChecksummedFile.read(file, "training state", in -> {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new RhizomeException(file + " is not a Rhizome training state file");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new RhizomeException(file + " is a training state of format version " + version
                        + "; this Rhizome reads versions 1 to " + VERSION);
            }
            TrainingConfig c;
            try {
                ModelKind kind = ModelKind.valueOf(in.readUTF());
                int rank = in.readInt();
                int negatives = in.readInt();
                int batch = in.readInt();
                int steps = in.readInt();
                float lr = in.readFloat();
                String optimizer = in.readUTF();
                String loss = in.readUTF();
                float gamma = in.readFloat();
                float temperature = in.readFloat();
                float regularization = in.readFloat();
                boolean subsampling = in.readBoolean();
                String sides = in.readUTF();
                long seed = in.readLong();
                int chunk = in.readInt();
                String regularizer = in.readUTF();
                float low = 0f; // version 1: the reference's range
                float high = 0f;
                if (version == 2) { // one half-width
                    high = in.readFloat();
                    low = -high;
                } else if (version >= 3) {
                    low = in.readFloat();
                    high = in.readFloat();
                }
                float entityDropout = version >= 3 ? in.readFloat() : 0f;
                float relationDropout = version >= 3 ? in.readFloat() : 0f;
                String initializer = version >= 4 ? in.readUTF() : TrainingConfig.UNIFORM;
                float labelSmoothing = version >= 4 ? in.readFloat() : 0f;
                float relationRegularization = version >= 4 ? in.readFloat() : regularization;
                String batches = version >= 5 ? in.readUTF() : TrainingConfig.WITH_REPLACEMENT;
                String masks = version >= 6 ? in.readUTF() : TrainingConfig.MASKS_PER_QUERY;
                String penaltyRows = version >= 6 ? in.readUTF() : TrainingConfig.PENALTY_TOUCHED_ROWS;
                int headNegatives = version >= 7 ? in.readInt() : TrainingConfig.SAME_NEGATIVES;
                LearningRateSchedule schedule = version >= 8 ? LearningRateSchedule.parse(in.readUTF())
                        : LearningRateSchedule.CONSTANT;
                c = new TrainingConfig(kind, rank, negatives, batch, steps, lr, optimizer, loss, gamma, temperature,
                        regularization, subsampling, sides, seed, chunk, regularizer, low, high, entityDropout,
                        relationDropout, initializer, labelSmoothing, relationRegularization, batches, masks,
                        penaltyRows, headNegatives, schedule);
            } catch (IllegalArgumentException e) {
                throw new IOException("impossible configuration (" + e.getMessage() + "): corrupted", e);
            }
            int step = in.readInt();
            int threads = in.readInt();
            int trainSize = in.readInt();
            long fingerprint = in.readLong();
            int entities = in.readInt();
            int relations = in.readInt();
            int dim = in.readInt();
            float phaseScale = in.readFloat();
            if (step < 0 || threads < 1 || entities < 1 || relations < 1 || dim < 1
                    || (long) entities * dim > Integer.MAX_VALUE) {
                throw new IOException("impossible sizes (step " + step + ", " + entities + " entities, dimension "
                        + dim + "): corrupted");
            }
            float[] e = floats(in, entities * dim);
            float[] r = floats(in, relations * c.model().relationWidth(dim));
            KgeModel model = new KgeModel(c.model(), entities, relations, dim, e, r);
            if (c.model() == ModelKind.ROTATE) {
                model.withPhaseScale(phaseScale);
            }
            int arrays = in.readInt();
            if (arrays < 0 || arrays > 16) {
                throw new IOException(arrays + " optimiser arrays: corrupted");
            }
            float[][] opt = new float[arrays][];
            for (int i = 0; i < arrays; i++) {
                int n = in.readInt();
                if (n < 0 || n > Math.max(e.length, r.length)) {
                    throw new IOException("an optimiser array of " + n + " floats: corrupted");
                }
                opt[i] = floats(in, n);
            }
            double best = in.readDouble();
            int bestStep = in.readInt();
            int worse = in.readInt();
            float[] bestEnt = null;
            float[] bestRel = null;
            if (in.readBoolean()) {
                bestEnt = floats(in, e.length);
                bestRel = floats(in, r.length);
            }
            double lrRate = c.lr();
            double lrBest = Double.NaN;
            int lrBad = 0;
            if (version >= 8) {
                lrRate = in.readDouble();
                lrBest = in.readDouble();
                lrBad = in.readInt();
                if (!(lrRate > 0) || lrBad < 0) {
                    throw new IOException("learning rate " + lrRate + " after " + lrBad + " bad checks: corrupted");
                }
            }
            return new TrainingState(c, step, threads, trainSize, fingerprint, model, opt, best, bestStep, worse,
                    bestEnt, bestRel, lrRate, lrBest, lrBad);
        });
    }

    private static void floats(DataOutputStream out, float[] a) throws IOException {
        for (float f : a) {
            out.writeFloat(f);
        }
    }

    private static float[] floats(DataInputStream in, int n) throws IOException {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = in.readFloat();
        }
        return a;
    }
}
