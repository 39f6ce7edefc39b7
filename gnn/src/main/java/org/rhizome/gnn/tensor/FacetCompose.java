package org.rhizome.gnn.tensor;

import java.util.Arrays;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import org.rhizome.gnn.kernel.Kernels;


/**
 * EpiGNN's composition of epistemic states (the einsum-style contraction of its message function), fused: for
 * each row {@code e} and facet {@code f},
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
 * <p>The backward pass is hand-derived. Each facet is computed over the whole batch at once, transposed so the
 * inner loops run over rows on the vector kernels; facets run in parallel when the batch is large.
 */
public final class FacetCompose {
    private static final int PARALLEL_ROWS = 256;
    private static final Kernels K = Kernels.get();

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
        forFacets(m, rows, f -> {
            Facet fc = new Facet(xd, yd, rows, m, n, f);
            fc.forward(bd, out);
        });
        return Tensor.result(out, s.clone(), t -> {
            float[] g = t.grad;
            float[] gx = x.requiresGrad() ? Tensor.gradOf(x) : null;
            float[] gy = y.requiresGrad() ? Tensor.gradOf(y) : null;
            float[] gb = block.requiresGrad() ? Tensor.gradOf(block) : null;
            forFacets(m, rows, f -> {
                Facet fc = new Facet(xd, yd, rows, m, n, f);
                fc.backward(bd, g, gx, gy, gb);
            });
        }, x, y, block);
    }

    /**
     * One facet of a whole batch, transposed so that every inner loop runs over the rows: {@code xT[i][e]},
     * {@code yT[j][e]} and the products {@code z[(i-1)(n-1) + j-1][e] = xT[i][e] yT[j][e]}. The contraction with the
     * block is then {@code n (n-1)^2} long vector updates ({@link Kernels#axpy}) instead of a short dependent sum per
     * row, and the block's gradient {@code n (n-1)^2} long dot products.
     */
    private static final class Facet {
        final int rows;
        final int m;
        final int n;
        final int f;
        final float[][] xT;
        final float[][] yT;
        final float[][] z;

        Facet(float[] x, float[] y, int rows, int m, int n, int f) {
            this.rows = rows;
            this.m = m;
            this.n = n;
            this.f = f;
            xT = transpose(x, rows, m, n, f);
            yT = transpose(y, rows, m, n, f);
            int k = n - 1;
            z = new float[k * k][];
            for (int i = 1; i < n; i++) {
                for (int j = 1; j < n; j++) {
                    z[(i - 1) * k + j - 1] = product(xT[i], yT[j]);
                }
            }
        }

        void forward(float[] block, float[] out) {
            int k = n - 1;
            float[][] outT = new float[n][];
            outT[0] = product(xT[0], yT[0]);
            for (int p = 1; p < n; p++) {
                float[] o = product(xT[0], yT[p]);
                addProduct(xT[p], yT[0], o);
                outT[p] = o;
            }
            for (int p = 0; p < n; p++) {
                int bp = (f * n + p) * k * k;
                for (int q = 0; q < k * k; q++) {
                    float w = block[bp + q];
                    if (w != 0f) {
                        K.axpy(w, z[q], 0, outT[p], 0, rows);
                    }
                }
            }
            scatter(outT, out);
        }

        void backward(float[] block, float[] g, float[] gx, float[] gy, float[] gb) {
            int k = n - 1;
            float[][] gT = transpose(g, rows, m, n, f);
            // d[q][e] = sum_p block[p, q] g[p][e]
            float[][] d = new float[k * k][rows];
            for (int p = 0; p < n; p++) {
                int bp = (f * n + p) * k * k;
                for (int q = 0; q < k * k; q++) {
                    K.axpy(block[bp + q], gT[p], 0, d[q], 0, rows);
                }
            }
            if (gx != null) {
                float[][] gxT = new float[n][rows];
                for (int p = 0; p < n; p++) {
                    addProduct(gT[p], yT[p], gxT[0]);
                }
                for (int i = 1; i < n; i++) {
                    addProduct(gT[i], yT[0], gxT[i]);
                    for (int j = 1; j < n; j++) {
                        addProduct(d[(i - 1) * k + j - 1], yT[j], gxT[i]);
                    }
                }
                accumulate(gxT, gx);
            }
            if (gy != null) {
                float[][] gyT = new float[n][rows];
                addProduct(gT[0], xT[0], gyT[0]);
                for (int p = 1; p < n; p++) {
                    addProduct(gT[p], xT[p], gyT[0]);
                }
                for (int j = 1; j < n; j++) {
                    addProduct(gT[j], xT[0], gyT[j]);
                    for (int i = 1; i < n; i++) {
                        addProduct(d[(i - 1) * k + j - 1], xT[i], gyT[j]);
                    }
                }
                accumulate(gyT, gy);
            }
            if (gb != null) {
                for (int p = 0; p < n; p++) {
                    int bp = (f * n + p) * k * k;
                    for (int q = 0; q < k * k; q++) {
                        gb[bp + q] += K.dot(gT[p], 0, z[q], 0, rows);
                    }
                }
            }
        }

        private void scatter(float[][] vT, float[] dst) {
            for (int p = 0; p < n; p++) {
                float[] v = vT[p];
                for (int e = 0; e < rows; e++) {
                    dst[(e * m + f) * n + p] = v[e];
                }
            }
        }

        private void accumulate(float[][] vT, float[] dst) {
            for (int p = 0; p < n; p++) {
                float[] v = vT[p];
                for (int e = 0; e < rows; e++) {
                    dst[(e * m + f) * n + p] += v[e];
                }
            }
        }
    }

    private static float[][] transpose(float[] a, int rows, int m, int n, int f) {
        float[][] t = new float[n][rows];
        for (int e = 0; e < rows; e++) {
            int o = (e * m + f) * n;
            for (int p = 0; p < n; p++) {
                t[p][e] = a[o + p];
            }
        }
        return t;
    }

    private static float[] product(float[] a, float[] b) {
        float[] c = new float[a.length];
        for (int e = 0; e < c.length; e++) {
            c[e] = a[e] * b[e];
        }
        return c;
    }

    private static void addProduct(float[] a, float[] b, float[] c) {
        for (int e = 0; e < c.length; e++) {
            c[e] += a[e] * b[e];
        }
    }

    /** Runs {@code body} for each facet, in parallel when the batch is large (facets write disjoint elements). */
    private static void forFacets(int m, int rows, IntConsumer body) {
        IntStream facets = IntStream.range(0, m);
        if (rows >= PARALLEL_ROWS && m > 1) {
            facets.parallel().forEach(body);
        } else {
            facets.forEach(body);
        }
    }
}
