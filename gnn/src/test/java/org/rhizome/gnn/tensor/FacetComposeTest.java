package org.rhizome.gnn.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rhizome.gnn.tensor.GradCheck.check;
import static org.rhizome.gnn.tensor.GradCheck.param;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The fused composition against the reference code's explicit tensor and einsum, and its gradients. */
class FacetComposeTest {

    /** Builds the reference's full A[f, p, i, j]: identity row and column, the block elsewhere. */
    private static double[][][][] fullTensor(Tensor block, int m, int n) {
        double[][][][] a = new double[m][n][n][n];
        for (int f = 0; f < m; f++) {
            for (int p = 0; p < n; p++) {
                for (int j = 0; j < n; j++) {
                    a[f][p][0][j] = p == j ? 1 : 0;
                }
                for (int i = 0; i < n; i++) {
                    a[f][p][i][0] = p == i ? 1 : 0;
                }
                for (int i = 1; i < n; i++) {
                    for (int j = 1; j < n; j++) {
                        a[f][p][i][j] = block.get(f, p, i - 1, j - 1);
                    }
                }
            }
        }
        return a;
    }

    @Test
    void matchesTheExplicitEinsum() {
        int e = 4;
        int m = 3;
        int n = 5;
        Random r = new Random(1);
        Tensor x = Tensor.uniform(r, 1, e, m, n);
        Tensor y = Tensor.uniform(r, 1, e, m, n);
        Tensor block = Tensor.uniform(r, 1, m, n, n - 1, n - 1);
        Tensor out = FacetCompose.apply(x, y, block);
        double[][][][] a = fullTensor(block, m, n);
        for (int k = 0; k < e; k++) {
            for (int f = 0; f < m; f++) {
                for (int p = 0; p < n; p++) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            s += x.get(k, f, i) * a[f][p][i][j] * y.get(k, f, j);
                        }
                    }
                    assertThat(out.get(k, f, p)).as("out[%d,%d,%d]", k, f, p).isCloseTo((float) s, within(1e-5f));
                }
            }
        }
    }

    @Test
    void gradients() {
        Tensor x = param("x", 2, 0, 1, 3, 2, 4);
        Tensor y = param("y", 3, 0, 1, 3, 2, 4);
        Tensor block = param("block", 4, 0, 1, 2, 4, 3, 3);
        check(() -> FacetCompose.apply(x, y, block), x, y, block);
    }

    /** Enough rows for the multi-threaded path: same values and gradients as row-at-a-time calls. */
    @Test
    void parallelPathAgreesWithSerial() {
        int rows = 1500;
        Random r = new Random(5);
        Tensor x = Tensor.parameter("x", Tensor.uniform(r, 1, rows, 2, 4));
        Tensor y = Tensor.parameter("y", Tensor.uniform(r, 1, rows, 2, 4));
        Tensor block = Tensor.parameter("block", Tensor.uniform(r, 1, 2, 4, 3, 3));
        Tensor g = Tensor.uniform(r, 1, rows, 2, 4);
        Ops.sum(Ops.mul(FacetCompose.apply(x, y, block), g)).backward();
        float[] gBlock = block.grad().clone();
        float[] expectedBlock = new float[gBlock.length];
        for (int k = 0; k < rows; k += 97) {
            Tensor xk = Tensor.parameter("xk",
                    Tensor.of(java.util.Arrays.copyOfRange(x.data(), k * 8, k * 8 + 8), 1, 2, 4));
            Tensor yk = Tensor.of(java.util.Arrays.copyOfRange(y.data(), k * 8, k * 8 + 8), 1, 2, 4);
            Tensor gk = Tensor.of(java.util.Arrays.copyOfRange(g.data(), k * 8, k * 8 + 8), 1, 2, 4);
            Ops.sum(Ops.mul(FacetCompose.apply(xk, yk, block.detach()), gk)).backward();
            for (int i = 0; i < 8; i++) {
                assertThat(x.grad()[k * 8 + i]).isCloseTo(xk.grad()[i], within(1e-5f));
            }
        }
        for (int k = 0; k < rows; k++) {
            Tensor xk = Tensor.of(java.util.Arrays.copyOfRange(x.data(), k * 8, k * 8 + 8), 1, 2, 4);
            Tensor yk = Tensor.of(java.util.Arrays.copyOfRange(y.data(), k * 8, k * 8 + 8), 1, 2, 4);
            Tensor bk = Tensor.parameter("b", block.detach());
            Tensor gk = Tensor.of(java.util.Arrays.copyOfRange(g.data(), k * 8, k * 8 + 8), 1, 2, 4);
            Ops.sum(Ops.mul(FacetCompose.apply(xk, yk, bk), gk)).backward();
            for (int i = 0; i < expectedBlock.length; i++) {
                expectedBlock[i] += bk.grad()[i];
            }
        }
        for (int i = 0; i < gBlock.length; i++) {
            assertThat(gBlock[i]).isCloseTo(expectedBlock[i], within(1e-3f * Math.max(1f, Math.abs(expectedBlock[i]))));
        }
    }
}
