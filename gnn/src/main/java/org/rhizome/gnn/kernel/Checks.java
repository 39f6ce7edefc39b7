package org.rhizome.gnn.kernel;

import java.util.Objects;

/** Argument checks shared by the implementations: once per call, never per element. */
final class Checks {
    private Checks() {
    }

    /** {@code a[off, off + n)} lies inside {@code a}. */
    static void range(float[] a, int off, int n) {
        Objects.checkFromIndexSize(off, n, a.length);
    }

    /** {@code a[off, off + n)} lies inside {@code a}. */
    static void range(long[] a, int off, int n) {
        Objects.checkFromIndexSize(off, n, a.length);
    }

    /**
     * The rows of a triple kernel ({@link Kernels#transEL2Gradient}): head, relation and tail rows of {@code dim}
     * floats and the three gradient rows lie inside their arrays.
     */
    static void triple(float[] ent, int h, float[] rel, int r, int t, float[] gh, int gho, float[] gr, int gro,
            float[] gt, int gto, int dim) {
        range(ent, h, dim);
        range(rel, r, dim);
        range(ent, t, dim);
        range(gh, gho, dim);
        range(gr, gro, dim);
        range(gt, gto, dim);
    }

    /**
     * The arguments of a "one query against all rows" kernel: {@code query} holds at least {@code rowLength} floats,
     * {@code ent} at least {@code count} rows of {@code rowLength}, {@code out} at least {@code count} floats.
     */
    static void all(float[] query, float[] ent, int count, int rowLength, float[] out) {
        if (count < 0 || rowLength < 0) {
            throw new IllegalArgumentException("count and row length must be >= 0, got " + count + " and "
                    + rowLength);
        }
        if (query.length < rowLength) {
            throw new IllegalArgumentException("query has length " + query.length + ", rows have " + rowLength);
        }
        if ((long) count * rowLength > ent.length) {
            throw new IndexOutOfBoundsException(count + " rows of " + rowLength + " floats do not fit in a table of "
                    + ent.length);
        }
        if (out.length < count) {
            throw new IllegalArgumentException("out has length " + out.length + ", needs " + count);
        }
    }

    /** The arguments of {@link Kernels#dotBlock}: every range it reads or writes lies inside its array. */
    static void block(float[] q, int qOff, int rows, int dim, float[] packed, int width, int cols, float[] out,
            int outOff, int outStride) {
        if (rows < 0 || dim < 0 || cols < 0 || width < 1) {
            throw new IllegalArgumentException("rows, dim and cols must be >= 0 and width >= 1, got " + rows + ", "
                    + dim + ", " + cols + ", " + width);
        }
        if (outStride < cols) {
            throw new IllegalArgumentException("outStride must be >= cols (" + cols + "), got " + outStride);
        }
        if (rows == 0 || cols == 0) {
            return;
        }
        Objects.checkFromIndexSize(qOff, Math.multiplyExact(rows, dim), q.length);
        long panels = (cols + (long) width - 1) / width;
        Objects.checkFromIndexSize(0, Math.toIntExact(panels * dim * width), packed.length);
        Objects.checkFromIndexSize(outOff, Math.addExact(Math.multiplyExact(rows - 1, outStride), cols), out.length);
    }

    /**
     * The arguments of a queries-by-candidates kernel ({@link Kernels#complexModulusScores}): {@code rows} query
     * rows of {@code len} floats at the start of {@code q}, candidates {@code ids[from..to)} naming rows of
     * {@code ent}, and the matrix {@code m} (scores or coefficients) with entries
     * {@code m[mOff + a * mStride + j]} for {@code a < rows}, {@code from <= j < to}, all inside their arrays.
     */
    static void pairs(float[] q, int rows, float[] ent, int[] ids, int from, int to, int len, float[] m, int mOff,
            int mStride) {
        if (rows < 0 || from < 0 || to < from || to > ids.length) {
            throw new IllegalArgumentException("need rows >= 0 and 0 <= from <= to <= " + ids.length + ", got rows "
                    + rows + ", from " + from + ", to " + to);
        }
        if (rows == 0 || to == from) {
            return;
        }
        if (mStride < to) {
            throw new IllegalArgumentException("the matrix stride must be >= to (" + to + "), got " + mStride);
        }
        Objects.checkFromIndexSize(0, Math.multiplyExact(rows, len), q.length);
        Objects.checkFromIndexSize(mOff, Math.addExact(Math.multiplyExact(rows - 1, mStride), to), m.length);
        for (int j = from; j < to; j++) {
            Objects.checkFromIndexSize(Math.multiplyExact(ids[j], len), len, ent.length);
        }
    }

    /** Gradient rows {@code g[off[j] .. off[j] + len)} for {@code j in [from, to)} lie inside {@code g}. */
    static void rows(float[] g, int[] off, int from, int to, int len) {
        for (int j = from; j < to; j++) {
            Objects.checkFromIndexSize(off[j], len, g.length);
        }
    }

    /** {@code rank >= 0} and {@code 2 * rank} does not overflow. */
    static int complexRowLength(int rank) {
        if (rank < 0 || rank > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("rank out of range: " + rank);
        }
        return 2 * rank;
    }
}
