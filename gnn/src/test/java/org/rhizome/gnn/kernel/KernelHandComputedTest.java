package org.rhizome.gnn.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Small cases computed by hand, run on both implementations; and the argument checks. */
class KernelHandComputedTest {
    private static final float EPS = 1e-5f;

    static List<Kernels> implementations() {
        return List.of(Kernels.scalar(), new PanamaKernels());
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void reductionsOfSmallVectors(Kernels k) {
        float[] a = {9f, 1f, 2f, 3f};
        float[] b = {4f, -1f, 0.5f};
        // a[1..4) . b = 1*4 + 2*(-1) + 3*0.5
        assertThat(k.dot(a, 1, b, 0, 3)).isCloseTo(3.5f, within(EPS));
        // |1-4| + |2+1| + |3-0.5|
        assertThat(k.l1Distance(a, 1, b, 0, 3)).isCloseTo(8.5f, within(EPS));
        // 9 + 9 + 6.25
        assertThat(k.l2DistanceSquared(a, 1, b, 0, 3)).isCloseTo(24.25f, within(EPS));
        assertThat(k.dot(a, 0, b, 0, 0)).isZero();
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void cosineOfZeroVectorIsZeroAndOfParallelVectorsIsOne(Kernels k) {
        float[] zero = new float[20];
        float[] v = new float[20];
        for (int i = 0; i < v.length; i++) {
            v[i] = i - 7.5f;
        }
        float[] w = new float[20];
        for (int i = 0; i < w.length; i++) {
            w[i] = -3f * v[i];
        }
        assertThat(k.cosine(zero, 0, v, 0, 20)).isZero();
        assertThat(k.cosine(v, 0, zero, 0, 20)).isZero();
        assertThat(k.cosine(zero, 0, zero, 0, 20)).isZero();
        assertThat(k.cosine(v, 0, v, 0, 0)).isZero();
        assertThat(k.cosine(v, 0, v, 0, 20)).isCloseTo(1f, within(EPS));
        assertThat(k.cosine(v, 0, w, 0, 20)).isCloseTo(-1f, within(EPS));
        // (1,0) and (1,1): 1 / sqrt(2)
        assertThat(k.cosine(new float[] {1f, 0f}, 0, new float[] {1f, 1f}, 0, 2))
                .isCloseTo((float) (1 / Math.sqrt(2)), within(EPS));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void axpyAddsAScaledVector(Kernels k) {
        float[] x = {1f, 2f, 3f};
        float[] y = {10f, 20f, 30f, 40f};
        k.axpy(2f, x, 0, y, 1, 3);
        assertThat(y).containsExactly(10f, 22f, 34f, 46f);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void l1GradientIsTheSignScaled(Kernels k) {
        // q - e = (1, 0, -2): g = 0.5 * (1, 0, -1); dq -= g, ge (from offset 1) += g
        float[] q = {3f, 1f, 0f};
        float[] e = {2f, 1f, 2f};
        float[] dq = {0f, 0f, 0f};
        float[] ge = {9f, 1f, 1f, 1f};
        k.l1Gradient(0.5f, q, e, 0, dq, ge, 1, 3);
        assertThat(dq).containsExactly(-0.5f, 0f, 0.5f);
        assertThat(ge).containsExactly(9f, 1.5f, 1f, 0.5f);
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void transEOfThreeDimensionalVectors(Kernels k) {
        // entity rows: h = (1, 2, 3), t = (2, 0, 1); relation w = (0.5, -1, 2); h + w - t = (-0.5, 1, 4)
        float[] ent = {1f, 2f, 3f, 2f, 0f, 1f};
        float[] rel = {0f, 0f, 0f, 0.5f, -1f, 2f};
        assertThat(k.transE(ent, 0, rel, 3, 3, 3, true)).isCloseTo(-5.5f, within(EPS));
        assertThat(k.transE(ent, 0, rel, 3, 3, 3, false)).isCloseTo((float) -Math.sqrt(17.25), within(EPS));
        // h + w - h = w
        assertThat(k.transE(ent, 0, rel, 3, 0, 3, true)).isCloseTo(-3.5f, within(EPS));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void distMultIsATripleProduct(Kernels k) {
        float[] ent = {1f, 2f, 3f, 3f, 4f, 5f};
        float[] rel = {2f, 0.5f, -1f};
        // 1*2*3 + 2*0.5*4 + 3*(-1)*5 = 6 + 4 - 15
        assertThat(k.distMult(ent, 0, rel, 0, 3, 3)).isCloseTo(-5f, within(EPS));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void complExOfRankOne(Kernels k) {
        // h = 1 + 2i, r = 3 + 4i, t = 5 + 6i: h r = -5 + 10i; (-5 + 10i)(5 - 6i) = -25 + 60 + i(...) -> 35
        float[] ent = {1f, 2f, 5f, 6f};
        float[] rel = {3f, 4f};
        assertThat(k.complEx(ent, 0, rel, 0, 2, 1)).isCloseTo(35f, within(EPS));
        // rank 2, second coordinate h = i, r = i, t = -1: i * i * conj(-1) = 1; rows [re0, re1, im0, im1]
        float[] ent2 = {1f, 0f, 2f, 1f, 5f, -1f, 6f, 0f};
        float[] rel2 = {3f, 0f, 4f, 1f};
        assertThat(k.complEx(ent2, 0, rel2, 0, 4, 2)).isCloseTo(36f, within(EPS));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void rotatERotatesByThePhase(Kernels k) {
        float halfPi = (float) (Math.PI / 2);
        // rank 1: theta = pi/2 turns h = (1, 0) into (0, 1)
        float[] ent = {1f, 0f, 0f, 1f, 0f, 0f};
        float[] phase = {halfPi};
        assertThat(k.rotatEDistance(ent, 0, phase, 0, 2, 1)).isCloseTo(0f, within(EPS));
        // ... which is at distance 1 from t = 0
        assertThat(k.rotatEDistance(ent, 0, phase, 0, 4, 1)).isCloseTo(1f, within(EPS));
        // theta = 0 leaves (1, 0) where it is: |(1, 0) - (0, 1)| = sqrt(2)
        assertThat(k.rotatEDistance(ent, 0, new float[] {0f}, 0, 2, 1)).isCloseTo((float) Math.sqrt(2),
                within(EPS));
        // rank 2, rows [re0, re1, im0, im1]: h = (1, 2i), theta = (pi/2, pi), t = (i, 0) -> 0 + |-2i| = 2
        float[] ent2 = {1f, 0f, 0f, 2f, 0f, 0f, 1f, 0f};
        float[] phase2 = {9f, halfPi, (float) Math.PI};
        assertThat(k.rotatEDistance(ent2, 0, phase2, 1, 4, 2)).isCloseTo(2f, within(EPS));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void allKernelsOnTwoRows(Kernels k) {
        float[] query = {0f, 0f};
        float[] ent = {3f, 4f, 1f, 0f};
        float[] out = new float[2];
        k.l2DistanceAll(query, ent, 2, 2, out);
        assertThat(out).containsExactly(new float[] {5f, 1f}, within(EPS));
        k.l1DistanceAll(query, ent, 2, 2, out);
        assertThat(out).containsExactly(new float[] {7f, 1f}, within(EPS));
        k.dotAll(new float[] {1f, 2f}, ent, 2, 2, out);
        assertThat(out).containsExactly(new float[] {11f, 1f}, within(EPS));
        // rank 1 complex rows [re, im]: |0 - (3 + 4i)| = 5, |0 - 1| = 1
        k.complexModulusDistanceAll(query, ent, 2, 1, out);
        assertThat(out).containsExactly(new float[] {5f, 1f}, within(EPS));
        // rank 2: query (1 + 0i, 0 + 1i), row (1 + 0i, 0 - 1i): 0 + 2
        float[] q2 = {1f, 0f, 0f, 1f};
        float[] e2 = {1f, 0f, 0f, -1f};
        float[] out1 = new float[1];
        k.complexModulusDistanceAll(q2, e2, 1, 2, out1);
        assertThat(out1[0]).isCloseTo(2f, within(EPS));
    }

    @ParameterizedTest
    @MethodSource("implementations")
    void rangesOutsideTheArraysAreRejected(Kernels k) {
        float[] a = new float[10];
        float[] out = new float[3];
        assertThatThrownBy(() -> k.dot(a, 5, a, 0, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> k.l1Distance(a, -1, a, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> k.cosine(a, 0, a, 8, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> k.axpy(1f, a, 0, a, 0, -1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> k.transE(a, 0, a, 0, 8, 3, true)).isInstanceOf(IndexOutOfBoundsException.class);
        // rank 3 rows are 6 long: a row at offset 5 ends at 11
        assertThatThrownBy(() -> k.complEx(a, 0, a, 0, 5, 3)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> k.rotatEDistance(a, 0, new float[2], 0, 4, 3))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> k.dotAll(new float[4], a, 3, 4, out)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> k.l2DistanceAll(new float[3], a, 3, 4, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> k.l1DistanceAll(new float[2], a, 3, 2, new float[2]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> k.complexModulusDistanceAll(new float[4], a, 3, 2, out))
                .isInstanceOf(IndexOutOfBoundsException.class);
    }
}
