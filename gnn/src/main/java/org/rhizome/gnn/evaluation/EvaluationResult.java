package org.rhizome.gnn.evaluation;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.rhizome.gnn.data.TripleSet;

/**
 * The outcome of a filtered rank evaluation ({@link RankEvaluator}): {@link RankMetrics} for each {@link Side} and
 * {@link TieBreak}, and per relation the realistic metrics over both sides. Immutable.
 */
public final class EvaluationResult {
    private final Map<Side, Map<TieBreak, RankMetrics>> metrics;
    private final Map<Integer, RankMetrics> perRelation;

    private EvaluationResult(Map<Side, Map<TieBreak, RankMetrics>> metrics, Map<Integer, RankMetrics> perRelation) {
        this.metrics = metrics;
        this.perRelation = perRelation;
    }

    /**
     * Aggregates per-query ranks, in query order (tail then head of each triple for {@link Side#BOTH}), so the
     * result depends only on the ranks, never on how they were computed.
     *
     * @param queries         the evaluated triples [q]
     * @param tailOptimistic  optimistic rank of the true tail of each triple [q]; likewise the others
     */
    static EvaluationResult fromRanks(TripleSet queries, int[] tailOptimistic, int[] tailPessimistic,
            int[] headOptimistic, int[] headPessimistic) {
        Map<Side, Map<TieBreak, RankMetrics.Accumulator>> acc = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            Map<TieBreak, RankMetrics.Accumulator> bySide = new EnumMap<>(TieBreak.class);
            for (TieBreak tie : TieBreak.values()) {
                bySide.put(tie, new RankMetrics.Accumulator());
            }
            acc.put(side, bySide);
        }
        Map<Integer, RankMetrics.Accumulator> byRelation = new TreeMap<>();
        for (int i = 0; i < queries.size(); i++) {
            RankMetrics.Accumulator rel = byRelation.computeIfAbsent(queries.relation(i),
                    r -> new RankMetrics.Accumulator());
            add(acc, Side.TAIL, tailOptimistic[i], tailPessimistic[i], rel);
            add(acc, Side.HEAD, headOptimistic[i], headPessimistic[i], rel);
        }
        Map<Side, Map<TieBreak, RankMetrics>> metrics = new EnumMap<>(Side.class);
        acc.forEach((side, bySide) -> {
            Map<TieBreak, RankMetrics> m = new EnumMap<>(TieBreak.class);
            bySide.forEach((tie, a) -> m.put(tie, a.metrics()));
            metrics.put(side, Collections.unmodifiableMap(m));
        });
        Map<Integer, RankMetrics> perRelation = new TreeMap<>();
        byRelation.forEach((r, a) -> perRelation.put(r, a.metrics()));
        return new EvaluationResult(Collections.unmodifiableMap(metrics), Collections.unmodifiableMap(perRelation));
    }

    private static void add(Map<Side, Map<TieBreak, RankMetrics.Accumulator>> acc, Side side, int optimistic,
            int pessimistic, RankMetrics.Accumulator relation) {
        double realistic = (optimistic + (double) pessimistic) / 2.0;
        for (Side s : new Side[] {side, Side.BOTH}) {
            Map<TieBreak, RankMetrics.Accumulator> bySide = acc.get(s);
            bySide.get(TieBreak.OPTIMISTIC).add(optimistic);
            bySide.get(TieBreak.PESSIMISTIC).add(pessimistic);
            bySide.get(TieBreak.REALISTIC).add(realistic);
        }
        relation.add(realistic);
    }

    /** The metrics of one side under one tie-breaking rule. */
    public RankMetrics metrics(Side side, TieBreak tieBreak) {
        return metrics.get(Objects.requireNonNull(side, "side")).get(Objects.requireNonNull(tieBreak, "tieBreak"));
    }

    /** The reported metrics: realistic ranks over head and tail queries. */
    public RankMetrics realistic() {
        return metrics(Side.BOTH, TieBreak.REALISTIC);
    }

    /**
     * Per relation id of the queries (ascending), the realistic metrics over both sides of that relation's triples.
     * Unmodifiable.
     */
    public Map<Integer, RankMetrics> perRelation() {
        return perRelation;
    }

    /**
     * One line: {@code MRR 0.345 MR 177.2 H@1 0.251 H@3 0.380 H@10 0.530 (realistic, both directions, n=40932)},
     * where {@code n} counts ranks (two per triple).
     */
    public String summary() {
        RankMetrics m = realistic();
        return String.format(Locale.ROOT,
                "MRR %.3f MR %.1f H@1 %.3f H@3 %.3f H@10 %.3f (realistic, both directions, n=%d)", m.mrr(), m.mr(),
                m.hits1(), m.hits3(), m.hits10(), m.count());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationResult other && metrics.equals(other.metrics)
                && perRelation.equals(other.perRelation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(metrics, perRelation);
    }

    @Override
    public String toString() {
        return "EvaluationResult[" + summary() + "]";
    }
}
