package org.rhizome.gnn.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * The set of known true triples, for filtered ranking: which tails are known for {@code (h, r, ?)} and which heads
 * for {@code (?, r, t)}. Built once from one or more triple sets (for the standard protocol, train ∪ valid ∪ test);
 * duplicates are kept once. Immutable and safe to share between threads.
 *
 * <p><b>Layout.</b> Two compressed rows: by head, the (relation, tail) pairs sorted; by tail, the (relation, head)
 * pairs sorted; each pair as two ints. Memory 16 bytes per distinct triple plus 8 bytes per entity; building takes
 * O(m log d) time (d = largest degree). A lookup binary-searches one entity's row: O(log d), plus the copy of the
 * answer.
 */
public final class FilterIndex {
    private static final int[] NONE = new int[0];

    private final int entityBound;
    private final int size;
    private final int[] byHeadOffsets;
    private final int[] byHeadRelations;
    private final int[] byHeadTails;
    private final int[] byTailOffsets;
    private final int[] byTailRelations;
    private final int[] byTailHeads;

    private FilterIndex(int entityBound, int[][] byHead, int[][] byTail) {
        this.entityBound = entityBound;
        this.byHeadOffsets = byHead[0];
        this.byHeadRelations = byHead[1];
        this.byHeadTails = byHead[2];
        this.byTailOffsets = byTail[0];
        this.byTailRelations = byTail[1];
        this.byTailHeads = byTail[2];
        this.size = byHeadRelations.length;
    }

    /** The union of {@code sets}. Ids must not be negative. */
    public static FilterIndex of(TripleSet... sets) {
        Objects.requireNonNull(sets, "sets");
        int total = 0;
        int maxEntity = -1;
        for (TripleSet s : sets) {
            Objects.requireNonNull(s, "a triple set");
            total = Math.addExact(total, s.size());
            for (int i = 0; i < s.size(); i++) {
                int h = s.head(i);
                int r = s.relation(i);
                int t = s.tail(i);
                if (h < 0 || r < 0 || t < 0) {
                    throw new IllegalArgumentException("ids must not be negative, got (" + h + ", " + r + ", " + t
                            + ")");
                }
                maxEntity = Math.max(maxEntity, Math.max(h, t));
            }
        }
        int n = maxEntity + 1;
        int[] heads = new int[total];
        int[] rels = new int[total];
        int[] tails = new int[total];
        int k = 0;
        for (TripleSet s : sets) {
            for (int i = 0; i < s.size(); i++, k++) {
                heads[k] = s.head(i);
                rels[k] = s.relation(i);
                tails[k] = s.tail(i);
            }
        }
        return new FilterIndex(n, rows(n, heads, rels, tails), rows(n, tails, rels, heads));
    }

    /** The standard filter of {@code dataset}: train ∪ valid ∪ test (train with its reciprocals if it has them). */
    public static FilterIndex of(KgDataset dataset) {
        return of(dataset.train(), dataset.valid(), dataset.test());
    }

    /**
     * Rows keyed by {@code keys}, each holding the distinct (relation, value) pairs sorted: {offsets, relations,
     * values}.
     */
    private static int[][] rows(int n, int[] keys, int[] rels, int[] values) {
        int[] offsets = new int[n + 1];
        for (int key : keys) {
            offsets[key + 1]++;
        }
        for (int v = 0; v < n; v++) {
            offsets[v + 1] += offsets[v];
        }
        long[] packed = new long[keys.length];
        int[] fill = Arrays.copyOf(offsets, n);
        for (int i = 0; i < keys.length; i++) {
            packed[fill[keys[i]]++] = ((long) rels[i] << 32) | (values[i] & 0xFFFFFFFFL);
        }
        int[] outOffsets = new int[n + 1];
        int m = 0;
        for (int v = 0; v < n; v++) {
            int from = offsets[v];
            int to = offsets[v + 1];
            Arrays.sort(packed, from, to);
            outOffsets[v] = m;
            for (int i = from; i < to; i++) {
                if (i == from || packed[i] != packed[i - 1]) {
                    packed[m++] = packed[i];
                }
            }
        }
        outOffsets[n] = m;
        int[] outRels = new int[m];
        int[] outValues = new int[m];
        for (int i = 0; i < m; i++) {
            outRels[i] = (int) (packed[i] >>> 32);
            outValues[i] = (int) packed[i];
        }
        return new int[][] {outOffsets, outRels, outValues};
    }

    /** Number of distinct triples. */
    public int size() {
        return size;
    }

    /** Whether {@code (head, relation, tail)} is a known triple. */
    public boolean contains(int head, int relation, int tail) {
        if (head < 0 || head >= entityBound) {
            return false;
        }
        int from = byHeadOffsets[head];
        int to = byHeadOffsets[head + 1];
        long key = pack(relation, tail);
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            long k = pack(byHeadRelations[mid], byHeadTails[mid]);
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid;
            } else {
                return true;
            }
        }
        return false;
    }

    /** The known tails of {@code (head, relation, ?)}, sorted ascending, without duplicates (a new array). */
    public int[] knownTails(int head, int relation) {
        return slice(byHeadOffsets, byHeadRelations, byHeadTails, head, relation);
    }

    /** The known heads of {@code (?, relation, tail)}, sorted ascending, without duplicates (a new array). */
    public int[] knownHeads(int relation, int tail) {
        return slice(byTailOffsets, byTailRelations, byTailHeads, tail, relation);
    }

    private int[] slice(int[] offsets, int[] rels, int[] values, int entity, int relation) {
        if (entity < 0 || entity >= entityBound) {
            return NONE;
        }
        int from = lowerBound(rels, offsets[entity], offsets[entity + 1], relation);
        int to = lowerBound(rels, from, offsets[entity + 1], relation + 1L);
        return from == to ? NONE : Arrays.copyOfRange(values, from, to);
    }

    /** First index in {@code [from, to)} whose relation is at least {@code relation}. */
    private static int lowerBound(int[] rels, int from, int to, long relation) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (rels[mid] < relation) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static long pack(int relation, int value) {
        return ((long) relation << 32) | (value & 0xFFFFFFFFL);
    }

    @Override
    public String toString() {
        return "FilterIndex[" + size + " triples]";
    }
}
