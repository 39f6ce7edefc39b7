package org.rhizome.gnn.evaluation;

/**
 * A {@link LinkScorer} whose scores are dot products: the score of candidate {@code e} for a query is
 * {@code q · c_e}, with one query vector per query and one fixed table of candidate vectors. DistMult and ComplEx are
 * of this form ({@code q = h * r}, candidates the entity table). {@link RankEvaluator} then scores a block of queries
 * against every candidate as one matrix product ({@link org.rhizome.gnn.kernel.Kernels#dotBlock}) instead of one
 * query at a time, which reads the table once per block instead of once per query.
 *
 * <p>The scores of this path are the same sums as {@link #scoreTails}/{@link #scoreHeads} but accumulated in another
 * order, so they may differ from them in the last bits (and a near-tie may rank the other way).
 */
public interface DotProductScorer extends LinkScorer {
    /**
     * Whether this scorer's scores are dot products; when false (and not {@link #complexModuli()}), the other methods
     * of this interface are not to be called and evaluation scores one query at a time.
     */
    boolean dotProducts();

    /**
     * Whether this scorer's scores are instead negated complex-modulus distances,
     * {@code -sum_k |q_k - c_k|} over rows {@code [re(0..rank), im(0..rank)]} of {@link #vectorLength()} floats
     * (RotatE's, {@code q} the rotated head or the counter-rotated tail): then {@link #tailQuery}/{@link #headQuery}
     * give those query vectors, and evaluation scores blocks of them with
     * {@link org.rhizome.gnn.kernel.Kernels#complexModulusScores}: on the kernels the model scores with, bit for bit
     * the scores of {@link #scoreTails}/{@link #scoreHeads} (on the other kernels, equal to rounding). False unless a
     * scorer says otherwise.
     */
    default boolean complexModuli() {
        return false;
    }

    /** The length of query and candidate vectors. */
    int vectorLength();

    /**
     * The candidate vectors, row-major: candidate {@code e}'s vector at {@code [e * vectorLength(), (e + 1) *
     * vectorLength())}. The scorer's own table, not a copy: callers must not modify it.
     */
    float[] candidateVectors();

    /** Writes the query vector of {@code (head, relation, ?)} into {@code q[off, off + vectorLength())}. */
    void tailQuery(int head, int relation, float[] q, int off);

    /** Writes the query vector of {@code (?, relation, tail)} into {@code q[off, off + vectorLength())}. */
    void headQuery(int relation, int tail, float[] q, int off);
}
