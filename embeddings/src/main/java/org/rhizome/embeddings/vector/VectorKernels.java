package org.rhizome.embeddings.vector;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Similarity kernels over float vectors. Two implementations compute the same thing: {@link ScalarKernels}, the
 * readable reference, and {@link PanamaKernels} on the incubating Vector API ({@code jdk.incubator.vector}), which is
 * 10x faster or more on reductions because C2 never vectorises a float sum on its own. {@link #get()} picks one once
 * per JVM and logs which and why; {@code -Drhizome.kernels=scalar} forces the scalar one.
 *
 * <p>Rules of the implementations: no allocation, the caller owns the outputs, and arguments are checked once per
 * call, not per element. Sums are accumulated in float; results of the two implementations differ by rounding only
 * (tests compare them with a tolerance growing with the length).
 */
public interface VectorKernels {

    /** Name of the implementation ({@code scalar} or {@code panama-<bits>}). */
    String name();

    /** Dot product of {@code a} and {@code b}, which must have the same length. */
    default float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " vs " + b.length);
        }
        return dot(a, 0, b, 0, a.length);
    }

    /** Dot product of {@code a[aOffset, aOffset + length)} and {@code b[bOffset, bOffset + length)}. */
    float dot(float[] a, int aOffset, float[] b, int bOffset, int length);

    /**
     * Dot products of {@code query [dim]} with rows {@code [from, to)} of the row-major {@code matrix [rows, dim]}:
     * {@code out[r - from] = query . matrix[r]}.
     *
     * @param out at least {@code to - from} long
     */
    void dotRows(float[] query, float[] matrix, int dim, int from, int to, float[] out);

    /** Scales {@code v} to unit L2 length in place (a zero vector stays zero) and returns it. */
    float[] normalizeInPlace(float[] v);

    /** The implementation chosen for this JVM. */
    static VectorKernels get() {
        return Holder.INSTANCE;
    }

    /** Lazily chooses the implementation once. */
    final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(VectorKernels.class);
        static final VectorKernels INSTANCE = choose();

        private Holder() {
        }

        private static VectorKernels choose() {
            if ("scalar".equalsIgnoreCase(System.getProperty("rhizome.kernels", ""))) {
                LOG.info("vector kernels: scalar (forced by -Drhizome.kernels=scalar)");
                return new ScalarKernels();
            }
            if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
                LOG.info("vector kernels: scalar (jdk.incubator.vector is not loaded; run java with "
                        + "--add-modules jdk.incubator.vector for the Vector API kernels)");
                return new ScalarKernels();
            }
            try {
                VectorKernels k = (VectorKernels) Class.forName("org.rhizome.embeddings.vector.PanamaKernels")
                        .getDeclaredConstructor().newInstance();
                LOG.info("vector kernels: {} (Vector API, preferred species)", k.name());
                return k;
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.info("vector kernels: scalar (the Vector API implementation failed to load: {})", e.toString());
                return new ScalarKernels();
            }
        }
    }
}
