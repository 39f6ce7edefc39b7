package org.rhizome.gnn.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A dense float tensor, row-major and contiguous, that records how it was computed so gradients can flow back to the
 * tensors it came from (reverse-mode automatic differentiation).
 *
 * <p>A tensor is a {@code float[]} and a shape. Leaves are made by the factories ({@link #of}, {@link #zeros},
 * {@link #uniform}, ...); a leaf that {@link #requiresGrad() requires a gradient} is a trainable parameter. Every op in
 * {@link Ops}, {@link LinAlg}, {@link Index} and {@link Nn} returns a new tensor whose {@code backward} closure knows
 * how to push its gradient into its inputs. {@link #backward()} on a scalar visits the graph in reverse topological
 * order, once per node, and accumulates into {@link #grad()} of every tensor that requires a gradient.
 *
 * <p>What this is not: there are no views with strides (reshape shares the data array, everything else copies), no
 * in-place ops on tensors that take part in a graph, no double backward, no devices. It serves the models in this
 * module (EpiGNN, the KG-R3 reader), and stays small enough to read in one sitting.
 *
 * <p>Inside {@link #noGrad(Supplier)} no graph is recorded (evaluation); the flag is per thread.
 */
public final class Tensor {

    /** Pushes {@code out.grad} into the inputs' gradients. */
    @FunctionalInterface
    interface Backward {
        void run(Tensor out);
    }

    private static final ThreadLocal<boolean[]> NO_GRAD = ThreadLocal.withInitial(() -> new boolean[1]);

    final float[] data;
    final int[] shape;
    float[] grad;
    private final boolean requiresGrad;
    private final Tensor[] inputs;
    private final Backward backward;
    private String name;

    private Tensor(float[] data, int[] shape, boolean requiresGrad, Tensor[] inputs, Backward backward) {
        if (data.length != size(shape)) {
            throw new IllegalArgumentException(
                    "data length " + data.length + " does not match shape " + Arrays.toString(shape));
        }
        this.data = data;
        this.shape = shape;
        this.requiresGrad = requiresGrad;
        this.inputs = inputs;
        this.backward = backward;
    }

    // ---------------------------------------------------------------------------------------------- factories

    /** A leaf holding {@code data} (not copied) with {@code shape}; no gradient. */
    public static Tensor of(float[] data, int... shape) {
        return new Tensor(data, shape.clone(), false, null, null);
    }

    /** A scalar leaf. */
    public static Tensor scalar(float value) {
        return new Tensor(new float[] {value}, new int[0], false, null, null);
    }

    /** A leaf of zeros. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[size(shape)], shape.clone(), false, null, null);
    }

    /** A leaf filled with {@code value}. */
    public static Tensor full(float value, int... shape) {
        float[] d = new float[size(shape)];
        Arrays.fill(d, value);
        return new Tensor(d, shape.clone(), false, null, null);
    }

    /** A leaf of values drawn uniformly from {@code [-bound, bound)}. */
    public static Tensor uniform(Random random, float bound, int... shape) {
        float[] d = new float[size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (random.nextFloat() * 2f - 1f) * bound;
        }
        return new Tensor(d, shape.clone(), false, null, null);
    }

    /** A leaf of standard normal values times {@code std}. */
    public static Tensor normal(Random random, float std, int... shape) {
        float[] d = new float[size(shape)];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) random.nextGaussian() * std;
        }
        return new Tensor(d, shape.clone(), false, null, null);
    }

    /** A trainable leaf: a copy of {@code t} that requires a gradient, named for files and messages. */
    public static Tensor parameter(String name, Tensor t) {
        Tensor p = new Tensor(t.data.clone(), t.shape.clone(), true, null, null);
        p.name = name;
        return p;
    }

    /**
     * The result of an op: requires a gradient when any input does (and gradients are being recorded), in which case
     * {@code backward} is kept with the inputs.
     */
    static Tensor result(float[] data, int[] shape, Backward backward, Tensor... inputs) {
        boolean any = false;
        if (!NO_GRAD.get()[0]) {
            for (Tensor t : inputs) {
                any |= t.requiresGrad;
            }
        }
        return any ? new Tensor(data, shape, true, inputs, backward) : new Tensor(data, shape, false, null, null);
    }

    // ---------------------------------------------------------------------------------------------- accessors

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The length of dimension {@code d}; negative {@code d} counts from the end. */
    public int dim(int d) {
        return shape[d < 0 ? shape.length + d : d];
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The values, row-major. The array itself: write to it only on leaves, between steps. */
    public float[] data() {
        return data;
    }

    /** The accumulated gradient, or {@code null} before any backward pass reached this tensor. */
    public float[] grad() {
        return grad;
    }

    /** Whether gradients flow into this tensor. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The parameter name, or {@code null}. */
    public String name() {
        return name;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() of a tensor of shape " + Arrays.toString(shape));
        }
        return data[0];
    }

    /** The element at {@code index} (one coordinate per dimension). */
    public float get(int... index) {
        return data[offset(index)];
    }

    private int offset(int[] index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException(
                    index.length + " coordinates for a tensor of shape " + Arrays.toString(shape));
        }
        int off = 0;
        for (int d = 0; d < shape.length; d++) {
            if (index[d] < 0 || index[d] >= shape[d]) {
                throw new IndexOutOfBoundsException(
                        "index " + Arrays.toString(index) + " outside shape " + Arrays.toString(shape));
            }
            off = off * shape[d] + index[d];
        }
        return off;
    }

    /** Clears the gradient (before the next step). */
    public void zeroGrad() {
        if (grad != null) {
            Arrays.fill(grad, 0f);
        }
    }

    /** A copy of the values with no history. */
    public Tensor detach() {
        return new Tensor(data.clone(), shape.clone(), false, null, null);
    }

    @Override
    public String toString() {
        String values = data.length <= 16 ? Arrays.toString(data) : "[" + data.length + " values]";
        return (name == null ? "Tensor" : name) + Arrays.toString(shape) + " " + values;
    }

    // ---------------------------------------------------------------------------------------------- shapes

    /** The number of elements of {@code shape}. */
    public static int size(int[] shape) {
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " is too large for one array");
        }
        return (int) n;
    }

    /**
     * The same values under another shape (one dimension may be {@code -1}, inferred). Shares the data array;
     * gradients are copied back through.
     */
    public Tensor reshape(int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int d = 0; d < s.length; d++) {
            if (s[d] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("more than one -1 in " + Arrays.toString(newShape));
                }
                infer = d;
            } else {
                known *= s[d];
            }
        }
        if (infer >= 0) {
            if (known == 0 || data.length % known != 0) {
                throw new IllegalArgumentException(
                        "cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
            }
            s[infer] = (int) (data.length / known);
        }
        if (size(s) != data.length) {
            throw new IllegalArgumentException(
                    "cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
        }
        return result(data, s, out -> {
            float[] g = gradOf(this);
            for (int i = 0; i < g.length; i++) {
                g[i] += out.grad[i];
            }
        }, this);
    }

    // ---------------------------------------------------------------------------------------------- autograd

    /** The gradient array of {@code t}, allocated on first use; only for tensors that require a gradient. */
    static float[] gradOf(Tensor t) {
        if (t.grad == null) {
            t.grad = new float[t.data.length];
        }
        return t.grad;
    }

    /** Whether {@code t} wants a gradient from an op's backward (an input may be a constant). */
    static boolean wants(Tensor t) {
        return t.requiresGrad;
    }

    /**
     * Back-propagates from this scalar: seeds its gradient with 1 and runs every recorded op's backward once, in
     * reverse topological order. Gradients accumulate into leaves (call {@link #zeroGrad()} or
     * {@link Parameters#zeroGrad()} between steps); intermediate gradients are released afterwards.
     */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() needs a scalar, not shape " + Arrays.toString(shape));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("backward() of a tensor that does not depend on any parameter");
        }
        List<Tensor> order = topologicalOrder();
        gradOf(this)[0] += 1f;
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.backward != null && t.grad != null) {
                t.backward.run(t);
            }
        }
        for (Tensor t : order) {
            if (t.backward != null) {
                t.grad = null;
            }
        }
    }

    /** Nodes that require a gradient, each after all of its inputs (iterative DFS, no recursion limit). */
    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> stack = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        stack.push(this);
        next.push(0);
        seen.add(this);
        while (!stack.isEmpty()) {
            Tensor t = stack.peek();
            int i = next.pop();
            if (t.inputs != null && i < t.inputs.length) {
                next.push(i + 1);
                Tensor in = t.inputs[i];
                if (in.requiresGrad && seen.add(in)) {
                    stack.push(in);
                    next.push(0);
                }
            } else {
                stack.pop();
                order.add(t);
            }
        }
        return order;
    }

    /** Runs {@code body} without recording a graph (evaluation), restoring the previous mode afterwards. */
    public static <T> T noGrad(Supplier<T> body) {
        boolean[] flag = NO_GRAD.get();
        boolean before = flag[0];
        flag[0] = true;
        try {
            return body.get();
        } finally {
            flag[0] = before;
        }
    }

    // ---------------------------------------------------------------------------------------------- fluent shortcuts

    /** {@link Ops#add}. */
    public Tensor add(Tensor other) {
        return Ops.add(this, other);
    }

    /** {@link Ops#sub}. */
    public Tensor sub(Tensor other) {
        return Ops.sub(this, other);
    }

    /** {@link Ops#mul}. */
    public Tensor mul(Tensor other) {
        return Ops.mul(this, other);
    }

    /** {@link Ops#div}. */
    public Tensor div(Tensor other) {
        return Ops.div(this, other);
    }

    /** {@link Ops#scale}. */
    public Tensor scale(float s) {
        return Ops.scale(this, s);
    }

    /** {@link LinAlg#matmul}. */
    public Tensor matmul(Tensor other) {
        return LinAlg.matmul(this, other);
    }

    /** {@link Ops#sum(Tensor)}. */
    public Tensor sum() {
        return Ops.sum(this);
    }

    /** {@link Ops#mean(Tensor)}. */
    public Tensor mean() {
        return Ops.mean(this);
    }
}
