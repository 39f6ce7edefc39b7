package org.rhizome.gnn.evaluation;

import java.util.Objects;

import org.rhizome.gnn.data.TripleSet;

/**
 * The filtered ranks of every query of one evaluation ({@link RankEvaluator#ranks}), before they are summarised:
 * for query triple {@code i}, the rank of its true tail in the tail query {@code (h, r, ?)} and of its true head in
 * the head query {@code (?, r, t)}, each optimistic and pessimistic (the realistic rank is their mean). What per-node
 * or per-query analyses need; {@link #summarize()} gives the same {@link EvaluationResult} as
 * {@link RankEvaluator#evaluate}. Immutable.
 */
public final class QueryRanks {
    private final TripleSet queries;
    private final int[] tailOptimistic;
    private final int[] tailPessimistic;
    private final int[] headOptimistic;
    private final int[] headPessimistic;

    /** Wraps the evaluator's per-triple slots (not copied: nothing else holds them). */
    QueryRanks(TripleSet queries, int[] tailOptimistic, int[] tailPessimistic, int[] headOptimistic,
            int[] headPessimistic) {
        this.queries = queries;
        this.tailOptimistic = tailOptimistic;
        this.tailPessimistic = tailPessimistic;
        this.headOptimistic = headOptimistic;
        this.headPessimistic = headPessimistic;
    }

    /** The evaluated triples, in the order of the ranks. */
    public TripleSet queries() {
        return queries;
    }

    /** Number of query triples (each has a tail and a head rank). */
    public int size() {
        return queries.size();
    }

    /** The optimistic rank of the true tail of triple {@code i}. */
    public int tailOptimistic(int i) {
        return tailOptimistic[Objects.checkIndex(i, tailOptimistic.length)];
    }

    /** The pessimistic rank of the true tail of triple {@code i}. */
    public int tailPessimistic(int i) {
        return tailPessimistic[Objects.checkIndex(i, tailPessimistic.length)];
    }

    /** The realistic rank of the true tail of triple {@code i}: the mean of the optimistic and pessimistic ranks. */
    public double tailRealistic(int i) {
        return (tailOptimistic(i) + (double) tailPessimistic(i)) / 2.0;
    }

    /** The optimistic rank of the true head of triple {@code i}. */
    public int headOptimistic(int i) {
        return headOptimistic[Objects.checkIndex(i, headOptimistic.length)];
    }

    /** The pessimistic rank of the true head of triple {@code i}. */
    public int headPessimistic(int i) {
        return headPessimistic[Objects.checkIndex(i, headPessimistic.length)];
    }

    /** The realistic rank of the true head of triple {@code i}: the mean of the optimistic and pessimistic ranks. */
    public double headRealistic(int i) {
        return (headOptimistic(i) + (double) headPessimistic(i)) / 2.0;
    }

    /** The metrics of these ranks, per side, tie rule and relation: what {@link RankEvaluator#evaluate} returns. */
    public EvaluationResult summarize() {
        return EvaluationResult.fromRanks(queries, tailOptimistic, tailPessimistic, headOptimistic, headPessimistic);
    }

    @Override
    public String toString() {
        return "QueryRanks[" + size() + " triples]";
    }
}
