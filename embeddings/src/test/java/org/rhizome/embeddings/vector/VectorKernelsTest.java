package org.rhizome.embeddings.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Differential tests: the Vector API kernels against the scalar reference on odd and boundary lengths. */
class VectorKernelsTest {
    private static final int[] LENGTHS = {1, 3, 7, 8, 15, 16, 17, 31, 33, 100, 127, 128, 129, 384, 1000, 4097};
    private final VectorKernels scalar = new ScalarKernels();
    private final VectorKernels panama = new PanamaKernels();

    private static float[] random(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    /** Float sums of n products of unit-variance terms: rounding error grows about like sqrt(n) * n * eps. */
    private static float tolerance(int n) {
        return 1e-5f * n;
    }

    @Test
    void panamaIsChosenWhenTheModuleIsLoaded() {
        // surefire runs with --add-modules jdk.incubator.vector (the parent pom's argLine)
        assertThat(VectorKernels.get().name()).startsWith("panama-");
    }

    @Test
    void dotAgreesWithScalarOnBoundaryLengthsAndOffsets() {
        Random r = new Random(42);
        for (int n : LENGTHS) {
            float[] a = random(r, n + 5);
            float[] b = random(r, n + 3);
            double exact = 0;
            for (int i = 0; i < n; i++) {
                exact += (double) a[i + 5] * b[i + 3];
            }
            assertThat(scalar.dot(a, 5, b, 3, n)).as("scalar n=%d", n).isCloseTo((float) exact,
                    within(tolerance(n)));
            assertThat(panama.dot(a, 5, b, 3, n)).as("panama n=%d", n).isCloseTo(scalar.dot(a, 5, b, 3, n),
                    within(tolerance(n)));
        }
    }

    @Test
    void dotRowsAgreesWithRowByRowDots() {
        Random r = new Random(7);
        for (int dim : new int[] {1, 3, 16, 17, 33, 384}) {
            for (int rows : new int[] {1, 3, 4, 5, 9, 17}) {
                float[] m = random(r, rows * dim);
                float[] q = random(r, dim);
                float[] outS = new float[rows];
                float[] outP = new float[rows + 2];
                scalar.dotRows(q, m, dim, 0, rows, outS);
                panama.dotRows(q, m, dim, 1, rows, outP);
                for (int i = 1; i < rows; i++) {
                    assertThat(outP[i - 1]).as("dim %d row %d", dim, i).isCloseTo(outS[i], within(tolerance(dim)));
                }
            }
        }
    }

    @Test
    void normalizeGivesUnitLengthAndLeavesZeroAlone() {
        Random r = new Random(3);
        for (VectorKernels k : new VectorKernels[] {scalar, panama}) {
            float[] v = k.normalizeInPlace(random(r, 384));
            assertThat(k.dot(v, v)).isCloseTo(1f, within(1e-5f));
            assertThat(k.normalizeInPlace(new float[5])).containsOnly(0f);
        }
        float[] v = {3f, 4f};
        assertThat(scalar.normalizeInPlace(v)).containsExactly(0.6f, 0.8f);
    }

    @Test
    void rejectsMismatchedLengthsAndRanges() {
        for (VectorKernels k : new VectorKernels[] {scalar, panama}) {
            assertThatThrownBy(() -> k.dot(new float[3], new float[4])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("3 vs 4");
            assertThatThrownBy(() -> k.dot(new float[3], 2, new float[3], 0, 2))
                    .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> k.dotRows(new float[2], new float[6], 2, 0, 4, new float[4]))
                    .isInstanceOf(IndexOutOfBoundsException.class);
        }
    }
}
