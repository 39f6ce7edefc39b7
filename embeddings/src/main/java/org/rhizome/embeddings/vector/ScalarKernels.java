package org.rhizome.embeddings.vector;

/** The scalar reference implementation of {@link VectorKernels}: plain loops, float accumulation. */
public final class ScalarKernels implements VectorKernels {

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        checkRange(a, aOffset, length, "a");
        checkRange(b, bOffset, length, "b");
        float s = 0f;
        for (int i = 0; i < length; i++) {
            s += a[aOffset + i] * b[bOffset + i];
        }
        return s;
    }

    @Override
    public void dotRows(float[] query, float[] matrix, int dim, int from, int to, float[] out) {
        checkRows(query, matrix, dim, from, to, out);
        for (int r = from; r < to; r++) {
            out[r - from] = dot(query, 0, matrix, r * dim, dim);
        }
    }

    @Override
    public float[] normalizeInPlace(float[] v) {
        float n = (float) Math.sqrt(dot(v, 0, v, 0, v.length));
        if (n > 0f) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
        return v;
    }

    static void checkRange(float[] a, int offset, int length, String name) {
        if (offset < 0 || length < 0 || offset > a.length - length) {
            throw new IndexOutOfBoundsException(name + "[" + offset + ", " + offset + " + " + length
                    + ") is outside an array of length " + a.length);
        }
    }

    static void checkRows(float[] query, float[] matrix, int dim, int from, int to, float[] out) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has length " + query.length + ", rows have " + dim);
        }
        if (from < 0 || to < from || (long) to * dim > matrix.length) {
            throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of dimension " + dim
                    + " are outside a matrix of " + matrix.length + " floats");
        }
        if (out.length < to - from) {
            throw new IllegalArgumentException("out has length " + out.length + ", needs " + (to - from));
        }
    }
}
