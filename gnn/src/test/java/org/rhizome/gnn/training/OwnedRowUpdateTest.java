package org.rhizome.gnn.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/**
 * The multi-threaded step's entity update ({@link Trainer#updateOwnedRows}: each part sums the rows it owns over the
 * workers' gradients and updates them) against the serial one it replaced (every worker's rows merged in worker order
 * with {@link RowGradients#addAll}, then {@link Trainer#updateRows}): the same tables and optimiser state, bit for
 * bit, for Adam and Adagrad, with and without the L3 penalty.
 */
class OwnedRowUpdateTest {
    private static final int ROWS = 50;
    private static final int WIDTH = 7;

    @Test
    void ownedRowsGiveTheMergedUpdateBitForBit() {
        for (String optimizer : new String[] {"adam", "adagrad"}) {
            for (float scale : new float[] {0f, 0.01f}) {
                for (int workers : new int[] {2, 3}) {
                    SplittableRandom rnd = new SplittableRandom(workers * 31L + (scale > 0 ? 1 : 0));
                    float[] start = new float[ROWS * WIDTH];
                    for (int i = 0; i < start.length; i++) {
                        start[i] = (float) rnd.nextDouble(-1, 1);
                    }
                    // each worker touches a random half of the rows, in a random order, so rows overlap
                    RowGradients[] grads = new RowGradients[workers];
                    for (int w = 0; w < workers; w++) {
                        grads[w] = new RowGradients(ROWS, WIDTH);
                        for (int n = 0; n < ROWS / 2; n++) {
                            int o = grads[w].offset(rnd.nextInt(ROWS));
                            for (int k = 0; k < WIDTH; k++) {
                                grads[w].slab()[o + k] += (float) rnd.nextDouble(-1, 1);
                            }
                        }
                    }
                    float[] serial = start.clone();
                    float[] owned = start.clone();
                    Optimizer serialOpt = optimizer(optimizer, serial);
                    Optimizer ownedOpt = optimizer(optimizer, owned);
                    for (int step = 1; step <= 3; step++) { // three steps: the optimiser state carries over
                        RowGradients merged = new RowGradients(ROWS, WIDTH);
                        for (RowGradients g : grads) {
                            merged.addAll(g);
                        }
                        serialOpt.beginStep(step);
                        Trainer.updateRows(serial, 0, WIDTH, merged, scale, Regularizer.L3, false, serialOpt, step, 0,
                                merged.count());
                        ownedOpt.beginStep(step);
                        float[] sum = new float[WIDTH];
                        for (int part = workers - 1; part >= 0; part--) { // any order: parts own disjoint rows
                            Trainer.updateOwnedRows(owned, 0, WIDTH, grads, sum, part, workers, scale, Regularizer.L3,
                                    false, ownedOpt, step);
                        }
                        assertThat(owned).as("%s, L3 %s, %d workers, step %d", optimizer, scale, workers, step)
                                .containsExactly(serial);
                        for (int i = 0; i < serialOpt.state().length; i++) {
                            assertThat(ownedOpt.state()[i]).containsExactly(serialOpt.state()[i]);
                        }
                    }
                    assertThat(owned).isNotEqualTo(start);
                }
            }
        }
    }

    private static Optimizer optimizer(String kind, float[] table) {
        float[][] tables = {table};
        return kind.equals("adam") ? Optimizer.adam(0.01f, tables) : Optimizer.adagrad(0.1f, tables);
    }
}
