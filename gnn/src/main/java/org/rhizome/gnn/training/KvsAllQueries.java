package org.rhizome.gnn.training;

import java.util.Arrays;

import org.rhizome.gnn.data.TripleSet;

/**
 * The training examples of KvsAll training ({@link TrainingConfig#KVS_ALL}): the distinct {@code (head, relation)}
 * pairs of the training triples, each a tail query whose answers are all the tails it has there, and with both sides
 * also the distinct {@code (relation, tail)} pairs as head queries. LibKGE's {@code sp_to_o} and {@code po_to_s}
 * indexes.
 *
 * <p>Tail queries come first, ordered by anchor then relation, then head queries in the same order; each query's
 * answers are ascending and distinct (a triple listed twice counts once). Query {@code q}'s answers are
 * {@code answers[start(q), start(q + 1))}.
 */
final class KvsAllQueries {
    private final int[] anchor;
    private final int[] relation;
    private final boolean[] asksHead;
    private final int[] start;
    private final int[] answers;

    private KvsAllQueries(int[] anchor, int[] relation, boolean[] asksHead, int[] start, int[] answers) {
        this.anchor = anchor;
        this.relation = relation;
        this.asksHead = asksHead;
        this.start = start;
        this.answers = answers;
    }

    /** The tail queries of {@code train}, and with {@code bothSides} its head queries after them. */
    static KvsAllQueries of(TripleSet train, boolean bothSides) {
        int n = train.size();
        long[] tail = new long[n];
        long[] head = new long[bothSides ? n : 0];
        for (int i = 0; i < n; i++) {
            tail[i] = key(train.head(i), train.relation(i), train.tail(i));
            if (bothSides) {
                head[i] = key(train.tail(i), train.relation(i), train.head(i));
            }
        }
        Arrays.sort(tail);
        Arrays.sort(head);
        int queries = distinct(tail, 21) + distinct(head, 21);
        int[] anchor = new int[queries];
        int[] relation = new int[queries];
        boolean[] asksHead = new boolean[queries];
        int[] start = new int[queries + 1];
        int[] answers = new int[distinct(tail, 0) + distinct(head, 0)];
        int[] at = {0, 0}; // next query, next answer
        fill(tail, false, anchor, relation, asksHead, start, answers, at);
        fill(head, true, anchor, relation, asksHead, start, answers, at);
        start[queries] = at[1];
        return new KvsAllQueries(anchor, relation, asksHead, start, answers);
    }

    /**
     * A triple as one sortable key: anchor, relation, answer, 21 bits each (up to two million entities and
     * relations: more than any benchmark; {@link #of} refuses more).
     */
    private static long key(int anchor, int relation, int answer) {
        if ((anchor | relation | answer) >>> 21 != 0) {
            throw new IllegalArgumentException("KvsAll training supports up to 2^21 entities and relations, got an "
                    + "id of " + Math.max(anchor, Math.max(relation, answer)));
        }
        return ((long) anchor << 42) | ((long) relation << 21) | answer;
    }

    /** Distinct values of {@code key >>> shift} in sorted keys: 21 counts the queries, 0 the triples. */
    private static int distinct(long[] keys, int shift) {
        int count = 0;
        for (int i = 0; i < keys.length; i++) {
            if (i == 0 || keys[i] >>> shift != keys[i - 1] >>> shift) {
                count++;
            }
        }
        return count;
    }

    private static void fill(long[] keys, boolean asks, int[] anchor, int[] relation, boolean[] asksHead,
            int[] start, int[] answers, int[] at) {
        for (int i = 0; i < keys.length; i++) {
            if (i > 0 && keys[i] == keys[i - 1]) {
                continue; // a duplicate triple
            }
            if (i == 0 || keys[i] >>> 21 != keys[i - 1] >>> 21) {
                int q = at[0]++;
                anchor[q] = (int) (keys[i] >>> 42);
                relation[q] = (int) (keys[i] >>> 21) & 0x1FFFFF;
                asksHead[q] = asks;
                start[q] = at[1];
            }
            answers[at[1]++] = (int) keys[i] & 0x1FFFFF;
        }
    }

    /** Number of queries. */
    int size() {
        return anchor.length;
    }

    /** The entity the query keeps: the head of a tail query, the tail of a head query. */
    int anchor(int q) {
        return anchor[q];
    }

    int relation(int q) {
        return relation[q];
    }

    /** Whether the query asks for heads ({@code (?, r, anchor)}). */
    boolean asksHead(int q) {
        return asksHead[q];
    }

    /** Where the query's answers start in {@link #answers()}. */
    int start(int q) {
        return start[q];
    }

    /** Where they end. */
    int end(int q) {
        return start[q + 1];
    }

    /** Every query's answers, one run per query. */
    int[] answers() {
        return answers;
    }
}
