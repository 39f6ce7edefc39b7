package org.rhizome.gnn.sampling;

import java.util.SplittableRandom;

/**
 * Uniform corruption: the replacing entity is drawn uniformly from all entities (it may be the original one or form
 * a known true triple; unfiltered, as in the RotatE reference code).
 */
public final class UniformSampler implements NegativeSampler {
    private final int entityCount;

    public UniformSampler(int entityCount) {
        if (entityCount < 2) {
            throw new IllegalArgumentException("need at least 2 entities");
        }
        this.entityCount = entityCount;
    }

    @Override
    public int corrupt(int h, int r, int t, boolean head, SplittableRandom rnd) {
        return rnd.nextInt(entityCount);
    }
}
