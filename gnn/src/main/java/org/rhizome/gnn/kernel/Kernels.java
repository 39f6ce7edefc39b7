package org.rhizome.gnn.kernel;

/**
 * The float vector kernels of link prediction: reductions over two vectors, the fused scores of one triple under the
 * usual knowledge-graph embedding models, and "one query against every entity" scoring for evaluation.
 *
 * <p>Two implementations compute the same thing: {@link ScalarKernels}, plain loops and the reference, and
 * {@link PanamaKernels} on the incubating Vector API ({@code jdk.incubator.vector}). {@link #get()} picks one once per
 * JVM and logs which and why; {@code -Drhizome.gnn.kernels=scalar} forces the scalar one.
 *
 * <p>Conventions shared by every method:
 * <ul>
 *   <li>Vectors are ranges of {@code float[]}: {@code a[aOff, aOff + n)}. Embedding tables are row-major, one
 *       {@code float[]} per table, and the fused kernels take <em>row offsets</em> ({@code row * rowLength}), not row
 *       indices.</li>
 *   <li>Complex vectors of rank {@code k} are stored as {@code [re_0 .. re_{k-1}, im_0 .. im_{k-1}]}: a row of
 *       length {@code 2k}, real parts first.</li>
 *   <li>Sums are accumulated in float. The two implementations differ by rounding only (the vector one reassociates
 *       the sums); compare them with a relative tolerance.</li>
 *   <li>Arguments are checked once per call ({@link IndexOutOfBoundsException} for ranges outside an array), not per
 *       element. Nothing is allocated; the caller owns every output array. Implementations are stateless and
 *       thread-safe.</li>
 * </ul>
 */
public interface Kernels {

    /**
     * The implementation chosen for this JVM, once: {@link PanamaKernels} when {@code jdk.incubator.vector} is loaded
     * and the preferred species has at least 8 float lanes, else {@link ScalarKernels};
     * {@code -Drhizome.gnn.kernels=scalar} forces the scalar one. The choice and its reason are logged once at INFO.
     */
    static Kernels get() {
        return KernelSelection.Holder.CHOSEN;
    }

    /** The scalar reference implementation. */
    static Kernels scalar() {
        return ScalarKernels.INSTANCE;
    }

    /** Name of the implementation: {@code scalar} or {@code panama-<bits>}. */
    String name();

    /** Dot product: {@code sum_i a[aOff+i] * b[bOff+i]} for {@code i in [0, n)}. */
    float dot(float[] a, int aOff, float[] b, int bOff, int n);

    /** L1 (Manhattan) distance: {@code sum_i |a[aOff+i] - b[bOff+i]|}. */
    float l1Distance(float[] a, int aOff, float[] b, int bOff, int n);

    /** Squared L2 distance: {@code sum_i (a[aOff+i] - b[bOff+i])^2}. */
    float l2DistanceSquared(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * Cosine similarity: {@code <a, b> / (||a||_2 * ||b||_2)}, and {@code 0} if either norm is 0. The result is not
     * clamped: rounding may take it a few ulps outside {@code [-1, 1]}.
     */
    float cosine(float[] a, int aOff, float[] b, int bOff, int n);

    /**
     * In place {@code y += alpha * x}: {@code y[yOff+i] += alpha * x[xOff+i]} for {@code i in [0, n)}. The two ranges
     * must not overlap unless they are the same range.
     */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * In place {@code y[yOff + i] += alpha * x[xOff + i]} for {@code i in [0, n)} with the product rounded before the
     * sum (no fused multiply-add, unlike {@link #axpy}), bit for bit the same in both implementations: an L2
     * penalty's gradient added to a row's. The ranges must not overlap.
     */
    void addScaled(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * In place {@code y[yOff + i] += alpha * x[xOff + i] * |x[xOff + i]|} for {@code i in [0, n)}, the products
     * rounded left to right before the sum (no fused multiply-add), bit for bit the same in both implementations: the
     * gradient of an L3 penalty {@code scale * sum |x|^3} with {@code alpha = 3 * scale}, added to a row's. The ranges
     * must not overlap.
     */
    void addCubed(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * The gradient of {@code alpha * -||q - e||_1} (TransE L1's score of a candidate), added in place: with
     * {@code g_i = alpha * sign(q[i] - e[eOff+i])} ({@code 0} where they are equal), {@code dq[i] -= g_i} and
     * {@code ge[geOff+i] += g_i} for {@code i in [0, n)}. {@code ge} may be {@code e}'s own table only if the ranges
     * do not overlap.
     */
    void l1Gradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge, int geOff, int n);

    /**
     * RotatE's distance of a query to one candidate, both complex rows {@code [re(0..rank), im(0..rank)]}:
     * {@code sum_k |q_k - e_k| = sum_k sqrt((q.re_k - e.re_k)^2 + (q.im_k - e.im_k)^2)}, with the query at
     * {@code q[qOff..qOff + 2 rank)} and the candidate at {@code e[eOff..eOff + 2 rank)}. Training scores a query's
     * negatives with it; {@link #complexModulusDistanceAll} is the evaluation's form.
     */
    float complexModulusDistance(float[] q, int qOff, float[] e, int eOff, int rank);

    /**
     * The gradient of {@code alpha * -sum_k |q_k - e_k|} (RotatE's score of a candidate, complex rows as in
     * {@link #complexModulusDistance}), added in place: with {@code u_k = q_k - e_k} (complex) and
     * {@code g_k = alpha / |u_k|} ({@code 0} where {@code u_k = 0}, the subgradient taken at a zero distance),
     * {@code dq_k -= g_k u_k} and {@code ge_k += g_k u_k}, real and imaginary parts alike. The query starts at
     * {@code q[0]} and its gradient at {@code dq[0]}; {@code ge} may be {@code e}'s own table only if the ranges do
     * not overlap.
     */
    void complexModulusGradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge, int geOff,
            int rank);

    /**
     * RotatE's scores of a block of queries against a block of candidates, as in {@link #complexModulusDistance}:
     * {@code out[outOff + a * outStride + j] = shift - sum_k |q_a,k - e_{ids[j]},k|} for {@code a in [0, rows)} and
     * {@code j in [from, to)}, where query {@code a} is the complex row at {@code q[a * 2 rank]} (the queries are
     * consecutive rows) and candidate {@code j} the row at {@code ent[ids[j] * 2 rank]}. A chunk of training shares
     * its negatives among its queries: in blocks, a candidate row read into cache serves several queries.
     */
    void complexModulusScores(float[] q, int rows, float[] ent, int[] ids, int from, int to, int rank, float shift,
            float[] out, int outOff, int outStride);

    /**
     * The gradients of {@code sum_{a, j} c_aj * -|q_a - e_{ids[j]}|} over a block laid out as in
     * {@link #complexModulusScores}, with {@code c_aj = coeff[cOff + a * cStride + j]}, added in place: each pair
     * adds what {@link #complexModulusGradient} would, into query gradient row {@code dq[a * 2 rank ..)} and into
     * candidate gradient row {@code ge[geOff[j] ..)} (the row of {@code ids[j]}; repeated ids may share a row).
     * Pairs with {@code c_aj = 0} add nothing. Sums run in a blocked order: results agree with pair-by-pair calls to
     * rounding.
     */
    void complexModulusGradients(float[] coeff, int cOff, int cStride, float[] q, int rows, float[] ent, int[] ids,
            int from, int to, int rank, float[] dq, float[] ge, int[] geOff);

    /**
     * TransE score of one triple: {@code -||e_h + w_r - e_t||_1} when {@code l1}, else
     * {@code -||e_h + w_r - e_t||_2 = -sqrt(sum_i (e_h[i] + w_r[i] - e_t[i])^2)}.
     *
     * @param ent entity table, row-major with rows of length {@code dim}
     * @param h   row offset of the head in {@code ent} ({@code headRow * dim})
     * @param rel relation table, row-major with rows of length {@code dim}
     * @param r   row offset of the relation in {@code rel} ({@code relationRow * dim})
     * @param t   row offset of the tail in {@code ent} ({@code tailRow * dim})
     */
    float transE(float[] ent, int h, float[] rel, int r, int t, int dim, boolean l1);

    /**
     * DistMult score of one triple: {@code sum_i e_h[i] * w_r[i] * e_t[i]}, with row offsets {@code h, r, t} as in
     * {@link #transE}.
     */
    float distMult(float[] ent, int h, float[] rel, int r, int t, int dim);

    /**
     * ComplEx score of one triple: {@code Re(sum_k h_k * r_k * conj(t_k))}. Every row (entity and relation) holds
     * {@code [re(0..rank), im(0..rank)]}, so with {@code h_k = a + ib, r_k = c + id, t_k = e + if} the score is
     * {@code sum_k a(ce + df) + b(cf - de)}.
     *
     * @param h row offset of the head in {@code ent} ({@code headRow * 2 * rank}); {@code r} and {@code t} likewise
     */
    float complEx(float[] ent, int h, float[] rel, int r, int t, int rank);

    /**
     * RotatE distance of one triple: {@code sum_k |h_k * e^{i theta_k} - t_k|}, the complex modulus per coordinate,
     * summed. With {@code h_k = a + ib} and {@code t_k = e + if}, the rotated head is
     * {@code (a cos(theta_k) - b sin(theta_k)) + i (a sin(theta_k) + b cos(theta_k))}. The model's score is
     * {@code gamma - distance}.
     *
     * @param ent   entity table, rows {@code [re(0..rank), im(0..rank)]} of length {@code 2 * rank}
     * @param h     row offset of the head in {@code ent} ({@code headRow * 2 * rank}); {@code t} likewise
     * @param phase relation table, rows of {@code rank} phases {@code theta_k} (radians)
     * @param r     row offset of the relation in {@code phase} ({@code relationRow * rank})
     */
    float rotatEDistance(float[] ent, int h, float[] phase, int r, int t, int rank);

    /**
     * Dot product of {@code query[0, dim)} with every entity row: {@code out[e] = sum_i query[i] * ent[e*dim + i]}
     * for {@code e in [0, count)}. DistMult and ComplEx reduce to this with a precomputed query vector.
     */
    void dotAll(float[] query, float[] ent, int count, int dim, float[] out);

    /**
     * Many queries against many candidates as one matrix product, for evaluating dot-product models (DistMult,
     * ComplEx) a block of queries at a time: for {@code i in [0, rows)} and {@code j in [0, cols)},
     * {@code out[outOff + i*outStride + j] = sum_{p < dim} q[qOff + i*dim + p] * c_j[p]}, where the candidates
     * {@code c_j} come packed by {@link #packColumns} with panel width {@code width}.
     *
     * <p>The queries are rows ({@code dim} floats each, consecutive). Unlike the other kernels, each sum is accumulated
     * in the order of {@code p} with fused multiply-adds in <em>both</em> implementations, so they agree bit for bit.
     * Each candidate is read once per block of rows instead of once per query: a block of 64 queries moves 64 times
     * less of the table through memory than {@link #dotAll}. Any {@code width >= 1} is computed; the vector
     * implementation is fast for {@link #dotBlockWidth()}.
     */
    void dotBlock(float[] q, int qOff, int rows, int dim, float[] packed, int width, int cols, float[] out, int outOff,
            int outStride);

    /**
     * Counts, in {@code a[off, off + n)}, the values greater than {@code s} into {@code counts[0]} and those equal to
     * it into {@code counts[1]} (a NaN is neither, and a NaN {@code s} counts nothing): the rank counting of
     * evaluation.
     */
    void countGreaterEqual(float[] a, int off, int n, float s, int[] counts);

    /** The panel width {@link #dotBlock} is fastest with. */
    int dotBlockWidth();

    /**
     * Packs the candidates for {@link #dotBlock}: {@code count} rows of {@code dim} floats ({@code table[e*dim + p]})
     * into panels of {@code width} candidates, panel {@code k} holding candidates {@code [k*width, (k+1)*width)} as
     * {@code dim} consecutive runs of {@code width} floats, coordinate by coordinate:
     * {@code packed[k*dim*width + p*width + c] = table[(k*width + c)*dim + p]}, zero past the last candidate. One
     * panel is then a contiguous {@code dim x width} block that stays in L1 while a block of queries passes.
     */
    static float[] packColumns(float[] table, int count, int dim, int width) {
        return packColumns(table, count, dim, width, new float[packedLength(count, dim, width)]);
    }

    /** The floats {@link #packColumns} fills for {@code count} rows of {@code dim} in panels of {@code width}. */
    static int packedLength(int count, int dim, int width) {
        if (count < 0 || dim < 0 || width < 1) {
            throw new IllegalArgumentException("count and dim must be >= 0 and width >= 1, got " + count + ", " + dim
                    + ", " + width);
        }
        int panels = (count + width - 1) / width;
        return Math.multiplyExact(Math.multiplyExact(panels, dim), width);
    }

    /**
     * {@link #packColumns(float[], int, int, int)} into {@code packed} (at least {@link #packedLength} floats; the
     * padding is zeroed), for callers that pack again and again (a training chunk) and keep one buffer.
     */
    static float[] packColumns(float[] table, int count, int dim, int width, float[] packed) {
        int length = packedLength(count, dim, width);
        java.util.Objects.checkFromIndexSize(0, Math.multiplyExact(count, dim), table.length);
        java.util.Objects.checkFromIndexSize(0, length, packed.length);
        for (int e = 0; e < count; e++) {
            int base = e / width * dim * width + e % width;
            for (int p = 0; p < dim; p++) {
                packed[base + p * width] = table[e * dim + p];
            }
        }
        int lastPanel = count / width * dim * width;
        for (int e = count; e % width != 0; e++) { // the last panel's padding columns
            for (int p = 0; p < dim; p++) {
                packed[lastPanel + p * width + e % width] = 0f;
            }
        }
        return packed;
    }

    /**
     * Packs columns {@code [from, from + count)} of the row-major matrix {@code b[k, n]} (starting at {@code bOff}) as
     * {@link #dotBlock}'s candidates of length {@code k}: the layout {@link #packColumns} gives for the transpose of
     * {@code b}, without transposing first, since each panel's run for one row of {@code b} is one contiguous copy.
     * The padding past the last column is zeroed, so {@code packed} (at least {@code packedLength(count, k, width)}
     * floats) can be reused.
     */
    static float[] packColumnsOf(float[] b, int bOff, int k, int n, int from, int count, int width, float[] packed) {
        int length = packedLength(count, k, width);
        java.util.Objects.checkFromIndexSize(0, length, packed.length);
        java.util.Objects.checkFromToIndex(0, from + count, n);
        if (count > 0) {
            java.util.Objects.checkFromIndexSize(bOff, Math.addExact(Math.multiplyExact(k - 1, n), from + count),
                    b.length);
        }
        for (int panel = 0, j0 = 0; j0 < count; panel++, j0 += width) {
            int w = Math.min(width, count - j0);
            for (int p = 0; p < k; p++) {
                int dst = (panel * k + p) * width;
                System.arraycopy(b, bOff + p * n + from + j0, packed, dst, w);
                if (w < width) {
                    java.util.Arrays.fill(packed, dst + w, dst + width, 0f);
                }
            }
        }
        return packed;
    }

    /**
     * {@link #transpose} as a kernel: the same elements moved (a copy, so both implementations give the same
     * output), the vector one in 16 x 16 tiles held in registers where it has 16 lanes.
     */
    void transposeMatrix(float[] a, int aOff, int rows, int cols, float[] out);

    /**
     * Transposes the row-major {@code a[rows, cols]} (from {@code aOff}) into {@code out[cols, rows]} (from 0), in
     * 16 x 16 tiles, so that neither side's cache lines are evicted before they are used up.
     */
    static void transpose(float[] a, int aOff, int rows, int cols, float[] out) {
        java.util.Objects.checkFromIndexSize(aOff, Math.multiplyExact(rows, cols), a.length);
        java.util.Objects.checkFromIndexSize(0, rows * cols, out.length);
        for (int i0 = 0; i0 < rows; i0 += 16) {
            int i1 = Math.min(rows, i0 + 16);
            for (int j0 = 0; j0 < cols; j0 += 16) {
                int j1 = Math.min(cols, j0 + 16);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        out[j * rows + i] = a[aOff + i * cols + j];
                    }
                }
            }
        }
    }

    /**
     * One Adam step on a parameter row, in place: for {@code i in [0, n)}, with {@code g = grad[gOff + i]} and
     * {@code x = off + i}: {@code m[x] = b1 * m[x] + (1 - b1) * g}, {@code v[x] = b2 * v[x] + (1 - b2) * g * g},
     * {@code p[x] -= a * m[x] / (sqrt(v[x]) + eps)}, where {@code a} is the step size with its bias correction. Each
     * operation is rounded to float in this order, with no fused multiply-add, so both implementations agree bit for
     * bit. The parameters and their two moments share the offset; the gradient must not overlap them.
     */
    void adamRow(float[] p, float[] m, float[] v, int off, float[] grad, int gOff, int n, float b1, float b2, float a,
            float eps);

    /**
     * One Adagrad step on a parameter row, in place: for {@code i in [0, n)}, with {@code g = grad[gOff + i]} and
     * {@code x = off + i}: {@code acc[x] += g * g}, then {@code p[x] -= lr * g / (sqrt(acc[x]) + eps)}. Each operation
     * is rounded to float in this order, with no fused multiply-add, so both implementations agree bit for bit. The
     * parameters and their sums share the offset; the gradient must not overlap them.
     */
    void adagradRow(float[] p, float[] acc, int off, float[] grad, int gOff, int n, float lr, float eps);

    /**
     * {@link #adagradRow} on the gradient {@code coeff * p} of an L2 penalty alone (a row the step's data did not
     * reach): for {@code i in [0, n)}, with {@code x = off + i}, {@code g = coeff * p[x]}, {@code acc[x] += g * g},
     * {@code p[x] -= lr * g / (sqrt(acc[x]) + eps)}, each operation rounded in this order: bit for bit what
     * {@link #adagradRow} does with that gradient written out first, and the same in both implementations.
     */
    void adagradL2Row(float[] p, float[] acc, int off, int n, float coeff, float lr, float eps);

    /**
     * Dropout masks from random draws: for {@code x < width}, with {@code d} the 16 bits of {@code draws[x / 4]}
     * starting at bit {@code 16 * (x % 4)} (the lowest first), read as an unsigned number,
     * {@code mask[off + x] = d >= threshold ? keep : 0}. The same in both implementations.
     */
    void dropoutMask(long[] draws, float[] mask, int off, int width, int threshold, float keep);

    /**
     * {@code out[outOff + i] = a[aOff + i] * b[bOff + i]} for {@code i < n} (bit for bit the same in both
     * implementations). {@code out} may be {@code a} or {@code b} at the same offset, not overlap them otherwise.
     */
    void multiply(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /**
     * {@code out[outOff + i] += a[aOff + i] * b[bOff + i]} for {@code i < n}: the product rounded, then the sum (no
     * fused multiply-add, so bit for bit the same in both implementations). {@code out} must not overlap the inputs.
     */
    void addProduct(float[] a, int aOff, float[] b, int bOff, float[] out, int outOff, int n);

    /**
     * Adds the gradient of {@code -alpha * ||q - e||^2 / 2} with respect to {@code q} into {@code dq} and with respect
     * to {@code e} into {@code ge}, as TransE-L2 needs (its score {@code -||q - e||} with {@code alpha} the loss
     * coefficient over {@code ||q - e||}): for {@code i < n}, {@code g = alpha * (q[i] - e[eOff + i])},
     * {@code dq[i] -= g}, {@code ge[geOff + i] += g}, each operation rounded in this order, bit for bit the same in
     * both implementations. {@code ge} may be {@code e}'s array only at another row.
     */
    void l2Gradient(float alpha, float[] q, float[] e, int eOff, float[] dq, float[] ge, int geOff, int n);

    /**
     * The gradient of one TransE-L2 triple given its factor {@code c} (the loss coefficient times
     * {@code -1 / ||e_h + w_r - e_t||}): for {@code i < dim}, {@code g = c * ((ent[h + i] + rel[r + i]) - ent[t + i])},
     * then {@code gh[gho + i] += g}, {@code gr[gro + i] += g}, {@code gt[gto + i] -= g} in this order, each operation
     * rounded, bit for bit the same in both implementations. The three gradient rows may share an array (even the same
     * row: a triple whose head is its tail gets both parts); they must not overlap the inputs.
     */
    void transEL2Gradient(float[] ent, int h, float[] rel, int r, int t, float c, float[] gh, int gho, float[] gr,
            int gro, float[] gt, int gto, int dim);

    /**
     * The negatives' part of RotatE's self-adversarial loss (Sun et al. 2019) for one positive: with
     * {@code s_j = scores[off + j]} for {@code j < n}, the weights {@code p_j = softmax_j(temperature * s_j)} (held
     * constant, as in the paper), writes {@code coeff[cOff + j] = w * p_j * sigmoid(s_j)}, the derivative of
     * {@code w * sum_j p_j * softplus(s_j)} with respect to {@code s_j}, and returns {@code sum_j p_j * softplus(s_j)}
     * (without {@code w}). The scalar implementation works in double; the vector one in float with its own
     * polynomial {@code exp} and {@code log1p} (exactly rounded lane operations only, so that its results do not
     * depend on whether the JIT has compiled it), so the two agree to about 1e-6 relative, not bit for bit.
     * {@code coeff} must not overlap {@code scores}. With {@code loss} false the loss is not computed (its
     * {@code log1p} was about a third of the vector kernel's time, and training needs the value only on the steps it
     * reports) and NaN is returned; the coefficients are the same bit for bit.
     */
    double selfAdversarial(float[] scores, int off, int n, float temperature, double w, float[] coeff, int cOff,
            boolean loss);

    /**
     * Softmax cross-entropy of a positive (score {@code pos}) against itself and {@code n} other candidates
     * ({@code scores[off, off + n)}), times {@code w}: returns {@code w * (-pos + log(e^pos + sum_j e^s_j))} and writes
     * {@code dL/ds_j = w * p_j} into {@code coeff[cOff, cOff + n)}, {@code p} the softmax over the positive and the
     * candidates (the positive's derivative, {@code w (p_pos - 1)}, is minus their sum). Stable for any finite scores
     * (shifted by their maximum); a candidate scored {@code -infinity} (a masked one) gets exactly 0. The scalar
     * implementation sums in double with {@code Math.exp}; the vector one exponentiates in float with the same
     * exactly rounded polynomial as {@link #selfAdversarial}, so the two agree to about 1e-6 relative, not bit for
     * bit. {@code coeff} must not overlap {@code scores}.
     */
    double softmaxCrossEntropy(float pos, float[] scores, int off, int n, double w, float[] coeff, int cOff);

    /**
     * {@code log(1 + y)} for {@code y} in {@code [0, 1]}, to about 1e-12 relative: {@code Math.log(1 + y)}, or its
     * Taylor series to the cubic term below 1e-4, where rounding {@code 1 + y} would cost digits. {@code Math.log1p}
     * is not a JIT intrinsic on JDK 17 but a native call, once per negative the costliest part of the loss.
     */
    static double log1pUnit(double y) {
        return y < 1e-4 ? y * (1 - y * (0.5 - y / 3)) : Math.log(1 + y);
    }

    /** L1 distance of {@code query[0, dim)} to every entity row: {@code out[e] = sum_i |query[i] - ent[e*dim + i]|}. */
    void l1DistanceAll(float[] query, float[] ent, int count, int dim, float[] out);

    /**
     * L2 distance of {@code query[0, dim)} to every entity row:
     * {@code out[e] = sqrt(sum_i (query[i] - ent[e*dim + i])^2)}.
     */
    void l2DistanceAll(float[] query, float[] ent, int count, int dim, float[] out);

    /**
     * Complex-modulus distance of {@code query} to every entity row, the query and the rows being
     * {@code [re(0..rank), im(0..rank)]} (length {@code 2 * rank}):
     * {@code out[e] = sum_k |q_k - e_k| = sum_k sqrt((q.re_k - e.re_k)^2 + (q.im_k - e.im_k)^2)}. RotatE evaluation
     * reduces to this with the rotated head as query.
     */
    void complexModulusDistanceAll(float[] query, float[] ent, int count, int rank, float[] out);
}
