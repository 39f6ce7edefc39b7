package org.rhizome.gnn.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii 2007), seeded and deterministic: iterations stop
 * when no point changes cluster or after {@code maxIterations}. A cluster left empty takes the point farthest from its
 * centroid. Squared Euclidean distance.
 *
 * @param centroids  {@code k x d}
 * @param assignment the cluster of each point
 * @param iterations Lloyd iterations run
 * @param inertia    sum of squared distances of the points to their centroids
 */
public record KMeans(float[][] centroids, int[] assignment, int iterations, double inertia) {

    /** Clusters {@code points} ({@code n x d}, {@code n >= k >= 1}). */
    public static KMeans fit(float[][] points, int k, int maxIterations, long seed) {
        int n = points.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be in [1, " + n + "], got " + k);
        }
        int d = points[0].length;
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] c = new float[k][];
        c[0] = points[rnd.nextInt(n)].clone();
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int j = 1; j < k; j++) {
            double total = 0;
            for (int i = 0; i < n; i++) {
                nearest[i] = Math.min(nearest[i], dist(points[i], c[j - 1]));
                total += nearest[i];
            }
            int pick = n - 1;
            if (total > 0) {
                double u = rnd.nextDouble() * total;
                for (int i = 0; i < n; i++) {
                    u -= nearest[i];
                    if (u < 0) {
                        pick = i;
                        break;
                    }
                }
            } else {
                pick = rnd.nextInt(n); // all points coincide with chosen centres
            }
            c[j] = points[pick].clone();
        }
        int[] assign = new int[n];
        Arrays.fill(assign, -1);
        int it = 0;
        double inertia = 0;
        for (; it < maxIterations; it++) {
            boolean changed = false;
            inertia = 0;
            for (int i = 0; i < n; i++) {
                int best = 0;
                double bd = dist(points[i], c[0]);
                for (int j = 1; j < k; j++) {
                    double dj = dist(points[i], c[j]);
                    if (dj < bd) {
                        bd = dj;
                        best = j;
                    }
                }
                inertia += bd;
                if (assign[i] != best) {
                    assign[i] = best;
                    changed = true;
                }
            }
            if (!changed) {
                break;
            }
            double[][] sum = new double[k][d];
            int[] size = new int[k];
            for (int i = 0; i < n; i++) {
                size[assign[i]]++;
                for (int t = 0; t < d; t++) {
                    sum[assign[i]][t] += points[i][t];
                }
            }
            for (int j = 0; j < k; j++) {
                if (size[j] == 0) {
                    int far = 0;
                    double fd = -1;
                    for (int i = 0; i < n; i++) {
                        double di = dist(points[i], c[assign[i]]);
                        if (di > fd) {
                            fd = di;
                            far = i;
                        }
                    }
                    c[j] = points[far].clone();
                    assign[far] = j; // so the next emptied cluster picks another point
                    continue;
                }
                for (int t = 0; t < d; t++) {
                    c[j][t] = (float) (sum[j][t] / size[j]);
                }
            }
        }
        return new KMeans(c, assign, it, inertia);
    }

    static double dist(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            double x = a[i] - b[i];
            s += x * x;
        }
        return s;
    }
}
