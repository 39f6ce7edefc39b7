package org.rhizome.gnn.training;

import java.util.Arrays;

/**
 * The gradient rows of one training step for one parameter table: a slab of {@code width}-float rows, one per row of
 * the table that the step touched, in the order they were first touched, with a dense row-to-slot index. Replaces a
 * map from row to a fresh array: no boxing, no allocation once the slab has grown to a step's size, and gradients are
 * added in place by the models' offset-taking gradient methods.
 *
 * <p>Memory: an {@code int} per table row for the index, plus {@code width} floats per touched row.
 */
final class RowGradients {
    private final int width;
    private final int[] slotOf;
    private int[] rows = new int[64];
    private float[] slab;
    private int count;

    RowGradients(int tableRows, int width) {
        this.width = width;
        this.slotOf = new int[tableRows];
        Arrays.fill(slotOf, -1);
        this.slab = new float[64 * width];
    }

    /** The slab holding the rows (valid until the next {@link #offset} that grows it). */
    float[] slab() {
        return slab;
    }

    /** The slab offset of {@code row}'s gradient, a zero row added first if the step had not touched it. */
    int offset(int row) {
        int s = slotOf[row];
        if (s < 0) {
            if (count == rows.length) {
                rows = Arrays.copyOf(rows, 2 * count);
                slab = Arrays.copyOf(slab, 2 * count * width);
            }
            s = count++;
            slotOf[row] = s;
            rows[s] = row;
        }
        return s * width;
    }

    /** The slot of {@code row}, or -1 if the step has not touched it. */
    int slotOf(int row) {
        return slotOf[row];
    }

    /** Number of touched rows. */
    int count() {
        return count;
    }

    /** The table row of slot {@code i} (slots in the order rows were first touched). */
    int row(int i) {
        return rows[i];
    }

    /** Adds every row of {@code other} into this one (rows first touched there are appended in its order). */
    void addAll(RowGradients other) {
        for (int i = 0; i < other.count; i++) {
            int o = offset(other.rows[i]);
            int src = i * width;
            for (int k = 0; k < width; k++) {
                slab[o + k] += other.slab[src + k];
            }
        }
    }

    /** Forgets every touched row (their slab rows are zeroed for reuse). */
    void clear() {
        for (int i = 0; i < count; i++) {
            slotOf[rows[i]] = -1;
        }
        Arrays.fill(slab, 0, count * width, 0f);
        count = 0;
    }
}
