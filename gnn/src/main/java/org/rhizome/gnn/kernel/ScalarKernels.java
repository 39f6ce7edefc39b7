package org.rhizome.gnn.kernel;

/**
 * The scalar reference implementation of {@link Kernels}: plain loops, one float accumulator, elements summed in
 * index order. Readable on purpose; every other implementation is tested against this one.
 */
public final class ScalarKernels implements Kernels {
    static final ScalarKernels INSTANCE = new ScalarKernels();

    /** Prefer {@link Kernels#scalar()}; the class is stateless, so every instance behaves the same. */
    public ScalarKernels() {
    }

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public float l1Distance(float[] a, int aOff, float[] b, int bOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            s += Math.abs(a[aOff + i] - b[bOff + i]);
        }
        return s;
    }

    @Override
    public float l2DistanceSquared(float[] a, int aOff, float[] b, int bOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        float s = 0f;
        for (int i = 0; i < n; i++) {
            float d = a[aOff + i] - b[bOff + i];
            s += d * d;
        }
        return s;
    }

    @Override
    public float cosine(float[] a, int aOff, float[] b, int bOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        float ab = 0f;
        float aa = 0f;
        float bb = 0f;
        for (int i = 0; i < n; i++) {
            float x = a[aOff + i];
            float y = b[bOff + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return cosineOf(ab, aa, bb);
    }

    /** {@code ab / sqrt(aa * bb)}, 0 if a norm is 0; the product is taken in double so it cannot overflow. */
    static float cosineOf(float ab, float aa, float bb) {
        if (aa == 0f || bb == 0f) {
            return 0f;
        }
        return (float) (ab / Math.sqrt((double) aa * bb));
    }

    @Override
    public void l1Gradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge, int geOff, int n) {
        Checks.range(q, 0, n);
        Checks.range(e, eOff, n);
        Checks.range(dq, 0, n);
        Checks.range(ge, geOff, n);
        for (int i = 0; i < n; i++) {
            float d = q[i] - e[eOff + i];
            float g = d > 0 ? alpha : d < 0 ? -alpha : 0f;
            dq[i] -= g;
            ge[geOff + i] += g;
        }
    }

    @Override
    public float complexModulusDistance(float[] q, int qOff, float[] e, int eOff, int rank) {
        int len = Checks.complexRowLength(rank);
        Checks.range(q, qOff, len);
        Checks.range(e, eOff, len);
        float sum = 0f;
        for (int k = 0; k < rank; k++) {
            float u = q[qOff + k] - e[eOff + k];
            float v = q[qOff + rank + k] - e[eOff + rank + k];
            sum += (float) Math.sqrt(u * u + v * v);
        }
        return sum;
    }

    @Override
    public void complexModulusGradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge,
            int geOff, int rank) {
        int len = Checks.complexRowLength(rank);
        Checks.range(q, 0, len);
        Checks.range(e, eOff, len);
        Checks.range(dq, 0, len);
        Checks.range(ge, geOff, len);
        modulusGradient(alpha, q, 0, e, eOff, dq, 0, ge, geOff, rank);
    }

    /**
     * {@link #complexModulusGradient}'s sums, unchecked, with the query and its gradient at offsets {@code qOff} and
     * {@code dqOff}: the pair and the block kernels of the scalar reference.
     */
    private static void modulusGradient(float alpha, float[] q, int qOff, float[] e, int eOff, float[] dq, int dqOff,
            float[] ge, int geOff, int rank) {
        for (int k = 0; k < rank; k++) {
            float u = q[qOff + k] - e[eOff + k];
            float v = q[qOff + rank + k] - e[eOff + rank + k];
            float d = (float) Math.sqrt(u * u + v * v);
            if (d == 0f) {
                continue;
            }
            float gu = alpha * u / d;
            float gv = alpha * v / d;
            dq[dqOff + k] -= gu;
            dq[dqOff + rank + k] -= gv;
            ge[geOff + k] += gu;
            ge[geOff + rank + k] += gv;
        }
    }

    @Override
    public void complexModulusScores(float[] q, int rows, float[] ent, int[] ids, int from, int to, int rank,
            float shift, float[] out, int outOff, int outStride) {
        int len = Checks.complexRowLength(rank);
        Checks.pairs(q, rows, ent, ids, from, to, len, out, outOff, outStride);
        for (int a = 0; a < rows; a++) {
            for (int j = from; j < to; j++) {
                out[outOff + a * outStride + j] = shift - complexModulusDistance(q, a * len, ent, ids[j] * len, rank);
            }
        }
    }

    @Override
    public void complexModulusGradients(float[] coeff, int cOff, int cStride, float[] q, int rows, float[] ent,
            int[] ids, int from, int to, int rank, float[] dq, float[] ge, int[] geOff) {
        int len = Checks.complexRowLength(rank);
        Checks.pairs(q, rows, ent, ids, from, to, len, coeff, cOff, cStride);
        Checks.range(dq, 0, rows * len);
        Checks.rows(ge, geOff, from, to, len);
        for (int a = 0; a < rows; a++) {
            for (int j = from; j < to; j++) {
                float c = coeff[cOff + a * cStride + j];
                if (c == 0f) {
                    continue;
                }
                modulusGradient(c, q, a * len, ent, ids[j] * len, dq, a * len, ge, geOff[j], rank);
            }
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        Checks.range(y, yOff, n);
        for (int i = 0; i < n; i++) {
            y[yOff + i] += alpha * x[xOff + i];
        }
    }

    @Override
    public void adamRow(float[] p, float[] m, float[] v, int off, float[] grad, int gOff, int n, float b1, float b2,
            float a, float eps) {
        Checks.range(p, off, n);
        Checks.range(m, off, n);
        Checks.range(v, off, n);
        Checks.range(grad, gOff, n);
        adamTail(p, m, v, off, grad, gOff, 0, n, b1, b2, a, eps);
    }

    @Override
    public void adagradRow(float[] p, float[] acc, int off, float[] grad, int gOff, int n, float lr, float eps) {
        Checks.range(p, off, n);
        Checks.range(acc, off, n);
        Checks.range(grad, gOff, n);
        adagradTail(p, acc, off, grad, gOff, 0, n, lr, eps);
    }

    /** Elements {@code [from, to)} of {@link #adagradRow}, the reference arithmetic. */
    static void adagradTail(float[] p, float[] acc, int off, float[] grad, int gOff, int from, int to, float lr,
            float eps) {
        for (int i = from; i < to; i++) {
            float g = grad[gOff + i];
            acc[off + i] += g * g;
            p[off + i] -= lr * g / ((float) Math.sqrt(acc[off + i]) + eps);
        }
    }

    @Override
    public void dropoutMask(long[] draws, float[] mask, int off, int width, int threshold, float keep) {
        Checks.range(mask, off, width);
        Checks.range(draws, 0, (width + 3) / 4);
        dropoutMaskTail(draws, mask, off, 0, width, threshold, Float.floatToRawIntBits(keep));
    }

    /**
     * Elements {@code [from, to)} of {@link #dropoutMask}, each {@code d >= threshold ? keep : 0} without a branch (a
     * quarter of the draws go each way at p = 0.25, and a branch the processor cannot predict cost more than the
     * rest): {@code d - threshold} is negative exactly when the float is dropped, so its sign bit clears
     * {@code keep}'s bits.
     */
    static void dropoutMaskTail(long[] draws, float[] mask, int off, int from, int to, int threshold, int keepBits) {
        for (int x = from; x < to; x++) {
            int d = (int) (draws[x >>> 2] >>> (16 * (x & 3))) & 0xFFFF;
            mask[off + x] = Float.intBitsToFloat(keepBits & ~((d - threshold) >> 31));
        }
    }

    @Override
    public void addScaled(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        Checks.range(y, yOff, n);
        addScaledTail(alpha, x, xOff, y, yOff, 0, n);
    }

    @Override
    public void transposeMatrix(float[] a, int aOff, int rows, int cols, float[] out) {
        Kernels.transpose(a, aOff, rows, cols, out);
    }

    @Override
    public void addCubed(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        Checks.range(y, yOff, n);
        addCubedTail(alpha, x, xOff, y, yOff, 0, n);
    }

    /** Elements {@code [from, to)} of {@link #addCubed}. */
    static void addCubedTail(float alpha, float[] x, int xOff, float[] y, int yOff, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[xOff + i];
            y[yOff + i] += alpha * v * Math.abs(v);
        }
    }

    /** Elements {@code [from, to)} of {@link #addScaled}. */
    static void addScaledTail(float alpha, float[] x, int xOff, float[] y, int yOff, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = alpha * x[xOff + i];
            y[yOff + i] += v;
        }
    }

    @Override
    public void adagradL2Row(float[] p, float[] acc, int off, int n, float coeff, float lr, float eps) {
        Checks.range(p, off, n);
        Checks.range(acc, off, n);
        adagradL2Tail(p, acc, off, 0, n, coeff, lr, eps);
    }

    /** Elements {@code [from, to)} of {@link #adagradL2Row}. */
    static void adagradL2Tail(float[] p, float[] acc, int off, int from, int to, float coeff, float lr, float eps) {
        for (int i = from; i < to; i++) {
            float g = coeff * p[off + i];
            acc[off + i] += g * g;
            p[off + i] -= lr * g / ((float) Math.sqrt(acc[off + i]) + eps);
        }
    }

    @Override
    public void transEL2Gradient(float[] ent, int h, float[] rel, int r, int t, float c, float[] gh, int gho,
            float[] gr, int gro, float[] gt, int gto, int dim) {
        Checks.triple(ent, h, rel, r, t, gh, gho, gr, gro, gt, gto, dim);
        transEL2GradientTail(ent, h, rel, r, t, c, gh, gho, gr, gro, gt, gto, 0, dim);
    }

    /** Elements {@code [from, to)} of {@link #transEL2Gradient}. */
    static void transEL2GradientTail(float[] ent, int h, float[] rel, int r, int t, float c, float[] gh, int gho,
            float[] gr, int gro, float[] gt, int gto, int from, int to) {
        for (int i = from; i < to; i++) {
            float g = c * (ent[h + i] + rel[r + i] - ent[t + i]);
            gh[gho + i] += g;
            gr[gro + i] += g;
            gt[gto + i] -= g;
        }
    }

    @Override
    public void multiply(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        Checks.range(out, outOff, n);
        multiplyTail(a, aOff, b, bOff, out, outOff, 0, n);
    }

    /** Elements {@code [from, to)} of {@link #multiply}. */
    static void multiplyTail(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int from, int to) {
        for (int i = from; i < to; i++) {
            out[outOff + i] = a[aOff + i] * b[bOff + i];
        }
    }

    @Override
    public void addProduct(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        Checks.range(out, outOff, n);
        addProductTail(a, aOff, b, bOff, out, outOff, 0, n);
    }

    /** Elements {@code [from, to)} of {@link #addProduct}. */
    static void addProductTail(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int from, int to) {
        for (int i = from; i < to; i++) {
            float x = a[aOff + i] * b[bOff + i];
            out[outOff + i] += x;
        }
    }

    @Override
    public void l2Gradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge, int geOff, int n) {
        Checks.range(q, 0, n);
        Checks.range(e, eOff, n);
        Checks.range(dq, 0, n);
        Checks.range(ge, geOff, n);
        l2GradientTail(alpha, q, e, eOff, dq, ge, geOff, 0, n);
    }

    /** Elements {@code [from, to)} of {@link #l2Gradient}. */
    static void l2GradientTail(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge, int geOff, int from,
            int to) {
        for (int i = from; i < to; i++) {
            float g = alpha * (q[i] - e[eOff + i]);
            dq[i] -= g;
            ge[geOff + i] += g;
        }
    }

    /** Elements {@code [from, to)} of {@link #adamRow}, the reference arithmetic. */
    static void adamTail(float[] p, float[] m, float[] v, int off, float[] grad, int gOff, int from, int to, float b1,
            float b2, float a, float eps) {
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        for (int i = from; i < to; i++) {
            float g = grad[gOff + i];
            float mi = b1 * m[off + i] + c1 * g;
            float vi = b2 * v[off + i] + c2 * g * g;
            m[off + i] = mi;
            v[off + i] = vi;
            p[off + i] -= a * mi / ((float) Math.sqrt(vi) + eps);
        }
    }

    @Override
    public double selfAdversarial(float[] scores, int off, int n, float temperature, double w, float[] coeff,
            int cOff, boolean loss) {
        Checks.range(scores, off, n);
        Checks.range(coeff, cOff, n);
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, temperature * scores[off + j]);
        }
        double z = 0;
        for (int j = 0; j < n; j++) {
            coeff[cOff + j] = (float) Math.exp(temperature * scores[off + j] - max);
            z += coeff[cOff + j];
        }
        return adversarialTail(scores, off, 0, n, z, w, coeff, cOff, loss);
    }

    @Override
    public double softmaxCrossEntropy(float pos, float[] scores, int off, int n, double w, float[] coeff, int cOff) {
        Checks.range(scores, off, n);
        Checks.range(coeff, cOff, n);
        float max = pos;
        for (int j = 0; j < n; j++) {
            max = Math.max(max, scores[off + j]);
        }
        double sum = Math.exp(pos - max);
        for (int j = 0; j < n; j++) {
            float e = (float) Math.exp(scores[off + j] - max); // the numerator, normalised below
            coeff[cOff + j] = e;
            sum += e;
        }
        return softmaxTail(pos, max, sum, 0, n, w, coeff, cOff);
    }

    /**
     * The end of {@link #softmaxCrossEntropy}: scales {@code coeff[cOff + j]} for {@code j} in {@code [from, to)}
     * (softmax numerators, {@code sum} their total with the positive's) by {@code w / sum}, and returns the loss.
     */
    static double softmaxTail(float pos, float max, double sum, int from, int to, double w, float[] coeff,
            int cOff) {
        double scale = w / sum;
        for (int j = from; j < to; j++) {
            coeff[cOff + j] = (float) (coeff[cOff + j] * scale);
        }
        return w * (Math.log(sum) + max - pos);
    }

    /**
     * Elements {@code [from, to)} of {@link #selfAdversarial}'s last pass, in double: {@code coeff} holds the
     * softmax numerators and {@code z} their sum; the coefficients replace them, and the loss part is returned
     * (NaN without {@code withLoss}).
     */
    static double adversarialTail(float[] scores, int off, int from, int to, double z, double w, float[] coeff,
            int cOff, boolean withLoss) {
        double loss = withLoss ? 0 : Double.NaN;
        for (int j = from; j < to; j++) {
            double p = coeff[cOff + j] / z;
            // sigmoid(s) and softplus(s) from one exp(-|s|)
            double s = scores[off + j];
            double e = Math.exp(-Math.abs(s));
            if (withLoss) {
                loss += p * (Math.max(s, 0) + Kernels.log1pUnit(e));
            }
            coeff[cOff + j] = (float) (w * p * (s >= 0 ? 1 / (1 + e) : e / (1 + e)));
        }
        return loss;
    }

    @Override
    public float transE(float[] ent, int h, float[] rel, int r, int t, int dim, boolean l1) {
        Checks.range(ent, h, dim);
        Checks.range(rel, r, dim);
        Checks.range(ent, t, dim);
        float s = 0f;
        if (l1) {
            for (int i = 0; i < dim; i++) {
                s += Math.abs(ent[h + i] + rel[r + i] - ent[t + i]);
            }
            return -s;
        }
        for (int i = 0; i < dim; i++) {
            float d = ent[h + i] + rel[r + i] - ent[t + i];
            s += d * d;
        }
        return (float) -Math.sqrt(s);
    }

    @Override
    public float distMult(float[] ent, int h, float[] rel, int r, int t, int dim) {
        Checks.range(ent, h, dim);
        Checks.range(rel, r, dim);
        Checks.range(ent, t, dim);
        float s = 0f;
        for (int i = 0; i < dim; i++) {
            s += ent[h + i] * rel[r + i] * ent[t + i];
        }
        return s;
    }

    @Override
    public float complEx(float[] ent, int h, float[] rel, int r, int t, int rank) {
        int len = Checks.complexRowLength(rank);
        Checks.range(ent, h, len);
        Checks.range(rel, r, len);
        Checks.range(ent, t, len);
        float s = 0f;
        for (int k = 0; k < rank; k++) {
            float a = ent[h + k];
            float b = ent[h + rank + k];
            float c = rel[r + k];
            float d = rel[r + rank + k];
            float e = ent[t + k];
            float f = ent[t + rank + k];
            s += a * (c * e + d * f) + b * (c * f - d * e);
        }
        return s;
    }

    @Override
    public float rotatEDistance(float[] ent, int h, float[] phase, int r, int t, int rank) {
        int len = Checks.complexRowLength(rank);
        Checks.range(ent, h, len);
        Checks.range(phase, r, rank);
        Checks.range(ent, t, len);
        float s = 0f;
        for (int k = 0; k < rank; k++) {
            float cos = (float) Math.cos(phase[r + k]);
            float sin = (float) Math.sin(phase[r + k]);
            float a = ent[h + k];
            float b = ent[h + rank + k];
            float dr = a * cos - b * sin - ent[t + k];
            float di = a * sin + b * cos - ent[t + rank + k];
            s += (float) Math.sqrt(dr * dr + di * di);
        }
        return s;
    }

    @Override
    public void dotBlock(float[] q, int qOff, int rows, int dim, float[] packed, int width, int cols, float[] out,
            int outOff, int outStride) {
        Checks.block(q, qOff, rows, dim, packed, width, cols, out, outOff, outStride);
        dotBlockScalar(q, qOff, 0, rows, dim, packed, width, 0, cols, out, outOff, outStride);
    }

    /** Rows {@code [fromRow, toRow)} and columns {@code [fromCol, toCol)} of {@link #dotBlock}, one fused sum each. */
    static void dotBlockScalar(float[] q, int qOff, int fromRow, int toRow, int dim, float[] packed, int width,
            int fromCol, int toCol, float[] out, int outOff, int outStride) {
        for (int i = fromRow; i < toRow; i++) {
            int qi = qOff + i * dim;
            int oi = outOff + i * outStride;
            for (int j = fromCol; j < toCol; j++) {
                int c = j / width * dim * width + j % width;
                float s = 0f;
                for (int p = 0; p < dim; p++, c += width) {
                    s = Math.fma(q[qi + p], packed[c], s);
                }
                out[oi + j] = s;
            }
        }
    }

    @Override
    public void countGreaterEqual(float[] a, int off, int n, float s, int[] counts) {
        Checks.range(a, off, n);
        counts[0] = 0;
        counts[1] = 0;
        addCounts(a, off, off + n, s, counts);
    }

    /** Adds to {@code counts} the values of {@code a[from, to)} greater than and equal to {@code s}. */
    static void addCounts(float[] a, int from, int to, float s, int[] counts) {
        int greater = 0;
        int equal = 0;
        for (int e = from; e < to; e++) {
            float x = a[e];
            greater += x > s ? 1 : 0;
            equal += x == s ? 1 : 0;
        }
        counts[0] += greater;
        counts[1] += equal;
    }

    @Override
    public int dotBlockWidth() {
        return 16;
    }

    @Override
    public void dotAll(float[] query, float[] ent, int count, int dim, float[] out) {
        Checks.all(query, ent, count, dim, out);
        for (int e = 0; e < count; e++) {
            int o = e * dim;
            float s = 0f;
            for (int i = 0; i < dim; i++) {
                s += query[i] * ent[o + i];
            }
            out[e] = s;
        }
    }

    @Override
    public void l1DistanceAll(float[] query, float[] ent, int count, int dim, float[] out) {
        Checks.all(query, ent, count, dim, out);
        for (int e = 0; e < count; e++) {
            int o = e * dim;
            float s = 0f;
            for (int i = 0; i < dim; i++) {
                s += Math.abs(query[i] - ent[o + i]);
            }
            out[e] = s;
        }
    }

    @Override
    public void l2DistanceAll(float[] query, float[] ent, int count, int dim, float[] out) {
        Checks.all(query, ent, count, dim, out);
        for (int e = 0; e < count; e++) {
            int o = e * dim;
            float s = 0f;
            for (int i = 0; i < dim; i++) {
                float d = query[i] - ent[o + i];
                s += d * d;
            }
            out[e] = (float) Math.sqrt(s);
        }
    }

    @Override
    public void complexModulusDistanceAll(float[] query, float[] ent, int count, int rank, float[] out) {
        int len = Checks.complexRowLength(rank);
        Checks.all(query, ent, count, len, out);
        for (int e = 0; e < count; e++) {
            int o = e * len;
            float s = 0f;
            for (int k = 0; k < rank; k++) {
                float dr = query[k] - ent[o + k];
                float di = query[rank + k] - ent[o + rank + k];
                s += (float) Math.sqrt(dr * dr + di * di);
            }
            out[e] = s;
        }
    }
}
