package org.rhizome.gnn.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rhizome.gnn.tensor.GradCheck.check;
import static org.rhizome.gnn.tensor.GradCheck.param;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** Masked attention against a direct computation, its gradients, and what the mask hides. */
class AttentionTest {

    private static boolean[] randomMask(Random r, int n) {
        boolean[] m = new boolean[n];
        for (int i = 0; i < n; i++) {
            m[i] = r.nextFloat() < 0.6f;
        }
        return m;
    }

    @Test
    void matchesADirectComputation() {
        Random r = new Random(1);
        int b = 2;
        int lq = 3;
        int lk = 4;
        int d = 5;
        int dv = 3;
        Tensor q = Tensor.uniform(r, 1, b, lq, d);
        Tensor k = Tensor.uniform(r, 1, b, lk, d);
        Tensor v = Tensor.uniform(r, 1, b, lk, dv);
        boolean[] mask = randomMask(r, b * lq * lk);
        mask[0] = true;
        Tensor out = Nn.attention(q, k, v, mask);
        for (int x = 0; x < b; x++) {
            for (int i = 0; i < lq; i++) {
                double[] w = new double[lk];
                double sum = 0;
                for (int j = 0; j < lk; j++) {
                    if (mask[(x * lq + i) * lk + j]) {
                        double s = 0;
                        for (int c = 0; c < d; c++) {
                            s += q.get(x, i, c) * k.get(x, j, c);
                        }
                        w[j] = Math.exp(s / Math.sqrt(d));
                        sum += w[j];
                    }
                }
                for (int c = 0; c < dv; c++) {
                    double o = 0;
                    for (int j = 0; j < lk; j++) {
                        o += sum == 0 ? 0 : w[j] / sum * v.get(x, j, c);
                    }
                    assertThat(out.get(x, i, c)).isCloseTo((float) o, within(1e-5f));
                }
            }
        }
    }

    @Test
    void gradientsWithAndWithoutMask() {
        Tensor q = param("q", 1, -1, 1, 2, 3, 4);
        Tensor k = param("k", 2, -1, 1, 2, 5, 4);
        Tensor v = param("v", 3, -1, 1, 2, 5, 3);
        boolean[] mask = randomMask(new Random(4), 2 * 3 * 5);
        check(() -> Nn.attention(q, k, v, mask), q, k, v);
        check(() -> Nn.attention(q, k, v, null), q, k, v);
    }

    /**
     * Heads read as column slices give what folding the heads into the batch gives (the second implementation:
     * swap axes, attend per head, swap back), probabilities included; and the gradients hold.
     */
    @Test
    void multiHeadMatchesHeadsFoldedIntoTheBatch() {
        Random r = new Random(6);
        int b = 2;
        int lq = 3;
        int lk = 5;
        int heads = 3;
        int d = 2 * heads;
        int dv = 4 * heads;
        Tensor q = Tensor.uniform(r, 1, b, lq, d);
        Tensor k = Tensor.uniform(r, 1, b, lk, d);
        Tensor v = Tensor.uniform(r, 1, b, lk, dv);
        boolean[] mask = randomMask(r, b * lq * lk);
        mask[lk] = false; // row 1 of entry 0 sees nothing
        mask[lk + 1] = false;
        mask[lk + 2] = false;
        mask[lk + 3] = false;
        mask[lk + 4] = false;
        float[] probabilities = new float[b * heads * lq * lk];
        Tensor out = Nn.attention(q, k, v, heads, mask, probabilities);

        boolean[] folded = new boolean[b * heads * lq * lk];
        for (int x = 0; x < b; x++) {
            for (int h = 0; h < heads; h++) {
                System.arraycopy(mask, x * lq * lk, folded, (x * heads + h) * lq * lk, lq * lk);
            }
        }
        float[] foldedProbabilities = new float[folded.length];
        Tensor reference = LinAlg.swapAxes(Nn.attention(fold(q, heads), fold(k, heads), fold(v, heads), folded,
                foldedProbabilities).reshape(b, heads, lq, dv / heads), 1, 2).reshape(b, lq, dv);
        assertThat(out.data()).containsExactly(reference.data(), within(1e-6f));
        assertThat(probabilities).containsExactly(foldedProbabilities, within(1e-6f));

        Tensor pq = param("q", 7, -1, 1, b, lq, d);
        Tensor pk = param("k", 8, -1, 1, b, lk, d);
        Tensor pv = param("v", 9, -1, 1, b, lk, dv);
        check(() -> Nn.attention(pq, pk, pv, heads, mask, null), pq, pk, pv);
    }

    /** {@code [B, L, H * c] -> [B * H, L, c]}. */
    private static Tensor fold(Tensor t, int heads) {
        int b = t.dim(0);
        int l = t.dim(1);
        int c = t.dim(2) / heads;
        return LinAlg.swapAxes(t.reshape(b, l, heads, c), 1, 2).reshape(b * heads, l, c);
    }

    /** What sits behind a closed mask entry changes nothing, and a row with nothing open is 0. */
    @Test
    void maskedPositionsAreInvisible() {
        Random r = new Random(5);
        Tensor q = Tensor.uniform(r, 1, 1, 2, 3);
        Tensor k = Tensor.uniform(r, 1, 1, 3, 3);
        Tensor v = Tensor.uniform(r, 1, 1, 3, 2);
        // query 0 sees keys 0 and 2; query 1 sees nothing
        boolean[] mask = {true, false, true, false, false, false};
        Tensor before = Nn.attention(q, k, v, mask);
        k.data()[3] += 5f;
        v.data()[2] -= 7f;
        Tensor after = Nn.attention(q, k, v, mask);
        assertThat(after.data()).containsExactly(before.data());
        assertThat(after.get(0, 1, 0)).isZero();
        assertThat(after.get(0, 1, 1)).isZero();
    }

    @Test
    void swapAxesMovesTheRightElements() {
        Tensor x = Tensor.of(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 2, 3, 2);
        Tensor y = LinAlg.swapAxes(x, 0, 1);
        assertThat(y.shape()).containsExactly(3, 2, 2);
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 3; b++) {
                for (int c = 0; c < 2; c++) {
                    assertThat(y.get(b, a, c)).isEqualTo(x.get(a, b, c));
                }
            }
        }
        Tensor p = param("p", 6, -1, 1, 2, 3, 4);
        check(() -> LinAlg.swapAxes(p, 1, 2), p);
        check(() -> LinAlg.swapAxes(p, 0, -1), p);
    }
}
