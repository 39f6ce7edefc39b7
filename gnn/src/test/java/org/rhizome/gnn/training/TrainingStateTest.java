package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.model.ModelKind;

/**
 * A run killed after a saved state and resumed from it ends bit for bit where the uninterrupted run ends: the
 * parameters, the optimiser state (Adam's moments, Adagrad's sums) and the place in the random streams are restored,
 * validation bookkeeping included.
 */
class TrainingStateTest {
    @TempDir
    Path dir;

    static TripleSet random(int n, int entities, int relations, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] h = new int[n];
        int[] r = new int[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = rnd.nextInt(entities);
            r[i] = rnd.nextInt(relations);
            t[i] = rnd.nextInt(entities);
        }
        return new TripleSet(h, r, t);
    }

    static final TripleSet TRAIN = random(400, 50, 4, 1);
    static final TripleSet VALID = random(40, 50, 4, 2);

    private static TrainingConfig config(String model, String optimizer) {
        return TrainingConfig.defaults(ModelKind.parse(model)).withRank(8).withBatch(32, 8).withSteps(60)
                .withLearningRate(0.01f, optimizer).withRegularization("distmult".equals(model) ? 1e-4f : 0f);
    }

    private static Validation validation() {
        return Validation.of(VALID, FilterIndex.of(TRAIN, VALID), 20, 5);
    }

    /** Dies in the progress report of {@code step}, after the state of an earlier step was saved. */
    private static TrainingListener crashAt(int step) {
        return new TrainingListener() {
            @Override
            public void progress(int s, int steps, double loss) {
                if (s == step) {
                    throw new IllegalStateException("simulated crash at step " + s);
                }
            }
        };
    }

    @ParameterizedTest
    @CsvSource({"rotate, adam, 1, with-replacement, per-query", "rotate, adam, 2, with-replacement, per-query",
            "distmult, adagrad, 1, with-replacement, per-query", "transe, adam, 2, with-replacement, per-query",
            "transe-l2, adam, 1, with-replacement, per-query", "complex, adagrad, 2, shuffled, per-query",
            "transe, adam, 1, shuffled, per-query", "transe-l2, adagrad, 2, shuffled, per-triple"})
    void aResumedRunEndsBitForBitWhereTheUninterruptedOneEnds(String model, String optimizer, int threads,
            String batches, String masks) {
        // transe-l2 in LibKGE's setting: cross-entropy, tails only, its own initialisation range
        TrainingConfig base = (model.equals("transe-l2")
                ? config(model, optimizer).withLoss("cross-entropy", 0f, 0f).withSides("tail").withInit(1e-3f)
                : config(model, optimizer)).withBatches(batches);
        TrainingConfig c = masks.equals(TrainingConfig.MASKS_PER_TRIPLE)
                ? base.withDropout(0.25f, 0.1f).withDropoutMasks(masks) : base;
        TrainingResult straight = new Trainer(c).threads(threads).validation(validation()).train(TRAIN, 50, 4);

        Path state = dir.resolve(model + "-" + threads + ".rzstate");
        assertThatThrownBy(() -> new Trainer(c).threads(threads).validation(validation()).saveState(state, 25)
                .listener(crashAt(30), 1).train(TRAIN, 50, 4)).hasMessageContaining("simulated crash");
        TrainingState saved = TrainingState.read(state);
        assertThat(saved.step()).isEqualTo(25);
        assertThat(saved.threads()).isEqualTo(threads);
        assertThat(saved.config()).isEqualTo(c);

        TrainingResult resumed = new Trainer(c).threads(threads).validation(validation()).resume(saved)
                .train(TRAIN, 50, 4);
        assertThat(resumed.model().entities()).isEqualTo(straight.model().entities());
        assertThat(resumed.model().relations()).isEqualTo(straight.model().relations());
        assertThat(resumed.stepsRun()).isEqualTo(straight.stepsRun());
        assertThat(resumed.bestStep()).isEqualTo(straight.bestStep());
        assertThat(resumed.bestValidationMrr()).isEqualTo(straight.bestValidationMrr());
        assertThat(resumed.finalLoss()).isEqualTo(straight.finalLoss());
    }

    @Test
    void aFinishedRunCanBeExtended() {
        TrainingConfig c = config("complex", "adam");
        TrainingResult longer = new Trainer(c.withSteps(90)).train(TRAIN, 50, 4);
        Path state = dir.resolve("done.rzstate");
        new Trainer(c).saveState(state, 1000).train(TRAIN, 50, 4); // saved after its last step, 60
        TrainingResult extended = new Trainer(c.withSteps(90)).resume(TrainingState.read(state)).train(TRAIN, 50, 4);
        assertThat(extended.model().entities()).isEqualTo(longer.model().entities());
        // the rate counts the 30 steps this call ran, not the 60 it resumed from
        assertThat(extended.scoredTriplesPerSecond() * extended.seconds())
                .isCloseTo(longer.scoredTriplesPerSecond() * longer.seconds() * 30 / 90, withinPercentage(1e-6));
    }

    @Test
    void aStateOnlyResumesTheRunItRecorded() throws Exception {
        TrainingConfig c = config("rotate", "adam");
        Path state = dir.resolve("s.rzstate");
        new Trainer(c.withSteps(10)).saveState(state, 5).train(TRAIN, 50, 4);
        TrainingState s = TrainingState.read(state);
        assertThatThrownBy(() -> new Trainer(c.withRank(16)).resume(s))
                .hasMessageContaining("another configuration").hasMessageContaining("only the number of steps");
        assertThatThrownBy(() -> new Trainer(c.withSteps(5)).resume(s)).hasMessageContaining("past the 5 steps");
        assertThatThrownBy(() -> new Trainer(c).resume(s).train(random(400, 50, 4, 9), 50, 4))
                .hasMessageContaining("other training triples");
        assertThatThrownBy(() -> new Trainer(c).resume(s).train(TRAIN, 60, 4))
                .hasMessageContaining("50 entities");
        byte[] bytes = Files.readAllBytes(state);
        bytes[bytes.length / 2] ^= 0x40;
        Path corrupt = Files.write(dir.resolve("corrupt.rzstate"), bytes);
        assertThatThrownBy(() -> TrainingState.read(corrupt)).hasMessageContaining("corrupt.rzstate");
        Path truncated = Files.write(dir.resolve("short.rzstate"), java.util.Arrays.copyOf(bytes, 100));
        assertThatThrownBy(() -> TrainingState.read(truncated)).hasMessageContaining("short.rzstate");
        Path other = Files.writeString(dir.resolve("other.rzstate"), "not a state at all, just text");
        assertThatThrownBy(() -> TrainingState.read(other)).hasMessageContaining("other.rzstate");
    }

    /**
     * A state written before dropout masks and penalty rows were recorded (format version 5: the same file without
     * those two strings, the head negatives, the schedule's name and its state) still reads, as masks per query, the
     * penalty on the touched rows, as many head negatives as negatives and a constant rate, and resumes to the same
     * end; so do those written before head negatives (version 6) and before the schedule (version 7). The older file
     * is made from a version-8 one: the version field set, the fields cut out, the CRC-32 written anew.
     */
    @ParameterizedTest
    @CsvSource({"5", "6", "7"})
    void anOlderStateReadsWithTheDefaultsOfTheFieldsItLacks(int version) throws Exception {
        TrainingConfig c = config("distmult", "adagrad");
        Path eight = dir.resolve("eight.rzstate");
        assertThatThrownBy(() -> new Trainer(c).validation(validation()).saveState(eight, 25).listener(crashAt(30), 1)
                .train(TRAIN, 50, 4)).hasMessageContaining("simulated crash");
        byte[] file = Files.readAllBytes(eight);
        byte[] body = java.util.Arrays.copyOf(file, file.length - 8);
        java.io.ByteArrayOutputStream fields = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream out = new java.io.DataOutputStream(fields);
        out.writeUTF(TrainingConfig.MASKS_PER_QUERY);
        out.writeUTF(TrainingConfig.PENALTY_TOUCHED_ROWS);
        out.writeInt(TrainingConfig.SAME_NEGATIVES);
        out.writeUTF("constant");
        byte[] tail = fields.toByteArray();
        int at = indexOf(body, tail);
        assertThat(at).as("the configuration's last four fields in the version-8 file").isPositive();
        assertThat(indexOf(java.util.Arrays.copyOfRange(body, at + 1, body.length), tail)).isNegative();
        // version 5 lacks all four, version 6 the int and the schedule, version 7 the schedule; and each the
        // schedule's state at the end (two doubles and an int)
        int schedule = 2 + "constant".length();
        int from = version == 5 ? at : version == 6 ? at + tail.length - schedule - 4 : at + tail.length - schedule;
        int to = at + tail.length;
        java.io.ByteArrayOutputStream older = new java.io.ByteArrayOutputStream();
        older.write(body, 0, from);
        older.write(body, to, body.length - to - 20);
        byte[] b = older.toByteArray();
        java.nio.ByteBuffer.wrap(b).putInt(8, version); // after the 8-byte magic
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(b);
        Path old = dir.resolve("v" + version + ".rzstate");
        Files.write(old, java.nio.ByteBuffer.allocate(b.length + 8).put(b).putLong(crc.getValue()).array());

        TrainingState read = TrainingState.read(old);
        assertThat(read.config()).isEqualTo(c);
        assertThat(read.config().dropoutMasks()).isEqualTo(TrainingConfig.MASKS_PER_QUERY);
        assertThat(read.config().penaltyRows()).isEqualTo(TrainingConfig.PENALTY_TOUCHED_ROWS);
        assertThat(read.config().headNegatives()).isEqualTo(TrainingConfig.SAME_NEGATIVES);
        assertThat(read.config().lrSchedule()).isEqualTo(LearningRateSchedule.CONSTANT);
        assertThat(read.learningRate()).isEqualTo(c.lr());
        assertThat(read.step()).isEqualTo(25);
        TrainingResult resumed = new Trainer(c).validation(validation()).resume(read).train(TRAIN, 50, 4);
        TrainingResult straight = new Trainer(c).validation(validation()).train(TRAIN, 50, 4);
        assertThat(resumed.model().entities()).isEqualTo(straight.model().entities());
    }

    /** Head queries with negatives of their own: the count is recorded in the state and a resumed run ends alike. */
    @Test
    void aRunWithHeadNegativesOfTheirOwnResumesBitForBit() {
        TrainingConfig c = config("transe", "adam").withSides("random").withHeadNegatives(3);
        TrainingResult straight = new Trainer(c).threads(2).validation(validation()).train(TRAIN, 50, 4);
        Path state = dir.resolve("head.rzstate");
        assertThatThrownBy(() -> new Trainer(c).threads(2).validation(validation()).saveState(state, 25)
                .listener(crashAt(30), 1).train(TRAIN, 50, 4)).hasMessageContaining("simulated crash");
        TrainingState saved = TrainingState.read(state);
        assertThat(saved.config().headNegatives()).isEqualTo(3);
        assertThat(saved.config()).isEqualTo(c);
        TrainingResult resumed = new Trainer(c).threads(2).validation(validation()).resume(saved).train(TRAIN, 50, 4);
        assertThat(resumed.model().entities()).isEqualTo(straight.model().entities());
        assertThat(resumed.model().relations()).isEqualTo(straight.model().relations());
        // and the count changes the run: the same seed with 8 negatives on both sides ends elsewhere
        TrainingResult same = new Trainer(c.withHeadNegatives(TrainingConfig.SAME_NEGATIVES)).threads(2)
                .validation(validation()).train(TRAIN, 50, 4);
        assertThat(same.model().entities()).isNotEqualTo(straight.model().entities());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
