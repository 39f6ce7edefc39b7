package org.rhizome.embeddings.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * Many vectors of one dimension in one row-major {@code float[rows * dim]}, with exact top-k search by dot
 * product (the cosine when the rows and the query have unit length, as every {@code TextEmbedder} vector has).
 *
 * <p>Exact search costs O(rows * dim) per query, scored in blocks of {@value #BLOCK} rows with
 * {@link VectorKernels#dotRows} and kept in a k-sized heap: O(k) extra memory. It is the reference the
 * approximate HNSW search of the index is measured against, and fast enough on its own up to about 10^5 vectors.
 * Ties are broken by the lower row, so results are deterministic. Appends are not thread-safe; searches are, as
 * long as nobody appends.
 */
public final class DenseVectors {
    static final int BLOCK = 1024;

    private final int dim;
    private final VectorKernels kernels;
    private float[] data;
    private int rows;

    /** A scored row of a search. */
    public record ScoredRow(int row, float score) {
    }

    /** An empty matrix of vectors of dimension {@code dim}, on the JVM's chosen kernels. */
    public DenseVectors(int dim) {
        this(dim, VectorKernels.get());
    }

    /** An empty matrix on the given kernels. */
    public DenseVectors(int dim, VectorKernels kernels) {
        if (dim < 1) {
            throw new IllegalArgumentException("dim must be >= 1, got " + dim);
        }
        this.dim = dim;
        this.kernels = Objects.requireNonNull(kernels, "kernels");
        this.data = new float[dim * 16];
    }

    /** Appends a row and returns its index. */
    public int add(float[] vector) {
        if (vector.length != dim) {
            throw new IllegalArgumentException("vector has dimension " + vector.length + ", expected " + dim);
        }
        if ((long) (rows + 1) * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many vectors for one array: " + rows);
        }
        if ((rows + 1) * dim > data.length) {
            data = Arrays.copyOf(data, (int) Math.min(Integer.MAX_VALUE - 8L, Math.max((rows + 1L) * dim,
                    data.length * 2L)));
        }
        System.arraycopy(vector, 0, data, rows * dim, dim);
        return rows++;
    }

    /** Number of rows. */
    public int size() {
        return rows;
    }

    /** The vectors' dimension. */
    public int dimension() {
        return dim;
    }

    /** A copy of row {@code r}. */
    public float[] row(int r) {
        Objects.checkIndex(r, rows);
        return Arrays.copyOfRange(data, r * dim, (r + 1) * dim);
    }

    /**
     * The {@code k} rows with the highest dot product with {@code query}, best first (fewer if there are fewer rows).
     */
    public List<ScoredRow> topK(float[] query, int k) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has dimension " + query.length + ", expected " + dim);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        // Min-heap on (score, -row): the root is the worst kept row.
        PriorityQueue<ScoredRow> heap = new PriorityQueue<>(k + 1, (a, b) -> a.score() != b.score()
                ? Float.compare(a.score(), b.score()) : Integer.compare(b.row(), a.row()));
        float[] scores = new float[BLOCK];
        for (int from = 0; from < rows; from += BLOCK) {
            int to = Math.min(rows, from + BLOCK);
            kernels.dotRows(query, data, dim, from, to, scores);
            for (int r = from; r < to; r++) {
                float s = scores[r - from];
                if (heap.size() < k) {
                    heap.add(new ScoredRow(r, s));
                } else {
                    ScoredRow worst = heap.peek();
                    if (s > worst.score() || (s == worst.score() && r < worst.row())) {
                        heap.poll();
                        heap.add(new ScoredRow(r, s));
                    }
                }
            }
        }
        List<ScoredRow> out = new ArrayList<>(heap);
        out.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score())
                : Integer.compare(a.row(), b.row()));
        return out;
    }
}
