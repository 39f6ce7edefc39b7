package org.rhizome.gnn.sampling;

import java.util.SplittableRandom;

/** Draws corrupted entities for negative triples. Implementations are thread-safe (state is read-only). */
public interface NegativeSampler {
    /** An entity to put in place of the head (if {@code head}) or the tail of the positive {@code (h, r, t)}. */
    int corrupt(int h, int r, int t, boolean head, SplittableRandom rnd);

    /**
     * Which side of the positive {@code (h, r, t)} to corrupt, when the trainer lets the sampler decide; uniform
     * samplers toss a fair coin.
     */
    default boolean corruptHead(int h, int r, int t, SplittableRandom rnd) {
        return rnd.nextBoolean();
    }

    /** A short description recorded with a model trained with this sampler. */
    default String describe() {
        return getClass().getSimpleName();
    }
}
