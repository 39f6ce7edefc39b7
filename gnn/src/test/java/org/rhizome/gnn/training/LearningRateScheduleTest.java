package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.model.ModelKind;

/**
 * The learning rate cut at plateaus of the validation MRR ({@link LearningRateSchedule}, LibKGE's
 * ReduceLROnPlateau).
 */
class LearningRateScheduleTest {
    @TempDir
    Path dir;

    /** {@link TrainingStateTest}'s random graph. */
    private static final TripleSet TRAIN = TrainingStateTest.TRAIN;
    private static final TripleSet VALID = TrainingStateTest.VALID;

    /** A check every 5 steps, no early stop. */
    private static Validation validation() {
        return Validation.of(VALID, FilterIndex.of(TRAIN, VALID), 5, 1000);
    }

    private static TrainingConfig config(LearningRateSchedule schedule) {
        return TrainingConfig.defaults(ModelKind.DISTMULT).withRank(8).withBatch(32, 8).withSteps(150)
                .withLearningRate(0.05f, "adagrad").withLrSchedule(schedule);
    }

    /** Records every check and every cut. */
    private static final class Record implements TrainingListener {
        final List<int[]> checks = new ArrayList<>();
        final List<Double> mrrs = new ArrayList<>();
        final List<Integer> cutSteps = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        final int crashAt;

        Record(int crashAt) {
            this.crashAt = crashAt;
        }

        @Override
        public void progress(int step, int steps, double loss) {
            if (step == crashAt) {
                throw new IllegalStateException("simulated crash at step " + step);
            }
        }

        @Override
        public void validated(int step, double mrr, double best) {
            checks.add(new int[] {step});
            mrrs.add(mrr);
        }

        @Override
        public void learningRateChanged(int step, double lr) {
            cutSteps.add(step);
            rates.add(lr);
        }
    }

    @Test
    void aPlateauIsCountedAsPyTorchCountsIt() {
        // factor 0.5, patience 2, threshold 0.1, worked by hand: an improvement must beat best * 1.1
        LearningRateSchedule.Plateau p = new LearningRateSchedule.Plateau(LearningRateSchedule.plateau(0.5, 2, 0.1),
                1.0);
        assertThat(p.check(1.0)).isFalse(); // the first check is the best so far
        assertThat(p.check(1.05)).isFalse(); // not above 1.1: one bad check
        assertThat(p.check(1.09)).isFalse(); // two
        assertThat(p.check(1.2)).isFalse(); // above 1.1: the new best, none bad
        assertThat(p.check(1.3)).isFalse(); // not above 1.32: one
        assertThat(p.check(1.0)).isFalse(); // two
        assertThat(p.bad()).isEqualTo(2);
        assertThat(p.check(1.0)).isTrue(); // three, more than the patience: cut, none bad
        assertThat(p.rate()).isEqualTo(0.5);
        assertThat(p.bad()).isZero();
        assertThat(p.best()).isEqualTo(1.2);
        assertThat(p.check(1.33)).isFalse(); // above 1.32
        assertThat(p.check(0.0)).isFalse();
        assertThat(p.check(0.0)).isFalse();
        assertThat(p.check(0.0)).isTrue();
        assertThat(p.rate()).isEqualTo(0.25);
        LearningRateSchedule.Plateau constant = new LearningRateSchedule.Plateau(LearningRateSchedule.CONSTANT, 1.0);
        for (int i = 0; i < 10; i++) {
            assertThat(constant.check(0.5)).isFalse();
        }
        assertThat(constant.rate()).isEqualTo(1.0);
    }

    @Test
    void schedulesReadAndWriteAsText() {
        assertThat(LearningRateSchedule.parse("constant")).isEqualTo(LearningRateSchedule.CONSTANT);
        assertThat(LearningRateSchedule.parse(" Plateau ")).isEqualTo(LearningRateSchedule.plateau(0.95, 5, 1e-4));
        LearningRateSchedule s = LearningRateSchedule.parse("plateau:0.5:3:0.01");
        assertThat(s).isEqualTo(LearningRateSchedule.plateau(0.5, 3, 0.01));
        assertThat(LearningRateSchedule.parse(s.toString())).isEqualTo(s);
        assertThat(LearningRateSchedule.CONSTANT.toString()).isEqualTo("constant");
        assertThatThrownBy(() -> LearningRateSchedule.parse("plateau:2:3:0.01"))
                .hasMessageContaining("factor in (0, 1)");
        assertThatThrownBy(() -> LearningRateSchedule.parse("plateau:0.5:x:0.01"))
                .hasMessageContaining("'plateau:0.5:x:0.01'");
        assertThatThrownBy(() -> LearningRateSchedule.parse("cosine")).hasMessageContaining("constant, plateau");
        assertThatThrownBy(() -> LearningRateSchedule.plateau(0.5, -1, 0)).hasMessageContaining("patience >= 0");
    }

    /**
     * In a run, the cuts fall where the rule, replayed here over the validation MRRs the run reported, puts them;
     * until the first cut the run is the constant-rate run exactly, after it not.
     */
    @Test
    void aRunCutsTheRateWhereTheChecksPlateauAndOnlyThen() {
        // patience 1, threshold 0.02: cuts come soon on this small random graph
        LearningRateSchedule schedule = LearningRateSchedule.plateau(0.5, 1, 0.02);
        Record cut = new Record(-1);
        TrainingResult scheduled = new Trainer(config(schedule)).validation(validation()).listener(cut, 1)
                .train(TRAIN, 50, 4);
        Record flat = new Record(-1);
        TrainingResult constant = new Trainer(config(LearningRateSchedule.CONSTANT)).validation(validation())
                .listener(flat, 1).train(TRAIN, 50, 4);

        // the rule replayed: best and bad checks by hand
        List<Integer> expected = new ArrayList<>();
        double best = Double.NaN;
        int bad = 0;
        for (int i = 0; i < cut.mrrs.size(); i++) {
            double m = cut.mrrs.get(i);
            if (i == 0 || m > best * 1.02) {
                best = m;
                bad = 0;
            } else if (++bad > 1) {
                expected.add(cut.checks.get(i)[0]);
                bad = 0;
            }
        }
        assertThat(cut.cutSteps).isNotEmpty().isEqualTo(expected);
        for (int i = 0; i < cut.rates.size(); i++) {
            assertThat(cut.rates.get(i)).isEqualTo(0.05f * Math.pow(0.5, i + 1));
        }
        int first = cut.cutSteps.get(0) / 5; // checks up to and including the first cut's
        assertThat(cut.mrrs.subList(0, first)).isEqualTo(flat.mrrs.subList(0, first));
        assertThat(cut.mrrs.subList(first, cut.mrrs.size()))
                .isNotEqualTo(flat.mrrs.subList(first, flat.mrrs.size()));
        assertThat(flat.cutSteps).isEmpty();
        assertThat(scheduled.model().entities()).isNotEqualTo(constant.model().entities());
    }

    /** A run killed after a cut resumes at the cut rate with the schedule's count of bad checks: bit for bit. */
    @Test
    void aResumedRunKeepsTheScheduleState() {
        LearningRateSchedule schedule = LearningRateSchedule.plateau(0.5, 1, 0.02);
        Record straight = new Record(-1);
        TrainingResult whole = new Trainer(config(schedule)).validation(validation()).listener(straight, 1)
                .train(TRAIN, 50, 4);
        int cutAt = straight.cutSteps.get(0);
        Path state = dir.resolve("cut.rzstate");
        assertThatThrownBy(() -> new Trainer(config(schedule)).validation(validation()).saveState(state, 5)
                .listener(new Record(cutAt + 3), 1).train(TRAIN, 50, 4)).hasMessageContaining("simulated crash");
        TrainingState saved = TrainingState.read(state);
        assertThat(saved.step()).isEqualTo(cutAt);
        assertThat(saved.learningRate()).isEqualTo(0.05f * 0.5);
        Record rest = new Record(-1);
        TrainingResult resumed = new Trainer(config(schedule)).validation(validation()).listener(rest, 1)
                .resume(saved).train(TRAIN, 50, 4);
        assertThat(resumed.model().entities()).isEqualTo(whole.model().entities());
        assertThat(rest.cutSteps).isEqualTo(straight.cutSteps.subList(1, straight.cutSteps.size()));
    }

    @Test
    void aScheduleNeedsValidationChecks() {
        assertThatThrownBy(() -> new Trainer(config(LearningRateSchedule.plateau(0.5, 1, 0))).train(TRAIN, 50, 4))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs validation checks");
    }
}
