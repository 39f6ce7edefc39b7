package org.rhizome.gnn.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.rhizome.gnn.tensor.Ops;
import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/** The graph-masked Transformer layer: every weight's gradient, and that a token only sees what its mask opens. */
class TransformerLayerTest {

    /** A path a - b - c plus a query token q that every node sees and that sees every node. */
    private static boolean[] pathWithQuery() {
        // tokens: 0 = q, 1 = a, 2 = b, 3 = c
        boolean[][] m = {
            {true, true, true, true},
            {true, true, true, false},
            {true, true, true, true},
            {true, false, true, true},
        };
        boolean[] flat = new boolean[16];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                flat[i * 4 + j] = m[i][j];
            }
        }
        return flat;
    }

    @Test
    void aTokenOnlySeesItsNeighboursAndTheQuery() {
        Parameters ps = new Parameters();
        TransformerLayer layer = new TransformerLayer(ps, "l0", 8, 2, 16, new Random(1));
        Tensor x = Tensor.uniform(new Random(2), 1, 1, 4, 8);
        boolean[] mask = pathWithQuery();
        Tensor before = Tensor.noGrad(() -> layer.forward(x, mask, 0f, false, null));
        // change node c (not by a constant: layer norm would erase that): node a, not its neighbour, must not move;
        // b (a neighbour) and q must
        for (int c = 0; c < 8; c++) {
            x.data()[3 * 8 + c] += 0.3f * c;
        }
        Tensor after = Tensor.noGrad(() -> layer.forward(x, mask, 0f, false, null));
        for (int c = 0; c < 8; c++) {
            assertThat(after.get(0, 1, c)).as("node a, feature %d", c).isEqualTo(before.get(0, 1, c));
        }
        assertThat(after.get(0, 2, 0)).isNotEqualTo(before.get(0, 2, 0));
        assertThat(after.get(0, 0, 0)).isNotEqualTo(before.get(0, 0, 0));
    }

    /** Central differences on every weight of one layer, dropout off, with the graph mask. */
    @Test
    void gradientsThroughOneLayer() {
        Parameters ps = new Parameters();
        TransformerLayer layer = new TransformerLayer(ps, "l0", 4, 2, 6, new Random(3));
        Tensor x = Tensor.parameter("x", Tensor.uniform(new Random(4), 1, 1, 4, 4));
        boolean[] mask = pathWithQuery();
        Tensor w = Tensor.uniform(new Random(5), 1, 1, 4, 4);
        ps.zeroGrad();
        x.zeroGrad();
        Ops.sum(Ops.mul(layer.forward(x, mask, 0f, false, null), w)).backward();
        java.util.List<Tensor> all = new java.util.ArrayList<>(ps.all());
        all.add(x);
        int checked = FiniteDifferences.check(all,
                () -> FiniteDifferences.weightedSum(() -> layer.forward(x, mask, 0f, false, null), w), 1e-2f, 3e-3,
                3e-2, "encoder layer");
        assertThat(checked).isEqualTo((int) ps.count() + 16);
    }
}
