package org.rhizome.gnn.sampling;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Principal component analysis by the covariance matrix and orthogonal (subspace) iteration: the data are centred,
 * the {@code d x d} covariance is formed once ({@code O(n d^2)}), and a block of {@code k} vectors is multiplied by it
 * and re-orthonormalised (modified Gram-Schmidt) until the block stops turning (the largest change of a component,
 * as 1 - |cos|, under 1e-9) or 1,000 rounds have run. Components come out in decreasing order of variance, each of
 * unit length with its largest-magnitude coordinate positive (so the sign is deterministic).
 *
 * <p>Convergence is geometric in the ratio of the (k+1)-th to the k-th eigenvalue; data whose variances tie at the
 * cut have no unique answer, and any basis of the tied space is as good.
 */
public final class Pca {
    private final float[] mean;
    private final float[][] components;
    private final double[] variances;

    private Pca(float[] mean, float[][] components, double[] variances) {
        this.mean = mean;
        this.components = components;
        this.variances = variances;
    }

    /**
     * Fits the top {@code k} components of the rows {@code x} (all of one length {@code d >= k}; at least 2 rows).
     *
     * @param seed seeds the starting block
     */
    public static Pca fit(float[][] x, int k, long seed) {
        if (x.length < 2) {
            throw new IllegalArgumentException("PCA needs at least 2 rows, got " + x.length);
        }
        int d = x[0].length;
        if (k < 1 || k > d) {
            throw new IllegalArgumentException("components must be in [1, " + d + "], got " + k);
        }
        double[] mean = new double[d];
        for (float[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("rows of different lengths: " + d + " and " + row.length);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= x.length;
        }
        double[][] cov = new double[d][d];
        double[] c = new double[d];
        for (float[] row : x) {
            for (int j = 0; j < d; j++) {
                c[j] = row[j] - mean[j];
            }
            for (int a = 0; a < d; a++) {
                double ca = c[a];
                if (ca == 0) {
                    continue;
                }
                double[] covA = cov[a];
                for (int b = a; b < d; b++) {
                    covA[b] += ca * c[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= x.length - 1;
                cov[b][a] = cov[a][b];
            }
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] q = new double[k][d];
        for (double[] v : q) {
            for (int j = 0; j < d; j++) {
                v[j] = rnd.nextDouble() - 0.5;
            }
        }
        orthonormalise(q);
        double[][] z = new double[k][d];
        for (int round = 0; round < 1000; round++) {
            for (int i = 0; i < k; i++) {
                multiply(cov, q[i], z[i]);
            }
            orthonormalise(z);
            double change = 0;
            for (int i = 0; i < k; i++) {
                change = Math.max(change, 1 - Math.abs(dot(z[i], q[i])));
            }
            double[][] t = q;
            q = z;
            z = t;
            if (change < 1e-9) {
                break;
            }
        }
        // order by Rayleigh quotient (the block's order is already that of the eigenvalues once converged)
        double[] var = new double[k];
        double[] tmp = new double[d];
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            multiply(cov, q[i], tmp);
            var[i] = dot(q[i], tmp);
            order[i] = i;
        }
        final double[] vv = var;
        Arrays.sort(order, (a, b) -> Double.compare(vv[b], vv[a]));
        float[][] comps = new float[k][d];
        double[] variances = new double[k];
        for (int i = 0; i < k; i++) {
            double[] v = q[order[i]];
            int big = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(v[j]) > Math.abs(v[big])) {
                    big = j;
                }
            }
            double sign = v[big] < 0 ? -1 : 1;
            for (int j = 0; j < d; j++) {
                comps[i][j] = (float) (sign * v[j]);
            }
            variances[i] = var[order[i]];
        }
        float[] m = new float[d];
        for (int j = 0; j < d; j++) {
            m[j] = (float) mean[j];
        }
        return new Pca(m, comps, variances);
    }

    private static void multiply(double[][] a, double[] v, double[] out) {
        for (int i = 0; i < a.length; i++) {
            out[i] = dot(a[i], v);
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Modified Gram-Schmidt; a vector that collapses is replaced by the next unit axis not yet spanned. */
    private static void orthonormalise(double[][] v) {
        int axis = 0;
        for (int i = 0; i < v.length; i++) {
            while (true) {
                for (int j = 0; j < i; j++) {
                    double p = dot(v[i], v[j]);
                    for (int t = 0; t < v[i].length; t++) {
                        v[i][t] -= p * v[j][t];
                    }
                }
                double n = Math.sqrt(dot(v[i], v[i]));
                if (n >= 1e-12) {
                    for (int t = 0; t < v[i].length; t++) {
                        v[i][t] /= n;
                    }
                    break;
                }
                // at most d axes are tried in all, and k <= d vectors cannot span them all
                Arrays.fill(v[i], 0);
                v[i][axis++ % v[i].length] = 1;
            }
        }
    }

    /** The components, {@code k x d}, in decreasing order of variance. */
    public float[][] components() {
        float[][] c = new float[components.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = components[i].clone();
        }
        return c;
    }

    /** The variance of the data along each component. */
    public double[] variances() {
        return variances.clone();
    }

    /** The coordinates of {@code row} (centred) on the components. */
    public float[] transform(float[] row) {
        float[] out = new float[components.length];
        for (int i = 0; i < components.length; i++) {
            double s = 0;
            float[] c = components[i];
            for (int j = 0; j < c.length; j++) {
                s += (row[j] - mean[j]) * c[j];
            }
            out[i] = (float) s;
        }
        return out;
    }
}
