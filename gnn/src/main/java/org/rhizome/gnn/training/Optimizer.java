package org.rhizome.gnn.training;

import org.rhizome.gnn.kernel.Kernels;

/**
 * Updates a parameter table from the gradient rows of one step. Rows not in the step keep their state (sparse,
 * row-wise updates) unless the optimiser is dense.
 */
public interface Optimizer {
    /**
     * Applies the gradient {@code grad[gradOffset..gradOffset + width)} of row {@code row} of {@code table} (at
     * offset {@code row * width}). {@code step} counts from 1.
     */
    void update(float[] table, int tableId, int row, int width, float[] grad, int gradOffset, long step);

    /**
     * {@link #update} of row {@code row} with the gradient {@code coeff * x} of an L2 penalty alone ({@code x} the
     * row's values), as {@code scratch[0, width)} would hold it: the penalty on a row the step's data did not reach.
     */
    default void updateL2(float[] table, int tableId, int row, int width, float coeff, float[] scratch, long step) {
        int o = row * width;
        for (int i = 0; i < width; i++) {
            scratch[i] = coeff * table[o + i];
        }
        update(table, tableId, row, width, scratch, 0, step);
    }

    /** {@link #update(float[], int, int, int, float[], int, long)} of a gradient starting at 0. */
    default void update(float[] table, int tableId, int row, int width, float[] grad, long step) {
        update(table, tableId, row, width, grad, 0, step);
    }

    /**
     * Called once per step before its rows are updated, which may then happen on several threads at once (each row
     * by one thread): per-step state is prepared here, not lazily in {@link #update}.
     */
    default void beginStep(long step) {}

    /** Called once per step after every touched row was updated (dense optimisers update the untouched rows here). */
    default void endStep(long step) {}

    /**
     * Sets the learning rate for the steps from the next {@link #beginStep} on (a schedule's cut between steps,
     * {@link LearningRateSchedule}).
     */
    void learningRate(float lr);

    /**
     * Starts the optimiser afresh after step {@code step}, as a new one would from step {@code step + 1} on: with
     * {@code clear}, its state (moments, accumulators) is zeroed; Adam's bias correction counts steps from
     * {@code step} either way (without {@code clear}: a resumed run re-establishing where its last restart was, its
     * state restored from the checkpoint). A decay schedule's {@code restart} ({@link LearningRateSchedule}).
     */
    void restartAfter(long step, boolean clear);

    /**
     * The optimiser's state, live (not copies), one array per kind and table in a fixed order: what a training
     * checkpoint saves and restores ({@link TrainingState}). Adagrad: the accumulators of each table; Adam: the first
     * moments of each table, then the second moments.
     */
    float[][] state();

    /** Adagrad (Duchi et al. 2011): per-float accumulated squared gradients; sparse. */
    static Optimizer adagrad(float lr, float[][] tables) {
        return new Adagrad(lr, tables);
    }

    /**
     * Adam (Kingma and Ba 2015) with beta1 0.9, beta2 0.999, eps 1e-8, applied row-wise: only the rows in a step
     * have their moments and values updated ("lazy Adam"). <b>Difference from PyTorch's dense Adam</b> (the
     * reference trainer's): there, every row's moments decay and every row moves at every step, also rows without a
     * gradient in the step; here untouched rows stay still, and the bias correction uses the global step count.
     */
    static Optimizer adam(float lr, float[][] tables) {
        return new Adam(lr, tables);
    }

    /** Adagrad. */
    final class Adagrad implements Optimizer {
        private static final Kernels KERNELS = Kernels.get();
        private float lr;
        private final float[][] acc;

        @Override
        public float[][] state() {
            return acc;
        }

        @Override
        public void learningRate(float rate) {
            this.lr = rate;
        }

        @Override
        public void restartAfter(long step, boolean clear) {
            for (int i = 0; i < acc.length && clear; i++) {
                java.util.Arrays.fill(acc[i], 0f);
            }
        }

        Adagrad(float lr, float[][] tables) {
            this.lr = lr;
            this.acc = new float[tables.length][];
            for (int i = 0; i < tables.length; i++) {
                acc[i] = new float[tables[i].length];
            }
        }

        @Override
        public void update(float[] table, int tableId, int row, int width, float[] grad, int gradOffset,
                long step) {
            KERNELS.adagradRow(table, acc[tableId], row * width, grad, gradOffset, width, lr, 1e-10f);
        }

        @Override
        public void updateL2(float[] table, int tableId, int row, int width, float coeff, float[] scratch,
                long step) {
            KERNELS.adagradL2Row(table, acc[tableId], row * width, width, coeff, lr, 1e-10f);
        }
    }

    /** Lazy Adam. */
    final class Adam implements Optimizer {
        private static final float B1 = 0.9f;
        private static final float B2 = 0.999f;
        private static final float EPS = 1e-8f;
        private static final Kernels KERNELS = Kernels.get();
        private float lr;
        private final float[][] m;
        private final float[][] v;
        /** The step size with bias correction of the step last prepared (once per step, not per row). */
        private long stepOfA = -1;
        private float a;
        /** The step after which the moments last started from zero ({@link #restartAfter}); 0 at first. */
        private long origin;

        @Override
        public void beginStep(long step) {
            double c1 = 1 - Math.pow(B1, step - origin);
            double c2 = 1 - Math.pow(B2, step - origin);
            a = (float) (lr * Math.sqrt(c2) / c1);
            stepOfA = step;
        }

        @Override
        public float[][] state() {
            float[][] s = new float[m.length + v.length][];
            System.arraycopy(m, 0, s, 0, m.length);
            System.arraycopy(v, 0, s, m.length, v.length);
            return s;
        }

        @Override
        public void learningRate(float rate) {
            this.lr = rate;
            this.stepOfA = -1; // the next step's size is prepared afresh
        }

        @Override
        public void restartAfter(long step, boolean clear) {
            if (clear) {
                for (float[] x : m) {
                    java.util.Arrays.fill(x, 0f);
                }
                for (float[] x : v) {
                    java.util.Arrays.fill(x, 0f);
                }
            }
            this.origin = step;
            this.stepOfA = -1;
        }

        Adam(float lr, float[][] tables) {
            this.lr = lr;
            this.m = new float[tables.length][];
            this.v = new float[tables.length][];
            for (int i = 0; i < tables.length; i++) {
                m[i] = new float[tables[i].length];
                v[i] = new float[tables[i].length];
            }
        }

        @Override
        public void update(float[] table, int tableId, int row, int width, float[] grad, int gradOffset,
                long step) {
            float[] mm = m[tableId];
            float[] vv = v[tableId];
            int o = row * width;
            if (step != stepOfA) {
                beginStep(step); // a caller that did not prepare the step (single-threaded use only)
            }
            KERNELS.adamRow(table, mm, vv, o, grad, gradOffset, width, B1, B2, a, EPS);
        }
    }
}
