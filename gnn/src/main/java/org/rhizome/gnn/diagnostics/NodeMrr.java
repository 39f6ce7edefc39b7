package org.rhizome.gnn.diagnostics;

import java.util.Locale;
import java.util.Objects;
import java.util.OptionalDouble;

import org.rhizome.gnn.evaluation.QueryRanks;

/**
 * Per-entity mean reciprocal rank: each query rank of an evaluation ({@link QueryRanks}, realistic ties) credited
 * to one entity of its triple, and averaged per entity. Every test triple {@code (h, r, t)} yields two ranks, the
 * rank of {@code t} in the tail query {@code (h, r, ?)} and the rank of {@code h} in the head query
 * {@code (?, r, t)}; {@link Attribution} says who is credited with which. Either way each triple gives one rank to
 * {@code h} and one to {@code t} (both to the same entity when {@code h == t}), so an entity's rank count is the
 * number of times it appears in the evaluated triples. Realistic ranks as in
 * {@link org.rhizome.gnn.evaluation.RankMetrics}: the reciprocal of the realistic rank. Immutable.
 */
public final class NodeMrr {
    /** Who a query's rank is credited to. */
    public enum Attribution {
        /**
         * The entity being ranked: the tail query's rank goes to {@code t}, the head query's to {@code h}. An
         * entity's MRR says how well the model finds it when it is the missing end of its test triples. Default.
         */
        ANSWER,
        /**
         * The entity asked about: the tail query's rank goes to {@code h}, the head query's to {@code t}. An
         * entity's MRR says how well the model completes its missing links, the orientation of the TC paper (a
         * node's metric there ranks that node's test neighbours).
         */
        QUERY;

        /**
         * {@code answer} or {@code query}, any case.
         *
         * @throws IllegalArgumentException naming the value and the valid ones
         */
        public static Attribution parse(String name) {
            return switch (name.strip().toLowerCase(Locale.ROOT)) {
                case "answer" -> ANSWER;
                case "query" -> QUERY;
                default -> throw new IllegalArgumentException("unknown attribution '" + name
                        + "': expected answer or query");
            };
        }
    }

    private final double[] reciprocalSum;
    private final int[] count;
    private final Attribution attribution;

    private NodeMrr(double[] reciprocalSum, int[] count, Attribution attribution) {
        this.reciprocalSum = reciprocalSum;
        this.count = count;
        this.attribution = attribution;
    }

    /**
     * Credits every rank of {@code ranks} as {@code attribution} says and sums per entity, in query order.
     *
     * @param nodeCount number of entities; every query's entities must be below it
     * @throws IllegalArgumentException if a query names an entity outside {@code [0, nodeCount)}
     */
    public static NodeMrr of(QueryRanks ranks, int nodeCount, Attribution attribution) {
        Objects.requireNonNull(ranks, "ranks");
        Objects.requireNonNull(attribution, "attribution");
        if (nodeCount < 0) {
            throw new IllegalArgumentException("nodeCount must not be negative, got " + nodeCount);
        }
        double[] sum = new double[nodeCount];
        int[] count = new int[nodeCount];
        for (int i = 0; i < ranks.size(); i++) {
            int h = ranks.queries().head(i);
            int t = ranks.queries().tail(i);
            if (h < 0 || h >= nodeCount || t < 0 || t >= nodeCount) {
                throw new IllegalArgumentException("query " + i + " (" + h + ", " + ranks.queries().relation(i)
                        + ", " + t + ") has an entity outside [0, " + nodeCount + ")");
            }
            int tailCredit = attribution == Attribution.ANSWER ? t : h;
            int headCredit = attribution == Attribution.ANSWER ? h : t;
            sum[tailCredit] += 1.0 / ranks.tailRealistic(i);
            count[tailCredit]++;
            sum[headCredit] += 1.0 / ranks.headRealistic(i);
            count[headCredit]++;
        }
        return new NodeMrr(sum, count, attribution);
    }

    /** Who the ranks were credited to. */
    public Attribution attribution() {
        return attribution;
    }

    /** Number of entities. */
    public int nodeCount() {
        return count.length;
    }

    /** The mean of {@code 1 / realistic rank} over the ranks credited to {@code node}; empty if none were. */
    public OptionalDouble mrr(int node) {
        int c = count[Objects.checkIndex(node, count.length)];
        return c == 0 ? OptionalDouble.empty() : OptionalDouble.of(reciprocalSum[node] / c);
    }

    /** The number of ranks credited to {@code node}: its appearances in the evaluated triples. */
    public int rankCount(int node) {
        return count[Objects.checkIndex(node, count.length)];
    }

    /** Every entity's MRR, undefined where no rank was credited. */
    public NodeValues values() {
        double[] v = new double[count.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = count[i] == 0 ? Double.NaN : reciprocalSum[i] / count[i];
        }
        return NodeValues.wrap(v);
    }
}
