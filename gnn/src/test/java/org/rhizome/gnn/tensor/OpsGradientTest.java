package org.rhizome.gnn.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.rhizome.gnn.tensor.GradCheck.check;
import static org.rhizome.gnn.tensor.GradCheck.param;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** Every op's gradient against central finite differences, and forward values against hand computation. */
class OpsGradientTest {

    @Test
    void arithmeticSameShape() {
        Tensor a = param("a", 1, -2, 2, 2, 3);
        Tensor b = param("b", 2, 0.5f, 2, 2, 3);
        check(() -> Ops.add(a, b), a, b);
        check(() -> Ops.sub(a, b), a, b);
        check(() -> Ops.mul(a, b), a, b);
        check(() -> Ops.div(a, b), a, b);
    }

    @Test
    void arithmeticBroadcast() {
        Tensor a = param("a", 3, -2, 2, 2, 3);
        Tensor row = param("row", 4, 0.5f, 2, 3);
        Tensor col = param("col", 5, 0.5f, 2, 2, 1);
        Tensor s = param("s", 6, 0.5f, 2);
        check(() -> Ops.add(a, row), a, row);
        check(() -> Ops.mul(col, row), col, row);
        check(() -> Ops.div(a, col), a, col);
        check(() -> Ops.sub(s, a), s, a);
        // a row repeated along the leading dimensions (the fast path), on either side
        Tensor a3 = param("a3", 30, -2, 2, 2, 2, 3);
        check(() -> Ops.sub(row, a3), row, a3);
        check(() -> Ops.div(a3, row), a3, row);
        Tensor mid = param("mid", 31, 0.5f, 2, 2, 3);
        check(() -> Ops.mul(a3, mid), a3, mid);
        assertThat(Ops.sub(Tensor.of(new float[] {10, 20}, 2), Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)).data())
                .containsExactly(9, 18, 7, 16);
        assertThat(Ops.add(Tensor.of(new float[] {1, 2}, 2, 1), Tensor.of(new float[] {10, 20, 30}, 3)).data())
                .containsExactly(11, 21, 31, 12, 22, 32);
        assertThatThrownBy(() -> Ops.add(Tensor.zeros(2, 3), Tensor.zeros(2)))
                .hasMessageContaining("do not broadcast");
    }

    @Test
    void elementwiseFunctions() {
        Tensor x = param("x", 7, -2, 2, 3, 4);
        Tensor pos = param("pos", 8, 0.3f, 3, 3, 4);
        check(() -> Ops.scale(x, -1.5f), x);
        check(() -> Ops.addScalar(x, 0.25f), x);
        check(() -> Ops.exp(x), x);
        check(() -> Ops.log(pos), pos);
        check(() -> Ops.sqrt(pos), pos);
        check(() -> Ops.sigmoid(x), x);
        check(() -> Ops.tanh(x), x);
        check(() -> Ops.gelu(x), x);
        // kinks at 0 (abs, relu) and at the clamp: keep the inputs away from them
        Tensor away = Tensor.parameter("away", Tensor.of(new float[] {-1.5f, -0.7f, 0.4f, 1.2f, 2f, -0.3f}, 6));
        check(() -> Ops.abs(away), away);
        check(() -> Ops.relu(away), away);
        check(() -> Ops.clampMin(away, 0.1f), away);
    }

    @Test
    void elementwiseValues() {
        assertThat(Ops.gelu(Tensor.of(new float[] {1f, -1f, 0f}, 3)).data())
                .containsExactly(new float[] {0.8413447f, -0.1586553f, 0f}, within(1e-6f));
        assertThat(Ops.erf(0.5)).isCloseTo(0.5204998778, within(2e-7));
        assertThat(Ops.sigmoid(Tensor.scalar(0f)).item()).isEqualTo(0.5f);
    }

    @Test
    void reductionsAndShapes() {
        Tensor x = param("x", 9, -1, 1, 2, 3, 4);
        check(() -> Ops.sum(x), x);
        check(() -> Ops.mean(x), x);
        check(() -> Ops.sum(x, 1, false), x);
        check(() -> Ops.sum(x, -1, true), x);
        check(() -> Ops.mean(x, 0, false), x);
        check(() -> x.reshape(6, -1), x);
        Tensor y = param("y", 10, -1, 1, 1, 3, 4);
        check(() -> Ops.concat(x, y), x, y);
        Tensor p = param("p", 11, 0.1f, 1, 3, 5);
        check(() -> Ops.normalizeL1(p, 1e-6f), p);
        check(() -> Ops.normalizeSum(p, 1e-3f), p);
        assertThat(Ops.normalizeSum(Tensor.of(new float[] {1, 3, 0, 0}, 2, 2), 0f).data())
                .containsExactly(0.25f, 0.75f, Float.NaN, Float.NaN);
        assertThat(Ops.normalizeSum(Tensor.of(new float[] {0, 0}, 1, 2), 1e-18f).data()).containsExactly(0.5f, 0.5f);
        Tensor s = Ops.sum(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3), 0, false);
        assertThat(s.data()).containsExactly(5, 7, 9);
        assertThat(s.shape()).containsExactly(3);
        assertThat(Ops.normalizeL1(Tensor.of(new float[] {1, 3, 2, 2}, 2, 2), 0f).data())
                .containsExactly(0.25f, 0.75f, 0.5f, 0.5f);
    }

    @Test
    void products() {
        Tensor a = param("a", 12, -1, 1, 3, 4);
        Tensor b = param("b", 13, -1, 1, 4, 5);
        check(() -> LinAlg.matmul(a, b), a, b);
        Tensor a3 = param("a3", 14, -1, 1, 2, 3, 4);
        check(() -> LinAlg.matmul(a3, b), a3, b);
        Tensor x = param("x", 15, -1, 1, 2, 3, 4);
        Tensor y = param("y", 16, -1, 1, 2, 4, 2);
        check(() -> LinAlg.bmm(x, y), x, y);
        Tensor u = param("u", 17, -1, 1, 3, 2);
        Tensor v = param("v", 18, -1, 1, 3, 4);
        check(() -> LinAlg.outer(u, v), u, v);
        Tensor w = param("w", 19, -1, 1, 2, 4, 3);
        check(() -> LinAlg.bilinear(u, v, w), u, v, w);
        check(() -> LinAlg.transpose(a), a);
        Tensor bt = param("bt", 29, -1, 1, 5, 4);
        check(() -> LinAlg.matmulTransposed(a3, bt), a3, bt);
        assertThat(LinAlg.matmulTransposed(a, bt).data())
                .containsExactly(LinAlg.matmul(a, LinAlg.transpose(bt)).data(), within(1e-6f));
        // hand computation: [[1,2],[3,4]] x [[5,6],[7,8]]
        Tensor m = LinAlg.matmul(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2), Tensor.of(new float[] {5, 6, 7, 8}, 2, 2));
        assertThat(m.data()).containsExactly(19, 22, 43, 50);
    }

    @Test
    void bilinearIsTheEinsum() {
        Random r = new Random(3);
        int p = 3;
        int q = 4;
        int n = 2;
        Tensor x = Tensor.uniform(r, 1, 5, p);
        Tensor y = Tensor.uniform(r, 1, 5, q);
        Tensor w = Tensor.uniform(r, 1, p, q, n);
        Tensor out = LinAlg.bilinear(x, y, w);
        for (int b = 0; b < 5; b++) {
            for (int c = 0; c < n; c++) {
                double s = 0;
                for (int i = 0; i < p; i++) {
                    for (int j = 0; j < q; j++) {
                        s += x.get(b, i) * y.get(b, j) * w.get(i, j, c);
                    }
                }
                assertThat(out.get(b, c)).isCloseTo((float) s, within(1e-5f));
            }
        }
    }

    /**
     * The packed, register-tiled products against triple loops in double, every entry: forward and both gradients of
     * {@code matmul} and {@code matmulTransposed}, on odd shapes that leave partial panels and odd rows, split by rows
     * (many rows) and by columns (a few rows against many, like scoring against an entity table). The gradients start
     * non-zero, so the products must add to them.
     */
    @Test
    void blockedProductsMatchNaiveLoops() {
        int[][] shapes = {{301, 37, 29}, {7, 13, 1000}, {40, 64, 30}};
        for (int[] shape : shapes) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            assertThat((long) m * k * n).isGreaterThanOrEqualTo(LinAlg.BLOCKED_FLOPS);
            Random r = new Random(m * 31 + n);
            Tensor a = Tensor.parameter("a", Tensor.uniform(r, 1, m, k));
            Tensor b = Tensor.parameter("b", Tensor.uniform(r, 1, k, n));
            Tensor bt = Tensor.parameter("bt", Tensor.uniform(r, 1, n, k));
            Tensor g = Tensor.uniform(r, 1, m, n);
            Tensor g2 = Tensor.uniform(r, 1, m, n);
            // first pass leaves gradients the second must add to
            Ops.sum(Ops.mul(LinAlg.matmul(a, b), g)).backward();
            float[] ga1 = a.grad().clone();
            float[] gb1 = b.grad().clone();
            Tensor c = LinAlg.matmul(a, b);
            Tensor ct = LinAlg.matmulTransposed(a, bt);
            Ops.sum(Ops.mul(c, g2)).add(Ops.sum(Ops.mul(ct, g))).backward();
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    double st = 0;
                    for (int p = 0; p < k; p++) {
                        s += (double) a.get(i, p) * b.get(p, j);
                        st += (double) a.get(i, p) * bt.get(j, p);
                    }
                    assertThat(c.get(i, j)).as("%s c[%d,%d]", Arrays.toString(shape), i, j)
                            .isCloseTo((float) s, within(1e-4f));
                    assertThat(ct.get(i, j)).as("%s ct[%d,%d]", Arrays.toString(shape), i, j)
                            .isCloseTo((float) st, within(1e-4f));
                }
            }
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double s = ga1[i * k + p];
                    for (int j = 0; j < n; j++) {
                        s += (double) g2.get(i, j) * b.get(p, j) + (double) g.get(i, j) * bt.get(j, p);
                    }
                    assertThat(a.grad()[i * k + p]).as("%s da[%d,%d]", Arrays.toString(shape), i, p)
                            .isCloseTo((float) s, within(2e-4f));
                }
            }
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    double s = gb1[p * n + j];
                    double st = 0;
                    for (int i = 0; i < m; i++) {
                        s += (double) a.get(i, p) * g2.get(i, j);
                        st += (double) a.get(i, p) * g.get(i, j);
                    }
                    assertThat(b.grad()[p * n + j]).as("%s db[%d,%d]", Arrays.toString(shape), p, j)
                            .isCloseTo((float) s, within(2e-4f));
                    assertThat(bt.grad()[j * k + p]).as("%s dbt[%d,%d]", Arrays.toString(shape), j, p)
                            .isCloseTo((float) st, within(2e-4f));
                }
            }
        }
    }

    /** Large enough to take the multi-threaded path: forward and both gradients against plain triple loops. */
    @Test
    void parallelMatmulMatchesNaiveLoops() {
        Random r = new Random(4);
        int m = 96;
        int k = 80;
        int n = 72;
        assertThat((long) m * k * n).isGreaterThan(LinAlg.PARALLEL_FLOPS);
        Tensor a = Tensor.parameter("a", Tensor.uniform(r, 1, m, k));
        Tensor b = Tensor.parameter("b", Tensor.uniform(r, 1, k, n));
        Tensor g = Tensor.uniform(r, 1, m, n);
        Tensor c = LinAlg.matmul(a, b);
        Ops.sum(Ops.mul(c, g)).backward();
        for (int i = 0; i < m; i += 7) {
            for (int j = 0; j < n; j += 5) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a.get(i, p) * b.get(p, j);
                }
                assertThat(c.get(i, j)).isCloseTo((float) s, within(1e-4f));
            }
        }
        for (int i = 0; i < m; i += 11) {
            for (int p = 0; p < k; p += 3) {
                double s = 0;
                for (int j = 0; j < n; j++) {
                    s += g.get(i, j) * b.get(p, j);
                }
                assertThat(a.grad()[i * k + p]).isCloseTo((float) s, within(1e-4f));
            }
        }
        for (int p = 0; p < k; p += 3) {
            for (int j = 0; j < n; j += 7) {
                double s = 0;
                for (int i = 0; i < m; i++) {
                    s += a.get(i, p) * g.get(i, j);
                }
                assertThat(b.grad()[p * n + j]).isCloseTo((float) s, within(1e-4f));
            }
        }
    }

    @Test
    void gatherAndScatter() {
        Tensor x = param("x", 20, -1, 1, 4, 3);
        int[] idx = {2, 0, 2, 3, 1};
        check(() -> Index.gather(x, idx), x);
        Tensor src = param("src", 21, 0.2f, 2, 5, 3);
        int[] to = {1, 0, 1, 1, 3};
        check(() -> Index.scatterAdd(src, to, 4), src);
        check(() -> Index.scatterMul(src, to, 4), src);
        check(() -> Index.scatterMin(src, to, 4, 0f), src);
        check(() -> Index.overwriteRows(x, new int[] {1, 3}, new float[] {9, 8, 7}), x);
        Tensor over = Index.overwriteRows(Tensor.parameter("o", Tensor.of(new float[] {1, 2, 3, 4}, 2, 2)),
                new int[] {0}, new float[] {5, 6});
        assertThat(over.data()).containsExactly(5, 6, 3, 4);
        Ops.sum(over).backward();
        Tensor s = Index.scatterMul(Tensor.of(new float[] {2, 3, 4}, 3), new int[] {0, 0, 1}, 3);
        assertThat(s.data()).containsExactly(6, 4, 1);
        Tensor mn = Index.scatterMin(Tensor.of(new float[] {2, 3, 1}, 3), new int[] {1, 1, 0}, 3, -1f);
        assertThat(mn.data()).containsExactly(1, 2, -1);
        assertThatThrownBy(() -> Index.gather(x, new int[] {4}))
                .hasMessageContaining("index[0] = 4 outside [0, 4)");
    }

    /** The product's gradient with zero factors: one zero gives the product of the others, two give 0. */
    @Test
    void scatterMulGradientWithZeros() {
        Tensor src = Tensor.parameter("src", Tensor.of(new float[] {0f, 3f, 4f, 0f, 0f, 5f}, 6));
        int[] to = {0, 0, 0, 1, 1, 1};
        Ops.sum(Index.scatterMul(src, to, 2)).backward();
        assertThat(src.grad()).containsExactly(12f, 0f, 0f, 0f, 0f, 0f);
        check(() -> Index.scatterMul(src, to, 2), src);
    }

    @Test
    void nnFunctions() {
        Tensor x = param("x", 22, -2, 2, 3, 5);
        check(() -> Nn.softmax(x), x);
        check(() -> Nn.logSoftmax(x), x);
        Tensor gamma = param("gamma", 23, 0.5f, 1.5f, 5);
        Tensor beta = param("beta", 24, -0.5f, 0.5f, 5);
        check(() -> Nn.layerNorm(x, gamma, beta, 1e-5f), x, gamma, beta);
        check(() -> Nn.dropout(x, 0.3f, true, new Random(5)), x);
        int[] targets = {4, 0, 2};
        check(() -> Nn.crossEntropy(x, targets, 0f), x);
        check(() -> Nn.crossEntropy(x, targets, 0.1f), x);
        Tensor p = param("p", 25, -1, 1, 6);
        Tensor n = param("n", 26, -1, 1, 6);
        check(() -> Nn.marginLoss(p, n, 1f), p, n);
        Tensor a = param("a", 27, -1, 1, 4, 3);
        Tensor b = param("b", 28, -1, 1, 4, 3);
        check(() -> Nn.cosine(a, b, 1e-8f), a, b);
    }

    @Test
    void nnValuesByHand() {
        float[] sm = Nn.softmax(Tensor.of(new float[] {1, 2, 3}, 3)).data();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertThat(sm).containsExactly(new float[] {(float) (Math.exp(1) / z), (float) (Math.exp(2) / z),
            (float) (Math.exp(3) / z)}, within(1e-7f));
        // cross-entropy of logits [0, ln 3] with target 1: -log(3/4)
        Tensor ce = Nn.crossEntropy(Tensor.of(new float[] {0f, (float) Math.log(3)}, 1, 2), new int[] {1}, 0f);
        assertThat(ce.item()).isCloseTo((float) -Math.log(0.75), within(1e-6f));
        // label smoothing 0.2 over 2 classes: targets (0.1, 0.9)
        Tensor ls = Nn.crossEntropy(Tensor.of(new float[] {0f, (float) Math.log(3)}, 1, 2), new int[] {1}, 0.2f);
        assertThat(ls.item()).isCloseTo((float) (-0.1 * Math.log(0.25) - 0.9 * Math.log(0.75)), within(1e-6f));
        // layer norm of [1, 2, 3]: mean 2, biased variance 2/3
        float[] ln = Nn.layerNorm(Tensor.of(new float[] {1, 2, 3}, 3), Tensor.full(1f, 3), Tensor.zeros(3), 0f).data();
        float s = (float) Math.sqrt(1.5);
        assertThat(ln).containsExactly(new float[] {-s, 0f, s}, within(1e-6f));
        assertThat(Nn.marginLoss(Tensor.of(new float[] {2f, 0f}, 2), Tensor.of(new float[] {0.5f, 0.5f}, 2), 1f)
                .item()).isCloseTo((0f + 1.5f) / 2, within(1e-7f));
        Tensor kept = Nn.dropout(Tensor.full(1f, 1000), 0.25f, true, new Random(1));
        long zeros = 0;
        for (float v : kept.data()) {
            assertThat(v).isIn(0f, 1f / 0.75f);
            zeros += v == 0f ? 1 : 0;
        }
        assertThat(zeros).isBetween(200L, 300L);
    }

    /** A tensor used twice accumulates both paths; a diamond is visited once per node. */
    @Test
    void sharedSubexpressionsAccumulate() {
        Tensor x = Tensor.parameter("x", Tensor.scalar(3f));
        Tensor y = Ops.mul(x, x); // 9
        Tensor z = Ops.add(Ops.mul(y, x), y); // x^3 + x^2
        z.backward();
        assertThat(x.grad()[0]).isEqualTo(3 * 9 + 2 * 3);
        assertThatThrownBy(() -> Tensor.zeros(2).sum().backward()).hasMessageContaining("does not depend");
        Tensor noGraph = Tensor.noGrad(() -> Ops.mul(x, x));
        assertThat(noGraph.requiresGrad()).isFalse();
    }
}
