package org.rhizome.gnn.training;

import java.util.SplittableRandom;

/**
 * The example stream of {@link TrainingConfig#SHUFFLED} batches: pass after pass over {@code size} examples, each pass
 * a permutation drawn from the seed and the pass number alone, so any position of the stream can be found again
 * without replaying the ones before it (a resumed run starts mid-pass where the state left off).
 */
final class ShuffledPasses {

    private final int size;
    private final long seed;
    private final int[] order;
    private long pass = -1;

    ShuffledPasses(int size, long seed) {
        if (size < 1) {
            throw new IllegalArgumentException("no examples to shuffle");
        }
        this.size = size;
        this.seed = seed;
        this.order = new int[size];
    }

    /** The example at {@code position} of the stream (0-based): entry {@code position % size} of its pass. */
    int at(long position) {
        long p = position / size;
        if (p != pass) {
            permute(p);
        }
        return order[(int) (position - p * size)];
    }

    /** Fisher-Yates over the identity, from a generator seeded by the run's seed and the pass. */
    private void permute(long p) {
        SplittableRandom rnd = new SplittableRandom(seed * 0xD1B54A32D192ED03L + p * 0x8CB92BA72F3D8DD7L + 1);
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        pass = p;
    }
}
