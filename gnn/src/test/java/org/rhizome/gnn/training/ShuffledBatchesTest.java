package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.sampling.NegativeSampler;

/**
 * {@link TrainingConfig#SHUFFLED} batches: every example once per pass, in an order that changes from pass to pass
 * and is fixed by the seed; batches drawn with replacement leave about 1/e of the examples out of a pass's worth of
 * steps.
 */
class ShuffledBatchesTest {

    @Test
    void eachPassIsAPermutationAndPassesDiffer() {
        int n = 97; // prime: no batch size divides it, so batches straddle passes below
        ShuffledPasses s = new ShuffledPasses(n, 7);
        List<int[]> passes = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            int[] order = new int[n];
            boolean[] seen = new boolean[n];
            for (int i = 0; i < n; i++) {
                order[i] = s.at((long) p * n + i);
                assertThat(seen[order[i]]).as("pass %d repeats %d", p, order[i]).isFalse();
                seen[order[i]] = true;
            }
            passes.add(order);
        }
        assertThat(passes.get(0)).isNotEqualTo(passes.get(1)).isNotEqualTo(passes.get(2));
        assertThat(passes.get(0)).isNotEqualTo(java.util.stream.IntStream.range(0, n).toArray());
        // any position is found again without walking the stream from its start, in any order of asking
        ShuffledPasses other = new ShuffledPasses(n, 7);
        assertThat(other.at(3L * n + 5)).isEqualTo(passes.get(3)[5]);
        assertThat(other.at(5)).isEqualTo(passes.get(0)[5]);
        assertThat(new ShuffledPasses(n, 8).at(0L) == passes.get(0)[0]
                && new ShuffledPasses(n, 8).at(1L) == passes.get(0)[1]
                && new ShuffledPasses(n, 8).at(2L) == passes.get(0)[2]).as("another seed, another order").isFalse();
        assertThatThrownBy(() -> new ShuffledPasses(0, 1)).hasMessageContaining("no examples");
    }

    /** Counts the positives the trainer asks negatives for: with one tail negative each, one call per positive. */
    private static final class Recorder implements NegativeSampler {
        final Map<Long, Integer> counts = new HashMap<>();

        @Override
        public synchronized int corrupt(int h, int r, int t, boolean head, SplittableRandom rnd) {
            counts.merge(((long) h * 8 + r) * 1000 + t, 1, Integer::sum);
            return rnd.nextInt(1000);
        }
    }

    private static TripleSet distinct(int n) {
        int[] h = new int[n];
        int[] r = new int[n];
        int[] t = new int[n];
        for (int i = 0; i < n; i++) {
            h[i] = i % 1000;
            r[i] = i / 1000;
            t[i] = (i * 7 + 3) % 1000;
        }
        return new TripleSet(h, r, t);
    }

    @Test
    void theTrainerSeesEveryTripleOncePerPass() {
        TripleSet train = distinct(1200);
        TrainingConfig c = TrainingConfig.defaults(ModelKind.DISTMULT).withRank(4).withBatch(100, 1)
                .withSides("tail").withSteps(36).withBatches(TrainingConfig.SHUFFLED); // three passes
        Recorder shuffled = new Recorder();
        new Trainer(c).sampler(shuffled).train(train, 1000, 2);
        assertThat(shuffled.counts).hasSize(1200);
        assertThat(shuffled.counts.values()).containsOnly(3);

        Recorder drawn = new Recorder();
        new Trainer(c.withSteps(12).withBatches(TrainingConfig.WITH_REPLACEMENT)).sampler(drawn)
                .train(train, 1000, 2);
        // 1,200 draws over 1,200 triples: about 1200 (1 - 1/e) = 759 distinct, sd about 10
        assertThat(drawn.counts.size()).isBetween(700, 820);
    }

    @Test
    void shuffledTrainingIsSeededAndLearns() {
        TripleSet train = distinct(1200);
        TrainingConfig c = TrainingConfig.defaults(ModelKind.DISTMULT).withRank(8).withBatch(64, 4)
                .withSteps(40).withBatches(TrainingConfig.SHUFFLED);
        TrainingResult a = new Trainer(c).train(train, 1000, 2);
        TrainingResult b = new Trainer(c).train(train, 1000, 2);
        assertThat(a.model().entities()).isEqualTo(b.model().entities());
        TrainingResult drawn = new Trainer(c.withBatches(TrainingConfig.WITH_REPLACEMENT)).train(train, 1000, 2);
        assertThat(drawn.model().entities()).isNotEqualTo(a.model().entities());
        assertThatThrownBy(() -> c.withBatches("epochs")).hasMessageContaining("batches must be with-replacement or "
                + "shuffled, got epochs");
    }
}
