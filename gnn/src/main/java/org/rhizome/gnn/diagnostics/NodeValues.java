package org.rhizome.gnn.diagnostics;

import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One number per node, or none where the quantity is undefined for that node (for example the test concentration
 * of a node without test neighbours). Immutable.
 *
 * <p>The published analysis code writes 0 for undefined nodes; {@link #valueOrZero(int)} and
 * {@link #toArrayOrZero()} reproduce that, {@link #value(int)} and {@link #toArray()} (NaN) keep the difference.
 */
public final class NodeValues {
    /** NaN where undefined. */
    private final double[] values;

    private NodeValues(double[] values) {
        this.values = values;
    }

    /**
     * Wraps a copy of {@code values}, where NaN means undefined.
     *
     * @param values one entry per node [n]
     */
    public static NodeValues of(double[] values) {
        return new NodeValues(Objects.requireNonNull(values, "values").clone());
    }

    /** Takes {@code values} without copying: the caller hands it over. */
    static NodeValues wrap(double[] values) {
        return new NodeValues(values);
    }

    /** Number of nodes. */
    public int size() {
        return values.length;
    }

    /** The value of {@code node}, or empty when it is undefined there. */
    public OptionalDouble value(int node) {
        double x = values[Objects.checkIndex(node, values.length)];
        return Double.isNaN(x) ? OptionalDouble.empty() : OptionalDouble.of(x);
    }

    /** Whether the value of {@code node} is defined. */
    public boolean isDefined(int node) {
        return !Double.isNaN(values[Objects.checkIndex(node, values.length)]);
    }

    /** The value of {@code node}, or 0 where it is undefined: the reference code's convention. */
    public double valueOrZero(int node) {
        double x = values[Objects.checkIndex(node, values.length)];
        return Double.isNaN(x) ? 0 : x;
    }

    /** Number of nodes with a defined value. */
    public int definedCount() {
        int c = 0;
        for (double x : values) {
            c += Double.isNaN(x) ? 0 : 1;
        }
        return c;
    }

    /** The values, NaN where undefined (a copy). [n] */
    public double[] toArray() {
        return values.clone();
    }

    /** The values, 0 where undefined (a copy): the reference code's convention. [n] */
    public double[] toArrayOrZero() {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isNaN(out[i])) {
                out[i] = 0;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeValues other && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NodeValues[" + values.length + " nodes, " + definedCount() + " defined]";
    }
}
