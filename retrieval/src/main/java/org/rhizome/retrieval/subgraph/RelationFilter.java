package org.rhizome.retrieval.subgraph;

import java.util.Arrays;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Which relations a traversal may use: all, only a given set, or all but a given set. Immutable value; relation ids
 * are checked against a snapshot when a traversal starts (an id outside {@code [0, relationCount)} is an error, not a
 * silent no-op). {@link #accepts(int)} is O(log s) for s listed relations; traversals turn the filter into a
 * {@code boolean[relationCount]} once per call so that the inner loops test one array element.
 */
public final class RelationFilter {
    private static final RelationFilter ALL = new RelationFilter(false, new int[0]);

    private final boolean only;
    private final int[] relations;

    private RelationFilter(boolean only, int[] relations) {
        this.only = only;
        this.relations = relations;
    }

    /** Every relation. */
    public static RelationFilter all() {
        return ALL;
    }

    /** Only these relation ids (at least one). */
    public static RelationFilter only(int... relations) {
        int[] r = normalise(relations);
        if (r.length == 0) {
            throw new IllegalArgumentException("RelationFilter.only needs at least one relation id; use all() for "
                    + "no restriction");
        }
        return new RelationFilter(true, r);
    }

    /** Every relation except these ids (none listed is the same as {@link #all()}). */
    public static RelationFilter except(int... relations) {
        int[] r = normalise(relations);
        return r.length == 0 ? ALL : new RelationFilter(false, r);
    }

    private static int[] normalise(int[] relations) {
        if (relations == null) {
            throw new IllegalArgumentException("relations must not be null");
        }
        int[] r = relations.clone();
        Arrays.sort(r);
        int m = 0;
        for (int i = 0; i < r.length; i++) {
            if (r[i] < 0) {
                throw new IllegalArgumentException("relation ids must be >= 0, got " + r[i]);
            }
            if (i == 0 || r[i] != r[i - 1]) {
                r[m++] = r[i];
            }
        }
        return Arrays.copyOf(r, m);
    }

    /** True iff edges of {@code relation} may be used. */
    public boolean accepts(int relation) {
        return (Arrays.binarySearch(relations, relation) >= 0) == only;
    }

    /** True iff this filter accepts every relation. */
    public boolean acceptsAll() {
        return !only && relations.length == 0;
    }

    /** True for "only these", false for "all but these". */
    public boolean isInclusive() {
        return only;
    }

    /** The listed relation ids, sorted and distinct (a copy). */
    public int[] relations() {
        return relations.clone();
    }

    /**
     * The filter as a mask over {@code g}'s relations, or {@code null} when it accepts everything (callers then skip
     * the test). Throws if a listed id is not a relation of {@code g}.
     */
    boolean[] mask(GraphSnapshot g) {
        int r = g.relationCount();
        for (int id : relations) {
            if (id >= r) {
                throw new IllegalArgumentException("relation filter lists relation id " + id
                        + " but the snapshot's relation ids are [0, " + r + ")");
            }
        }
        if (acceptsAll()) {
            return null;
        }
        boolean[] mask = new boolean[r];
        if (!only) {
            Arrays.fill(mask, true);
        }
        for (int id : relations) {
            mask[id] = only;
        }
        return mask;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RelationFilter f && f.only == only && Arrays.equals(f.relations, relations);
    }

    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(only) + Arrays.hashCode(relations);
    }

    @Override
    public String toString() {
        return acceptsAll() ? "RelationFilter[all]"
                : "RelationFilter[" + (only ? "only " : "except ") + Arrays.toString(relations) + "]";
    }
}
