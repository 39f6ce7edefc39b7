package org.rhizome.gnn.tensor;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.rhizome.gnn.kernel.Kernels;

/**
 * Matrix products on the project's vector kernels: {@link #matmul} ({@code [..., k] x [k, n]}), {@link #bmm}
 * (batched), {@link #outer} (batched outer product) and {@link #bilinear}, the contraction
 * {@code out[b, c] = sum_ij x[b, i] y[b, j] w[i, j, c]} that EpiGNN's composition is made of.
 *
 * <p>Large two-dimensional products (past {@value #BLOCKED_FLOPS} multiply-adds) pack their right operand into
 * panels and run on the register-tiled {@link Kernels#dotBlock}; smaller ones, and the batched {@link #bmm}, are
 * computed row by row with {@link Kernels#axpy} and {@link Kernels#dot}. Work is split over the common fork-join pool
 * when it passes {@value #PARALLEL_FLOPS} multiply-adds.
 */
public final class LinAlg {
    /** Multiply-adds above which a product is split across threads. */
    static final long PARALLEL_FLOPS = 1L << 18;

    private static final Kernels K = Kernels.get();

    private LinAlg() {}

    /**
     * {@code a x b}: {@code a} of shape {@code [..., k]} (leading dimensions flattened into rows), {@code b} of shape
     * {@code [k, n]}; the result has shape {@code [..., n]}.
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        if (b.shape.length != 2 || a.shape.length < 1 || a.shape[a.shape.length - 1] != b.shape[0]) {
            throw new IllegalArgumentException(
                    "matmul of shapes " + Arrays.toString(a.shape) + " and " + Arrays.toString(b.shape));
        }
        int k = b.shape[0];
        int n = b.shape[1];
        int m = k == 0 ? 0 : a.data.length / k;
        int[] shape = a.shape.clone();
        shape[shape.length - 1] = n;
        float[] out = new float[m * n];
        gemm(a.data, 0, b.data, 0, out, 0, m, k, n);
        return Tensor.result(out, shape, t -> {
            if (Tensor.wants(a)) {
                gemmNT(t.grad, 0, b.data, 0, Tensor.gradOf(a), 0, m, n, k);
            }
            if (Tensor.wants(b)) {
                gemmTN(a.data, 0, t.grad, 0, Tensor.gradOf(b), 0, m, k, n);
            }
        }, a, b);
    }

    /**
     * {@code a x b^T} without materialising the transpose: {@code a [..., k]}, {@code b [n, k]}, result
     * {@code [..., n]} (scoring queries against every row of an embedding table).
     */
    public static Tensor matmulTransposed(Tensor a, Tensor b) {
        if (b.shape.length != 2 || a.shape.length < 1 || a.shape[a.shape.length - 1] != b.shape[1]) {
            throw new IllegalArgumentException(
                    "matmulTransposed of shapes " + Arrays.toString(a.shape) + " and " + Arrays.toString(b.shape));
        }
        int k = b.shape[1];
        int n = b.shape[0];
        int m = k == 0 ? 0 : a.data.length / k;
        int[] shape = a.shape.clone();
        shape[shape.length - 1] = n;
        float[] out = new float[m * n];
        gemmNT(a.data, 0, b.data, 0, out, 0, m, k, n);
        return Tensor.result(out, shape, t -> {
            if (Tensor.wants(a)) {
                gemm(t.grad, 0, b.data, 0, Tensor.gradOf(a), 0, m, n, k);
            }
            if (Tensor.wants(b)) {
                gemmTN(t.grad, 0, a.data, 0, Tensor.gradOf(b), 0, m, n, k);
            }
        }, a, b);
    }

    /** Batched product: {@code a [B, m, k] x b [B, k, n] -> [B, m, n]}. */
    public static Tensor bmm(Tensor a, Tensor b) {
        if (a.shape.length != 3 || b.shape.length != 3 || a.shape[0] != b.shape[0] || a.shape[2] != b.shape[1]) {
            throw new IllegalArgumentException(
                    "bmm of shapes " + Arrays.toString(a.shape) + " and " + Arrays.toString(b.shape));
        }
        int batch = a.shape[0];
        int m = a.shape[1];
        int k = a.shape[2];
        int n = b.shape[2];
        float[] out = new float[batch * m * n];
        forEach(batch, (long) m * k * n, i -> gemmSerial(a.data, i * m * k, b.data, i * k * n, out, i * m * n, 0, m, k,
                n));
        return Tensor.result(out, new int[] {batch, m, n}, t -> {
            if (Tensor.wants(a)) {
                float[] ga = Tensor.gradOf(a);
                forEach(batch, (long) m * k * n, i -> gemmNTSerial(t.grad, i * m * n, b.data, i * k * n, ga, i * m * k,
                        0, m, n, k));
            }
            if (Tensor.wants(b)) {
                float[] gb = Tensor.gradOf(b);
                forEach(batch, (long) m * k * n, i -> gemmTNSerial(a.data, i * m * k, t.grad, i * m * n, gb, i * k * n,
                        0, k, m, k, n));
            }
        }, a, b);
    }

    /**
     * Batched outer product: {@code x [..., p]} and {@code y [..., q]} with equal leading dimensions give
     * {@code [..., p * q]} with {@code out[b, i * q + j] = x[b, i] * y[b, j]}.
     */
    public static Tensor outer(Tensor x, Tensor y) {
        int p = x.shape[x.shape.length - 1];
        int q = y.shape[y.shape.length - 1];
        if (!Arrays.equals(Arrays.copyOf(x.shape, x.shape.length - 1), Arrays.copyOf(y.shape, y.shape.length - 1))) {
            throw new IllegalArgumentException(
                    "outer of shapes " + Arrays.toString(x.shape) + " and " + Arrays.toString(y.shape));
        }
        int rows = p == 0 ? 0 : x.data.length / p;
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = p * q;
        float[] out = new float[rows * p * q];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < p; i++) {
                K.axpy(x.data[r * p + i], y.data, r * q, out, (r * p + i) * q, q);
            }
        }
        return Tensor.result(out, shape, t -> {
            float[] g = t.grad;
            if (Tensor.wants(x)) {
                float[] gx = Tensor.gradOf(x);
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < p; i++) {
                        gx[r * p + i] += K.dot(g, (r * p + i) * q, y.data, r * q, q);
                    }
                }
            }
            if (Tensor.wants(y)) {
                float[] gy = Tensor.gradOf(y);
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < p; i++) {
                        K.axpy(x.data[r * p + i], g, (r * p + i) * q, gy, r * q, q);
                    }
                }
            }
        }, x, y);
    }

    /**
     * The bilinear contraction {@code out[b, c] = sum_ij x[b, i] y[b, j] w[i, j, c]} (einsum {@code bi,bj,ijc->bc}):
     * {@code x [..., p]}, {@code y [..., q]}, {@code w [p, q, r]}, result {@code [..., r]}. Computed as
     * {@code outer(x, y) x w.reshape(p * q, r)}.
     */
    public static Tensor bilinear(Tensor x, Tensor y, Tensor w) {
        if (w.shape.length != 3 || w.shape[0] != x.shape[x.shape.length - 1]
                || w.shape[1] != y.shape[y.shape.length - 1]) {
            throw new IllegalArgumentException("bilinear of shapes " + Arrays.toString(x.shape) + ", "
                    + Arrays.toString(y.shape) + " and " + Arrays.toString(w.shape));
        }
        return matmul(outer(x, y), w.reshape(w.shape[0] * w.shape[1], w.shape[2]));
    }

    /** The transpose of a matrix {@code [m, n] -> [n, m]}. */
    public static Tensor transpose(Tensor a) {
        if (a.shape.length != 2) {
            throw new IllegalArgumentException("transpose of shape " + Arrays.toString(a.shape));
        }
        int m = a.shape[0];
        int n = a.shape[1];
        float[] out = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                out[j * m + i] = a.data[i * n + j];
            }
        }
        return Tensor.result(out, new int[] {n, m}, t -> {
            float[] ga = Tensor.gradOf(a);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    ga[i * n + j] += t.grad[j * m + i];
                }
            }
        }, a);
    }

    /**
     * {@code x} with dimensions {@code a} and {@code b} exchanged (a copy), e.g. {@code [B, L, H, d] -> [B, H, L, d]}
     * to fold attention heads into the batch.
     */
    public static Tensor swapAxes(Tensor x, int a, int b) {
        int rank = x.shape.length;
        int da = a < 0 ? rank + a : a;
        int db = b < 0 ? rank + b : b;
        if (da < 0 || db < 0 || da >= rank || db >= rank) {
            throw new IllegalArgumentException("swapAxes(" + a + ", " + b + ") of shape " + Arrays.toString(x.shape));
        }
        int[] shape = x.shape.clone();
        shape[da] = x.shape[db];
        shape[db] = x.shape[da];
        int[] srcStride = new int[rank];
        int st = 1;
        for (int d = rank - 1; d >= 0; d--) {
            srcStride[d] = st;
            st *= x.shape[d];
        }
        // the stride in the source of each output dimension
        int[] stride = srcStride.clone();
        stride[da] = srcStride[db];
        stride[db] = srcStride[da];
        int n = x.data.length;
        int[] from = new int[n];
        int[] counter = new int[rank];
        int off = 0;
        for (int i = 0; i < n; i++) {
            from[i] = off;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                off += stride[d];
                if (counter[d] < shape[d]) {
                    break;
                }
                off -= stride[d] * counter[d];
                counter[d] = 0;
            }
        }
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = x.data[from[i]];
        }
        return Tensor.result(out, shape, t -> {
            float[] gx = Tensor.gradOf(x);
            for (int i = 0; i < n; i++) {
                gx[from[i]] += t.grad[i];
            }
        }, x);
    }

    // ---------------------------------------------------------------------------------------------- raw products

    /**
     * {@code c[m, n] += a[m, k] b[k, n]}, rows split across threads when large. Past {@value #BLOCKED_FLOPS}
     * multiply-adds the columns of {@code b} are packed into panels and the product runs through the register-tiled
     * {@link Kernels#dotBlock} kernel; below it, row-times-scalar {@code axpy} loops.
     */
    static void gemm(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        if (blocked(m, k, n)) {
            blockedProduct(a, aOff, m, k, (from, count) -> packColumnsOf(b, bOff, k, n, from, count), n, c, cOff);
            return;
        }
        forRows(m, (long) m * k * n, (from, to) -> gemmSerial(a, aOff, b, bOff, c, cOff, from, to, k, n));
    }

    private static void gemmSerial(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int from, int to,
            int k, int n) {
        for (int i = from; i < to; i++) {
            for (int p = 0; p < k; p++) {
                float v = a[aOff + i * k + p];
                if (v != 0f) {
                    K.axpy(v, b, bOff + p * n, c, cOff + i * n, n);
                }
            }
        }
    }

    /** {@code c[m, k] += g[m, n] b[k, n]^T}. */
    static void gemmNT(float[] g, int gOff, float[] b, int bOff, float[] c, int cOff, int m, int n, int k) {
        if (blocked(m, n, k)) {
            blockedProduct(g, gOff, m, n, (from, count) -> packRowsOf(b, bOff, n, from, count), k, c, cOff);
            return;
        }
        forRows(m, (long) m * k * n, (from, to) -> gemmNTSerial(g, gOff, b, bOff, c, cOff, from, to, n, k));
    }

    private static void gemmNTSerial(float[] g, int gOff, float[] b, int bOff, float[] c, int cOff, int from, int to,
            int n, int k) {
        for (int i = from; i < to; i++) {
            for (int p = 0; p < k; p++) {
                c[cOff + i * k + p] += K.dot(g, gOff + i * n, b, bOff + p * n, n);
            }
        }
    }

    /** {@code c[k, n] += a[m, k]^T g[m, n]}, split over the rows of {@code c}. */
    static void gemmTN(float[] a, int aOff, float[] g, int gOff, float[] c, int cOff, int m, int k, int n) {
        if (blocked(k, m, n)) {
            float[] at = new float[k * m];
            Kernels.transpose(a, aOff, m, k, at);
            blockedProduct(at, 0, k, m, (from, count) -> packColumnsOf(g, gOff, m, n, from, count), n, c, cOff);
            return;
        }
        forRows(k, (long) m * k * n, (from, to) -> gemmTNSerial(a, aOff, g, gOff, c, cOff, from, to, m, k, n));
    }

    /** Rows {@code [from, to)} of {@code c[k, n] += a[m, k]^T g[m, n]}. */
    private static void gemmTNSerial(float[] a, int aOff, float[] g, int gOff, float[] c, int cOff, int from, int to,
            int m, int k, int n) {
        for (int p = from; p < to; p++) {
            for (int i = 0; i < m; i++) {
                float v = a[aOff + i * k + p];
                if (v != 0f) {
                    K.axpy(v, g, gOff + i * n, c, cOff + p * n, n);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------- the blocked products

    /**
     * Multiply-adds from which a product goes through the packed, register-tiled kernel: below, packing and the
     * scratch rows cost more than they save.
     */
    static final long BLOCKED_FLOPS = 1L << 16;

    private static boolean blocked(int rows, int dim, int cols) {
        return (long) rows * dim * cols >= BLOCKED_FLOPS && rows >= 4 && dim >= 8 && cols >= 8;
    }

    /** Packs columns {@code [from, from + count)} of a product's right operand into panels. */
    @FunctionalInterface
    private interface Packer {
        float[] pack(int from, int count);
    }

    /**
     * {@code c[rows, cols] += q[rows, dim] x C}, where {@code packer} gives columns of {@code C} in panels
     * ({@link Kernels#packColumns}'s layout, zero past the last column). Work is split across threads by rows, or by
     * columns when there are many columns and few rows (scoring a batch against an entity table), each part packing
     * its own columns. Each part is computed into scratch rows a whole number of panels wide (so the kernel never
     * takes its scalar path for a partial panel) and added to {@code c}.
     */
    private static void blockedProduct(float[] q, int qOff, int rows, int dim, Packer packer, int cols, float[] c,
            int cOff) {
        int width = K.dotBlockWidth();
        int panels = (cols + width - 1) / width;
        long flops = (long) rows * dim * cols;
        int threads = Runtime.getRuntime().availableProcessors();
        if (flops >= PARALLEL_FLOPS && threads >= 2 && panels >= 8 * threads && rows < panels * width / 4) {
            int chunks = Math.min(panels / 4, threads * 4);
            IntStream.range(0, chunks).parallel().forEach(ch -> {
                int first = (int) ((long) panels * ch / chunks) * width;
                int count = Math.min(cols, (int) ((long) panels * (ch + 1) / chunks) * width) - first;
                int padded = (count + width - 1) / width * width;
                float[] scratch = new float[rows * padded];
                K.dotBlock(q, qOff, rows, dim, packer.pack(first, count), width, padded, scratch, 0, padded);
                addInto(scratch, padded, rows, count, c, cOff + first, cols);
            });
            return;
        }
        float[] packed = packer.pack(0, cols);
        int padded = panels * width;
        forRows(rows, flops, (from, to) -> {
            float[] scratch = new float[(to - from) * padded];
            K.dotBlock(q, qOff + from * dim, to - from, dim, packed, width, padded, scratch, 0, padded);
            addInto(scratch, padded, to - from, cols, c, cOff + from * cols, cols);
        });
    }

    /** {@code c[r, j] += scratch[r, j]} for {@code r < rows, j < count}, with the two row strides. */
    private static void addInto(float[] scratch, int scratchStride, int rows, int count, float[] c, int cOff,
            int cStride) {
        for (int r = 0; r < rows; r++) {
            int out = cOff + r * cStride;
            int in = r * scratchStride;
            for (int j = 0; j < count; j++) {
                c[out + j] += scratch[in + j];
            }
        }
    }

    /**
     * Columns {@code [from, from + count)} of the row-major {@code b[k, n]}, packed as candidates of length {@code k}.
     */
    private static float[] packColumnsOf(float[] b, int bOff, int k, int n, int from, int count) {
        int width = K.dotBlockWidth();
        return Kernels.packColumnsOf(b, bOff, k, n, from, count, width,
                new float[Kernels.packedLength(count, k, width)]);
    }

    /** Rows {@code [from, from + count)} of the row-major {@code b[., n]}, packed as candidates of length {@code n}. */
    private static float[] packRowsOf(float[] b, int bOff, int n, int from, int count) {
        int width = K.dotBlockWidth();
        float[] packed = new float[Kernels.packedLength(count, n, width)];
        for (int e = 0; e < count; e++) {
            int base = e / width * n * width + e % width;
            int row = bOff + (from + e) * n;
            for (int p = 0; p < n; p++) {
                packed[base + p * width] = b[row + p];
            }
        }
        return packed;
    }

    @FunctionalInterface
    private interface RowRange {
        void run(int from, int to);
    }

    private static void forRows(int rows, long flops, RowRange body) {
        int threads = Runtime.getRuntime().availableProcessors();
        if (flops < PARALLEL_FLOPS || rows < 2 || threads < 2) {
            body.run(0, rows);
            return;
        }
        int chunks = Math.min(rows, threads * 4);
        IntStream.range(0, chunks).parallel().forEach(ch -> body.run(
                (int) ((long) rows * ch / chunks), (int) ((long) rows * (ch + 1) / chunks)));
    }

    /** {@code body(i)} for {@code i < count}, in parallel when the work passes {@value #PARALLEL_FLOPS}. */
    static void forEach(int count, long flopsEach, java.util.function.IntConsumer body) {
        if (flopsEach * count < PARALLEL_FLOPS || count < 2) {
            for (int i = 0; i < count; i++) {
                body.accept(i);
            }
        } else {
            IntStream.range(0, count).parallel().forEach(body);
        }
    }
}
