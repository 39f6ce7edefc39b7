package org.rhizome.graph.analytics.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded sampling helpers shared by the analytics. */
public final class Sampling {
    private Sampling() {}

    /**
     * {@code k} distinct ids drawn uniformly from {@code 0..n-1} with a generator seeded by {@code seed}, ascending;
     * a partial Fisher–Yates shuffle, O(n) time and memory.
     */
    public static int[] distinct(int n, int k, long seed) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("cannot draw " + k + " distinct ids from " + n);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + rnd.nextInt(n - i);
            int tmp = ids[i];
            ids[i] = ids[j];
            ids[j] = tmp;
        }
        int[] out = Arrays.copyOf(ids, k);
        Arrays.sort(out);
        return out;
    }
}
