package org.rhizome.gnn.tensor;

import java.util.Arrays;
import java.util.stream.IntStream;


/**
 * EpiGNN's composition of epistemic states (the einsum-style contraction of its message function), fused: for each row {@code e} and facet {@code f},
 * <pre>
 *   out[e, f, p] = sum_ij x[e, f, i] A[f, p, i, j] y[e, f, j]
 * </pre>
 * where {@code A} has its identity row and column fixed ({@code A[f, p, 0, j] = [p == j]},
 * {@code A[f, p, i, 0] = [p == i]}) and its learned block {@code A[f, p, i, j] = block[f, p, i - 1, j - 1]} for
 * {@code i, j >= 1}. Expanding the fixed parts gives
 * <pre>
 *   out[p] = x[0] y[p] + [p >= 1] x[p] y[0] + sum_{i, j >= 1} x[i] block[p, i-1, j-1] y[j]
 * </pre>
 * so composing with the identity one-hot returns the other argument exactly (no rounding: the products with 0 and 1
 * are exact in float). Facet {@code f} of {@code x} only meets facet {@code f} of {@code y}, each facet with its own
 * tensor, as in the reference code's {@code einsum("nfi,fpij,nfj->nfp")}.
 *
 * <p>The backward pass is hand-derived; rows are split across threads when the batch is large, with a private
 * gradient buffer for the block per thread.
 */
public final class FacetCompose {
    private static final int PARALLEL_ROWS = 512;

    private FacetCompose() {}

    /**
     * @param x left states {@code [E, m, n]}
     * @param y right states {@code [E, m, n]}
     * @param block the learned block {@code [m, n, n - 1, n - 1]} (index order f, p, i-1, j-1)
     * @return {@code [E, m, n]}
     */
    public static Tensor apply(Tensor x, Tensor y, Tensor block) {
        int[] s = x.shape();
        if (s.length != 3 || !Arrays.equals(s, y.shape())) {
            throw new IllegalArgumentException(
                    "compose of states " + Arrays.toString(s) + " and " + Arrays.toString(y.shape()));
        }
        int rows = s[0];
        int m = s[1];
        int n = s[2];
        if (!Arrays.equals(block.shape(), new int[] {m, n, n - 1, n - 1})) {
            throw new IllegalArgumentException("composition block " + Arrays.toString(block.shape())
                    + " for states of " + m + " facets of size " + n);
        }
        float[] xd = x.data;
        float[] yd = y.data;
        float[] bd = block.data;
        float[] out = new float[xd.length];
        split(rows, (from, to) -> {
            for (int e = from; e < to; e++) {
                for (int f = 0; f < m; f++) {
                    int o = (e * m + f) * n;
                    forward(xd, yd, bd, out, o, f * n * (n - 1) * (n - 1), n);
                }
            }
        });
        return Tensor.result(out, s.clone(), t -> {
            float[] g = t.grad;
            boolean wantX = x.requiresGrad();
            boolean wantY = y.requiresGrad();
            boolean wantB = block.requiresGrad();
            float[] gx = wantX ? Tensor.gradOf(x) : null;
            float[] gy = wantY ? Tensor.gradOf(y) : null;
            float[] gb = wantB ? Tensor.gradOf(block) : null;
            int chunks = chunks(rows);
            float[][] gbParts = new float[chunks][];
            IntStream range = IntStream.range(0, chunks);
            (chunks > 1 ? range.parallel() : range).forEach(ch -> {
                int from = (int) ((long) rows * ch / chunks);
                int to = (int) ((long) rows * (ch + 1) / chunks);
                float[] gbLocal = wantB ? (chunks == 1 ? gb : new float[gb.length]) : null;
                float[] d = new float[(n - 1) * (n - 1)];
                for (int e = from; e < to; e++) {
                    for (int f = 0; f < m; f++) {
                        int o = (e * m + f) * n;
                        backward(xd, yd, bd, g, gx, gy, gbLocal, d, o, f * n * (n - 1) * (n - 1), n);
                    }
                }
                gbParts[ch] = gbLocal;
            });
            if (wantB && chunks > 1) {
                for (float[] part : gbParts) {
                    for (int i = 0; i < gb.length; i++) {
                        gb[i] += part[i];
                    }
                }
            }
        }, x, y, block);
    }

    /** One facet: {@code out[o .. o+n)} from {@code x, y} at the same offset and the facet's block at {@code b}. */
    private static void forward(float[] x, float[] y, float[] block, float[] out, int o, int b, int n) {
        float x0 = x[o];
        float y0 = y[o];
        out[o] = x0 * y0;
        for (int p = 1; p < n; p++) {
            double s = (double) x0 * y[o + p] + (double) x[o + p] * y0;
            int bp = b + p * (n - 1) * (n - 1);
            for (int i = 1; i < n; i++) {
                float xi = x[o + i];
                if (xi == 0f) {
                    continue;
                }
                int bi = bp + (i - 1) * (n - 1) - 1;
                double inner = 0;
                for (int j = 1; j < n; j++) {
                    inner += block[bi + j] * y[o + j];
                }
                s += xi * inner;
            }
            out[o + p] = (float) s;
        }
        // p = 0 also receives the learned block's mass: A[f, 0, i, j] for i, j >= 1
        double s0 = 0;
        for (int i = 1; i < n; i++) {
            float xi = x[o + i];
            if (xi == 0f) {
                continue;
            }
            int bi = b + (i - 1) * (n - 1) - 1;
            double inner = 0;
            for (int j = 1; j < n; j++) {
                inner += block[bi + j] * y[o + j];
            }
            s0 += xi * inner;
        }
        out[o] += (float) s0;
    }

    /**
     * Gradients of one facet. {@code d[i-1, j-1] = sum_p g[p] block[p, i-1, j-1]} is formed first; then
     * {@code gx[i] = sum_j d[i, j] y[j]}, {@code gy[j] = sum_i x[i] d[i, j]} plus the identity terms, and
     * {@code gblock[p, i, j] += g[p] x[i] y[j]}.
     */
    private static void backward(float[] x, float[] y, float[] block, float[] g, float[] gx, float[] gy, float[] gb,
            float[] d, int o, int b, int n) {
        int k = n - 1;
        Arrays.fill(d, 0f);
        for (int p = 0; p < n; p++) {
            float gp = g[o + p];
            if (gp == 0f) {
                continue;
            }
            int bp = b + p * k * k;
            for (int q = 0; q < k * k; q++) {
                d[q] += gp * block[bp + q];
            }
        }
        float x0 = x[o];
        float y0 = y[o];
        if (gx != null) {
            // identity terms: d out[p] / d x[0] = y[p] (all p, p = 0 included via x0 * y0); d out[p] / d x[p] = y0
            double g0 = 0;
            for (int p = 0; p < n; p++) {
                g0 += g[o + p] * y[o + p];
            }
            gx[o] += (float) g0;
            for (int i = 1; i < n; i++) {
                double s = g[o + i] * y0;
                for (int j = 1; j < n; j++) {
                    s += d[(i - 1) * k + j - 1] * y[o + j];
                }
                gx[o + i] += (float) s;
            }
        }
        if (gy != null) {
            double g0 = 0;
            for (int p = 0; p < n; p++) {
                g0 += g[o + p] * (p == 0 ? 0f : x[o + p]);
            }
            gy[o] += (float) (g0 + g[o] * x0);
            for (int j = 1; j < n; j++) {
                double s = g[o + j] * x0;
                for (int i = 1; i < n; i++) {
                    s += x[o + i] * d[(i - 1) * k + j - 1];
                }
                gy[o + j] += (float) s;
            }
        }
        if (gb != null) {
            for (int p = 0; p < n; p++) {
                float gp = g[o + p];
                if (gp == 0f) {
                    continue;
                }
                int bp = b + p * k * k;
                for (int i = 1; i < n; i++) {
                    float c = gp * x[o + i];
                    if (c == 0f) {
                        continue;
                    }
                    int bi = bp + (i - 1) * k - 1;
                    for (int j = 1; j < n; j++) {
                        gb[bi + j] += c * y[o + j];
                    }
                }
            }
        }
    }

    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    private static int chunks(int rows) {
        int threads = Runtime.getRuntime().availableProcessors();
        return rows < PARALLEL_ROWS || threads < 2 ? 1 : Math.min(threads, rows / (PARALLEL_ROWS / 2));
    }

    private static void split(int rows, Range body) {
        int chunks = chunks(rows);
        if (chunks == 1) {
            body.run(0, rows);
            return;
        }
        IntStream.range(0, chunks).parallel().forEach(ch -> body.run(
                (int) ((long) rows * ch / chunks), (int) ((long) rows * (ch + 1) / chunks)));
    }
}
