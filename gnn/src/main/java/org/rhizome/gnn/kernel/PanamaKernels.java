package org.rhizome.gnn.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Kernels} on the Vector API with the platform's preferred species ({@code FloatVector.SPECIES_PREFERRED}: 16
 * lanes on AVX-512, 8 on AVX2). Loaded only through {@link Kernels#get()} when {@code jdk.incubator.vector} is
 * present; constructing it without that module fails with a {@link LinkageError}.
 *
 * <p>Why it is shaped this way (STACK.md traps 2-3): C2 never vectorises a float reduction, so the reductions are
 * where the gain is. Their main loops keep independent vector accumulators to hide the FMA latency (four in
 * {@code dot} and the distances, two per sum in {@code cosine}, {@code transE}, {@code distMult} and {@code complEx},
 * one in {@code rotatEDistance}, whose trigonometry dominates) and reduce lanes once at the
 * end; the last {@code n mod lanes} elements run as a scalar loop. The "one query against all entities" kernels
 * score four rows per pass, so that each load of the query feeds four rows (register-blocked, GEMV-shaped: one
 * {@code reduceLanes} per row is the fixed cost); the table streams through the cache once per query. Measured
 * roughly on JDK 17 (AVX2, 8 lanes): four rows per pass beat one {@code dot} per row by about 1.3x on a
 * cache-resident 1024 x 200 table, and run level with it on 14541 x 200, where both are bound by memory bandwidth.
 * Masked tails ({@code fromArray} with a {@code VectorMask}) were slower than scalar ones and prone to recompilation
 * churn, so every tail here is scalar. {@code axpy} is element-wise and gains little over C2's own vectorisation; it
 * is here for completeness.
 */
public final class PanamaKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    // the long and int species whose lanes carry L dropout draws ({@link #dropoutMask})
    private static final VectorSpecies<Long> MASK_DRAWS = VectorSpecies.of(long.class, VectorShape.forBitSize(L * 16));
    private static final VectorSpecies<Integer> MASK_INTS = VectorSpecies.of(int.class, S.vectorShape());
    /** Entity rows scored per pass by the *All kernels. */
    static final int ROWS = 4;
    /**
     * Whether {@link #dotBlock} runs tiles of eight query rows ({@link #eightRowTiles}): only with 16 lanes, i.e.
     * AVX-512 and its 32 vector registers.
     */
    private static final boolean EIGHT_ROW_TILES = L >= 16;
    /** {@link #transposeTile}'s lane permutes (lane {@code l} from lane {@code l ^ d}) and blend masks (bit d set). */
    private static final VectorShuffle<Float> XOR8 = L == 16 ? VectorShuffle.fromOp(S, l -> l ^ 8) : null;
    private static final VectorShuffle<Float> XOR4 = L == 16 ? VectorShuffle.fromOp(S, l -> l ^ 4) : null;
    private static final VectorShuffle<Float> XOR2 = L == 16 ? VectorShuffle.fromOp(S, l -> l ^ 2) : null;
    private static final VectorShuffle<Float> XOR1 = L == 16 ? VectorShuffle.fromOp(S, l -> l ^ 1) : null;
    private static final VectorMask<Float> HIGH8 = L == 16 ? VectorMask.fromLong(S, 0xFF00L) : null;
    private static final VectorMask<Float> HIGH4 = L == 16 ? VectorMask.fromLong(S, 0xF0F0L) : null;
    private static final VectorMask<Float> HIGH2 = L == 16 ? VectorMask.fromLong(S, 0xCCCCL) : null;
    private static final VectorMask<Float> HIGH1 = L == 16 ? VectorMask.fromLong(S, 0xAAAAL) : null;
    /** Eight float lanes beside 16 ({@link #moduliGradientTail}), else {@code null}. */
    private static final VectorSpecies<Float> HALF = L == 16 ? FloatVector.SPECIES_256 : null;
    private static final org.rhizome.embeddings.vector.PanamaKernels ROW_DOTS =
            new org.rhizome.embeddings.vector.PanamaKernels();

    /** The system property that forces {@link #complexModulusGradients}' four-query body on or off. */
    static final String QUAD_PROPERTY = "rhizome.gnn.quadGradients";
    /** Whether {@link #complexModulusGradients} passes four queries at a time ({@link #moduliGradientQuad}). */
    private final boolean quadGradients;

    /**
     * Constructs the kernels; prefer {@link Kernels#get()}, which checks that the Vector API is worth it. RotatE's
     * block gradients take four queries at a time on JDK 25 and later and two before, unless
     * {@code -Drhizome.gnn.quadGradients=true|false} says otherwise ({@link #quadGradientsByDefault}).
     */
    public PanamaKernels() {
        this(quadGradientsByDefault());
    }

    /** Kernels whose block RotatE gradients take four queries at a time, or two (tests run both). */
    PanamaKernels(boolean quadGradients) {
        this.quadGradients = quadGradients;
    }

    /**
     * Whether this JVM should run {@link #moduliGradientQuad}: as {@code -Drhizome.gnn.quadGradients} says where it
     * is set, else on JDK 25 and later. JDK 17's C2 leaves that body's vectors boxed (FB15k-237 RotatE at rank
     * 1,000: 249 s for 600 steps and 3,832 young collections, against 45-55 s and 11-23 on JDK 25, where the
     * four-query body took a median 0.89 of the two-query one's time over seven paired runs; benchmarks/README.md).
     * JDK 18-24 were not measured and keep the two-query body.
     */
    static boolean quadGradientsByDefault() {
        return quadGradients(System.getProperty(QUAD_PROPERTY), Runtime.version().feature());
    }

    /** {@link #quadGradientsByDefault} for a property value ({@code null} when unset) and a JDK feature release. */
    static boolean quadGradients(String property, int jdk) {
        if (property != null && !property.isBlank()) {
            return Boolean.parseBoolean(property.trim());
        }
        return jdk >= 25;
    }

    /** Float lanes of the preferred species (the selection in {@link Kernels#get()} needs at least 8). */
    static int preferredFloatLanes() {
        return L;
    }

    @Override
    public String name() {
        return "panama-" + S.vectorBitSize();
    }

    private static FloatVector load(float[] a, int off) {
        return FloatVector.fromArray(S, a, off);
    }

    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(S, -0.693359375f);
    /** 1.5 * 2^23: adding it to a float of magnitude below 2^22 rounds that to an integer, kept in the low bits. */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = 0x4B400000;

    /**
     * {@code e^x} for {@code x <= 0}, lanewise, to about 1e-7 relative (Cephes' {@code expf}: {@code x = n ln 2 + r}
     * with {@code |r| <= ln 2 / 2}, {@code e^r = 1 + r + r^2 P(r)} with P of degree 5, times {@code 2^n} built in
     * the exponent bits); arguments below -87 are taken as -87 ({@code e^-87} is about 1.6e-38, near the smallest
     * normal float). The rounding of {@code x log2 e} to {@code n} adds and subtracts 1.5 * 2^23, whose sum holds
     * {@code n} in its low mantissa bits (converting float lanes to int was 4x slower on JDK 17).
     *
     * <p>Written with exactly rounded lane operations only (mul, add, FMA, bit operations) instead of
     * {@code VectorOperators.EXP}: that operator's compiled form (an SVML-style stub) and its interpreted fallback
     * ({@code Math.exp} per lane) round differently, so training results depended on when the JIT compiled this
     * code, and a seeded run was not reproducible. This one gives the same bits compiled or not, as fast.
     */
    private static FloatVector expNonPositive(FloatVector x) {
        FloatVector xc = x.max(-87f);
        FloatVector t = xc.mul(1.44269504f).add(ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(MINUS_LN2_HI, xc).add(n.mul(2.12194440e-4f));
        FloatVector p = r.mul(1.9875691500e-4f).add(1.3981999507e-3f).mul(r).add(8.3334519073e-3f).mul(r)
                .add(4.1665795894e-2f).mul(r).add(1.6666665459e-1f).mul(r).add(5.0000001201e-1f);
        FloatVector er = p.mul(r.mul(r)).add(r).add(1f);
        // t's bits are ROUNDER_BITS + n; 2^n has n + 127 in the exponent field
        FloatVector twoN = ((IntVector) t.reinterpretAsInts()).sub(ROUNDER_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return er.mul(twoN);
    }

    /**
     * {@code log(1 + y)} for {@code y} in {@code [0, 1]}, lanewise, to about 1e-7 relative:
     * {@code 2 atanh(u) = 2 (u + u^3/3 + ... + u^17/17)} with {@code u = y / (2 + y) <= 1/3}, whose next term is below
     * 2e-10 of the sum. Exactly rounded lane operations only, for the reason given at {@link #expNonPositive}.
     */
    private static FloatVector log1pUnit(FloatVector y) {
        FloatVector u = y.div(y.add(2f));
        FloatVector v = u.mul(u);
        FloatVector c = v.mul(1f / 17).add(1f / 15).mul(v).add(1f / 13).mul(v).add(1f / 11).mul(v).add(1f / 9).mul(v)
                .add(1f / 7).mul(v).add(1f / 5).mul(v).add(1f / 3).mul(v).add(1f);
        return u.mul(c).mul(2f);
    }

    @Override
    public float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        FloatVector acc2 = FloatVector.zero(S);
        FloatVector acc3 = FloatVector.zero(S);
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            acc0 = load(a, aOff + i).fma(load(b, bOff + i), acc0);
            acc1 = load(a, aOff + i + L).fma(load(b, bOff + i + L), acc1);
            acc2 = load(a, aOff + i + 2 * L).fma(load(b, bOff + i + 2 * L), acc2);
            acc3 = load(a, aOff + i + 3 * L).fma(load(b, bOff + i + 3 * L), acc3);
        }
        for (int bound = n - L; i <= bound; i += L) {
            acc0 = load(a, aOff + i).fma(load(b, bOff + i), acc0);
        }
        float s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += a[aOff + i] * b[bOff + i];
        }
        return s;
    }

    @Override
    public float l1Distance(float[] a, int aOff, float[] b, int bOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        FloatVector acc2 = FloatVector.zero(S);
        FloatVector acc3 = FloatVector.zero(S);
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            acc0 = acc0.add(load(a, aOff + i).sub(load(b, bOff + i)).abs());
            acc1 = acc1.add(load(a, aOff + i + L).sub(load(b, bOff + i + L)).abs());
            acc2 = acc2.add(load(a, aOff + i + 2 * L).sub(load(b, bOff + i + 2 * L)).abs());
            acc3 = acc3.add(load(a, aOff + i + 3 * L).sub(load(b, bOff + i + 3 * L)).abs());
        }
        for (int bound = n - L; i <= bound; i += L) {
            acc0 = acc0.add(load(a, aOff + i).sub(load(b, bOff + i)).abs());
        }
        float s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            s += Math.abs(a[aOff + i] - b[bOff + i]);
        }
        return s;
    }

    @Override
    public float l2DistanceSquared(float[] a, int aOff, float[] b, int bOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        FloatVector acc2 = FloatVector.zero(S);
        FloatVector acc3 = FloatVector.zero(S);
        int i = 0;
        for (int bound4 = n - 4 * L; i <= bound4; i += 4 * L) {
            FloatVector d0 = load(a, aOff + i).sub(load(b, bOff + i));
            FloatVector d1 = load(a, aOff + i + L).sub(load(b, bOff + i + L));
            FloatVector d2 = load(a, aOff + i + 2 * L).sub(load(b, bOff + i + 2 * L));
            FloatVector d3 = load(a, aOff + i + 3 * L).sub(load(b, bOff + i + 3 * L));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
            acc2 = d2.fma(d2, acc2);
            acc3 = d3.fma(d3, acc3);
        }
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector d = load(a, aOff + i).sub(load(b, bOff + i));
            acc0 = d.fma(d, acc0);
        }
        float s = acc0.add(acc1).add(acc2.add(acc3)).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float d = a[aOff + i] - b[bOff + i];
            s += d * d;
        }
        return s;
    }

    @Override
    public float cosine(float[] a, int aOff, float[] b, int bOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        // Three sums, two accumulators each: six independent FMA chains.
        FloatVector ab0 = FloatVector.zero(S);
        FloatVector ab1 = FloatVector.zero(S);
        FloatVector aa0 = FloatVector.zero(S);
        FloatVector aa1 = FloatVector.zero(S);
        FloatVector bb0 = FloatVector.zero(S);
        FloatVector bb1 = FloatVector.zero(S);
        int i = 0;
        for (int bound2 = n - 2 * L; i <= bound2; i += 2 * L) {
            FloatVector x0 = load(a, aOff + i);
            FloatVector y0 = load(b, bOff + i);
            FloatVector x1 = load(a, aOff + i + L);
            FloatVector y1 = load(b, bOff + i + L);
            ab0 = x0.fma(y0, ab0);
            aa0 = x0.fma(x0, aa0);
            bb0 = y0.fma(y0, bb0);
            ab1 = x1.fma(y1, ab1);
            aa1 = x1.fma(x1, aa1);
            bb1 = y1.fma(y1, bb1);
        }
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector x = load(a, aOff + i);
            FloatVector y = load(b, bOff + i);
            ab0 = x.fma(y, ab0);
            aa0 = x.fma(x, aa0);
            bb0 = y.fma(y, bb0);
        }
        float ab = ab0.add(ab1).reduceLanes(VectorOperators.ADD);
        float aa = aa0.add(aa1).reduceLanes(VectorOperators.ADD);
        float bb = bb0.add(bb1).reduceLanes(VectorOperators.ADD);
        for (; i < n; i++) {
            float x = a[aOff + i];
            float y = b[bOff + i];
            ab += x * y;
            aa += x * x;
            bb += y * y;
        }
        return ScalarKernels.cosineOf(ab, aa, bb);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        Checks.range(y, yOff, n);
        FloatVector va = FloatVector.broadcast(S, alpha);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            load(x, xOff + i).fma(va, load(y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) {
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
        // C2 does not vectorise the scalar loop itself: the gradient may alias the row at another offset
        float c1 = 1 - b1;
        float c2 = 1 - b2;
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector g = load(grad, gOff + i);
            FloatVector mi = load(m, off + i).mul(b1).add(g.mul(c1));
            FloatVector vi = load(v, off + i).mul(b2).add(g.mul(c2).mul(g));
            mi.intoArray(m, off + i);
            vi.intoArray(v, off + i);
            load(p, off + i).sub(mi.mul(a).div(vi.sqrt().add(eps))).intoArray(p, off + i);
        }
        ScalarKernels.adamTail(p, m, v, off, grad, gOff, i, n, b1, b2, a, eps);
    }

    @Override
    public void adagradRow(float[] p, float[] acc, int off, float[] grad, int gOff, int n, float lr, float eps) {
        Checks.range(p, off, n);
        Checks.range(acc, off, n);
        Checks.range(grad, gOff, n);
        // as adamRow: C2 does not vectorise the scalar loop, the gradient may alias the row at another offset
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector g = load(grad, gOff + i);
            FloatVector a = load(acc, off + i).add(g.mul(g));
            a.intoArray(acc, off + i);
            load(p, off + i).sub(g.mul(lr).div(a.sqrt().add(eps))).intoArray(p, off + i);
        }
        ScalarKernels.adagradTail(p, acc, off, grad, gOff, i, n, lr, eps);
    }

    @Override
    public void dropoutMask(long[] draws, float[] mask, int off, int width, int threshold, float keep) {
        Checks.range(mask, off, width);
        Checks.range(draws, 0, (width + 3) / 4);
        // L floats take L 16-bit draws, L / 4 longs: one long vector of L * 16 bits, seen as L shorts (lane order is
        // memory order, the lowest bits first), widened to L ints
        FloatVector zero = FloatVector.zero(S);
        int x = 0;
        for (int bound = width - L; x <= bound; x += L) {
            ShortVector s = LongVector.fromArray(MASK_DRAWS, draws, x >>> 2).reinterpretAsShorts();
            IntVector d = ((IntVector) s.convertShape(VectorOperators.S2I, MASK_INTS, 0)).and(0xFFFF);
            zero.blend(keep, d.compare(VectorOperators.GE, threshold).cast(S)).intoArray(mask, off + x);
        }
        ScalarKernels.dropoutMaskTail(draws, mask, off, x, width, threshold, Float.floatToRawIntBits(keep));
    }

    @Override
    public void addScaled(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        Checks.range(y, yOff, n);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            load(y, yOff + i).add(load(x, xOff + i).mul(alpha)).intoArray(y, yOff + i);
        }
        ScalarKernels.addScaledTail(alpha, x, xOff, y, yOff, i, n);
    }

    @Override
    public void transposeMatrix(float[] a, int aOff, int rows, int cols, float[] out) {
        if (L != 16) {
            Kernels.transpose(a, aOff, rows, cols, out);
            return;
        }
        java.util.Objects.checkFromIndexSize(aOff, Math.multiplyExact(rows, cols), a.length);
        java.util.Objects.checkFromIndexSize(0, rows * cols, out.length);
        int rows16 = rows - rows % 16;
        int cols16 = cols - cols % 16;
        for (int i0 = 0; i0 < rows16; i0 += 16) {
            for (int j0 = 0; j0 < cols16; j0 += 16) {
                transposeTile(a, aOff + i0 * cols + j0, cols, out, j0 * rows + i0, rows);
            }
        }
        // the edges: the last columns of the tiled rows, then the last rows
        for (int i = 0; i < rows16; i++) {
            for (int j = cols16; j < cols; j++) {
                out[j * rows + i] = a[aOff + i * cols + j];
            }
        }
        for (int i = rows16; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                out[j * rows + i] = a[aOff + i * cols + j];
            }
        }
    }

    /**
     * One 16 x 16 tile of {@link #transposeMatrix} (16 lanes only): rows {@code a[src + r * srcStride, +16)} to
     * columns, as rows {@code out[dst + c * dstStride, +16)}. In registers, in the four rounds of a recursive block
     * transpose: the round of distance {@code d} (8, 4, 2, 1) pairs rows {@code i} and {@code i + d} and swaps
     * their off-diagonal {@code d}-blocks, lane {@code l} of one exchanged with lane {@code l ^ d} of the other (one
     * lane permute, {@link #XOR8} to {@link #XOR1}, and a blend under the lanes with bit {@code d} set). About 1.9x
     * the speed of the scalar tiles on the Zen 5 host (512 x 1,024: 0.20 ms against 0.37 ms, medians of 15). No
     * helper taking vectors, as elsewhere here.
     */
    private static void transposeTile(float[] a, int src, int srcStride, float[] out, int dst, int dstStride) {
        FloatVector r0 = FloatVector.fromArray(S, a, src + 0 * srcStride);
        FloatVector r1 = FloatVector.fromArray(S, a, src + 1 * srcStride);
        FloatVector r2 = FloatVector.fromArray(S, a, src + 2 * srcStride);
        FloatVector r3 = FloatVector.fromArray(S, a, src + 3 * srcStride);
        FloatVector r4 = FloatVector.fromArray(S, a, src + 4 * srcStride);
        FloatVector r5 = FloatVector.fromArray(S, a, src + 5 * srcStride);
        FloatVector r6 = FloatVector.fromArray(S, a, src + 6 * srcStride);
        FloatVector r7 = FloatVector.fromArray(S, a, src + 7 * srcStride);
        FloatVector r8 = FloatVector.fromArray(S, a, src + 8 * srcStride);
        FloatVector r9 = FloatVector.fromArray(S, a, src + 9 * srcStride);
        FloatVector r10 = FloatVector.fromArray(S, a, src + 10 * srcStride);
        FloatVector r11 = FloatVector.fromArray(S, a, src + 11 * srcStride);
        FloatVector r12 = FloatVector.fromArray(S, a, src + 12 * srcStride);
        FloatVector r13 = FloatVector.fromArray(S, a, src + 13 * srcStride);
        FloatVector r14 = FloatVector.fromArray(S, a, src + 14 * srcStride);
        FloatVector r15 = FloatVector.fromArray(S, a, src + 15 * srcStride);
        // distance 8
        FloatVector t8x0 = r0.blend(r8.rearrange(XOR8), HIGH8);
        r8 = r0.rearrange(XOR8).blend(r8, HIGH8);
        r0 = t8x0;
        FloatVector t8x1 = r1.blend(r9.rearrange(XOR8), HIGH8);
        r9 = r1.rearrange(XOR8).blend(r9, HIGH8);
        r1 = t8x1;
        FloatVector t8x2 = r2.blend(r10.rearrange(XOR8), HIGH8);
        r10 = r2.rearrange(XOR8).blend(r10, HIGH8);
        r2 = t8x2;
        FloatVector t8x3 = r3.blend(r11.rearrange(XOR8), HIGH8);
        r11 = r3.rearrange(XOR8).blend(r11, HIGH8);
        r3 = t8x3;
        FloatVector t8x4 = r4.blend(r12.rearrange(XOR8), HIGH8);
        r12 = r4.rearrange(XOR8).blend(r12, HIGH8);
        r4 = t8x4;
        FloatVector t8x5 = r5.blend(r13.rearrange(XOR8), HIGH8);
        r13 = r5.rearrange(XOR8).blend(r13, HIGH8);
        r5 = t8x5;
        FloatVector t8x6 = r6.blend(r14.rearrange(XOR8), HIGH8);
        r14 = r6.rearrange(XOR8).blend(r14, HIGH8);
        r6 = t8x6;
        FloatVector t8x7 = r7.blend(r15.rearrange(XOR8), HIGH8);
        r15 = r7.rearrange(XOR8).blend(r15, HIGH8);
        r7 = t8x7;
        // distance 4
        FloatVector t4x0 = r0.blend(r4.rearrange(XOR4), HIGH4);
        r4 = r0.rearrange(XOR4).blend(r4, HIGH4);
        r0 = t4x0;
        FloatVector t4x1 = r1.blend(r5.rearrange(XOR4), HIGH4);
        r5 = r1.rearrange(XOR4).blend(r5, HIGH4);
        r1 = t4x1;
        FloatVector t4x2 = r2.blend(r6.rearrange(XOR4), HIGH4);
        r6 = r2.rearrange(XOR4).blend(r6, HIGH4);
        r2 = t4x2;
        FloatVector t4x3 = r3.blend(r7.rearrange(XOR4), HIGH4);
        r7 = r3.rearrange(XOR4).blend(r7, HIGH4);
        r3 = t4x3;
        FloatVector t4x8 = r8.blend(r12.rearrange(XOR4), HIGH4);
        r12 = r8.rearrange(XOR4).blend(r12, HIGH4);
        r8 = t4x8;
        FloatVector t4x9 = r9.blend(r13.rearrange(XOR4), HIGH4);
        r13 = r9.rearrange(XOR4).blend(r13, HIGH4);
        r9 = t4x9;
        FloatVector t4x10 = r10.blend(r14.rearrange(XOR4), HIGH4);
        r14 = r10.rearrange(XOR4).blend(r14, HIGH4);
        r10 = t4x10;
        FloatVector t4x11 = r11.blend(r15.rearrange(XOR4), HIGH4);
        r15 = r11.rearrange(XOR4).blend(r15, HIGH4);
        r11 = t4x11;
        // distance 2
        FloatVector t2x0 = r0.blend(r2.rearrange(XOR2), HIGH2);
        r2 = r0.rearrange(XOR2).blend(r2, HIGH2);
        r0 = t2x0;
        FloatVector t2x1 = r1.blend(r3.rearrange(XOR2), HIGH2);
        r3 = r1.rearrange(XOR2).blend(r3, HIGH2);
        r1 = t2x1;
        FloatVector t2x4 = r4.blend(r6.rearrange(XOR2), HIGH2);
        r6 = r4.rearrange(XOR2).blend(r6, HIGH2);
        r4 = t2x4;
        FloatVector t2x5 = r5.blend(r7.rearrange(XOR2), HIGH2);
        r7 = r5.rearrange(XOR2).blend(r7, HIGH2);
        r5 = t2x5;
        FloatVector t2x8 = r8.blend(r10.rearrange(XOR2), HIGH2);
        r10 = r8.rearrange(XOR2).blend(r10, HIGH2);
        r8 = t2x8;
        FloatVector t2x9 = r9.blend(r11.rearrange(XOR2), HIGH2);
        r11 = r9.rearrange(XOR2).blend(r11, HIGH2);
        r9 = t2x9;
        FloatVector t2x12 = r12.blend(r14.rearrange(XOR2), HIGH2);
        r14 = r12.rearrange(XOR2).blend(r14, HIGH2);
        r12 = t2x12;
        FloatVector t2x13 = r13.blend(r15.rearrange(XOR2), HIGH2);
        r15 = r13.rearrange(XOR2).blend(r15, HIGH2);
        r13 = t2x13;
        // distance 1
        FloatVector t1x0 = r0.blend(r1.rearrange(XOR1), HIGH1);
        r1 = r0.rearrange(XOR1).blend(r1, HIGH1);
        r0 = t1x0;
        FloatVector t1x2 = r2.blend(r3.rearrange(XOR1), HIGH1);
        r3 = r2.rearrange(XOR1).blend(r3, HIGH1);
        r2 = t1x2;
        FloatVector t1x4 = r4.blend(r5.rearrange(XOR1), HIGH1);
        r5 = r4.rearrange(XOR1).blend(r5, HIGH1);
        r4 = t1x4;
        FloatVector t1x6 = r6.blend(r7.rearrange(XOR1), HIGH1);
        r7 = r6.rearrange(XOR1).blend(r7, HIGH1);
        r6 = t1x6;
        FloatVector t1x8 = r8.blend(r9.rearrange(XOR1), HIGH1);
        r9 = r8.rearrange(XOR1).blend(r9, HIGH1);
        r8 = t1x8;
        FloatVector t1x10 = r10.blend(r11.rearrange(XOR1), HIGH1);
        r11 = r10.rearrange(XOR1).blend(r11, HIGH1);
        r10 = t1x10;
        FloatVector t1x12 = r12.blend(r13.rearrange(XOR1), HIGH1);
        r13 = r12.rearrange(XOR1).blend(r13, HIGH1);
        r12 = t1x12;
        FloatVector t1x14 = r14.blend(r15.rearrange(XOR1), HIGH1);
        r15 = r14.rearrange(XOR1).blend(r15, HIGH1);
        r14 = t1x14;
        r0.intoArray(out, dst + 0 * dstStride);
        r1.intoArray(out, dst + 1 * dstStride);
        r2.intoArray(out, dst + 2 * dstStride);
        r3.intoArray(out, dst + 3 * dstStride);
        r4.intoArray(out, dst + 4 * dstStride);
        r5.intoArray(out, dst + 5 * dstStride);
        r6.intoArray(out, dst + 6 * dstStride);
        r7.intoArray(out, dst + 7 * dstStride);
        r8.intoArray(out, dst + 8 * dstStride);
        r9.intoArray(out, dst + 9 * dstStride);
        r10.intoArray(out, dst + 10 * dstStride);
        r11.intoArray(out, dst + 11 * dstStride);
        r12.intoArray(out, dst + 12 * dstStride);
        r13.intoArray(out, dst + 13 * dstStride);
        r14.intoArray(out, dst + 14 * dstStride);
        r15.intoArray(out, dst + 15 * dstStride);
    }

    @Override
    public void addCubed(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Checks.range(x, xOff, n);
        Checks.range(y, yOff, n);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector v = load(x, xOff + i);
            load(y, yOff + i).add(v.mul(alpha).mul(v.abs())).intoArray(y, yOff + i);
        }
        ScalarKernels.addCubedTail(alpha, x, xOff, y, yOff, i, n);
    }

    @Override
    public void adagradL2Row(float[] p, float[] acc, int off, int n, float coeff, float lr, float eps) {
        Checks.range(p, off, n);
        Checks.range(acc, off, n);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector x = load(p, off + i);
            FloatVector g = x.mul(coeff);
            FloatVector a = load(acc, off + i).add(g.mul(g));
            a.intoArray(acc, off + i);
            x.sub(g.mul(lr).div(a.sqrt().add(eps))).intoArray(p, off + i);
        }
        ScalarKernels.adagradL2Tail(p, acc, off, i, n, coeff, lr, eps);
    }

    @Override
    public void transEL2Gradient(float[] ent, int h, float[] rel, int r, int t, float c, float[] gh, int gho,
            float[] gr, int gro, float[] gt, int gto, int dim) {
        Checks.triple(ent, h, rel, r, t, gh, gho, gr, gro, gt, gto, dim);
        int i = 0;
        for (int bound = dim - L; i <= bound; i += L) {
            FloatVector g = load(ent, h + i).add(load(rel, r + i)).sub(load(ent, t + i)).mul(c);
            // in the scalar order: the head's row is written before the tail's is read (they may be one row)
            load(gh, gho + i).add(g).intoArray(gh, gho + i);
            load(gr, gro + i).add(g).intoArray(gr, gro + i);
            load(gt, gto + i).sub(g).intoArray(gt, gto + i);
        }
        ScalarKernels.transEL2GradientTail(ent, h, rel, r, t, c, gh, gho, gr, gro, gt, gto, i, dim);
    }

    @Override
    public void multiply(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        Checks.range(out, outOff, n);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            load(a, aOff + i).mul(load(b, bOff + i)).intoArray(out, outOff + i);
        }
        ScalarKernels.multiplyTail(a, aOff, b, bOff, out, outOff, i, n);
    }

    @Override
    public void addProduct(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n) {
        Checks.range(a, aOff, n);
        Checks.range(b, bOff, n);
        Checks.range(out, outOff, n);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            load(out, outOff + i).add(load(a, aOff + i).mul(load(b, bOff + i))).intoArray(out, outOff + i);
        }
        ScalarKernels.addProductTail(a, aOff, b, bOff, out, outOff, i, n);
    }

    @Override
    public void l2Gradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge, int geOff, int n) {
        Checks.range(q, 0, n);
        Checks.range(e, eOff, n);
        Checks.range(dq, 0, n);
        Checks.range(ge, geOff, n);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector g = load(q, i).sub(load(e, eOff + i)).mul(alpha);
            load(dq, i).sub(g).intoArray(dq, i);
            load(ge, geOff + i).add(g).intoArray(ge, geOff + i);
        }
        ScalarKernels.l2GradientTail(alpha, q, e, eOff, dq, ge, geOff, i, n);
    }

    @Override
    public double selfAdversarial(float[] scores, int off, int n, float temperature, double w, float[] coeff,
            int cOff, boolean loss) {
        Checks.range(scores, off, n);
        Checks.range(coeff, cOff, n);
        // Written out: below, vector code calls no method of this class (load, expNonPositive and log1pUnit are
        // repeated, the same operations). With those calls C2 (JDK 17) reached its node-count cutoff for inlining
        // (NodeCountInliningCutoff) within this method; the calls it then refused stayed calls, every vector a heap
        // object, and the kernel ran several times slower than its arithmetic (about 8 ns per negative, a sixth of
        // chunked training's time). The Vector API's own methods are force-inlined past that cutoff.
        int bound = S.loopBound(n);
        FloatVector vmax = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        int j = 0;
        for (; j < bound; j += L) {
            vmax = vmax.max(FloatVector.fromArray(S, scores, off + j).mul(temperature));
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            max = Math.max(max, temperature * scores[off + j]);
        }
        // one pass before the softmax's sum z is known: with the numerator u = e^(temperature s - max), u sigmoid(s)
        // into coeff (times w / z below), and, lane by lane, the sums of u and of u softplus(s) (the loss times z)
        FloatVector zs = FloatVector.zero(S);
        FloatVector losses = FloatVector.zero(S);
        for (j = 0; j < bound; j += L) {
            FloatVector s = FloatVector.fromArray(S, scores, off + j);
            // u = e^x and e = e^-|s| as in expNonPositive (x <= 0)
            FloatVector x = s.mul(temperature).sub(max).max(-87f);
            FloatVector tx = x.mul(1.44269504f).add(ROUNDER);
            FloatVector nx = tx.sub(ROUNDER);
            FloatVector rx = nx.fma(MINUS_LN2_HI, x).add(nx.mul(2.12194440e-4f));
            FloatVector u = rx.mul(1.9875691500e-4f).add(1.3981999507e-3f).mul(rx).add(8.3334519073e-3f).mul(rx)
                    .add(4.1665795894e-2f).mul(rx).add(1.6666665459e-1f).mul(rx).add(5.0000001201e-1f)
                    .mul(rx.mul(rx)).add(rx).add(1f).mul(((IntVector) tx.reinterpretAsInts())
                    .sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            FloatVector a = s.abs().neg().max(-87f);
            FloatVector ta = a.mul(1.44269504f).add(ROUNDER);
            FloatVector na = ta.sub(ROUNDER);
            FloatVector ra = na.fma(MINUS_LN2_HI, a).add(na.mul(2.12194440e-4f));
            FloatVector e = ra.mul(1.9875691500e-4f).add(1.3981999507e-3f).mul(ra).add(8.3334519073e-3f).mul(ra)
                    .add(4.1665795894e-2f).mul(ra).add(1.6666665459e-1f).mul(ra).add(5.0000001201e-1f)
                    .mul(ra.mul(ra)).add(ra).add(1f).mul(((IntVector) ta.reinterpretAsInts())
                    .sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats());
            // softplus(s) = max(s, 0) + log(1 + e), the log as in log1pUnit; sigmoid(s) = (s >= 0 ? 1 : e) / (1 + e)
            if (loss) {
                FloatVector y = e.div(e.add(2f));
                FloatVector y2 = y.mul(y);
                FloatVector log1p = y2.mul(1f / 17).add(1f / 15).mul(y2).add(1f / 13).mul(y2).add(1f / 11).mul(y2)
                        .add(1f / 9).mul(y2).add(1f / 7).mul(y2).add(1f / 5).mul(y2).add(1f / 3).mul(y2).add(1f)
                        .mul(y).mul(2f);
                losses = losses.add(u.mul(s.max(0f).add(log1p)));
            }
            FloatVector sigmoid = e.blend(1f, s.compare(VectorOperators.GE, 0f)).div(e.add(1f));
            zs = zs.add(u);
            u.mul(sigmoid).intoArray(coeff, cOff + j);
        }
        double z = zs.reduceLanes(VectorOperators.ADD);
        for (j = bound; j < n; j++) { // the tail's numerators, finished by adversarialTail once z is known
            coeff[cOff + j] = (float) Math.exp(temperature * scores[off + j] - max);
            z += coeff[cOff + j];
        }
        float scale = (float) (w / z);
        for (j = 0; j < bound; j += L) {
            FloatVector.fromArray(S, coeff, cOff + j).mul(scale).intoArray(coeff, cOff + j);
        }
        double tail = ScalarKernels.adversarialTail(scores, off, bound, n, z, w, coeff, cOff, loss);
        return loss ? losses.reduceLanes(VectorOperators.ADD) / z + tail : Double.NaN;
    }

    @Override
    public double softmaxCrossEntropy(float pos, float[] scores, int off, int n, double w, float[] coeff, int cOff) {
        Checks.range(scores, off, n);
        Checks.range(coeff, cOff, n);
        // no load() helper in the loops: past C2's node-count cutoff it stays a call (see selfAdversarial)
        int bound = S.loopBound(n);
        FloatVector vmax = FloatVector.broadcast(S, pos);
        int j = 0;
        for (; j < bound; j += L) {
            vmax = vmax.max(FloatVector.fromArray(S, scores, off + j));
        }
        float max = vmax.reduceLanes(VectorOperators.MAX);
        for (; j < n; j++) {
            max = Math.max(max, scores[off + j]);
        }
        double sum = Math.exp(pos - max);
        for (j = 0; j < bound; j += L) {
            FloatVector x = FloatVector.fromArray(S, scores, off + j).sub(max);
            // below -87 the polynomial's clamp would give e^-87: a masked candidate (-infinity) must weigh 0
            FloatVector ex = expNonPositive(x).blend(0f, x.compare(VectorOperators.LT, -87f));
            ex.intoArray(coeff, cOff + j);
            sum += ex.reduceLanes(VectorOperators.ADD);
        }
        for (; j < n; j++) {
            coeff[cOff + j] = (float) Math.exp(scores[off + j] - max);
            sum += coeff[cOff + j];
        }
        float scale = (float) (w / sum);
        for (j = 0; j < bound; j += L) {
            FloatVector.fromArray(S, coeff, cOff + j).mul(scale).intoArray(coeff, cOff + j);
        }
        return ScalarKernels.softmaxTail(pos, max, sum, j, n, w, coeff, cOff);
    }

    @Override
    public void l1Gradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge, int geOff, int n) {
        Checks.range(q, 0, n);
        Checks.range(e, eOff, n);
        Checks.range(dq, 0, n);
        Checks.range(ge, geOff, n);
        FloatVector pos = FloatVector.broadcast(S, alpha);
        FloatVector neg = FloatVector.broadcast(S, -alpha);
        FloatVector zero = FloatVector.zero(S);
        int i = 0;
        for (int bound = n - L; i <= bound; i += L) {
            FloatVector d = load(q, i).sub(load(e, eOff + i));
            FloatVector g = zero.blend(pos, d.compare(VectorOperators.GT, 0f))
                    .blend(neg, d.compare(VectorOperators.LT, 0f));
            load(dq, i).sub(g).intoArray(dq, i);
            load(ge, geOff + i).add(g).intoArray(ge, geOff + i);
        }
        for (; i < n; i++) {
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
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int k = 0;
        for (int bound2 = rank - 2 * L; k <= bound2; k += 2 * L) {
            acc0 = acc0.add(modulus(load(q, qOff + k), load(q, qOff + rank + k), load(e, eOff + k),
                    load(e, eOff + rank + k)));
            acc1 = acc1.add(modulus(load(q, qOff + k + L), load(q, qOff + rank + k + L), load(e, eOff + k + L),
                    load(e, eOff + rank + k + L)));
        }
        for (int bound = rank - L; k <= bound; k += L) {
            acc0 = acc0.add(modulus(load(q, qOff + k), load(q, qOff + rank + k), load(e, eOff + k),
                    load(e, eOff + rank + k)));
        }
        float sum = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; k < rank; k++) {
            float u = q[qOff + k] - e[eOff + k];
            float v = q[qOff + rank + k] - e[eOff + rank + k];
            sum += (float) Math.sqrt(u * u + v * v);
        }
        return sum;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Vector lanes take {@code g = alpha / |u|} once and multiply both parts by it, where the scalar kernel divides
     * each part: results agree to rounding, not bit for bit.
     */
    @Override
    public void complexModulusGradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge,
            int geOff, int rank) {
        int len = Checks.complexRowLength(rank);
        Checks.range(q, 0, len);
        Checks.range(e, eOff, len);
        Checks.range(dq, 0, len);
        Checks.range(ge, geOff, len);
        FloatVector a = FloatVector.broadcast(S, alpha);
        FloatVector zero = FloatVector.zero(S);
        int k = 0;
        for (int bound = rank - L; k <= bound; k += L) {
            int ki = rank + k;
            FloatVector u = load(q, k).sub(load(e, eOff + k));
            FloatVector v = load(q, ki).sub(load(e, eOff + ki));
            FloatVector d = u.fma(u, v.mul(v)).sqrt();
            FloatVector g = a.div(d).blend(zero, d.compare(VectorOperators.EQ, 0f));
            FloatVector gu = g.mul(u);
            FloatVector gv = g.mul(v);
            load(dq, k).sub(gu).intoArray(dq, k);
            load(dq, ki).sub(gv).intoArray(dq, ki);
            load(ge, geOff + k).add(gu).intoArray(ge, geOff + k);
            load(ge, geOff + ki).add(gv).intoArray(ge, geOff + ki);
        }
        // written out, not ScalarKernels.modulusGradient: a call here makes this kernel small enough for C2 to
        // inline it into the per-positive training loop, whose compilation then refuses vector helpers
        // (benchmarks/check-inlining.sh)
        for (; k < rank; k++) {
            float u = q[k] - e[eOff + k];
            float v = q[rank + k] - e[eOff + rank + k];
            float d = (float) Math.sqrt(u * u + v * v);
            if (d == 0f) {
                continue;
            }
            float gu = alpha * u / d;
            float gv = alpha * v / d;
            dq[k] -= gu;
            dq[rank + k] -= gv;
            ge[geOff + k] += gu;
            ge[geOff + rank + k] += gv;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Four queries at a time against one candidate, so each candidate vector loaded serves four; candidates in
     * tiles of about 256 KiB ({@code 2 rank} floats a row), which stay in L2 while every query passes over them.
     * Each sum is accumulated in the order of {@link #complexModulusDistanceAll}'s, so with {@code shift = -0f}
     * the scores are bit for bit the negated distances it gives (the block path of evaluation relies on it).
     */
    @Override
    public void complexModulusScores(float[] q, int rows, float[] ent, int[] ids, int from, int to, int rank,
            float shift, float[] out, int outOff, int outStride) {
        int len = Checks.complexRowLength(rank);
        Checks.pairs(q, rows, ent, ids, from, to, len, out, outOff, outStride);
        int bound = S.loopBound(rank);
        int tile = Math.max(1, (256 << 10) / (Float.BYTES * Math.max(1, len)));
        for (int j0 = from; j0 < to; j0 += tile) {
            int j1 = Math.min(to, j0 + tile);
            int a = 0;
            for (; a + 4 <= rows; a += 4) {
                int q0 = a * len;
                int q1 = q0 + len;
                int q2 = q1 + len;
                int q3 = q2 + len;
                for (int j = j0; j < j1; j++) {
                    int eo = ids[j] * len;
                    FloatVector s0 = FloatVector.zero(S);
                    FloatVector s1 = FloatVector.zero(S);
                    FloatVector s2 = FloatVector.zero(S);
                    FloatVector s3 = FloatVector.zero(S);
                    for (int k = 0; k < bound; k += L) {
                        FloatVector er = load(ent, eo + k);
                        FloatVector ei = load(ent, eo + rank + k);
                        s0 = s0.add(modulus(load(q, q0 + k), load(q, q0 + rank + k), er, ei));
                        s1 = s1.add(modulus(load(q, q1 + k), load(q, q1 + rank + k), er, ei));
                        s2 = s2.add(modulus(load(q, q2 + k), load(q, q2 + rank + k), er, ei));
                        s3 = s3.add(modulus(load(q, q3 + k), load(q, q3 + rank + k), er, ei));
                    }
                    float d0 = s0.reduceLanes(VectorOperators.ADD);
                    float d1 = s1.reduceLanes(VectorOperators.ADD);
                    float d2 = s2.reduceLanes(VectorOperators.ADD);
                    float d3 = s3.reduceLanes(VectorOperators.ADD);
                    for (int k = bound; k < rank; k++) {
                        d0 += modulusAt(q, q0, rank, k, ent, eo);
                        d1 += modulusAt(q, q1, rank, k, ent, eo);
                        d2 += modulusAt(q, q2, rank, k, ent, eo);
                        d3 += modulusAt(q, q3, rank, k, ent, eo);
                    }
                    int o = outOff + a * outStride + j;
                    out[o] = shift - d0;
                    out[o + outStride] = shift - d1;
                    out[o + 2 * outStride] = shift - d2;
                    out[o + 3 * outStride] = shift - d3;
                }
            }
            for (; a < rows; a++) { // one accumulator, as complexModulusDistanceAll's rows: the same sums
                int qa = a * len;
                for (int j = j0; j < j1; j++) {
                    int eo = ids[j] * len;
                    FloatVector s0 = FloatVector.zero(S);
                    for (int k = 0; k < bound; k += L) {
                        s0 = s0.add(modulus(load(q, qa + k), load(q, qa + rank + k), load(ent, eo + k),
                                load(ent, eo + rank + k)));
                    }
                    float d0 = s0.reduceLanes(VectorOperators.ADD);
                    for (int k = bound; k < rank; k++) {
                        d0 += modulusAt(q, qa, rank, k, ent, eo);
                    }
                    out[outOff + a * outStride + j] = shift - d0;
                }
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Blocked like a matrix product: for one vector of coordinates at a time, two queries' coordinates and their
     * gradient sums stay in registers while a tile of up to 64 candidates passes; each candidate's gradient vector is
     * summed over the two before it is added to memory once. A pair's gradient per coordinate is
     * {@code (c / |u|) u} here against {@code c u / |u|} in the scalar kernel, in the coordinates past the last
     * whole vector too (scalar code after the vectors, {@link #moduliGradientTail}).
     */
    @Override
    public void complexModulusGradients(float[] coeff, int cOff, int cStride, float[] q, int rows, float[] ent,
            int[] ids, int from, int to, int rank, float[] dq, float[] ge, int[] geOff) {
        int len = Checks.complexRowLength(rank);
        Checks.pairs(q, rows, ent, ids, from, to, len, coeff, cOff, cStride);
        Checks.range(dq, 0, rows * len);
        Checks.rows(ge, geOff, from, to, len);
        int bound = S.loopBound(rank);
        for (int j0 = from; j0 < to; j0 += 64) {
            int j1 = Math.min(to, j0 + 64);
            for (int k = 0; k < bound; k += L) {
                int a = 0;
                for (; quadGradients && a + 4 <= rows; a += 4) {
                    moduliGradientQuad(coeff, cOff + a * cStride, cStride, q, a * len, ent, ids, j0, j1, rank, k,
                            dq, ge, geOff);
                }
                for (; a + 2 <= rows; a += 2) {
                    moduliGradientPair(coeff, cOff + a * cStride, cStride, q, a * len, ent, ids, j0, j1, rank, k,
                            dq, ge, geOff);
                }
                for (; a < rows; a++) {
                    moduliGradientOne(coeff, cOff + a * cStride, q, a * len, ent, ids, j0, j1, rank, k, dq, ge,
                            geOff);
                }
            }
        }
        for (int a = 0; a < rows && bound < rank; a++) {
            for (int j = from; j < to; j++) {
                float c = coeff[cOff + a * cStride + j];
                if (c == 0f) {
                    continue;
                }
                moduliGradientTail(c, q, a * len, ent, ids[j] * len, rank, bound, dq, ge, geOff[j], quadGradients);
            }
        }
    }

    /**
     * One pair's gradient ({@code c}, query row at {@code qo}, candidate at {@code eo}) over {@code [k0, rank)}. With
     * {@code half} (where the four-query body runs, {@link #quadGradientsByDefault}) and 16 lanes, eight coordinates
     * go first as one 256-bit vector where eight are left (rank 1,000: coordinates 992-999, 4% of a FB15k-237 RotatE
     * step when scalar), in the scalar code's operations and order, so its results bit for bit but for the sign of
     * a zero; the rest scalar. Not on JDK 17: there the vector form left the kernels boxed (179 s for 600 steps and
     * over 2,000 young collections, against 88-92 s; benchmarks/README.md, "An Intel host").
     */
    private static void moduliGradientTail(float c, float[] q, int qo, float[] ent, int eo, int rank, int k0,
            float[] dq, float[] ge, int go, boolean half) {
        int k = k0;
        if (half && HALF != null && rank - k >= 8) {
            int ki = rank + k;
            FloatVector u = FloatVector.fromArray(HALF, q, qo + k).sub(FloatVector.fromArray(HALF, ent, eo + k));
            FloatVector v = FloatVector.fromArray(HALF, q, qo + ki).sub(FloatVector.fromArray(HALF, ent, eo + ki));
            FloatVector d = u.mul(u).add(v.mul(v)).sqrt();
            FloatVector w = FloatVector.broadcast(HALF, c).div(d).blend(0f, d.compare(VectorOperators.EQ, 0f));
            FloatVector gu = w.mul(u);
            FloatVector gv = w.mul(v);
            FloatVector.fromArray(HALF, dq, qo + k).sub(gu).intoArray(dq, qo + k);
            FloatVector.fromArray(HALF, dq, qo + ki).sub(gv).intoArray(dq, qo + ki);
            FloatVector.fromArray(HALF, ge, go + k).add(gu).intoArray(ge, go + k);
            FloatVector.fromArray(HALF, ge, go + ki).add(gv).intoArray(ge, go + ki);
            k += 8;
        }
        for (; k < rank; k++) {
            float u = q[qo + k] - ent[eo + k];
            float v = q[qo + rank + k] - ent[eo + rank + k];
            float d = (float) Math.sqrt(u * u + v * v);
            if (d == 0f) {
                continue;
            }
            float w = c / d;
            float gu = w * u;
            float gv = w * v;
            dq[qo + k] -= gu;
            dq[qo + rank + k] -= gv;
            ge[go + k] += gu;
            ge[go + rank + k] += gv;
        }
    }

    /**
     * Two queries (rows at {@code qo} and {@code qo + 2 rank}) against candidates {@code [j0, j1)}, lanes from
     * {@code k}. Two, not four, before JDK 25: a four-query body ({@link #moduliGradientQuad}) is past what JDK 17's
     * C2 inlines in one compilation, and its vectors then stay boxed, several times slower. Even this body comes
     * near that limit, so it calls no helper of this class: the loads are {@code FloatVector.fromArray} (inlined by
     * annotation, never refused) and {@link #moduliWeight} is written out.
     */
    private static void moduliGradientPair(float[] coeff, int c0, int cStride, float[] q, int qo, float[] ent,
            int[] ids, int j0, int j1, int rank, int k, float[] dq, float[] ge, int[] geOff) {
        int len = 2 * rank;
        int ki = rank + k;
        int o1 = qo + len;
        FloatVector q0r = FloatVector.fromArray(S, q, qo + k);
        FloatVector q0i = FloatVector.fromArray(S, q, qo + ki);
        FloatVector q1r = FloatVector.fromArray(S, q, o1 + k);
        FloatVector q1i = FloatVector.fromArray(S, q, o1 + ki);
        FloatVector zero = FloatVector.zero(S);
        FloatVector d0r = zero;
        FloatVector d0i = zero;
        FloatVector d1r = zero;
        FloatVector d1i = zero;
        int c1 = c0 + cStride;
        for (int j = j0; j < j1; j++) {
            float g0 = coeff[c0 + j];
            float g1 = coeff[c1 + j];
            if (g0 == 0f && g1 == 0f) {
                continue;
            }
            int eo = ids[j] * len;
            FloatVector er = FloatVector.fromArray(S, ent, eo + k);
            FloatVector ei = FloatVector.fromArray(S, ent, eo + ki);
            FloatVector u0 = q0r.sub(er);
            FloatVector v0 = q0i.sub(ei);
            FloatVector m0 = u0.fma(u0, v0.mul(v0)).sqrt();
            FloatVector w0 = FloatVector.broadcast(S, g0).div(m0).blend(zero, m0.compare(VectorOperators.EQ, 0f));
            FloatVector u1 = q1r.sub(er);
            FloatVector v1 = q1i.sub(ei);
            FloatVector m1 = u1.fma(u1, v1.mul(v1)).sqrt();
            FloatVector w1 = FloatVector.broadcast(S, g1).div(m1).blend(zero, m1.compare(VectorOperators.EQ, 0f));
            u0 = w0.mul(u0);
            v0 = w0.mul(v0);
            u1 = w1.mul(u1);
            v1 = w1.mul(v1);
            d0r = d0r.add(u0);
            d0i = d0i.add(v0);
            d1r = d1r.add(u1);
            d1i = d1i.add(v1);
            int go = geOff[j];
            FloatVector.fromArray(S, ge, go + k).add(u0.add(u1)).intoArray(ge, go + k);
            FloatVector.fromArray(S, ge, go + ki).add(v0.add(v1)).intoArray(ge, go + ki);
        }
        FloatVector.fromArray(S, dq, qo + k).sub(d0r).intoArray(dq, qo + k);
        FloatVector.fromArray(S, dq, qo + ki).sub(d0i).intoArray(dq, qo + ki);
        FloatVector.fromArray(S, dq, o1 + k).sub(d1r).intoArray(dq, o1 + k);
        FloatVector.fromArray(S, dq, o1 + ki).sub(d1i).intoArray(dq, o1 + ki);
    }

    /**
     * {@link #moduliGradientPair} for four queries (rows at {@code qo}, {@code qo + 2 rank}, ...): each candidate's
     * vectors and gradient row, loaded and stored once per pass, serve four queries instead of two. Only where C2
     * compiles it whole ({@link #quadGradientsByDefault}).
     */
    private static void moduliGradientQuad(float[] coeff, int c0, int cStride, float[] q, int qo, float[] ent,
            int[] ids, int j0, int j1, int rank, int k, float[] dq, float[] ge, int[] geOff) {
        int len = 2 * rank;
        int ki = rank + k;
        int o1 = qo + len;
        int o2 = o1 + len;
        int o3 = o2 + len;
        FloatVector q0r = FloatVector.fromArray(S, q, qo + k);
        FloatVector q0i = FloatVector.fromArray(S, q, qo + ki);
        FloatVector q1r = FloatVector.fromArray(S, q, o1 + k);
        FloatVector q1i = FloatVector.fromArray(S, q, o1 + ki);
        FloatVector q2r = FloatVector.fromArray(S, q, o2 + k);
        FloatVector q2i = FloatVector.fromArray(S, q, o2 + ki);
        FloatVector q3r = FloatVector.fromArray(S, q, o3 + k);
        FloatVector q3i = FloatVector.fromArray(S, q, o3 + ki);
        FloatVector zero = FloatVector.zero(S);
        FloatVector d0r = zero;
        FloatVector d0i = zero;
        FloatVector d1r = zero;
        FloatVector d1i = zero;
        FloatVector d2r = zero;
        FloatVector d2i = zero;
        FloatVector d3r = zero;
        FloatVector d3i = zero;
        int c1 = c0 + cStride;
        int c2 = c1 + cStride;
        int c3 = c2 + cStride;
        for (int j = j0; j < j1; j++) {
            float g0 = coeff[c0 + j];
            float g1 = coeff[c1 + j];
            float g2 = coeff[c2 + j];
            float g3 = coeff[c3 + j];
            if (g0 == 0f && g1 == 0f && g2 == 0f && g3 == 0f) {
                continue;
            }
            int eo = ids[j] * len;
            FloatVector er = FloatVector.fromArray(S, ent, eo + k);
            FloatVector ei = FloatVector.fromArray(S, ent, eo + ki);
            FloatVector u0 = q0r.sub(er);
            FloatVector v0 = q0i.sub(ei);
            FloatVector m0 = u0.fma(u0, v0.mul(v0)).sqrt();
            FloatVector w0 = FloatVector.broadcast(S, g0).div(m0).blend(zero, m0.compare(VectorOperators.EQ, 0f));
            FloatVector u1 = q1r.sub(er);
            FloatVector v1 = q1i.sub(ei);
            FloatVector m1 = u1.fma(u1, v1.mul(v1)).sqrt();
            FloatVector w1 = FloatVector.broadcast(S, g1).div(m1).blend(zero, m1.compare(VectorOperators.EQ, 0f));
            FloatVector u2 = q2r.sub(er);
            FloatVector v2 = q2i.sub(ei);
            FloatVector m2 = u2.fma(u2, v2.mul(v2)).sqrt();
            FloatVector w2 = FloatVector.broadcast(S, g2).div(m2).blend(zero, m2.compare(VectorOperators.EQ, 0f));
            FloatVector u3 = q3r.sub(er);
            FloatVector v3 = q3i.sub(ei);
            FloatVector m3 = u3.fma(u3, v3.mul(v3)).sqrt();
            FloatVector w3 = FloatVector.broadcast(S, g3).div(m3).blend(zero, m3.compare(VectorOperators.EQ, 0f));
            u0 = w0.mul(u0);
            v0 = w0.mul(v0);
            u1 = w1.mul(u1);
            v1 = w1.mul(v1);
            u2 = w2.mul(u2);
            v2 = w2.mul(v2);
            u3 = w3.mul(u3);
            v3 = w3.mul(v3);
            d0r = d0r.add(u0);
            d0i = d0i.add(v0);
            d1r = d1r.add(u1);
            d1i = d1i.add(v1);
            d2r = d2r.add(u2);
            d2i = d2i.add(v2);
            d3r = d3r.add(u3);
            d3i = d3i.add(v3);
            int go = geOff[j];
            FloatVector.fromArray(S, ge, go + k).add(u0.add(u1).add(u2.add(u3))).intoArray(ge, go + k);
            FloatVector.fromArray(S, ge, go + ki).add(v0.add(v1).add(v2.add(v3))).intoArray(ge, go + ki);
        }
        FloatVector.fromArray(S, dq, qo + k).sub(d0r).intoArray(dq, qo + k);
        FloatVector.fromArray(S, dq, qo + ki).sub(d0i).intoArray(dq, qo + ki);
        FloatVector.fromArray(S, dq, o1 + k).sub(d1r).intoArray(dq, o1 + k);
        FloatVector.fromArray(S, dq, o1 + ki).sub(d1i).intoArray(dq, o1 + ki);
        FloatVector.fromArray(S, dq, o2 + k).sub(d2r).intoArray(dq, o2 + k);
        FloatVector.fromArray(S, dq, o2 + ki).sub(d2i).intoArray(dq, o2 + ki);
        FloatVector.fromArray(S, dq, o3 + k).sub(d3r).intoArray(dq, o3 + k);
        FloatVector.fromArray(S, dq, o3 + ki).sub(d3i).intoArray(dq, o3 + ki);
    }

    /** {@link #moduliGradientPair} for one query. */
    private static void moduliGradientOne(float[] coeff, int c0, float[] q, int qo, float[] ent, int[] ids, int j0,
            int j1, int rank, int k, float[] dq, float[] ge, int[] geOff) {
        int len = 2 * rank;
        int ki = rank + k;
        FloatVector qr = load(q, qo + k);
        FloatVector qi = load(q, qo + ki);
        FloatVector dr = FloatVector.zero(S);
        FloatVector di = FloatVector.zero(S);
        for (int j = j0; j < j1; j++) {
            float g = coeff[c0 + j];
            if (g == 0f) {
                continue;
            }
            int eo = ids[j] * len;
            FloatVector u = qr.sub(load(ent, eo + k));
            FloatVector v = qi.sub(load(ent, eo + ki));
            FloatVector w = moduliWeight(g, u, v);
            u = w.mul(u);
            v = w.mul(v);
            dr = dr.add(u);
            di = di.add(v);
            int go = geOff[j];
            load(ge, go + k).add(u).intoArray(ge, go + k);
            load(ge, go + ki).add(v).intoArray(ge, go + ki);
        }
        load(dq, qo + k).sub(dr).intoArray(dq, qo + k);
        load(dq, qo + ki).sub(di).intoArray(dq, qo + ki);
    }

    /** {@code g / |u + iv|} per lane, and 0 where the modulus is 0 (the subgradient at a zero distance). */
    private static FloatVector moduliWeight(float g, FloatVector u, FloatVector v) {
        FloatVector m = u.fma(u, v.mul(v)).sqrt();
        return FloatVector.broadcast(S, g).div(m).blend(FloatVector.zero(S), m.compare(VectorOperators.EQ, 0f));
    }

    @Override
    public float transE(float[] ent, int h, float[] rel, int r, int t, int dim, boolean l1) {
        Checks.range(ent, h, dim);
        Checks.range(rel, r, dim);
        Checks.range(ent, t, dim);
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int i = 0;
        int bound2 = dim - 2 * L;
        int bound = dim - L;
        float s;
        if (l1) {
            for (; i <= bound2; i += 2 * L) {
                acc0 = acc0.add(load(ent, h + i).add(load(rel, r + i)).sub(load(ent, t + i)).abs());
                acc1 = acc1.add(load(ent, h + i + L).add(load(rel, r + i + L)).sub(load(ent, t + i + L)).abs());
            }
            for (; i <= bound; i += L) {
                acc0 = acc0.add(load(ent, h + i).add(load(rel, r + i)).sub(load(ent, t + i)).abs());
            }
            s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
            for (; i < dim; i++) {
                s += Math.abs(ent[h + i] + rel[r + i] - ent[t + i]);
            }
            return -s;
        }
        for (; i <= bound2; i += 2 * L) {
            FloatVector d0 = load(ent, h + i).add(load(rel, r + i)).sub(load(ent, t + i));
            FloatVector d1 = load(ent, h + i + L).add(load(rel, r + i + L)).sub(load(ent, t + i + L));
            acc0 = d0.fma(d0, acc0);
            acc1 = d1.fma(d1, acc1);
        }
        for (; i <= bound; i += L) {
            FloatVector d = load(ent, h + i).add(load(rel, r + i)).sub(load(ent, t + i));
            acc0 = d.fma(d, acc0);
        }
        s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
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
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int i = 0;
        for (int bound2 = dim - 2 * L; i <= bound2; i += 2 * L) {
            acc0 = load(ent, h + i).mul(load(rel, r + i)).fma(load(ent, t + i), acc0);
            acc1 = load(ent, h + i + L).mul(load(rel, r + i + L)).fma(load(ent, t + i + L), acc1);
        }
        for (int bound = dim - L; i <= bound; i += L) {
            acc0 = load(ent, h + i).mul(load(rel, r + i)).fma(load(ent, t + i), acc0);
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < dim; i++) {
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
        // a(ce + df) + b(cf - de) with h = a + ib, r = c + id, t = e + if; the two halves are independent chains.
        FloatVector accRe = FloatVector.zero(S);
        FloatVector accIm = FloatVector.zero(S);
        int k = 0;
        for (int bound = rank - L; k <= bound; k += L) {
            FloatVector a = load(ent, h + k);
            FloatVector b = load(ent, h + rank + k);
            FloatVector c = load(rel, r + k);
            FloatVector d = load(rel, r + rank + k);
            FloatVector e = load(ent, t + k);
            FloatVector f = load(ent, t + rank + k);
            accRe = a.fma(c.fma(e, d.mul(f)), accRe);
            accIm = b.fma(c.fma(f, d.mul(e).neg()), accIm);
        }
        float s = accRe.add(accIm).reduceLanes(VectorOperators.ADD);
        for (; k < rank; k++) {
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
        FloatVector acc = FloatVector.zero(S);
        int k = 0;
        for (int bound = rank - L; k <= bound; k += L) {
            FloatVector theta = load(phase, r + k);
            FloatVector cos = theta.lanewise(VectorOperators.COS);
            FloatVector sin = theta.lanewise(VectorOperators.SIN);
            FloatVector a = load(ent, h + k);
            FloatVector b = load(ent, h + rank + k);
            FloatVector dr = a.fma(cos, b.mul(sin).neg()).sub(load(ent, t + k));
            FloatVector di = a.fma(sin, b.mul(cos)).sub(load(ent, t + rank + k));
            acc = acc.add(dr.fma(dr, di.mul(di)).sqrt());
        }
        float s = acc.reduceLanes(VectorOperators.ADD);
        for (; k < rank; k++) {
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

    /**
     * Register-blocked over panels of {@code 3L} candidates ({@link #dotBlockWidth()}): a tile of 4 query rows by the
     * panel's 3 vectors is accumulated in 12 vector registers over the whole dimension (4 broadcasts and 3 contiguous
     * loads per 12 fused multiply-adds; with 16 lanes, tiles of 8 rows first, see {@link #eightRowTiles}); panels
     * outside, row tiles inside, so a panel ({@code dim x 3L} floats, contiguous) stays in L1 while the block's
     * queries pass. The last, partial panel is zero-padded by {@link Kernels#packColumns}, so it runs the same tiles
     * (or, when it holds at most {@code L} candidates, those of {@link #oneVectorPanel}) into a scratch block one
     * panel wide, whose valid columns are then copied out: each lane is the same fused sum in the order of the
     * dimension, so the result is still bit-identical to the scalar kernel. (It used to run the scalar sums, one
     * dependent chain of {@code dim} fused multiply-adds per entry: with 256 negatives and dimension 400 in training,
     * the 16-column remainders took half of the kernel's time.) Any other width runs the scalar sums. No masks and no
     * helper taking vectors: either would keep C2 from keeping the accumulators in registers (a masked-store helper
     * made this kernel 5x slower).
     */
    @Override
    public void dotBlock(float[] q, int qOff, int rows, int dim, float[] packed, int width, int cols, float[] out,
            int outOff, int outStride) {
        Checks.block(q, qOff, rows, dim, packed, width, cols, out, outOff, outStride);
        if (width != 3 * L) {
            ScalarKernels.dotBlockScalar(q, qOff, 0, rows, dim, packed, width, 0, cols, out, outOff, outStride);
            return;
        }
        int whole = cols / width;
        panels(q, qOff, rows, dim, packed, 0, whole, out, outOff, outStride);
        int rest = cols - whole * width;
        if (rest > 0 && rows > 0) {
            float[] tile = new float[rows * width];
            if (rest <= L) {
                oneVectorPanel(q, qOff, rows, dim, packed, whole * dim * width, tile);
            } else {
                panels(q, qOff, rows, dim, packed, whole, whole + 1, tile, 0, width);
            }
            for (int i = 0; i < rows; i++) {
                System.arraycopy(tile, i * width, out, outOff + i * outStride + whole * width, rest);
            }
        }
    }

    /**
     * The last panel of {@link #dotBlock} when it holds at most {@code L} candidates: only its first vector of
     * columns, in tiles of eight rows (8 accumulators, the panel vector and a broadcast: 10 registers, so AVX2 too),
     * into {@code tile} (a panel wide, row by row). The full panel would compute three vectors to keep one: with
     * dimension 400 as the candidate count of training's gradient products (8 panels of 48 and 16 columns left), a
     * ninth of each product's work. Each lane is the same fused sum in the order of the dimension as in
     * {@link #panels}.
     */
    private static void oneVectorPanel(float[] q, int qOff, int rows, int dim, float[] packed, int panel,
            float[] tile) {
        int width = 3 * L;
        int i = 0;
        for (; i + 8 <= rows; i += 8) {
            int q0 = qOff + i * dim;
            int q1 = q0 + dim;
            int q2 = q1 + dim;
            int q3 = q2 + dim;
            int q4 = q3 + dim;
            int q5 = q4 + dim;
            int q6 = q5 + dim;
            int q7 = q6 + dim;
            FloatVector a0 = FloatVector.zero(S);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int p = 0, c = panel; p < dim; p++, c += width) {
                FloatVector b = FloatVector.fromArray(S, packed, c);
                a0 = FloatVector.broadcast(S, q[q0 + p]).fma(b, a0);
                a1 = FloatVector.broadcast(S, q[q1 + p]).fma(b, a1);
                a2 = FloatVector.broadcast(S, q[q2 + p]).fma(b, a2);
                a3 = FloatVector.broadcast(S, q[q3 + p]).fma(b, a3);
                a4 = FloatVector.broadcast(S, q[q4 + p]).fma(b, a4);
                a5 = FloatVector.broadcast(S, q[q5 + p]).fma(b, a5);
                a6 = FloatVector.broadcast(S, q[q6 + p]).fma(b, a6);
                a7 = FloatVector.broadcast(S, q[q7 + p]).fma(b, a7);
            }
            int o = i * width;
            a0.intoArray(tile, o);
            a1.intoArray(tile, o + width);
            a2.intoArray(tile, o + 2 * width);
            a3.intoArray(tile, o + 3 * width);
            a4.intoArray(tile, o + 4 * width);
            a5.intoArray(tile, o + 5 * width);
            a6.intoArray(tile, o + 6 * width);
            a7.intoArray(tile, o + 7 * width);
        }
        for (; i < rows; i++) {
            int qi = qOff + i * dim;
            FloatVector a = FloatVector.zero(S);
            for (int p = 0, c = panel; p < dim; p++, c += width) {
                a = FloatVector.broadcast(S, q[qi + p]).fma(FloatVector.fromArray(S, packed, c), a);
            }
            a.intoArray(tile, i * width);
        }
    }

    /**
     * Whole panels {@code [fromPanel, toPanel)} of {@link #dotBlock} (width {@code 3L}), panel {@code k}'s products
     * going to columns {@code [(k - fromPanel) * 3L, ...)} of {@code out} row by row. One loop with no branch on which
     * panel it is: a branch taken only for the last panel made C2 deoptimise mid-call (an unstable {@code if}), and
     * the interpreter then ran the Vector API's slow fallback for the rest of the call.
     */
    private static void panels(float[] q, int qOff, int rows, int dim, float[] packed, int fromPanel, int toPanel,
            float[] out, int outOff, int outStride) {
        int width = 3 * L;
        int step = dim * width;
        for (int k = fromPanel, j = 0, panel = fromPanel * step; k < toPanel; k++, j += width, panel += step) {
            int i = EIGHT_ROW_TILES ? eightRowTiles(q, qOff, rows, dim, packed, panel, out, outOff + j, outStride) : 0;
            for (; i + 4 <= rows; i += 4) {
                int q0 = qOff + i * dim;
                int q1 = q0 + dim;
                int q2 = q1 + dim;
                int q3 = q2 + dim;
                FloatVector a00 = FloatVector.zero(S);
                FloatVector a01 = FloatVector.zero(S);
                FloatVector a02 = FloatVector.zero(S);
                FloatVector a10 = FloatVector.zero(S);
                FloatVector a11 = FloatVector.zero(S);
                FloatVector a12 = FloatVector.zero(S);
                FloatVector a20 = FloatVector.zero(S);
                FloatVector a21 = FloatVector.zero(S);
                FloatVector a22 = FloatVector.zero(S);
                FloatVector a30 = FloatVector.zero(S);
                FloatVector a31 = FloatVector.zero(S);
                FloatVector a32 = FloatVector.zero(S);
                for (int p = 0, c = panel; p < dim; p++, c += width) {
                    FloatVector b0 = load(packed, c);
                    FloatVector b1 = load(packed, c + L);
                    FloatVector b2 = load(packed, c + 2 * L);
                    FloatVector x = FloatVector.broadcast(S, q[q0 + p]);
                    a00 = x.fma(b0, a00);
                    a01 = x.fma(b1, a01);
                    a02 = x.fma(b2, a02);
                    x = FloatVector.broadcast(S, q[q1 + p]);
                    a10 = x.fma(b0, a10);
                    a11 = x.fma(b1, a11);
                    a12 = x.fma(b2, a12);
                    x = FloatVector.broadcast(S, q[q2 + p]);
                    a20 = x.fma(b0, a20);
                    a21 = x.fma(b1, a21);
                    a22 = x.fma(b2, a22);
                    x = FloatVector.broadcast(S, q[q3 + p]);
                    a30 = x.fma(b0, a30);
                    a31 = x.fma(b1, a31);
                    a32 = x.fma(b2, a32);
                }
                int o = outOff + i * outStride + j;
                a00.intoArray(out, o);
                a01.intoArray(out, o + L);
                a02.intoArray(out, o + 2 * L);
                o += outStride;
                a10.intoArray(out, o);
                a11.intoArray(out, o + L);
                a12.intoArray(out, o + 2 * L);
                o += outStride;
                a20.intoArray(out, o);
                a21.intoArray(out, o + L);
                a22.intoArray(out, o + 2 * L);
                o += outStride;
                a30.intoArray(out, o);
                a31.intoArray(out, o + L);
                a32.intoArray(out, o + 2 * L);
            }
            for (; i < rows; i++) {
                int qi = qOff + i * dim;
                FloatVector a0 = FloatVector.zero(S);
                FloatVector a1 = FloatVector.zero(S);
                FloatVector a2 = FloatVector.zero(S);
                for (int p = 0, c = panel; p < dim; p++, c += width) {
                    FloatVector x = FloatVector.broadcast(S, q[qi + p]);
                    a0 = x.fma(load(packed, c), a0);
                    a1 = x.fma(load(packed, c + L), a1);
                    a2 = x.fma(load(packed, c + 2 * L), a2);
                }
                int o = outOff + i * outStride + j;
                a0.intoArray(out, o);
                a1.intoArray(out, o + L);
                a2.intoArray(out, o + 2 * L);
            }
        }
    }

    /**
     * The tiles of eight query rows of one panel of {@link #panels}, for rows {@code [0, rows - rows % 8)}; returns
     * the first row it left. 24 accumulators, the panel's 3 vectors and a broadcast take 28 of AVX-512's 32 vector
     * registers, and each panel load now feeds eight rows instead of four. On the Zen 5 host of 2026-12-02 this took
     * the products of chunked training from about 157 to 190 GFLOP/s on one thread (the four-row tile is
     * load-bound there: 7 loads per 12 fused multiply-adds); with AVX2's 16 registers the accumulators would spill,
     * so {@link #EIGHT_ROW_TILES} holds only for 16 lanes. Each entry is still one fused sum in the order of the
     * dimension, bit-identical to the scalar kernel. Vectors are loaded with {@code fromArray} directly, not through
     * a helper, so that no call survives C2's node-count cutoff in this long loop.
     */
    private static int eightRowTiles(float[] q, int qOff, int rows, int dim, float[] packed, int panel, float[] out,
            int outOff, int outStride) {
        int width = 3 * L;
        int i = 0;
        for (; i + 8 <= rows; i += 8) {
            int q0 = qOff + i * dim;
            int q1 = q0 + dim;
            int q2 = q1 + dim;
            int q3 = q2 + dim;
            int q4 = q3 + dim;
            int q5 = q4 + dim;
            int q6 = q5 + dim;
            int q7 = q6 + dim;
            FloatVector a00 = FloatVector.zero(S);
            FloatVector a01 = a00;
            FloatVector a02 = a00;
            FloatVector a10 = a00;
            FloatVector a11 = a00;
            FloatVector a12 = a00;
            FloatVector a20 = a00;
            FloatVector a21 = a00;
            FloatVector a22 = a00;
            FloatVector a30 = a00;
            FloatVector a31 = a00;
            FloatVector a32 = a00;
            FloatVector a40 = a00;
            FloatVector a41 = a00;
            FloatVector a42 = a00;
            FloatVector a50 = a00;
            FloatVector a51 = a00;
            FloatVector a52 = a00;
            FloatVector a60 = a00;
            FloatVector a61 = a00;
            FloatVector a62 = a00;
            FloatVector a70 = a00;
            FloatVector a71 = a00;
            FloatVector a72 = a00;
            for (int p = 0, c = panel; p < dim; p++, c += width) {
                FloatVector b0 = FloatVector.fromArray(S, packed, c);
                FloatVector b1 = FloatVector.fromArray(S, packed, c + L);
                FloatVector b2 = FloatVector.fromArray(S, packed, c + 2 * L);
                FloatVector x = FloatVector.broadcast(S, q[q0 + p]);
                a00 = x.fma(b0, a00);
                a01 = x.fma(b1, a01);
                a02 = x.fma(b2, a02);
                x = FloatVector.broadcast(S, q[q1 + p]);
                a10 = x.fma(b0, a10);
                a11 = x.fma(b1, a11);
                a12 = x.fma(b2, a12);
                x = FloatVector.broadcast(S, q[q2 + p]);
                a20 = x.fma(b0, a20);
                a21 = x.fma(b1, a21);
                a22 = x.fma(b2, a22);
                x = FloatVector.broadcast(S, q[q3 + p]);
                a30 = x.fma(b0, a30);
                a31 = x.fma(b1, a31);
                a32 = x.fma(b2, a32);
                x = FloatVector.broadcast(S, q[q4 + p]);
                a40 = x.fma(b0, a40);
                a41 = x.fma(b1, a41);
                a42 = x.fma(b2, a42);
                x = FloatVector.broadcast(S, q[q5 + p]);
                a50 = x.fma(b0, a50);
                a51 = x.fma(b1, a51);
                a52 = x.fma(b2, a52);
                x = FloatVector.broadcast(S, q[q6 + p]);
                a60 = x.fma(b0, a60);
                a61 = x.fma(b1, a61);
                a62 = x.fma(b2, a62);
                x = FloatVector.broadcast(S, q[q7 + p]);
                a70 = x.fma(b0, a70);
                a71 = x.fma(b1, a71);
                a72 = x.fma(b2, a72);
            }
            int o = outOff + i * outStride;
            a00.intoArray(out, o);
            a01.intoArray(out, o + L);
            a02.intoArray(out, o + 2 * L);
            o += outStride;
            a10.intoArray(out, o);
            a11.intoArray(out, o + L);
            a12.intoArray(out, o + 2 * L);
            o += outStride;
            a20.intoArray(out, o);
            a21.intoArray(out, o + L);
            a22.intoArray(out, o + 2 * L);
            o += outStride;
            a30.intoArray(out, o);
            a31.intoArray(out, o + L);
            a32.intoArray(out, o + 2 * L);
            o += outStride;
            a40.intoArray(out, o);
            a41.intoArray(out, o + L);
            a42.intoArray(out, o + 2 * L);
            o += outStride;
            a50.intoArray(out, o);
            a51.intoArray(out, o + L);
            a52.intoArray(out, o + 2 * L);
            o += outStride;
            a60.intoArray(out, o);
            a61.intoArray(out, o + L);
            a62.intoArray(out, o + 2 * L);
            o += outStride;
            a70.intoArray(out, o);
            a71.intoArray(out, o + L);
            a72.intoArray(out, o + 2 * L);
        }
        return i;
    }

    @Override
    public void countGreaterEqual(float[] a, int off, int n, float s, int[] counts) {
        Checks.range(a, off, n);
        int greater = 0;
        int equal = 0;
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) {
            FloatVector v = load(a, off + i);
            greater += v.compare(VectorOperators.GT, s).trueCount();
            equal += v.compare(VectorOperators.EQ, s).trueCount();
        }
        counts[0] = greater;
        counts[1] = equal;
        ScalarKernels.addCounts(a, off + i, off + n, s, counts);
    }

    @Override
    public int dotBlockWidth() {
        return 3 * L;
    }

    @Override
    public void dotAll(float[] query, float[] ent, int count, int dim, float[] out) {
        Checks.all(query, ent, count, dim, out);
        // the embeddings module's row kernel is this computation (four rows per pass, one reduction each)
        ROW_DOTS.dotRows(query, ent, dim, 0, count, out);
    }

    @Override
    public void l1DistanceAll(float[] query, float[] ent, int count, int dim, float[] out) {
        Checks.all(query, ent, count, dim, out);
        int bound = S.loopBound(dim);
        int e = 0;
        for (; e <= count - ROWS; e += ROWS) {
            int o0 = e * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            for (int i = 0; i < bound; i += L) {
                FloatVector q = load(query, i);
                s0 = s0.add(q.sub(load(ent, o0 + i)).abs());
                s1 = s1.add(q.sub(load(ent, o1 + i)).abs());
                s2 = s2.add(q.sub(load(ent, o2 + i)).abs());
                s3 = s3.add(q.sub(load(ent, o3 + i)).abs());
            }
            float d0 = s0.reduceLanes(VectorOperators.ADD);
            float d1 = s1.reduceLanes(VectorOperators.ADD);
            float d2 = s2.reduceLanes(VectorOperators.ADD);
            float d3 = s3.reduceLanes(VectorOperators.ADD);
            for (int i = bound; i < dim; i++) {
                float q = query[i];
                d0 += Math.abs(q - ent[o0 + i]);
                d1 += Math.abs(q - ent[o1 + i]);
                d2 += Math.abs(q - ent[o2 + i]);
                d3 += Math.abs(q - ent[o3 + i]);
            }
            out[e] = d0;
            out[e + 1] = d1;
            out[e + 2] = d2;
            out[e + 3] = d3;
        }
        for (; e < count; e++) {
            int o = e * dim;
            FloatVector s = FloatVector.zero(S);
            for (int i = 0; i < bound; i += L) {
                s = s.add(load(query, i).sub(load(ent, o + i)).abs());
            }
            float d = s.reduceLanes(VectorOperators.ADD);
            for (int i = bound; i < dim; i++) {
                d += Math.abs(query[i] - ent[o + i]);
            }
            out[e] = d;
        }
    }

    @Override
    public void l2DistanceAll(float[] query, float[] ent, int count, int dim, float[] out) {
        Checks.all(query, ent, count, dim, out);
        int bound = S.loopBound(dim);
        int e = 0;
        for (; e <= count - ROWS; e += ROWS) {
            int o0 = e * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            for (int i = 0; i < bound; i += L) {
                FloatVector q = load(query, i);
                FloatVector d0 = q.sub(load(ent, o0 + i));
                FloatVector d1 = q.sub(load(ent, o1 + i));
                FloatVector d2 = q.sub(load(ent, o2 + i));
                FloatVector d3 = q.sub(load(ent, o3 + i));
                s0 = d0.fma(d0, s0);
                s1 = d1.fma(d1, s1);
                s2 = d2.fma(d2, s2);
                s3 = d3.fma(d3, s3);
            }
            float d0 = s0.reduceLanes(VectorOperators.ADD);
            float d1 = s1.reduceLanes(VectorOperators.ADD);
            float d2 = s2.reduceLanes(VectorOperators.ADD);
            float d3 = s3.reduceLanes(VectorOperators.ADD);
            for (int i = bound; i < dim; i++) {
                float q = query[i];
                float x0 = q - ent[o0 + i];
                float x1 = q - ent[o1 + i];
                float x2 = q - ent[o2 + i];
                float x3 = q - ent[o3 + i];
                d0 += x0 * x0;
                d1 += x1 * x1;
                d2 += x2 * x2;
                d3 += x3 * x3;
            }
            out[e] = (float) Math.sqrt(d0);
            out[e + 1] = (float) Math.sqrt(d1);
            out[e + 2] = (float) Math.sqrt(d2);
            out[e + 3] = (float) Math.sqrt(d3);
        }
        for (; e < count; e++) {
            int o = e * dim;
            FloatVector s = FloatVector.zero(S);
            for (int i = 0; i < bound; i += L) {
                FloatVector x = load(query, i).sub(load(ent, o + i));
                s = x.fma(x, s);
            }
            float d = s.reduceLanes(VectorOperators.ADD);
            for (int i = bound; i < dim; i++) {
                float x = query[i] - ent[o + i];
                d += x * x;
            }
            out[e] = (float) Math.sqrt(d);
        }
    }

    @Override
    public void complexModulusDistanceAll(float[] query, float[] ent, int count, int rank, float[] out) {
        int len = Checks.complexRowLength(rank);
        Checks.all(query, ent, count, len, out);
        int bound = S.loopBound(rank);
        int e = 0;
        for (; e <= count - ROWS; e += ROWS) {
            int o0 = e * len;
            int o1 = o0 + len;
            int o2 = o1 + len;
            int o3 = o2 + len;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            for (int k = 0; k < bound; k += L) {
                FloatVector qr = load(query, k);
                FloatVector qi = load(query, rank + k);
                s0 = s0.add(modulus(qr, qi, load(ent, o0 + k), load(ent, o0 + rank + k)));
                s1 = s1.add(modulus(qr, qi, load(ent, o1 + k), load(ent, o1 + rank + k)));
                s2 = s2.add(modulus(qr, qi, load(ent, o2 + k), load(ent, o2 + rank + k)));
                s3 = s3.add(modulus(qr, qi, load(ent, o3 + k), load(ent, o3 + rank + k)));
            }
            float d0 = s0.reduceLanes(VectorOperators.ADD);
            float d1 = s1.reduceLanes(VectorOperators.ADD);
            float d2 = s2.reduceLanes(VectorOperators.ADD);
            float d3 = s3.reduceLanes(VectorOperators.ADD);
            for (int k = bound; k < rank; k++) {
                d0 += modulusAt(query, 0, rank, k, ent, o0);
                d1 += modulusAt(query, 0, rank, k, ent, o1);
                d2 += modulusAt(query, 0, rank, k, ent, o2);
                d3 += modulusAt(query, 0, rank, k, ent, o3);
            }
            out[e] = d0;
            out[e + 1] = d1;
            out[e + 2] = d2;
            out[e + 3] = d3;
        }
        for (; e < count; e++) {
            int o = e * len;
            FloatVector s = FloatVector.zero(S);
            for (int k = 0; k < bound; k += L) {
                s = s.add(modulus(load(query, k), load(query, rank + k), load(ent, o + k), load(ent, o + rank + k)));
            }
            float d = s.reduceLanes(VectorOperators.ADD);
            for (int k = bound; k < rank; k++) {
                d += modulusAt(query, 0, rank, k, ent, o);
            }
            out[e] = d;
        }
    }

    /** Lanewise {@code |q - e|} of complex numbers given as real and imaginary parts. */
    private static FloatVector modulus(FloatVector qr, FloatVector qi, FloatVector er, FloatVector ei) {
        FloatVector dr = qr.sub(er);
        FloatVector di = qi.sub(ei);
        return dr.fma(dr, di.mul(di)).sqrt();
    }

    /** {@code |q_k - e_k|} for the complex rows {@code q} (at {@code qo}) and {@code e} (at {@code o}). */
    private static float modulusAt(float[] q, int qo, int rank, int k, float[] ent, int o) {
        float dr = q[qo + k] - ent[o + k];
        float di = q[qo + rank + k] - ent[o + rank + k];
        return (float) Math.sqrt(dr * dr + di * di);
    }
}
