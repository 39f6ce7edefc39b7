package org.rhizome.gnn.tensor;

import java.util.Arrays;

/**
 * Element-wise arithmetic with broadcasting, element-wise functions and reductions.
 *
 * <p>Broadcasting follows NumPy: shapes are aligned at their last dimension, and a dimension of length 1 (or a missing
 * leading one) stretches to the other's length. The gradient of a broadcast input is the sum over the stretched
 * positions.
 */
public final class Ops {
    private Ops() {}

    private enum Binary {
        ADD, SUB, MUL, DIV;

        float apply(float a, float b) {
            return switch (this) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
            };
        }

        /** d out / d a, times the output gradient g. */
        float da(float a, float b, float g) {
            return switch (this) {
                case ADD, SUB -> g;
                case MUL -> g * b;
                case DIV -> g / b;
            };
        }

        /** d out / d b, times the output gradient g. */
        float db(float a, float b, float g) {
            return switch (this) {
                case ADD -> g;
                case SUB -> -g;
                case MUL -> g * a;
                case DIV -> -g * a / (b * b);
            };
        }
    }

    /** {@code a + b}, broadcasting. */
    public static Tensor add(Tensor a, Tensor b) {
        return binary(a, b, Binary.ADD);
    }

    /** {@code a - b}, broadcasting. */
    public static Tensor sub(Tensor a, Tensor b) {
        return binary(a, b, Binary.SUB);
    }

    /** {@code a * b} element-wise, broadcasting. */
    public static Tensor mul(Tensor a, Tensor b) {
        return binary(a, b, Binary.MUL);
    }

    /** {@code a / b} element-wise, broadcasting. */
    public static Tensor div(Tensor a, Tensor b) {
        return binary(a, b, Binary.DIV);
    }

    private static Tensor binary(Tensor a, Tensor b, Binary op) {
        if (Arrays.equals(a.shape, b.shape)) {
            float[] out = new float[a.data.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = op.apply(a.data[i], b.data[i]);
            }
            return Tensor.result(out, a.shape.clone(), t -> {
                float[] g = t.grad;
                if (Tensor.wants(a)) {
                    float[] ga = Tensor.gradOf(a);
                    for (int i = 0; i < g.length; i++) {
                        ga[i] += op.da(a.data[i], b.data[i], g[i]);
                    }
                }
                if (Tensor.wants(b)) {
                    float[] gb = Tensor.gradOf(b);
                    for (int i = 0; i < g.length; i++) {
                        gb[i] += op.db(a.data[i], b.data[i], g[i]);
                    }
                }
            }, a, b);
        }
        if (isSuffix(b.shape, a.shape)) {
            return repeating(a, b, op, false);
        }
        if (isSuffix(a.shape, b.shape)) {
            return repeating(b, a, op, true);
        }
        int[] shape = broadcastShape(a.shape, b.shape);
        int[] aOff = broadcastOffsets(a.shape, shape);
        int[] bOff = broadcastOffsets(b.shape, shape);
        float[] out = new float[Tensor.size(shape)];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(a.data[aOff[i]], b.data[bOff[i]]);
        }
        return Tensor.result(out, shape, t -> {
            float[] g = t.grad;
            if (Tensor.wants(a)) {
                float[] ga = Tensor.gradOf(a);
                for (int i = 0; i < g.length; i++) {
                    ga[aOff[i]] += op.da(a.data[aOff[i]], b.data[bOff[i]], g[i]);
                }
            }
            if (Tensor.wants(b)) {
                float[] gb = Tensor.gradOf(b);
                for (int i = 0; i < g.length; i++) {
                    gb[bOff[i]] += op.db(a.data[aOff[i]], b.data[bOff[i]], g[i]);
                }
            }
        }, a, b);
    }

    /** Whether {@code small} is the trailing part of {@code big} (so it repeats along {@code big}'s leading dims). */
    private static boolean isSuffix(int[] small, int[] big) {
        if (small.length > big.length) {
            return false;
        }
        for (int d = 1; d <= small.length; d++) {
            if (small[small.length - d] != big[big.length - d]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The common broadcast (a bias added to every row) without offset tables: {@code big op small} (or
     * {@code small op big} when {@code swapped}), {@code small} repeating along {@code big}.
     */
    private static Tensor repeating(Tensor big, Tensor small, Binary op, boolean swapped) {
        int n = big.data.length;
        int len = small.data.length;
        float[] out = new float[n];
        for (int o = 0; o < n; o += len) {
            for (int j = 0; j < len; j++) {
                out[o + j] = swapped ? op.apply(small.data[j], big.data[o + j])
                        : op.apply(big.data[o + j], small.data[j]);
            }
        }
        Tensor a = swapped ? small : big;
        Tensor b = swapped ? big : small;
        return Tensor.result(out, big.shape.clone(), t -> {
            float[] g = t.grad;
            float[] gBig = Tensor.wants(big) ? Tensor.gradOf(big) : null;
            float[] gSmall = Tensor.wants(small) ? Tensor.gradOf(small) : null;
            for (int o = 0; o < n; o += len) {
                for (int j = 0; j < len; j++) {
                    float x = swapped ? small.data[j] : big.data[o + j];
                    float y = swapped ? big.data[o + j] : small.data[j];
                    float dx = op.da(x, y, g[o + j]);
                    float dy = op.db(x, y, g[o + j]);
                    if (gBig != null) {
                        gBig[o + j] += swapped ? dy : dx;
                    }
                    if (gSmall != null) {
                        gSmall[j] += swapped ? dx : dy;
                    }
                }
            }
        }, a, b);
    }

    /** The broadcast of two shapes, or an error naming both. */
    static int[] broadcastShape(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] s = new int[rank];
        for (int d = 0; d < rank; d++) {
            int da = d - (rank - a.length) >= 0 ? a[d - (rank - a.length)] : 1;
            int db = d - (rank - b.length) >= 0 ? b[d - (rank - b.length)] : 1;
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException(
                        "shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
            s[d] = Math.max(da, db);
        }
        return s;
    }

    /** For each element of {@code target}, the offset of the element of {@code source} broadcast onto it. */
    private static int[] broadcastOffsets(int[] source, int[] target) {
        int rank = target.length;
        int[] stride = new int[rank];
        int st = 1;
        for (int d = rank - 1; d >= 0; d--) {
            int sd = d - (rank - source.length);
            int len = sd >= 0 ? source[sd] : 1;
            stride[d] = len == 1 ? 0 : st;
            st *= len;
        }
        int n = Tensor.size(target);
        int[] offsets = new int[n];
        int[] counter = new int[rank];
        int off = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = off;
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                off += stride[d];
                if (counter[d] < target[d]) {
                    break;
                }
                off -= stride[d] * counter[d];
                counter[d] = 0;
            }
        }
        return offsets;
    }

    /** {@code s * a}. */
    public static Tensor scale(Tensor a, float s) {
        return unary(a, Unary.SCALE, s);
    }

    /** {@code a + c}. */
    public static Tensor addScalar(Tensor a, float c) {
        return unary(a, Unary.ADD_SCALAR, c);
    }

    /** {@code exp(a)}. */
    public static Tensor exp(Tensor a) {
        return unary(a, Unary.EXP, 0);
    }

    /** Natural log. */
    public static Tensor log(Tensor a) {
        return unary(a, Unary.LOG, 0);
    }

    /** Absolute value (gradient 0 at 0). */
    public static Tensor abs(Tensor a) {
        return unary(a, Unary.ABS, 0);
    }

    /** Square root. */
    public static Tensor sqrt(Tensor a) {
        return unary(a, Unary.SQRT, 0);
    }

    /** {@code max(a, 0)} (gradient 0 at 0). */
    public static Tensor relu(Tensor a) {
        return unary(a, Unary.RELU, 0);
    }

    /** Logistic sigmoid. */
    public static Tensor sigmoid(Tensor a) {
        return unary(a, Unary.SIGMOID, 0);
    }

    /** Hyperbolic tangent. */
    public static Tensor tanh(Tensor a) {
        return unary(a, Unary.TANH, 0);
    }

    /** GELU with the exact Gaussian CDF, {@code x * Phi(x)} (PyTorch's default, not the tanh approximation). */
    public static Tensor gelu(Tensor a) {
        // one exp per element: exp(-x^2 / 2) serves both erf(x / sqrt 2) and the normal density, and the derivative
        // is kept from the forward pass instead of being recomputed in the backward one
        int n = a.data.length;
        float[] out = new float[n];
        float[] slope = new float[n];
        int chunk = 4096;
        LinAlg.forEach((n + chunk - 1) / chunk, 32L * chunk, c -> {
            for (int i = c * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                double x = a.data[i];
                double e = Math.exp(-0.5 * x * x);
                double cdf = 0.5 * (1.0 + erfWith(x / SQRT2, e));
                out[i] = (float) (x * cdf);
                slope[i] = (float) (cdf + x * e * INV_SQRT_2PI);
            }
        });
        return Tensor.result(out, a.shape.clone(), t -> {
            float[] ga = Tensor.gradOf(a);
            float[] g = t.grad;
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * slope[i];
            }
        }, a);
    }

    private static final double SQRT2 = Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    /** Values below {@code min} raised to {@code min} (gradient 0 there). */
    public static Tensor clampMin(Tensor a, float min) {
        return unary(a, Unary.CLAMP_MIN, min);
    }

    private enum Unary {
        SCALE, ADD_SCALAR, EXP, LOG, ABS, SQRT, RELU, SIGMOID, TANH, CLAMP_MIN;

        float apply(float x, float c) {
            return switch (this) {
                case SCALE -> c * x;
                case ADD_SCALAR -> x + c;
                case EXP -> (float) Math.exp(x);
                case LOG -> (float) Math.log(x);
                case ABS -> Math.abs(x);
                case SQRT -> (float) Math.sqrt(x);
                case RELU -> x > 0 ? x : 0f;
                case SIGMOID -> (float) (1.0 / (1.0 + Math.exp(-x)));
                case TANH -> (float) Math.tanh(x);
                case CLAMP_MIN -> Math.max(x, c);
            };
        }

        /** d out / d x from the input x, the output y and the constant c. */
        float derivative(float x, float y, float c) {
            return switch (this) {
                case SCALE -> c;
                case ADD_SCALAR -> 1f;
                case EXP -> y;
                case LOG -> 1f / x;
                case ABS -> x > 0 ? 1f : x < 0 ? -1f : 0f;
                case SQRT -> 0.5f / y;
                case RELU -> x > 0 ? 1f : 0f;
                case SIGMOID -> y * (1f - y);
                case TANH -> 1f - y * y;
                case CLAMP_MIN -> x >= c ? 1f : 0f;
            };
        }
    }

    private static Tensor unary(Tensor a, Unary op, float c) {
        float[] out = new float[a.data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = op.apply(a.data[i], c);
        }
        return Tensor.result(out, a.shape.clone(), t -> {
            float[] ga = Tensor.gradOf(a);
            float[] g = t.grad;
            for (int i = 0; i < g.length; i++) {
                ga[i] += g[i] * op.derivative(a.data[i], out[i], c);
            }
        }, a);
    }

    /** The error function, Abramowitz & Stegun 7.1.26 (absolute error below 1.5e-7). */
    static double erf(double x) {
        return erfWith(x, Math.exp(-x * x));
    }

    /** {@link #erf} given {@code expMinusSquare = exp(-x^2)}. */
    private static double erfWith(double x, double expMinusSquare) {
        double sign = Math.signum(x);
        double ax = Math.abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * ax);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return sign * (1.0 - poly * expMinusSquare);
    }

    // ---------------------------------------------------------------------------------------------- reductions

    /** The sum of all elements, a scalar. */
    public static Tensor sum(Tensor a) {
        double s = 0;
        for (float v : a.data) {
            s += v;
        }
        return Tensor.result(new float[] {(float) s}, new int[0], t -> {
            float[] ga = Tensor.gradOf(a);
            float g = t.grad[0];
            for (int i = 0; i < ga.length; i++) {
                ga[i] += g;
            }
        }, a);
    }

    /** The mean of all elements, a scalar. */
    public static Tensor mean(Tensor a) {
        return scale(sum(a), 1f / a.data.length);
    }

    /**
     * The sum over dimension {@code axis} (negative counts from the end); {@code keepDim} keeps it with length 1, so
     * the result broadcasts back against {@code a}.
     */
    public static Tensor sum(Tensor a, int axis, boolean keepDim) {
        int ax = axis(a, axis);
        int outer = prod(a.shape, 0, ax);
        int len = a.shape[ax];
        int inner = prod(a.shape, ax + 1, a.shape.length);
        float[] out = new float[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int k = 0; k < len; k++) {
                int base = (o * len + k) * inner;
                for (int i = 0; i < inner; i++) {
                    out[o * inner + i] += a.data[base + i];
                }
            }
        }
        return Tensor.result(out, reducedShape(a.shape, ax, keepDim), t -> {
            float[] ga = Tensor.gradOf(a);
            float[] g = t.grad;
            for (int o = 0; o < outer; o++) {
                for (int k = 0; k < len; k++) {
                    int base = (o * len + k) * inner;
                    for (int i = 0; i < inner; i++) {
                        ga[base + i] += g[o * inner + i];
                    }
                }
            }
        }, a);
    }

    /** The mean over dimension {@code axis}. */
    public static Tensor mean(Tensor a, int axis, boolean keepDim) {
        return scale(sum(a, axis, keepDim), 1f / a.shape[axis(a, axis)]);
    }

    static int axis(Tensor a, int axis) {
        int ax = axis < 0 ? a.shape.length + axis : axis;
        if (ax < 0 || ax >= a.shape.length) {
            throw new IllegalArgumentException("axis " + axis + " outside shape " + Arrays.toString(a.shape));
        }
        return ax;
    }

    static int prod(int[] shape, int from, int to) {
        int p = 1;
        for (int d = from; d < to; d++) {
            p *= shape[d];
        }
        return p;
    }

    static int[] reducedShape(int[] shape, int ax, boolean keepDim) {
        if (keepDim) {
            int[] s = shape.clone();
            s[ax] = 1;
            return s;
        }
        int[] s = new int[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) {
            if (d != ax) {
                s[j++] = shape[d];
            }
        }
        return s;
    }

    /**
     * Each vector along the last dimension divided by its L1 norm plus {@code eps}: probability vectors stay
     * probability vectors, and a non-negative vector becomes one. Composed of differentiable ops.
     */
    public static Tensor normalizeL1(Tensor a, float eps) {
        return div(a, addScalar(sum(abs(a), -1, true), eps));
    }

    /**
     * {@code (x + eps) / sum(x + eps)} along the last dimension, fused: turns non-negative vectors into probability
     * vectors (an all-zero vector becomes uniform). The gradient is {@code (g_i - sum_k g_k y_k) / s}.
     */
    public static Tensor normalizeSum(Tensor x, float eps) {
        int len = x.shape[x.shape.length - 1];
        int rows = len == 0 ? 0 : x.data.length / len;
        float[] out = new float[x.data.length];
        float[] inv = new float[rows];
        for (int r = 0; r < rows; r++) {
            int o = r * len;
            double s = 0;
            for (int j = 0; j < len; j++) {
                s += x.data[o + j] + eps;
            }
            inv[r] = (float) (1.0 / s);
            for (int j = 0; j < len; j++) {
                out[o + j] = (x.data[o + j] + eps) * inv[r];
            }
        }
        return Tensor.result(out, x.shape.clone(), t -> {
            float[] gx = Tensor.gradOf(x);
            for (int r = 0; r < rows; r++) {
                int o = r * len;
                double dot = 0;
                for (int j = 0; j < len; j++) {
                    dot += t.grad[o + j] * out[o + j];
                }
                for (int j = 0; j < len; j++) {
                    gx[o + j] += (float) ((t.grad[o + j] - dot) * inv[r]);
                }
            }
        }, x);
    }

    /** The concatenation of {@code parts} along dimension 0 (all other dimensions equal). */
    public static Tensor concat(Tensor... parts) {
        int[] shape = parts[0].shape.clone();
        int rows = 0;
        for (Tensor p : parts) {
            if (p.shape.length != shape.length
                    || !Arrays.equals(Arrays.copyOfRange(p.shape, 1, p.shape.length),
                            Arrays.copyOfRange(shape, 1, shape.length))) {
                throw new IllegalArgumentException("cannot concatenate shapes " + Arrays.toString(parts[0].shape)
                        + " and " + Arrays.toString(p.shape));
            }
            rows += p.shape[0];
        }
        shape[0] = rows;
        float[] out = new float[Tensor.size(shape)];
        int off = 0;
        for (Tensor p : parts) {
            System.arraycopy(p.data, 0, out, off, p.data.length);
            off += p.data.length;
        }
        return Tensor.result(out, shape, t -> {
            int o = 0;
            for (Tensor p : parts) {
                if (Tensor.wants(p)) {
                    float[] gp = Tensor.gradOf(p);
                    for (int i = 0; i < gp.length; i++) {
                        gp[i] += t.grad[o + i];
                    }
                }
                o += p.data.length;
            }
        }, parts);
    }
}
