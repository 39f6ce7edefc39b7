package org.rhizome.gnn.sampling;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.rhizome.gnn.data.TripleSet;

/**
 * Bernoulli negative sampling (Wang et al., AAAI 2014): for relation r, with tph the mean number of tails per head
 * and hpt the mean number of heads per tail in the training triples, the head is corrupted with probability
 * {@code tph / (tph + hpt)}; one-to-many relations thus corrupt heads more often, which makes false negatives rarer.
 * The replacing entity is uniform.
 */
public final class BernoulliSampler implements NegativeSampler {
    private final int entityCount;
    private final double[] headProbability;

    public BernoulliSampler(TripleSet train, int entityCount, int relationCount) {
        this.entityCount = entityCount;
        this.headProbability = new double[relationCount];
        Map<Long, Integer> tailsPerHead = new HashMap<>();
        Map<Long, Integer> headsPerTail = new HashMap<>();
        for (int i = 0; i < train.size(); i++) {
            long r = train.relation(i);
            tailsPerHead.merge(r * entityCount + train.head(i), 1, Integer::sum);
            headsPerTail.merge(r * entityCount + train.tail(i), 1, Integer::sum);
        }
        double[] tphSum = new double[relationCount];
        int[] heads = new int[relationCount];
        double[] hptSum = new double[relationCount];
        int[] tails = new int[relationCount];
        tailsPerHead.forEach((k, n) -> {
            int r = (int) (k / entityCount);
            tphSum[r] += n;
            heads[r]++;
        });
        headsPerTail.forEach((k, n) -> {
            int r = (int) (k / entityCount);
            hptSum[r] += n;
            tails[r]++;
        });
        for (int r = 0; r < relationCount; r++) {
            double tph = heads[r] == 0 ? 1 : tphSum[r] / heads[r];
            double hpt = tails[r] == 0 ? 1 : hptSum[r] / tails[r];
            headProbability[r] = tph / (tph + hpt);
        }
    }

    /** The probability of corrupting the head of a triple of relation {@code r}. */
    public double headProbability(int r) {
        return headProbability[r];
    }

    @Override
    public int corrupt(int h, int r, int t, boolean head, SplittableRandom rnd) {
        return rnd.nextInt(entityCount);
    }

    @Override
    public boolean corruptHead(int h, int r, int t, SplittableRandom rnd) {
        return rnd.nextDouble() < headProbability[r];
    }
}
