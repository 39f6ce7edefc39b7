package org.rhizome.gnn.diagnostics;

import java.util.Arrays;
import java.util.Objects;

/**
 * Correlation coefficients of two paired samples: Pearson's product-moment coefficient and Spearman's rank
 * coefficient (Pearson's of the ranks, ties given their mean rank). Pairs where either value is NaN are left out;
 * the result is NaN when fewer than two pairs remain or either side is constant. Time O(n) for Pearson and
 * O(n log n) for Spearman, memory O(n).
 */
public final class Correlation {
    private Correlation() {}

    /**
     * Pearson's r of {@code x} and {@code y}, in {@code [-1, 1]}, computed from centred sums.
     *
     * @param x one sample [n]
     * @param y the other, paired with {@code x} [n]
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double pearson(double[] x, double[] y) {
        double[][] p = pairs(x, y);
        return pearsonOfComplete(p[0], p[1]);
    }

    /**
     * Spearman's rho of {@code x} and {@code y}: Pearson's r of their fractional ranks (ties share the mean of the
     * ranks they span), in {@code [-1, 1]}.
     *
     * @param x one sample [n]
     * @param y the other, paired with {@code x} [n]
     * @throws IllegalArgumentException if the lengths differ
     */
    public static double spearman(double[] x, double[] y) {
        double[][] p = pairs(x, y);
        return pearsonOfComplete(ranks(p[0]), ranks(p[1]));
    }

    /** The number of pairs in which neither value is NaN: the sample size of both coefficients. */
    public static int completePairs(double[] x, double[] y) {
        return pairs(x, y)[0].length;
    }

    private static double[][] pairs(double[] x, double[] y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y must be paired (the same length), got " + x.length + " and "
                    + y.length);
        }
        int n = 0;
        for (int i = 0; i < x.length; i++) {
            n += Double.isNaN(x[i]) || Double.isNaN(y[i]) ? 0 : 1;
        }
        double[] a = new double[n];
        double[] b = new double[n];
        int k = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(x[i]) && !Double.isNaN(y[i])) {
                a[k] = x[i];
                b[k] = y[i];
                k++;
            }
        }
        return new double[][] {a, b};
    }

    private static double pearsonOfComplete(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        // rounding can carry |r| a hair past 1
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Fractional ranks from 1: equal values share the mean of their positions. */
    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) {
                j++;
            }
            double mean = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[order[k]] = mean;
            }
            i = j + 1;
        }
        return r;
    }
}
