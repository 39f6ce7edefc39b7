package org.rhizome.embeddings.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DenseVectorsTest {

    @Test
    void topKEqualsAFullSortOfTheScores() {
        Random r = new Random(11);
        int dim = 37;
        DenseVectors dv = new DenseVectors(dim);
        List<float[]> rows = new ArrayList<>();
        for (int i = 0; i < 2500; i++) { // more than two blocks
            float[] v = new float[dim];
            for (int j = 0; j < dim; j++) {
                v[j] = (float) r.nextGaussian();
            }
            rows.add(v);
            assertThat(dv.add(v)).isEqualTo(i);
        }
        float[] q = rows.get(1234).clone();
        ScalarKernels ref = new ScalarKernels();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble((Integer i) -> -ref.dot(q, rows.get(i))).thenComparing(i -> i));
        List<DenseVectors.ScoredRow> top = dv.topK(q, 10);
        assertThat(top).extracting(DenseVectors.ScoredRow::row).containsExactlyElementsOf(order.subList(0, 10));
        assertThat(dv.topK(q, 5000)).hasSize(2500);
    }

    @Test
    void tiesGoToTheLowerRow() {
        DenseVectors dv = new DenseVectors(2);
        dv.add(new float[] {1, 0});
        dv.add(new float[] {0, 1});
        dv.add(new float[] {1, 0});
        assertThat(dv.topK(new float[] {1, 0}, 2)).extracting(DenseVectors.ScoredRow::row).containsExactly(0, 2);
        assertThat(dv.row(1)).containsExactly(0f, 1f);
    }

    @Test
    void rejectsBadArguments() {
        DenseVectors dv = new DenseVectors(3);
        assertThatThrownBy(() -> dv.add(new float[2])).hasMessageContaining("dimension 2");
        assertThatThrownBy(() -> dv.topK(new float[3], 0)).hasMessageContaining("k must be >= 1");
        assertThatThrownBy(() -> new DenseVectors(0)).hasMessageContaining("dim");
    }
}
