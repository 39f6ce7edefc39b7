package org.rhizome.embeddings.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorKernels} on the Vector API with the platform's preferred species (512 bits, 16 lanes, on AVX-512).
 * Loaded only through {@link VectorKernels#get()} when {@code jdk.incubator.vector} is present.
 *
 * <p>Why it is shaped this way: a dot product is a reduction, which C2 does not vectorise, so the main loop keeps two
 * independent vector accumulators (hiding the FMA latency) and reduces lanes once at the end; {@code dotRows}
 * scores four rows per pass so that each load of the query feeds four FMAs (GEMV-shaped, STACK.md: one
 * {@code reduceLanes} per row pair is what limits throughput). Tails run as scalar loops.
 */
public final class PanamaKernels implements VectorKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    @Override
    public String name() {
        return "panama-" + S.vectorBitSize();
    }

    @Override
    public float dot(float[] a, int aOffset, float[] b, int bOffset, int length) {
        ScalarKernels.checkRange(a, aOffset, length, "a");
        ScalarKernels.checkRange(b, bOffset, length, "b");
        FloatVector acc0 = FloatVector.zero(S);
        FloatVector acc1 = FloatVector.zero(S);
        int i = 0;
        int bound2 = length - 2 * L + 1;
        for (; i < bound2; i += 2 * L) {
            acc0 = FloatVector.fromArray(S, a, aOffset + i).fma(FloatVector.fromArray(S, b, bOffset + i), acc0);
            acc1 = FloatVector.fromArray(S, a, aOffset + i + L)
                    .fma(FloatVector.fromArray(S, b, bOffset + i + L), acc1);
        }
        int bound = S.loopBound(length);
        for (; i < bound; i += L) {
            acc0 = FloatVector.fromArray(S, a, aOffset + i).fma(FloatVector.fromArray(S, b, bOffset + i), acc0);
        }
        float s = acc0.add(acc1).reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) {
            s += a[aOffset + i] * b[bOffset + i];
        }
        return s;
    }

    @Override
    public void dotRows(float[] query, float[] matrix, int dim, int from, int to, float[] out) {
        ScalarKernels.checkRows(query, matrix, dim, from, to, out);
        int bound = S.loopBound(dim);
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int o0 = r * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            FloatVector s0 = FloatVector.zero(S);
            FloatVector s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S);
            int i = 0;
            for (; i < bound; i += L) {
                FloatVector q = FloatVector.fromArray(S, query, i);
                s0 = q.fma(FloatVector.fromArray(S, matrix, o0 + i), s0);
                s1 = q.fma(FloatVector.fromArray(S, matrix, o1 + i), s1);
                s2 = q.fma(FloatVector.fromArray(S, matrix, o2 + i), s2);
                s3 = q.fma(FloatVector.fromArray(S, matrix, o3 + i), s3);
            }
            float d0 = s0.reduceLanes(VectorOperators.ADD);
            float d1 = s1.reduceLanes(VectorOperators.ADD);
            float d2 = s2.reduceLanes(VectorOperators.ADD);
            float d3 = s3.reduceLanes(VectorOperators.ADD);
            for (; i < dim; i++) {
                float q = query[i];
                d0 += q * matrix[o0 + i];
                d1 += q * matrix[o1 + i];
                d2 += q * matrix[o2 + i];
                d3 += q * matrix[o3 + i];
            }
            out[r - from] = d0;
            out[r + 1 - from] = d1;
            out[r + 2 - from] = d2;
            out[r + 3 - from] = d3;
        }
        for (; r < to; r++) {
            out[r - from] = dot(query, 0, matrix, r * dim, dim);
        }
    }

    @Override
    public float[] normalizeInPlace(float[] v) {
        float n = (float) Math.sqrt(dot(v, 0, v, 0, v.length));
        if (n > 0f) {
            float inv = 1f / n;
            for (int i = 0; i < v.length; i++) {
                v[i] *= inv;
            }
        }
        return v;
    }
}
