package org.rhizome.gnn.training;

import java.util.Locale;

import org.rhizome.gnn.kernel.Kernels;

/**
 * The weight penalties of training ({@link TrainingConfig#regularizer()}), applied to the rows a step touches (as the
 * RotatE reference code applies its L3 to the batch's rows, not to whole tables) or, with
 * {@link TrainingConfig#PENALTY_ALL_ROWS}, to every row (as LibKGE's unweighted penalties): for each such row
 * {@code x}, {@code scale * penalty(x)} is added to the loss, {@code scale} being the configured weight over the
 * table's size in floats.
 */
public enum Regularizer {
    /** {@code sum_i |x_i|^3}, the reference code's (a per-float N3). */
    L3,
    /**
     * The nuclear 3-norm of Lacroix, Usunier and Obozinski ("Canonical Tensor Decomposition for Knowledge Base
     * Completion", ICML 2018), per row: {@code sum_k |z_k|^3} over the complex coordinates
     * {@code z_k = x_k + i x_{k + n}} of a ComplEx row ({@code n} = half the row); for real rows (DistMult) it is
     * {@link #L3}.
     */
    N3,
    /** {@code sum_i x_i^2}, weight decay on the touched rows. */
    L2;

    private static final Kernels KERNELS = Kernels.get();

    /** Parses {@code l3}, {@code n3} or {@code l2} (case-insensitive). */
    public static Regularizer parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("regularizer must be l3, n3 or l2, got '" + s + "'", e);
        }
    }

    /** The penalty of row {@code x[o, o + width)} (complex: the row holds real parts, then imaginary parts). */
    public double value(float[] x, int o, int width, boolean complex) {
        double sum = 0;
        if (this == N3 && complex) {
            int n = width / 2;
            for (int k = 0; k < n; k++) {
                double m = Math.hypot(x[o + k], x[o + n + k]);
                sum += m * m * m;
            }
            return sum;
        }
        for (int i = 0; i < width; i++) {
            double v = Math.abs(x[o + i]);
            sum += this == L2 ? v * v : v * v * v;
        }
        return sum;
    }

    /** Adds {@code scale} times the penalty's gradient at row {@code x[o, o + width)} to {@code g[go, go + width)}. */
    public void addGradient(float[] x, int o, int width, boolean complex, float scale, float[] g, int go) {
        if (this == L2) { // 2 scale x_i, each product rounded before its sum
            KERNELS.addScaled(2 * scale, x, o, g, go, width);
            return;
        }
        if (this == N3 && complex) {
            int n = width / 2;
            for (int k = 0; k < n; k++) {
                float re = x[o + k];
                float im = x[o + n + k];
                float m = (float) Math.sqrt(re * re + im * im);
                g[go + k] += 3 * scale * m * re;
                g[go + n + k] += 3 * scale * m * im;
            }
            return;
        }
        KERNELS.addCubed(3 * scale, x, o, g, go, width); // 3 scale x |x|, products rounded left to right
    }
}
