package org.rhizome.gnn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Differential tests on random data: the Vector API kernels against the scalar reference, and both against the
 * formulas written out in {@link KernelReference}, for every length 1..70 and 127, 128, 129, 383, 384, 1000 (every
 * tail length for 8 and 16 lanes), at even and odd offsets.
 *
 * <p>Tolerance: {@code 1e-4} relative to the magnitude of the summed terms (the reference's scale), which covers
 * float reassociation; for sums of non-negative terms that is relative to the result. Every array is padded with NaN
 * outside the range a kernel may read, so a read past a range (or an unmasked tail lane) turns the result into NaN
 * and fails.
 */
class KernelDifferentialTest {
    static final int[] LENGTHS = IntStream.concat(IntStream.rangeClosed(1, 70),
            IntStream.of(127, 128, 129, 383, 384, 1000)).toArray();
    /** Offset pairs (first vector, second vector): aligned, odd, and mixed. */
    private static final int[][] OFFSETS = {{0, 0}, {3, 7}, {1, 16}};
    private static final double REL = 1e-4;

    private final Kernels scalar = Kernels.scalar();
    private final Kernels panama = new PanamaKernels();
    private final Random rnd = new Random(20240611L);

    /** {@code pad + n + pad} floats: gaussian in {@code [pad, pad + n)}, NaN around it. */
    static float[] padded(Random rnd, int pad, int n, int tailPad) {
        float[] v = new float[pad + n + tailPad];
        Arrays.fill(v, Float.NaN);
        for (int i = 0; i < n; i++) {
            v[pad + i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    static void assertClose(String what, float actual, double[] ref) {
        double tol = REL * Math.max(ref[1], Math.abs(ref[0])) + 1e-30;
        if (!(Math.abs(actual - ref[0]) <= tol)) {
            fail(what + ": got " + actual + ", expected " + ref[0] + " within " + tol);
        }
    }

    /** Scalar against the formula, Panama against the formula and against scalar. */
    private static void check(String what, float s, float p, double[] ref) {
        assertClose(what + " scalar vs formula", s, ref);
        assertClose(what + " panama vs formula", p, ref);
        assertClose(what + " panama vs scalar", p, new double[] {s, ref[1]});
    }

    @Test
    void panamaIsTheVectorImplementation() {
        assertThat(panama.name()).startsWith("panama-");
        assertThat(scalar.name()).isEqualTo("scalar");
    }

    @Test
    void reductionsAgree() {
        for (int n : LENGTHS) {
            for (int[] off : OFFSETS) {
                float[] a = padded(rnd, off[0], n, 17);
                float[] b = padded(rnd, off[1], n, 5);
                String at = " n=" + n + " off=" + off[0] + "," + off[1];
                check("dot" + at, scalar.dot(a, off[0], b, off[1], n), panama.dot(a, off[0], b, off[1], n),
                        KernelReference.dot(a, off[0], b, off[1], n));
                check("l1" + at, scalar.l1Distance(a, off[0], b, off[1], n),
                        panama.l1Distance(a, off[0], b, off[1], n), KernelReference.l1(a, off[0], b, off[1], n));
                check("l2sq" + at, scalar.l2DistanceSquared(a, off[0], b, off[1], n),
                        panama.l2DistanceSquared(a, off[0], b, off[1], n),
                        KernelReference.l2Squared(a, off[0], b, off[1], n));
                check("cosine" + at, scalar.cosine(a, off[0], b, off[1], n),
                        panama.cosine(a, off[0], b, off[1], n), KernelReference.cosine(a, off[0], b, off[1], n));
            }
        }
    }

    @Test
    void axpyAgreesAndTouchesOnlyItsRange() {
        for (int n : LENGTHS) {
            for (int[] off : OFFSETS) {
                float alpha = (float) rnd.nextGaussian();
                float[] x = padded(rnd, off[0], n, 9);
                float[] y0 = padded(rnd, off[1], n, 11);
                float[] ys = y0.clone();
                float[] yp = y0.clone();
                scalar.axpy(alpha, x, off[0], ys, off[1], n);
                panama.axpy(alpha, x, off[0], yp, off[1], n);
                for (int i = 0; i < y0.length; i++) {
                    int k = i - off[1];
                    if (k < 0 || k >= n) {
                        assertThat(ys[i]).isNaN();
                        assertThat(yp[i]).isNaN();
                        continue;
                    }
                    double ref = y0[i] + (double) alpha * x[off[0] + k];
                    double[] r = {ref, Math.abs(y0[i]) + Math.abs((double) alpha * x[off[0] + k])};
                    check("axpy n=" + n + " i=" + k, ys[i], yp[i], r);
                }
            }
        }
    }

    /**
     * The matrix-product kernel on every row count 1..9, row counts that mix tiles of eight, four and one row (12,
     * 13, 15, 16, 17, 21) and column counts 1..53 (every partial last panel for 8 and 16 lanes, with and without
     * whole panels), several dimensions and offsets, at the vector implementation's panel
     * width and at an odd one: scalar and Panama agree bit for bit (both are fused sums in the order of the
     * dimension), both match the sum in double, and nothing outside the output block is written.
     */
    @Test
    void dotBlockAgreesBitForBitAndMatchesTheProduct() {
        for (int width : new int[] {panama.dotBlockWidth(), 5}) {
            for (int dim : new int[] {1, 5, 16, 37, 200}) {
                for (int rows : new int[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 13, 15, 16, 17, 21}) {
                    for (int cols = 1; cols <= 53; cols += (cols < 20 ? 1 : 4)) {
                        checkDotBlock(width, dim, rows, cols);
                    }
                }
            }
        }
    }

    private void checkDotBlock(int width, int dim, int rows, int cols) {
        int qOff = rows % 2 * 3;
        int outOff = 5;
        int outStride = cols + 2;
        float[] q = padded(rnd, qOff, rows * dim, 7);
        float[] table = padded(rnd, 0, cols * dim, 0);
        float[] packed = Kernels.packColumns(table, cols, dim, width);
        float[] outS = new float[outOff + (rows - 1) * outStride + cols + 4];
        Arrays.fill(outS, -7f);
        float[] outP = outS.clone();
        scalar.dotBlock(q, qOff, rows, dim, packed, width, cols, outS, outOff, outStride);
        panama.dotBlock(q, qOff, rows, dim, packed, width, cols, outP, outOff, outStride);
        assertThat(outP).as("width %d dim %d rows %d cols %d", width, dim, rows, cols).isEqualTo(outS);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double sum = 0;
                double mag = 0;
                for (int p = 0; p < dim; p++) {
                    double t = (double) q[qOff + i * dim + p] * table[j * dim + p];
                    sum += t;
                    mag += Math.abs(t);
                }
                assertClose("dotBlock dim " + dim + " (" + i + ", " + j + ")", outS[outOff + i * outStride + j],
                        new double[] {sum, mag});
            }
        }
        for (int k = 0; k < outS.length; k++) {
            int rel = k - outOff;
            if (!(rel >= 0 && rel / outStride < rows && rel % outStride < cols)) {
                assertThat(outS[k]).as("wrote outside the block at %d", k).isEqualTo(-7f);
            }
        }
    }

    /** Rank counting: exact counts, with ties (values drawn from a few integers) and NaNs, for every length. */
    @Test
    void countGreaterEqualIsExact() {
        for (int n : LENGTHS) {
            float[] a = new float[n + 6];
            for (int i = 0; i < a.length; i++) {
                a[i] = rnd.nextInt(10) == 0 ? Float.NaN : rnd.nextInt(7) - 3;
            }
            for (float s : new float[] {0f, 2f, -3.5f, Float.NaN}) {
                int greater = 0;
                int equal = 0;
                for (int i = 3; i < 3 + n; i++) {
                    greater += a[i] > s ? 1 : 0;
                    equal += a[i] == s ? 1 : 0;
                }
                int[] cs = new int[2];
                int[] cp = new int[2];
                scalar.countGreaterEqual(a, 3, n, s, cs);
                panama.countGreaterEqual(a, 3, n, s, cp);
                assertThat(cs).as("n %d s %s", n, s).containsExactly(greater, equal);
                assertThat(cp).as("n %d s %s", n, s).containsExactly(greater, equal);
            }
        }
    }

    @Test
    void packingPutsEachCoordinateInItsPanelAndPadsWithZero() {
        float[] table = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}; // 5 rows of 2
        float[] packed = Kernels.packColumns(table, 5, 2, 3);
        // panel 0: rows 0..2, coordinate 0 then 1; panel 1: rows 3, 4 and a zero
        assertThat(packed).containsExactly(1, 3, 5, 2, 4, 6, 7, 9, 0, 8, 10, 0);
        // into a reused buffer holding other values: the same panels, the padding zeroed
        float[] reused = new float[Kernels.packedLength(5, 2, 3) + 2];
        Arrays.fill(reused, 7f);
        Kernels.packColumns(table, 5, 2, 3, reused);
        assertThat(Arrays.copyOf(reused, packed.length)).containsExactly(packed);
    }

    /**
     * Adam's row step: scalar and Panama agree bit for bit (the same float operations in the same order) and match
     * the update written out in double for the first and last element; the padding around every range stays NaN
     * (nothing read or written outside it would go unnoticed: a NaN read spreads into the row).
     */
    @Test
    void adamRowAgreesBitForBitAndMatchesTheFormula() {
        float b1 = 0.9f;
        float b2 = 0.999f;
        float a = 0.01f;
        float eps = 1e-8f;
        for (int n : LENGTHS) {
            for (int[] off : OFFSETS) {
                float[] p = padded(rnd, off[0], n, 5);
                float[] m = padded(rnd, off[0], n, 5);
                float[] v = padded(rnd, off[0], n, 5);
                for (int i = 0; i < n; i++) {
                    v[off[0] + i] = Math.abs(v[off[0] + i]); // second moments are never negative
                }
                float[] g = padded(rnd, off[1], n, 3);
                float[] ps = p.clone();
                float[] ms = m.clone();
                float[] vs = v.clone();
                float[] pp = p.clone();
                float[] mp = m.clone();
                float[] vp = v.clone();
                scalar.adamRow(ps, ms, vs, off[0], g, off[1], n, b1, b2, a, eps);
                panama.adamRow(pp, mp, vp, off[0], g, off[1], n, b1, b2, a, eps);
                assertThat(pp).as("p, n %d", n).isEqualTo(ps);
                assertThat(mp).as("m, n %d", n).isEqualTo(ms);
                assertThat(vp).as("v, n %d", n).isEqualTo(vs);
                for (int i : new int[] {0, n - 1}) {
                    int x = off[0] + i;
                    double gi = g[off[1] + i];
                    double mi = 0.9 * m[x] + 0.1 * gi;
                    double vi = 0.999 * v[x] + 0.001 * gi * gi;
                    double pi = p[x] - 0.01 * mi / (Math.sqrt(vi) + 1e-8);
                    assertClose("adam m n " + n, ms[x], new double[] {mi, Math.abs(mi) + Math.abs(gi)});
                    assertClose("adam v n " + n, vs[x], new double[] {vi, vi});
                    assertClose("adam p n " + n, ps[x], new double[] {pi, Math.abs(p[x]) + 0.1});
                }
                assertThat(ps[off[0] + n]).isNaN();
                if (off[0] > 0) {
                    assertThat(ps[off[0] - 1]).isNaN();
                }
            }
        }
    }

    /**
     * Adagrad's row step, the element-wise product, the product added in, and TransE-L2's gradient: Panama and scalar
     * bit for bit (the same rounded operations in the same order), the scalar one against the formula in double, for
     * every length and offset, nothing written outside the range.
     */
    @Test
    void rowKernelsAgreeBitForBitAndMatchTheFormula() {
        float lr = 0.25f;
        float eps = 1e-10f;
        for (int n : LENGTHS) {
            for (int[] off : OFFSETS) {
                // Adagrad
                float[] p = padded(rnd, off[0], n, 5);
                float[] acc = padded(rnd, off[0], n, 5);
                for (int i = 0; i < n; i++) {
                    acc[off[0] + i] = Math.abs(acc[off[0] + i]); // sums of squares are never negative
                }
                float[] g = padded(rnd, off[1], n, 3);
                float[] ps = p.clone();
                float[] as = acc.clone();
                float[] pp = p.clone();
                float[] ap = acc.clone();
                scalar.adagradRow(ps, as, off[0], g, off[1], n, lr, eps);
                panama.adagradRow(pp, ap, off[0], g, off[1], n, lr, eps);
                assertThat(pp).as("adagrad p, n %d", n).isEqualTo(ps);
                assertThat(ap).as("adagrad sums, n %d", n).isEqualTo(as);
                int x = off[0] + n - 1;
                double gi = g[off[1] + n - 1];
                double ai = acc[x] + gi * gi;
                assertClose("adagrad sum n " + n, as[x], new double[] {ai, ai});
                assertClose("adagrad p n " + n, ps[x],
                        new double[] {p[x] - lr * gi / Math.sqrt(ai), Math.abs(p[x]) + 1});
                assertThat(ps[off[0] + n]).isNaN();
                // products
                float[] a = padded(rnd, off[0], n, 4);
                float[] b = padded(rnd, off[1], n, 4);
                float[] out = padded(rnd, 2, n, 4);
                float[] ms = out.clone();
                float[] mp = out.clone();
                scalar.multiply(a, off[0], b, off[1], ms, 2, n);
                panama.multiply(a, off[0], b, off[1], mp, 2, n);
                assertThat(mp).as("multiply, n %d", n).isEqualTo(ms);
                float[] sums = out.clone();
                float[] sump = out.clone();
                scalar.addProduct(a, off[0], b, off[1], sums, 2, n);
                panama.addProduct(a, off[0], b, off[1], sump, 2, n);
                assertThat(sump).as("addProduct, n %d", n).isEqualTo(sums);
                for (int i = 0; i < n; i++) {
                    assertThat(ms[2 + i]).isEqualTo(a[off[0] + i] * b[off[1] + i]);
                    assertThat(sums[2 + i]).isEqualTo(out[2 + i] + a[off[0] + i] * b[off[1] + i]);
                }
                assertThat(ms[1]).isNaN();
                assertThat(sums[2 + n]).isNaN();
                // TransE-L2's gradient
                float[] q = padded(rnd, 0, n, 2);
                float[] e = padded(rnd, off[0], n, 2);
                float[] dq = padded(rnd, 0, n, 2);
                float[] ge = padded(rnd, off[1], n, 2);
                float[] dqs = dq.clone();
                float[] ges = ge.clone();
                float[] dqp = dq.clone();
                float[] gep = ge.clone();
                scalar.l2Gradient(0.3f, q, e, off[0], dqs, ges, off[1], n);
                panama.l2Gradient(0.3f, q, e, off[0], dqp, gep, off[1], n);
                assertThat(dqp).as("l2Gradient dq, n %d", n).isEqualTo(dqs);
                assertThat(gep).as("l2Gradient ge, n %d", n).isEqualTo(ges);
                double step = 0.3 * ((double) q[n - 1] - e[off[0] + n - 1]);
                assertClose("l2Gradient dq n " + n, dqs[n - 1],
                        new double[] {dq[n - 1] - step, Math.abs(dq[n - 1]) + 1});
                assertClose("l2Gradient ge n " + n, ges[off[1] + n - 1],
                        new double[] {ge[off[1] + n - 1] + step, Math.abs(ge[off[1] + n - 1]) + 1});
                assertThat(ges[off[1] + n]).isNaN();
                // dropout masks from their draws, at rates near 0, a quarter and near 1
                long[] draws = new long[(n + 3) / 4];
                for (int i = 0; i < draws.length; i++) {
                    draws[i] = rnd.nextLong();
                }
                for (int threshold : new int[] {1, 16509, 65535}) {
                    float[] mks = padded(rnd, off[0], n, 3);
                    float[] mkp = mks.clone();
                    scalar.dropoutMask(draws, mks, off[0], n, threshold, 1.25f);
                    panama.dropoutMask(draws, mkp, off[0], n, threshold, 1.25f);
                    assertThat(mkp).as("dropoutMask, n %d, threshold %d", n, threshold).isEqualTo(mks);
                    for (int i = 0; i < n; i++) {
                        long d = (draws[i / 4] >>> (16 * (i % 4))) & 0xFFFF;
                        assertThat(mks[off[0] + i]).isEqualTo(d >= threshold ? 1.25f : 0f);
                    }
                    assertThat(mks[off[0] + n]).isNaN();
                }
                // the scaled row added, product rounded first
                float[] ys = out.clone();
                float[] yp = out.clone();
                scalar.addScaled(0.37f, a, off[0], ys, 2, n);
                panama.addScaled(0.37f, a, off[0], yp, 2, n);
                assertThat(yp).as("addScaled, n %d", n).isEqualTo(ys);
                for (int i = 0; i < n; i++) {
                    float product = 0.37f * a[off[0] + i];
                    assertThat(ys[2 + i]).isEqualTo(out[2 + i] + product);
                }
                assertThat(ys[2 + n]).isNaN();
                // an L3 penalty's gradient added, products rounded left to right
                float[] cs = out.clone();
                float[] cp = out.clone();
                scalar.addCubed(0.37f, a, off[0], cs, 2, n);
                panama.addCubed(0.37f, a, off[0], cp, 2, n);
                assertThat(cp).as("addCubed, n %d", n).isEqualTo(cs);
                for (int i = 0; i < n; i++) {
                    float xi = a[off[0] + i];
                    float cubed = 0.37f * xi * Math.abs(xi);
                    assertThat(cs[2 + i]).isEqualTo(out[2 + i] + cubed);
                }
                assertThat(cs[2 + n]).isNaN();
                // Adagrad on an L2 penalty alone: as adagradRow on the gradient written out
                float coeff = 0.37f;
                float[] pl = padded(rnd, off[0], n, 5);
                float[] al = padded(rnd, off[0], n, 5);
                for (int i = 0; i < n; i++) {
                    al[off[0] + i] = Math.abs(al[off[0] + i]);
                }
                float[] written = new float[n];
                for (int i = 0; i < n; i++) {
                    written[i] = coeff * pl[off[0] + i];
                }
                float[] pw = pl.clone();
                float[] aw = al.clone();
                scalar.adagradRow(pw, aw, off[0], written, 0, n, lr, eps);
                float[] pls = pl.clone();
                float[] als = al.clone();
                float[] plp = pl.clone();
                float[] alp = al.clone();
                scalar.adagradL2Row(pls, als, off[0], n, coeff, lr, eps);
                panama.adagradL2Row(plp, alp, off[0], n, coeff, lr, eps);
                assertThat(pls).as("adagradL2Row p, n %d", n).isEqualTo(pw);
                assertThat(als).as("adagradL2Row sums, n %d", n).isEqualTo(aw);
                assertThat(plp).as("adagradL2Row p (Panama), n %d", n).isEqualTo(pw);
                assertThat(alp).as("adagradL2Row sums (Panama), n %d", n).isEqualTo(aw);
                // one TransE-L2 triple's gradient, with the head's and the tail's rows apart and the same
                float[] ent = padded(rnd, 0, 3 * n, 2);
                float[] rel = padded(rnd, off[1], n, 2);
                for (boolean same : new boolean[] {false, true}) {
                    float[] slab = padded(rnd, off[0], 2 * n, 2);
                    float[] rg = padded(rnd, 0, n, 2);
                    int gto = off[0] + (same ? 0 : n);
                    float[] ss = slab.clone();
                    float[] rs = rg.clone();
                    float[] sp = slab.clone();
                    float[] rp = rg.clone();
                    scalar.transEL2Gradient(ent, 0, rel, off[1], 2 * n, -0.6f, ss, off[0], rs, 0, ss, gto, n);
                    panama.transEL2Gradient(ent, 0, rel, off[1], 2 * n, -0.6f, sp, off[0], rp, 0, sp, gto, n);
                    assertThat(sp).as("transEL2Gradient rows, n %d, same %s", n, same).isEqualTo(ss);
                    assertThat(rp).as("transEL2Gradient relation, n %d", n).isEqualTo(rs);
                    int i = n - 1;
                    double gd = -0.6 * ((double) ent[i] + rel[off[1] + i] - ent[2 * n + i]);
                    assertClose("transEL2Gradient relation n " + n, rs[i], new double[] {rg[i] + gd, Math.abs(gd) + 1});
                    if (same) {
                        assertClose("transEL2Gradient one row n " + n, ss[off[0] + i],
                                new double[] {slab[off[0] + i], Math.abs(gd) + 1});
                    } else {
                        assertClose("transEL2Gradient head n " + n, ss[off[0] + i],
                                new double[] {slab[off[0] + i] + gd, Math.abs(gd) + 1});
                        assertClose("transEL2Gradient tail n " + n, ss[gto + i],
                                new double[] {slab[gto + i] - gd, Math.abs(gd) + 1});
                    }
                }
            }
        }
    }

    /**
     * The self-adversarial loss: scalar (double) and Panama (float, the Vector API's exp and log1p) against the
     * formula in double, for every length and offset, with scores spread over [-20, 20] and with all scores equal
     * (uniform weights); the coefficients within 1e-5 relative to the largest, the loss within 1e-5 relative.
     */
    @Test
    void selfAdversarialAgreesWithTheFormula() {
        for (int n : LENGTHS) {
            for (int[] off : OFFSETS) {
                for (boolean equal : new boolean[] {false, true}) {
                    float[] s = padded(rnd, off[0], n, 4);
                    for (int i = 0; i < n; i++) {
                        s[off[0] + i] = equal ? 1.5f : s[off[0] + i] * 7f;
                    }
                    float temperature = 0.5f;
                    double w = 0.003;
                    // the formula in double
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < n; i++) {
                        max = Math.max(max, temperature * s[off[0] + i]);
                    }
                    double z = 0;
                    for (int i = 0; i < n; i++) {
                        z += Math.exp(temperature * s[off[0] + i] - max);
                    }
                    double loss = 0;
                    double[] coeff = new double[n];
                    double largest = 0;
                    for (int i = 0; i < n; i++) {
                        double x = s[off[0] + i];
                        double p = Math.exp(temperature * x - max) / z;
                        loss += p * Math.log1p(Math.exp(x)); // no overflow: |x| < 40 here
                        coeff[i] = w * p / (1 + Math.exp(-x));
                        largest = Math.max(largest, coeff[i]);
                    }
                    for (Kernels k : new Kernels[] {scalar, panama}) {
                        float[] c = padded(rnd, off[1], n, 3);
                        double got = k.selfAdversarial(s, off[0], n, temperature, w, c, off[1], true);
                        assertThat(Math.abs(got - loss)).as("%s loss n %d", k.name(), n)
                                .isLessThanOrEqualTo(1e-5 * loss);
                        // without the loss: NaN, and the same coefficients bit for bit
                        float[] noLoss = padded(rnd, off[1], n, 3);
                        assertThat(k.selfAdversarial(s, off[0], n, temperature, w, noLoss, off[1], false)).isNaN();
                        assertThat(Arrays.copyOfRange(noLoss, off[1], off[1] + n))
                                .isEqualTo(Arrays.copyOfRange(c, off[1], off[1] + n));
                        for (int i = 0; i < n; i++) {
                            assertThat(Math.abs(c[off[1] + i] - coeff[i])).as("%s coeff %d of %d", k.name(), i, n)
                                    .isLessThanOrEqualTo(1e-5 * largest);
                        }
                        assertThat(c[off[1] + n]).isNaN();
                    }
                }
            }
        }
    }

    /**
     * The softmax cross-entropy: scalar (double) and Panama (float, the polynomial exp) against the formula in
     * double, for every length and offset, with scores spread over [-20, 20], all equal, and with some candidates
     * masked at -infinity (exactly 0 coefficients from both); the coefficients within 1e-5 relative to the largest,
     * the loss within 1e-6 relative.
     */
    @Test
    void softmaxCrossEntropyAgreesWithTheFormula() {
        for (int n : LENGTHS) {
            for (int[] off : OFFSETS) {
                for (int variant = 0; variant < 3; variant++) {
                    float[] s = padded(rnd, off[0], n, 4);
                    for (int i = 0; i < n; i++) {
                        s[off[0] + i] = variant == 1 ? 1.5f : s[off[0] + i] * 7f;
                        if (variant == 2 && i % 3 == 1) {
                            s[off[0] + i] = Float.NEGATIVE_INFINITY;
                        }
                    }
                    float pos = 2.25f;
                    double w = 0.003;
                    double max = pos;
                    for (int i = 0; i < n; i++) {
                        max = Math.max(max, s[off[0] + i]);
                    }
                    double z = Math.exp(pos - max);
                    for (int i = 0; i < n; i++) {
                        z += Math.exp(s[off[0] + i] - max);
                    }
                    double loss = w * (Math.log(z) + max - pos);
                    double[] coeff = new double[n];
                    double largest = 0;
                    for (int i = 0; i < n; i++) {
                        coeff[i] = w * Math.exp(s[off[0] + i] - max) / z;
                        largest = Math.max(largest, coeff[i]);
                    }
                    for (Kernels k : new Kernels[] {scalar, panama}) {
                        float[] c = padded(rnd, off[1], n, 3);
                        double got = k.softmaxCrossEntropy(pos, s, off[0], n, w, c, off[1]);
                        assertThat(Math.abs(got - loss)).as("%s loss n %d", k.name(), n)
                                .isLessThanOrEqualTo(1e-6 * loss);
                        for (int i = 0; i < n; i++) {
                            if (Float.isInfinite(s[off[0] + i])) {
                                assertThat(c[off[1] + i]).as("%s masked coeff %d", k.name(), i).isZero();
                            }
                            assertThat(Math.abs(c[off[1] + i] - coeff[i])).as("%s coeff %d of %d", k.name(), i, n)
                                    .isLessThanOrEqualTo(1e-5 * largest);
                        }
                        assertThat(c[off[1] + n]).isNaN();
                    }
                }
            }
        }
    }

    @Test
    void transposeInTilesMovesEveryElement() {
        for (int[] shape : new int[][] {{1, 1}, {3, 5}, {16, 16}, {17, 33}, {40, 7}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] a = new float[3 + rows * cols];
            for (int i = 0; i < a.length; i++) {
                a[i] = i;
            }
            float[] out = new float[rows * cols];
            Kernels.transpose(a, 3, rows, cols, out);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    assertThat(out[j * rows + i]).as("%d x %d at (%d, %d)", rows, cols, i, j)
                            .isEqualTo(a[3 + i * cols + j]);
                }
            }
        }
    }

    /**
     * The transpose kernels move every element, on shapes with and without whole 16 x 16 tiles and with edges on
     * either side, from an offset.
     */
    @Test
    void transposeKernelsMoveEveryElement() {
        for (int[] shape : new int[][] {{1, 1}, {3, 5}, {16, 16}, {16, 33}, {17, 16}, {33, 50}, {48, 400}, {64, 32}}) {
            int rows = shape[0];
            int cols = shape[1];
            float[] a = new float[3 + rows * cols];
            for (int i = 0; i < a.length; i++) {
                a[i] = i * 0.5f - 7f;
            }
            for (Kernels k : new Kernels[] {scalar, panama}) {
                float[] out = new float[rows * cols];
                Arrays.fill(out, Float.NaN);
                k.transposeMatrix(a, 3, rows, cols, out);
                for (int i = 0; i < rows; i++) {
                    for (int j = 0; j < cols; j++) {
                        assertThat(out[j * rows + i]).as("%s %d x %d at (%d, %d)", k.name(), rows, cols, i, j)
                                .isEqualTo(a[3 + i * cols + j]);
                    }
                }
            }
        }
    }

    @Test
    void packingColumnsOfAMatrixEqualsPackingItsTranspose() {
        // b is 3 x 7 at offset 2; its columns 1..6 are the candidates (length 3), in panels of 4
        int k = 3;
        int n = 7;
        float[] b = new float[2 + k * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = i * 1.5f - 4;
        }
        float[] columns = new float[6 * k]; // the transpose of columns 1..6, one candidate per row
        for (int j = 0; j < 6; j++) {
            for (int p = 0; p < k; p++) {
                columns[j * k + p] = b[2 + p * n + 1 + j];
            }
        }
        float[] expected = Kernels.packColumns(columns, 6, k, 4);
        float[] reused = new float[Kernels.packedLength(6, k, 4) + 3];
        Arrays.fill(reused, 9f);
        Kernels.packColumnsOf(b, 2, k, n, 1, 6, 4, reused);
        assertThat(Arrays.copyOf(reused, expected.length)).containsExactly(expected);
        assertThat(Arrays.copyOfRange(reused, expected.length, reused.length)).containsOnly(9f);
        assertThatThrownBy(() -> Kernels.packColumnsOf(b, 2, k, n, 2, 6, 4, reused))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void l1GradientAgreesExactly() {
        for (int n : LENGTHS) {
            for (int[] off : OFFSETS) {
                float alpha = (float) rnd.nextGaussian();
                float[] q = padded(rnd, 0, n, 0);
                float[] e = padded(rnd, off[0], n, 9);
                if (n > 2) {
                    q[1] = e[off[0] + 1]; // a tie: no gradient there
                }
                float[] dq0 = padded(rnd, 0, n, 0);
                float[] ge0 = padded(rnd, off[1], n, 11);
                float[] dqs = dq0.clone();
                float[] dqp = dq0.clone();
                float[] ges = ge0.clone();
                float[] gep = ge0.clone();
                scalar.l1Gradient(alpha, q, e, off[0], dqs, ges, off[1], n);
                panama.l1Gradient(alpha, q, e, off[0], dqp, gep, off[1], n);
                for (int i = 0; i < n; i++) {
                    double d = (double) q[i] - e[off[0] + i];
                    float g = d > 0 ? alpha : d < 0 ? -alpha : 0f;
                    // one add each, no reassociation: both equal the float reference exactly
                    assertThat(dqs[i]).isEqualTo(dq0[i] - g);
                    assertThat(dqp[i]).isEqualTo(dq0[i] - g);
                }
                for (int i = 0; i < ge0.length; i++) {
                    int k = i - off[1];
                    if (k < 0 || k >= n) {
                        assertThat(ges[i]).isNaN();
                        assertThat(gep[i]).isNaN();
                        continue;
                    }
                    double d = (double) q[k] - e[off[0] + k];
                    float g = d > 0 ? alpha : d < 0 ? -alpha : 0f;
                    assertThat(ges[i]).isEqualTo(ge0[i] + g);
                    assertThat(gep[i]).isEqualTo(ge0[i] + g);
                }
            }
        }
    }

    /** An entity table of {@code rows} rows of {@code len} starting at an odd base offset, NaN around it. */
    private float[] table(int base, int rows, int len) {
        return padded(rnd, base, rows * len, 13);
    }

    @Test
    void fusedScoresAgreeWithTheFormulas() {
        int rows = 3;
        for (int n : LENGTHS) {
            int base = 5;
            // TransE / DistMult: rows of n floats
            float[] ent = table(base, rows, n);
            float[] rel = table(1, 2, n);
            int h = base + 2 * n;
            int t = base;
            int r = 1 + n;
            for (boolean l1 : new boolean[] {true, false}) {
                check("transE l1=" + l1 + " dim=" + n, scalar.transE(ent, h, rel, r, t, n, l1),
                        panama.transE(ent, h, rel, r, t, n, l1), KernelReference.transE(ent, h, rel, r, t, n, l1));
            }
            check("distMult dim=" + n, scalar.distMult(ent, h, rel, r, t, n), panama.distMult(ent, h, rel, r, t, n),
                    KernelReference.distMult(ent, h, rel, r, t, n));
            // ComplEx / RotatE: rank n, rows of 2n
            float[] cent = table(base, rows, 2 * n);
            float[] crel = table(3, 2, 2 * n);
            int ch = base + 2 * n;
            int ct = base + 4 * n;
            int cr = 3 + 2 * n;
            check("complEx rank=" + n, scalar.complEx(cent, ch, crel, cr, ct, n),
                    panama.complEx(cent, ch, crel, cr, ct, n), KernelReference.complEx(cent, ch, crel, cr, ct, n));
            // phases spread over several turns, both signs
            float[] phase = padded(rnd, 7, 2 * n, 3);
            for (int i = 7; i < 7 + 2 * n; i++) {
                phase[i] *= 4f;
            }
            int pr = 7 + n;
            check("rotatE rank=" + n, scalar.rotatEDistance(cent, ch, phase, pr, ct, n),
                    panama.rotatEDistance(cent, ch, phase, pr, ct, n),
                    KernelReference.rotatE(cent, ch, phase, pr, ct, n));
        }
    }

    private interface AllKernel {
        void run(Kernels k, float[] query, float[] ent, int count, int dim, float[] out);
    }

    private interface RowReference {
        double[] of(float[] query, float[] ent, int rowOffset, int dim);
    }

    /**
     * One "query against all rows" kernel for every length and row counts 0..9 (full blocks of rows plus every
     * remainder). The query is exactly as long as a row, so a tail load past its end is exercised; the table and the
     * output are padded and the padding must stay as it was.
     */
    private void checkAll(String what, AllKernel kernel, RowReference ref, boolean complex) {
        for (int n : LENGTHS) {
            int rowLength = complex ? 2 * n : n;
            for (int count = 0; count <= 9; count++) {
                float[] query = padded(rnd, 0, rowLength, 0);
                float[] ent = padded(rnd, 0, count * rowLength, 11);
                if (count > 0 && count % 3 == 0) {
                    // one row equal to the query: distance 0, dot = squared norm
                    System.arraycopy(query, 0, ent, rowLength, rowLength);
                }
                float[] outS = new float[count + 2];
                float[] outP = new float[count + 2];
                Arrays.fill(outS, -7f);
                Arrays.fill(outP, -7f);
                kernel.run(scalar, query, ent, count, n, outS);
                kernel.run(panama, query, ent, count, n, outP);
                for (int e = 0; e < count; e++) {
                    check(what + " n=" + n + " count=" + count + " row=" + e, outS[e], outP[e],
                            ref.of(query, ent, e * rowLength, n));
                }
                assertThat(outS[count]).isEqualTo(-7f);
                assertThat(outP[count]).isEqualTo(-7f);
                assertThat(outP[count + 1]).isEqualTo(-7f);
            }
        }
    }

    @Test
    void dotAllAgrees() {
        checkAll("dotAll", Kernels::dotAll, (q, ent, o, n) -> KernelReference.dot(q, 0, ent, o, n), false);
    }

    @Test
    void l1DistanceAllAgrees() {
        checkAll("l1DistanceAll", Kernels::l1DistanceAll, (q, ent, o, n) -> KernelReference.l1(q, 0, ent, o, n),
                false);
    }

    @Test
    void l2DistanceAllAgrees() {
        checkAll("l2DistanceAll", Kernels::l2DistanceAll, (q, ent, o, n) -> {
            double[] sq = KernelReference.l2Squared(q, 0, ent, o, n);
            return new double[] {Math.sqrt(sq[0]), Math.sqrt(sq[1])};
        }, false);
    }

    @Test
    void complexModulusDistanceAllAgrees() {
        checkAll("complexModulusDistanceAll", Kernels::complexModulusDistanceAll,
                (q, ent, o, rank) -> KernelReference.complexModulus(q, 0, ent, o, rank), true);
    }

    @Test
    void dotAllOnALargeTableMatchesRowByRowDot() {
        int count = 1031;
        int dim = 200;
        float[] ent = padded(rnd, 0, count * dim, 0);
        float[] query = padded(rnd, 0, dim, 0);
        float[] out = new float[count];
        panama.dotAll(query, ent, count, dim, out);
        for (int e = 0; e < count; e++) {
            assertClose("row " + e, out[e], KernelReference.dot(query, 0, ent, e * dim, dim));
        }
    }
}
