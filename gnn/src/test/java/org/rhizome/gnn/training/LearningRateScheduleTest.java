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
 * ReduceLROnPlateau), and at fixed steps with the optimiser restarted (the RotatE reference's decay).
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

    @Test
    void decayCutsAfterItsStepAndEachGrowthFoldLater() {
        LearningRateSchedule d = LearningRateSchedule.parse("decay:0.1:4:3:restart");
        assertThat(d).isEqualTo(LearningRateSchedule.decay(0.1, 4, 3, true));
        assertThat(LearningRateSchedule.parse(d.toString())).isEqualTo(d);
        assertThat(d.isDecay()).isTrue();
        assertThat(d.isPlateau()).isFalse();
        List<Long> cuts = new ArrayList<>();
        for (long step = 1; step <= 200; step++) {
            if (d.cutsAfter(step)) {
                cuts.add(step);
            }
        }
        assertThat(cuts).containsExactly(4L, 12L, 36L, 108L);
        assertThat(d.lastCutAtOrBefore(3)).isZero();
        assertThat(d.lastCutAtOrBefore(11)).isEqualTo(4);
        assertThat(d.lastCutAtOrBefore(12)).isEqualTo(12);
        assertThat(LearningRateSchedule.parse("decay:0.5:10:2").restart()).isFalse();
        assertThat(LearningRateSchedule.plateau(0.5, 1, 0).cutsAfter(5)).isFalse();
        assertThatThrownBy(() -> LearningRateSchedule.parse("decay:0.1:4:1"))
                .hasMessageContaining("growth > 1");
        assertThatThrownBy(() -> LearningRateSchedule.parse("decay:0.1:0:3")).hasMessageContaining("step >= 1");
        assertThatThrownBy(() -> LearningRateSchedule.parse("decay:0.1:4:3:again"))
                .hasMessageContaining("decay:FACTOR:AFTER:GROWTH[:restart]");
    }

    /** Adam restarted after step s moves a row at step s + 1 exactly as a new Adam does at its first step. */
    @Test
    void aRestartedAdamIsANewOne() {
        float[] grad = {0.3f, -1.2f, 0.05f, 2f};
        float[] a = {1f, 2f, 3f, 4f};
        Optimizer used = Optimizer.adam(0.01f, new float[][] {a});
        for (int step = 1; step <= 7; step++) {
            used.beginStep(step);
            used.update(a, 0, 0, 4, grad, step);
            used.endStep(step);
        }
        float[] afterSeven = a.clone();
        float[] b = a.clone();
        used.learningRate(0.001f);
        used.restartAfter(7, true);
        used.beginStep(8);
        used.update(a, 0, 0, 4, new float[] {-0.7f, 0.1f, 0.9f, -0.2f}, 8);
        Optimizer fresh = Optimizer.adam(0.001f, new float[][] {b});
        fresh.beginStep(1);
        fresh.update(b, 0, 0, 4, new float[] {-0.7f, 0.1f, 0.9f, -0.2f}, 1);
        assertThat(a).isEqualTo(b);
        // without the restart the moments of the first seven steps still weigh in
        float[] c = {1f, 2f, 3f, 4f};
        Optimizer kept = Optimizer.adam(0.01f, new float[][] {c});
        for (int step = 1; step <= 7; step++) {
            kept.beginStep(step);
            kept.update(c, 0, 0, 4, grad, step);
            kept.endStep(step);
        }
        assertThat(c).isEqualTo(afterSeven);
        kept.learningRate(0.001f);
        kept.beginStep(8);
        kept.update(c, 0, 0, 4, new float[] {-0.7f, 0.1f, 0.9f, -0.2f}, 8);
        assertThat(c).isNotEqualTo(a);
    }

    /**
     * A decay schedule needs no validation; its cuts come at its steps with the rate multiplied each time; until
     * the first the run is the constant-rate one exactly; and a run stopped between cuts resumes bit for bit (the
     * Adam moments restarted at the last cut, their bias correction counted from it).
     */
    @Test
    void decayCutsAtItsStepsAndResumesExactly() {
        LearningRateSchedule schedule = LearningRateSchedule.decay(0.5, 20, 3, true);
        TrainingConfig c = config(schedule).withSteps(80).withLearningRate(0.02f, "adam");
        Record straight = new Record(-1);
        TrainingResult whole = new Trainer(c).listener(straight, 1).train(TRAIN, 50, 4);
        assertThat(straight.cutSteps).containsExactly(20, 60);
        assertThat(straight.rates.get(0)).isEqualTo(0.02f * 0.5);
        assertThat(straight.rates.get(1)).isEqualTo(0.02f * 0.5 * 0.5);
        TrainingResult before = new Trainer(c.withSteps(20)).train(TRAIN, 50, 4);
        TrainingResult flat = new Trainer(c.withSteps(20).withLrSchedule(LearningRateSchedule.CONSTANT))
                .train(TRAIN, 50, 4);
        assertThat(before.model().entities()).isEqualTo(flat.model().entities());
        TrainingResult constant = new Trainer(c.withLrSchedule(LearningRateSchedule.CONSTANT)).train(TRAIN, 50, 4);
        assertThat(whole.model().entities()).isNotEqualTo(constant.model().entities());

        Path state = dir.resolve("decay.rzstate");
        assertThatThrownBy(() -> new Trainer(c).saveState(state, 5).listener(new Record(44), 1)
                .train(TRAIN, 50, 4)).hasMessageContaining("simulated crash");
        TrainingState saved = TrainingState.read(state);
        assertThat(saved.step()).isEqualTo(40);
        assertThat(saved.learningRate()).isEqualTo(0.02f * 0.5);
        Record rest = new Record(-1);
        TrainingResult resumed = new Trainer(c).listener(rest, 1).resume(saved).train(TRAIN, 50, 4);
        assertThat(resumed.model().entities()).isEqualTo(whole.model().entities());
        assertThat(rest.cutSteps).containsExactly(60);
    }
}
