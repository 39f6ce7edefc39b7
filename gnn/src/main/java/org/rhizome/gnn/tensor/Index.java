package org.rhizome.gnn.tensor;

import java.util.Arrays;

/**
 * Message passing over edge lists: {@link #gather} picks rows by index (a node's state onto each of its edges), the
 * scatter reductions combine rows that share an index (the messages arriving at each node) by sum, product or
 * minimum.
 *
 * <p>All take a tensor whose first dimension is indexed ({@code [N, ...]} or {@code [E, ...]}) and treat the rest of
 * each row as one block; indices are checked once per call and an index outside the range names itself.
 */
public final class Index {
    private Index() {}

    /** {@code out[e] = x[index[e]]}: {@code x [N, ...]} gives {@code [E, ...]}; the gradient scatter-adds back. */
    public static Tensor gather(Tensor x, int[] index) {
        int n = x.shape[0];
        int row = rowLength(x);
        check(index, n, "gather");
        float[] out = new float[index.length * row];
        for (int e = 0; e < index.length; e++) {
            System.arraycopy(x.data, index[e] * row, out, e * row, row);
        }
        int[] shape = x.shape.clone();
        shape[0] = index.length;
        return Tensor.result(out, shape, t -> {
            float[] gx = Tensor.gradOf(x);
            for (int e = 0; e < index.length; e++) {
                int src = e * row;
                int dst = index[e] * row;
                for (int j = 0; j < row; j++) {
                    gx[dst + j] += t.grad[src + j];
                }
            }
        }, x);
    }

    /** {@code out[i] = sum over e with index[e] = i of src[e]}: {@code src [E, ...]} gives {@code [n, ...]}. */
    public static Tensor scatterAdd(Tensor src, int[] index, int n) {
        int row = rowLength(src);
        checkRows(src, index, n, "scatterAdd");
        float[] out = new float[n * row];
        for (int e = 0; e < index.length; e++) {
            int s = e * row;
            int d = index[e] * row;
            for (int j = 0; j < row; j++) {
                out[d + j] += src.data[s + j];
            }
        }
        return Tensor.result(out, outShape(src, n), t -> {
            float[] gs = Tensor.gradOf(src);
            for (int e = 0; e < index.length; e++) {
                int s = e * row;
                int d = index[e] * row;
                for (int j = 0; j < row; j++) {
                    gs[s + j] += t.grad[d + j];
                }
            }
        }, src);
    }

    /**
     * {@code out[i] = product over e with index[e] = i of src[e]}, 1 where no row arrives. The gradient of each
     * factor is the product of the others, computed exactly also when factors are zero (counted, not divided by).
     */
    public static Tensor scatterMul(Tensor src, int[] index, int n) {
        int row = rowLength(src);
        checkRows(src, index, n, "scatterMul");
        // the product of the non-zero factors and the number of zero factors, per output element
        float[] nonZero = new float[n * row];
        int[] zeros = new int[n * row];
        Arrays.fill(nonZero, 1f);
        for (int e = 0; e < index.length; e++) {
            int s = e * row;
            int d = index[e] * row;
            for (int j = 0; j < row; j++) {
                float v = src.data[s + j];
                if (v == 0f) {
                    zeros[d + j]++;
                } else {
                    nonZero[d + j] *= v;
                }
            }
        }
        float[] out = new float[n * row];
        for (int i = 0; i < out.length; i++) {
            out[i] = zeros[i] > 0 ? 0f : nonZero[i];
        }
        return Tensor.result(out, outShape(src, n), t -> {
            float[] gs = Tensor.gradOf(src);
            for (int e = 0; e < index.length; e++) {
                int s = e * row;
                int d = index[e] * row;
                for (int j = 0; j < row; j++) {
                    float v = src.data[s + j];
                    int z = zeros[d + j];
                    float others;
                    if (v != 0f) {
                        others = z > 0 ? 0f : nonZero[d + j] / v;
                    } else {
                        others = z == 1 ? nonZero[d + j] : 0f;
                    }
                    gs[s + j] += t.grad[d + j] * others;
                }
            }
        }, src);
    }

    /**
     * {@code out[i] = minimum over e with index[e] = i of src[e]}, {@code empty} where no row arrives. The gradient
     * goes to the first row that attains the minimum; PyTorch's {@code scatter_reduce("amin")} splits it evenly among
     * tied rows instead, which differs only on exact ties.
     */
    public static Tensor scatterMin(Tensor src, int[] index, int n, float empty) {
        int row = rowLength(src);
        checkRows(src, index, n, "scatterMin");
        float[] out = new float[n * row];
        int[] arg = new int[n * row];
        Arrays.fill(out, Float.POSITIVE_INFINITY);
        Arrays.fill(arg, -1);
        for (int e = 0; e < index.length; e++) {
            int s = e * row;
            int d = index[e] * row;
            for (int j = 0; j < row; j++) {
                if (src.data[s + j] < out[d + j]) {
                    out[d + j] = src.data[s + j];
                    arg[d + j] = s + j;
                }
            }
        }
        for (int i = 0; i < out.length; i++) {
            if (arg[i] < 0) {
                out[i] = empty;
            }
        }
        return Tensor.result(out, outShape(src, n), t -> {
            float[] gs = Tensor.gradOf(src);
            for (int i = 0; i < arg.length; i++) {
                if (arg[i] >= 0) {
                    gs[arg[i]] += t.grad[i];
                }
            }
        }, src);
    }

    /**
     * {@code x} with the rows {@code rows} replaced by the constant {@code value} (one row, {@code x}'s shape without
     * its first dimension): a boundary condition. No gradient flows into the replaced rows.
     */
    public static Tensor overwriteRows(Tensor x, int[] rows, float[] value) {
        int n = x.shape[0];
        int row = rowLength(x);
        if (value.length != row) {
            throw new IllegalArgumentException("overwriteRows: a value of " + value.length + " for rows of " + row);
        }
        check(rows, n, "overwriteRows");
        float[] out = x.data.clone();
        boolean[] replaced = new boolean[n];
        for (int r : rows) {
            System.arraycopy(value, 0, out, r * row, row);
            replaced[r] = true;
        }
        return Tensor.result(out, x.shape.clone(), t -> {
            float[] gx = Tensor.gradOf(x);
            for (int r = 0; r < n; r++) {
                if (!replaced[r]) {
                    for (int j = r * row; j < (r + 1) * row; j++) {
                        gx[j] += t.grad[j];
                    }
                }
            }
        }, x);
    }

    private static int rowLength(Tensor t) {
        if (t.shape.length == 0) {
            throw new IllegalArgumentException("an indexed tensor needs at least one dimension");
        }
        return t.shape[0] == 0 ? Tensor.size(Arrays.copyOfRange(t.shape, 1, t.shape.length))
                : t.data.length / t.shape[0];
    }

    private static int[] outShape(Tensor src, int n) {
        int[] shape = src.shape.clone();
        shape[0] = n;
        return shape;
    }

    private static void checkRows(Tensor src, int[] index, int n, String op) {
        if (src.shape[0] != index.length) {
            throw new IllegalArgumentException(op + ": " + index.length + " indices for " + src.shape[0] + " rows");
        }
        check(index, n, op);
    }

    private static void check(int[] index, int n, String op) {
        for (int e = 0; e < index.length; e++) {
            if (index[e] < 0 || index[e] >= n) {
                throw new IndexOutOfBoundsException(
                        op + ": index[" + e + "] = " + index[e] + " outside [0, " + n + ")");
            }
        }
    }
}
