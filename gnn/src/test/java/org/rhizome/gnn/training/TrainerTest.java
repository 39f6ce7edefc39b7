package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.model.ModelKind;

class TrainerTest {
    /**
     * 40 entities; relation 0 a random antisymmetric "parent of" over 60 pairs; relation 1 its inverse. Train holds
     * every relation-0 triple and 3/4 of the relation-1 ones; the other relation-1 triples are the test: a model that
     * learns inversion ranks their tails first.
     */
    private record InverseWorld(TripleSet train, TripleSet test, Set<Long> all) {}

    private static InverseWorld inverseWorld() {
        SplittableRandom rnd = new SplittableRandom(5);
        List<int[]> pairs = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        while (pairs.size() < 60) {
            int a = rnd.nextInt(40);
            int b = rnd.nextInt(40);
            if (a != b && !seen.contains(key(a, 0, b)) && !seen.contains(key(b, 0, a))) {
                seen.add(key(a, 0, b));
                pairs.add(new int[] {a, b});
            }
        }
        List<int[]> train = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        Set<Long> all = new HashSet<>();
        for (int i = 0; i < pairs.size(); i++) {
            int a = pairs.get(i)[0];
            int b = pairs.get(i)[1];
            train.add(new int[] {a, 0, b});
            (i % 4 == 0 ? test : train).add(new int[] {b, 1, a});
            all.add(key(a, 0, b));
            all.add(key(b, 1, a));
        }
        return new InverseWorld(TripleSet.of(train), TripleSet.of(test), all);
    }

    private static long key(int h, int r, int t) {
        return ((long) h * 2 + r) * 40 + t;
    }


    /** Filtered tail MRR of the test triples, ties counted pessimistically. */
    private static double tailMrr(KgeModel m, InverseWorld w) {
        float[] s = new float[m.entityCount()];
        double sum = 0;
        for (int i = 0; i < w.test().size(); i++) {
            int h = w.test().head(i);
            int r = w.test().relation(i);
            int t = w.test().tail(i);
            m.scoreTails(h, r, s);
            int rank = 1;
            for (int e = 0; e < s.length; e++) {
                if (e != t && s[e] >= s[t] && !w.all().contains(key(h, r, e))) {
                    rank++;
                }
            }
            sum += 1.0 / rank;
        }
        return sum / w.test().size();
    }

    @Test
    void validationKeepsTheBestCheckAndStopsEarly() {
        InverseWorld w = inverseWorld();
        TrainingConfig c = TrainingConfig.defaults(ModelKind.ROTATE).withRank(16).withBatch(64, 16).withSteps(20_000)
                .withLearningRate(0.05f, "adam").withLoss("self-adversarial", 6f, 0.5f);
        org.rhizome.gnn.data.FilterIndex filter = org.rhizome.gnn.data.FilterIndex.of(w.train(), w.test());
        List<double[]> checks = new ArrayList<>();
        List<Integer> bestSteps = new ArrayList<>();
        List<float[]> bestTables = new ArrayList<>();
        Validation v = Validation.of(w.test(), filter, 50, 3).withOnBest((m, step) -> {
            bestSteps.add(step);
            bestTables.add(m.entities().clone());
        });
        TrainingListener l = new TrainingListener() {
            @Override
            public void progress(int step, int steps, double loss) {}

            @Override
            public void validated(int step, double mrr, double best) {
                checks.add(new double[] {step, mrr, best});
            }
        };
        TrainingResult r = new Trainer(c).validation(v).listener(l, 1000).train(w.train(), 40, 2);
        // stopped early: three checks after the best did not beat it
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.stepsRun()).isLessThan(20_000).isEqualTo(r.bestStep() + 3 * 50);
        assertThat(checks).hasSize(r.stepsRun() / 50);
        double[] last = checks.get(checks.size() - 1);
        for (int i = checks.size() - 3; i < checks.size(); i++) {
            assertThat(checks.get(i)[1]).isLessThanOrEqualTo(r.bestValidationMrr() + 1e-6);
        }
        assertThat(last[2]).isEqualTo(r.bestValidationMrr());
        // the returned model holds the best check's parameters: re-evaluating it gives the best MRR exactly
        double again = new org.rhizome.gnn.evaluation.RankEvaluator().evaluate(r.model(), w.test(), filter, 1)
                .metrics(org.rhizome.gnn.evaluation.Side.BOTH, org.rhizome.gnn.evaluation.TieBreak.REALISTIC).mrr();
        assertThat(again).isEqualTo(r.bestValidationMrr());
        assertThat(bestSteps.get(bestSteps.size() - 1)).isEqualTo(r.bestStep());
        assertThat(r.model().entities()).isEqualTo(bestTables.get(bestTables.size() - 1));
        assertThat(r.bestValidationMrr()).isGreaterThan(0.8);
    }

    @Test
    void rotatELearnsInversion() {
        InverseWorld w = inverseWorld();
        TrainingConfig c = TrainingConfig.defaults(ModelKind.ROTATE).withRank(16).withBatch(64, 16).withSteps(600)
                .withLearningRate(0.05f, "adam").withLoss("self-adversarial", 6f, 0.5f);
        KgeModel before = KgeModel.random(ModelKind.ROTATE, 40, 2, 32, c.initRange(), c.seed());
        double untrained = tailMrr(before, w);
        TrainingResult r = new Trainer(c).train(w.train(), 40, 2);
        double trained = tailMrr(r.model(), w);
        assertThat(untrained).isLessThan(0.3);
        assertThat(trained).as("filtered tail MRR of held-out inverse triples").isGreaterThan(0.8);
        assertThat(r.scoredTriplesPerSecond()).isPositive();
    }

    @Test
    void trainingIsDeterministicForASeedAndTheLossFalls() {
        InverseWorld w = inverseWorld();
        for (ModelKind kind : ModelKind.values()) {
            TrainingConfig c = TrainingConfig.defaults(kind).withRank(8).withBatch(32, 8).withSteps(200)
                    .withLearningRate(0.02f, "adagrad");
            List<Double> losses = new ArrayList<>();
            TrainingResult a = new Trainer(c).listener((step, steps, loss) -> losses.add(loss), 1)
                    .train(w.train(), 40, 2);
            TrainingResult b = new Trainer(c).train(w.train(), 40, 2);
            assertThat(a.model().entities()).as(kind.toString()).containsExactly(b.model().entities());
            double first = losses.subList(0, 20).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double last = losses.subList(180, 200).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            assertThat(last).as(kind + " loss falls").isLessThan(first);
        }
    }

    @Test
    void subsamplingWeightsFollowTheReference() {
        // (0, r0, 1) twice-seen head pair: c(0, r0) = 4 + 2, c(1, r0^-1) = 4 + 1 -> 1/sqrt(11)
        TripleSet t = new TripleSet(new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 2});
        float[] w = Trainer.subsamplingWeights(t, 3, 1);
        assertThat(w[0]).isEqualTo((float) (1 / Math.sqrt(11)));
        assertThat(w[1]).isEqualTo((float) (1 / Math.sqrt(11)));
    }

    @Test
    void dataParallelTrainingIsDeterministicPerThreadCountAndLearnsAsWell() {
        InverseWorld w = inverseWorld();
        TrainingConfig c = TrainingConfig.defaults(ModelKind.ROTATE).withRank(16).withBatch(64, 16).withSteps(600)
                .withLearningRate(0.05f, "adam");
        TrainingResult a = new Trainer(c).threads(2).train(w.train(), 40, 2);
        TrainingResult b = new Trainer(c).threads(2).train(w.train(), 40, 2);
        assertThat(a.model().entities()).containsExactly(b.model().entities());
        assertThat(tailMrr(a.model(), w)).isGreaterThan(0.8);
        // the same positives and negatives whatever the thread count: only float summation order differs
        TrainingResult one = new Trainer(c.withSteps(1)).train(w.train(), 40, 2);
        TrainingResult two = new Trainer(c.withSteps(1)).threads(2).train(w.train(), 40, 2);
        float[] x = one.model().entities();
        float[] y = two.model().entities();
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).isCloseTo(x[i], org.assertj.core.api.Assertions.within(1e-5f));
        }
    }

    /**
     * The loss's softplus, computed without {@code Math.log1p} (a native call on JDK 17), against
     * {@code log1p(e^x)} in its stable form with {@code Math.log1p}, over a grid from -60 to 60 that crosses the
     * 1e-4 switch to the Taylor series (near x = -9.2 and 9.2): relative error at most 1e-11; softplus(0) is ln 2.
     */
    @Test
    void softplusWithoutLog1pMatchesTheLog1pForm() {
        for (double x = -60; x <= 60; x += 0.01) {
            double ref = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
            double got = Trainer.softplus(x);
            assertThat(Math.abs(got - ref)).as("softplus(%s)", x).isLessThanOrEqualTo(1e-11 * ref);
        }
        assertThat(Trainer.softplus(0)).isCloseTo(Math.log(2), org.assertj.core.api.Assertions.within(1e-15));
        for (double y : new double[] {0, 1e-12, 9.99e-5, 1e-4, 0.5, 1}) {
            assertThat(Math.abs(org.rhizome.gnn.kernel.Kernels.log1pUnit(y) - Math.log1p(y))).as("log1p(%s)", y)
                    .isLessThanOrEqualTo(1e-12 * Math.max(y, 1e-300));
        }
    }
}
