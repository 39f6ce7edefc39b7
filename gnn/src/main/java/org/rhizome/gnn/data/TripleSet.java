package org.rhizome.gnn.data;

import java.util.Arrays;

/**
 * Triples {@code (head, relation, tail)} of dense ids in three parallel int arrays (structure of arrays: what the
 * training and evaluation loops scan). Immutable once built.
 */
public final class TripleSet {
    private final int[] heads;
    private final int[] relations;
    private final int[] tails;

    /** Wraps the three arrays (same length; not copied: the caller must not change them). */
    public TripleSet(int[] heads, int[] relations, int[] tails) {
        if (heads.length != relations.length || heads.length != tails.length) {
            throw new IllegalArgumentException("heads, relations and tails must have the same length");
        }
        this.heads = heads;
        this.relations = relations;
        this.tails = tails;
    }

    /** The triples of a list of {@code {head, relation, tail}} arrays, in list order. */
    public static TripleSet of(java.util.List<int[]> hrt) {
        int[] h = new int[hrt.size()];
        int[] r = new int[hrt.size()];
        int[] t = new int[hrt.size()];
        for (int i = 0; i < hrt.size(); i++) {
            int[] x = hrt.get(i);
            if (x.length != 3) {
                throw new IllegalArgumentException("triple " + i + " has " + x.length + " ids, expected 3");
            }
            h[i] = x[0];
            r[i] = x[1];
            t[i] = x[2];
        }
        return new TripleSet(h, r, t);
    }

    /** No triples. */
    public static TripleSet empty() {
        return new TripleSet(new int[0], new int[0], new int[0]);
    }

    public int size() {
        return heads.length;
    }

    public int head(int i) {
        return heads[i];
    }

    public int relation(int i) {
        return relations[i];
    }

    public int tail(int i) {
        return tails[i];
    }

    /** This set followed by {@code other}. */
    public TripleSet concat(TripleSet other) {
        int n = size();
        int m = other.size();
        int[] h = Arrays.copyOf(heads, n + m);
        int[] r = Arrays.copyOf(relations, n + m);
        int[] t = Arrays.copyOf(tails, n + m);
        System.arraycopy(other.heads, 0, h, n, m);
        System.arraycopy(other.relations, 0, r, n, m);
        System.arraycopy(other.tails, 0, t, n, m);
        return new TripleSet(h, r, t);
    }

    /** Each triple {@code (h, r, t)} as {@code (t, r + offset, h)}: the reciprocal relations. */
    public TripleSet reciprocal(int offset) {
        int[] r = new int[size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = relations[i] + offset;
        }
        return new TripleSet(tails.clone(), r, heads.clone());
    }
}
