package org.rhizome.gnn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * RotatE's training kernels (the complex-modulus distance of a query to a candidate and its gradient, pair by pair
 * and in blocks of queries by candidates): both implementations against the formulas computed here in double, for
 * ranks that give every tail length of 8- and 16-lane vectors. Arrays are padded with NaN outside the ranges a kernel
 * may read, and the ranges it may not write are checked untouched.
 */
class ComplexModulusKernelTest {
    private static final int[] RANKS = {1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 37, 64, 100};
    private static final double REL = 1e-4;
    /** The scalar kernels and the Vector API ones with RotatE's block gradients two and four queries a pass. */
    private static final Kernels[] BOTH = {Kernels.scalar(), new PanamaKernels(false), new PanamaKernels(true)};
    private final Random rnd = new Random(7_2026_12_02L);

    private static String label(Kernels k) {
        return k == BOTH[2] ? k.name() + " (four queries a pass)" : k.name();
    }

    private float[] gaussian(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) rnd.nextGaussian();
        }
        return v;
    }

    /** {@code pad} NaNs, {@code n} gaussians, {@code tail} NaNs. */
    private float[] padded(int pad, int n, int tail) {
        float[] v = new float[pad + n + tail];
        Arrays.fill(v, Float.NaN);
        System.arraycopy(gaussian(n), 0, v, pad, n);
        return v;
    }

    private static void close(String what, double actual, double expected, double scale) {
        if (!(Math.abs(actual - expected) <= REL * scale + 1e-12)) {
            fail(what + ": got " + actual + ", expected " + expected + " (scale " + scale + ")");
        }
    }

    @Test
    void distanceOfOnePairIsTheSumOfModuli() {
        for (Kernels k : BOTH) {
            for (int rank : RANKS) {
                float[] q = padded(3, 2 * rank, 5);
                float[] e = padded(11, 2 * rank, 2);
                double[] ref = KernelReference.complexModulus(q, 3, e, 11, rank);
                close(k.name() + " rank " + rank, k.complexModulusDistance(q, 3, e, 11, rank), ref[0], ref[1]);
            }
        }
    }

    @Test
    void gradientOfOnePairMovesAlongTheDifferenceOverItsModulus() {
        for (Kernels k : BOTH) {
            for (int rank : RANKS) {
                float alpha = (float) rnd.nextGaussian();
                float[] q = gaussian(2 * rank);
                float[] e = padded(5, 2 * rank, 3);
                e[5] = q[0]; // coordinate 0 at a zero distance: no gradient there
                e[5 + rank] = q[rank];
                float[] dq0 = gaussian(2 * rank);
                float[] ge0 = padded(9, 2 * rank, 4);
                float[] dq = dq0.clone();
                float[] ge = ge0.clone();
                k.complexModulusGradient(alpha, q, e, 5, dq, ge, 9, rank);
                for (int c = 0; c < rank; c++) {
                    double u = (double) q[c] - e[5 + c];
                    double v = (double) q[rank + c] - e[5 + rank + c];
                    double d = Math.hypot(u, v);
                    double gu = d == 0 ? 0 : alpha * u / d;
                    double gv = d == 0 ? 0 : alpha * v / d;
                    String at = k.name() + " rank " + rank + " coordinate " + c;
                    close(at + " dq.re", dq[c], dq0[c] - gu, 1 + Math.abs(alpha));
                    close(at + " dq.im", dq[rank + c], dq0[rank + c] - gv, 1 + Math.abs(alpha));
                    close(at + " ge.re", ge[9 + c], ge0[9 + c] + gu, 1 + Math.abs(alpha));
                    close(at + " ge.im", ge[9 + rank + c], ge0[9 + rank + c] + gv, 1 + Math.abs(alpha));
                }
                assertThat(dq[0]).isEqualTo(dq0[0]);
                assertThat(ge[9]).isEqualTo(ge0[9]);
                assertThat(Arrays.copyOfRange(ge, 0, 9)).containsOnly(Float.NaN);
                assertThat(Arrays.copyOfRange(ge, 9 + 2 * rank, ge.length)).containsOnly(Float.NaN);
            }
        }
    }

    /**
     * Blocks of 1..9 queries (the four-query tiles and the rest) against candidates {@code ids[from..to)} with a
     * repeated id (two columns summing into one gradient row): scores and gradients equal the formulas pair by pair,
     * entries outside the block stay untouched, zero coefficients add nothing, and a coordinate where query and
     * candidate meet (zero modulus) adds nothing either.
     */
    @Test
    void blocksEqualThePairsTheyAreMadeOf() {
        int entities = 23;
        for (Kernels k : BOTH) {
            for (int rank : RANKS) {
                for (int rows = 1; rows <= 9; rows++) {
                    int len = 2 * rank;
                    float[] ent = gaussian(entities * len);
                    float[] q = gaussian(rows * len);
                    int[] ids = {4, 17, 0, 22, 17, 9, 13};
                    q[0] = ent[ids[3] * len]; // row 0 meets ids[3] at coordinate 0: a zero modulus, no gradient
                    q[rank] = ent[ids[3] * len + rank];
                    int from = 1;
                    int to = 6;
                    int stride = 8;
                    float shift = 3.5f;
                    float[] out = new float[2 + rows * stride];
                    Arrays.fill(out, -99f);
                    k.complexModulusScores(q, rows, ent, ids, from, to, rank, shift, out, 2, stride);
                    float[] coeff = gaussian(1 + rows * stride);
                    coeff[1 + 2] = 0f; // row 0's pair with ids[2]: nothing
                    for (int a = 0; a < rows; a++) {
                        coeff[1 + a * stride + 5] = 0f; // no row's pair with ids[5]: its gradient row untouched
                    }
                    // gradient rows: one per distinct id, at offsets 0, len, 2 len, ...; ids[1] and ids[4] share one
                    int[] geOff = {-1, 0, len, 2 * len, 0, 3 * len, -1};
                    float[] ge0 = gaussian(4 * len);
                    float[] dq0 = gaussian(rows * len);
                    float[] ge = ge0.clone();
                    float[] dq = dq0.clone();
                    k.complexModulusGradients(coeff, 1, stride, q, rows, ent, ids, from, to, rank, dq, ge, geOff);
                    double[] dqRef = new double[rows * len];
                    double[] geRef = new double[4 * len];
                    for (int a = 0; a < rows; a++) {
                        for (int j = 0; j < stride; j++) {
                            int o = 2 + a * stride + j;
                            if (j < from || j >= to) {
                                assertThat(out[o]).isEqualTo(-99f);
                                continue;
                            }
                            double[] ref = KernelReference.complexModulus(q, a * len, ent, ids[j] * len, rank);
                            close(label(k) + " score " + a + "," + j + " rank " + rank, out[o], shift - ref[0],
                                    ref[1] + shift);
                            double c = coeff[1 + a * stride + j];
                            for (int x = 0; x < rank; x++) {
                                double u = (double) q[a * len + x] - ent[ids[j] * len + x];
                                double v = (double) q[a * len + rank + x] - ent[ids[j] * len + rank + x];
                                double d = Math.hypot(u, v);
                                if (d == 0) {
                                    continue;
                                }
                                dqRef[a * len + x] -= c * u / d;
                                dqRef[a * len + rank + x] -= c * v / d;
                                geRef[geOff[j] + x] += c * u / d;
                                geRef[geOff[j] + rank + x] += c * v / d;
                            }
                        }
                    }
                    for (int i = 0; i < dq.length; i++) {
                        close(label(k) + " dq[" + i + "] rank " + rank + " rows " + rows, dq[i], dq0[i] + dqRef[i],
                                to - from);
                    }
                    for (int i = 0; i < ge.length; i++) {
                        close(label(k) + " ge[" + i + "] rank " + rank + " rows " + rows, ge[i], ge0[i] + geRef[i],
                                rows * 2.0);
                    }
                    assertThat(Arrays.copyOfRange(ge, 3 * len, 4 * len)).as(label(k) + " ids[5]'s row, rank " + rank)
                            .containsExactly(Arrays.copyOfRange(ge0, 3 * len, 4 * len));
                }
            }
        }
    }

    @Test
    void blocksRefuseRangesOutsideTheirArrays() {
        for (Kernels k : BOTH) {
            float[] ent = gaussian(3 * 8);
            float[] q = gaussian(2 * 8);
            float[] out = new float[16];
            assertThatThrownBy(() -> k.complexModulusScores(q, 2, ent, new int[] {0, 3}, 0, 2, 4, 0f, out, 0, 8))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> k.complexModulusScores(q, 2, ent, new int[] {0, 1}, 0, 2, 4, 0f, out, 0, 1))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stride");
            assertThatThrownBy(() -> k.complexModulusScores(q, 3, ent, new int[] {0, 1}, 0, 2, 4, 0f, out, 0, 2))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> k.complexModulusGradients(out, 0, 8, q, 2, ent, new int[] {0, 1}, 0, 2, 4,
                    new float[16], new float[8], new int[] {0, 4})).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
