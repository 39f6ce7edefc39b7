package org.rhizome.gnn.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.tensor.Ops;
import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/** The query side's decoder layer: what its cross-attention may see, and every weight's gradient. */
class CrossAttentionLayerTest {

    /** Two query tokens over four subgraph tokens of which the last is padding. */
    private static boolean[] openFirstThree() {
        boolean[] mask = new boolean[2 * 4];
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                mask[i * 4 + j] = true;
            }
        }
        return mask;
    }

    @Test
    void queryTokensSeeOnlyTheOpenSubgraphTokens() {
        Parameters ps = new Parameters();
        CrossAttentionLayer layer = new CrossAttentionLayer(ps, "c0", 8, 2, 16, new Random(1));
        Tensor query = Tensor.uniform(new Random(2), 1, 1, 2, 8);
        Tensor memory = Tensor.uniform(new Random(3), 1, 1, 4, 8);
        boolean[] mask = openFirstThree();
        float[] attention = new float[2 * 4];
        Tensor before = Tensor.noGrad(() -> layer.forward(query, memory, mask, 0f, false, null, attention));
        for (int i = 0; i < 2; i++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) {
                sum += attention[i * 4 + j];
            }
            assertThat(sum).as("query token %d's attention", i).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
            assertThat(attention[i * 4 + 3]).as("attention on padding").isZero();
        }
        // the padding token changes: nothing moves; an open token changes: both query tokens move
        for (int c = 0; c < 8; c++) {
            memory.data()[3 * 8 + c] += 0.5f * (c + 1);
        }
        Tensor padded = Tensor.noGrad(() -> layer.forward(query, memory, mask, 0f, false, null, null));
        assertThat(padded.data()).containsExactly(before.data());
        for (int c = 0; c < 8; c++) {
            memory.data()[1 * 8 + c] += 0.5f * (c + 1);
        }
        Tensor moved = Tensor.noGrad(() -> layer.forward(query, memory, mask, 0f, false, null, null));
        assertThat(moved.get(0, 0, 0)).isNotEqualTo(before.get(0, 0, 0));
        assertThat(moved.get(0, 1, 0)).isNotEqualTo(before.get(0, 1, 0));
    }

    /** Central differences on every weight of one layer and on both inputs, dropout off. */
    @Test
    void gradientsThroughOneLayer() {
        Parameters ps = new Parameters();
        CrossAttentionLayer layer = new CrossAttentionLayer(ps, "c0", 4, 2, 6, new Random(4));
        Tensor query = Tensor.parameter("query", Tensor.uniform(new Random(5), 1, 1, 2, 4));
        Tensor memory = Tensor.parameter("memory", Tensor.uniform(new Random(6), 1, 1, 4, 4));
        boolean[] mask = openFirstThree();
        Tensor w = Tensor.uniform(new Random(7), 1, 1, 2, 4);
        ps.zeroGrad();
        query.zeroGrad();
        memory.zeroGrad();
        Ops.sum(Ops.mul(layer.forward(query, memory, mask, 0f, false, null, null), w)).backward();
        List<Tensor> all = new ArrayList<>(ps.all());
        all.add(query);
        all.add(memory);
        int checked = FiniteDifferences.check(all, () -> FiniteDifferences.weightedSum(
                () -> layer.forward(query, memory, mask, 0f, false, null, null), w), 1e-2f, 3e-3, 3e-2, "cross layer");
        assertThat(checked).isEqualTo((int) ps.count() + 8 + 16);
        // the padding token of the memory gets no gradient
        for (int c = 0; c < 4; c++) {
            assertThat(memory.grad()[3 * 4 + c]).isZero();
        }
    }
}
