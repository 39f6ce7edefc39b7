package org.rhizome.gnn.data;

import java.util.Arrays;

/**
 * Training triples as adjacency arrays that can be walked in both directions: every triple {@code (h, r, t)} is an
 * edge {@code h -> t} with relation {@code r} and an edge {@code t -> h} with the reciprocal relation {@code r + R}
 * ({@code R} the number of base relations), both remembering the triple they came from (so a query can leave its own
 * triple out). Edges of entity {@code u} are the slots {@code [start(u), end(u))}.
 */
public final class BidirectionalAdjacency {
    private final int relations;
    private final int[] offset;
    private final int[] neighbour;
    private final int[] relation;
    private final int[] triple;

    public BidirectionalAdjacency(TripleSet train, int entities, int relations) {
        this.relations = relations;
        int n = train.size();
        offset = new int[entities + 1];
        for (int i = 0; i < n; i++) {
            offset[train.head(i) + 1]++;
            offset[train.tail(i) + 1]++;
        }
        for (int v = 0; v < entities; v++) {
            offset[v + 1] += offset[v];
        }
        neighbour = new int[2 * n];
        relation = new int[2 * n];
        triple = new int[2 * n];
        int[] fill = Arrays.copyOf(offset, entities);
        for (int i = 0; i < n; i++) {
            int a = fill[train.head(i)]++;
            neighbour[a] = train.tail(i);
            relation[a] = train.relation(i);
            triple[a] = i;
            int b = fill[train.tail(i)]++;
            neighbour[b] = train.head(i);
            relation[b] = train.relation(i) + relations;
            triple[b] = i;
        }
    }

    /** The number of base relations R. */
    public int relations() {
        return relations;
    }

    /** The first edge slot of entity {@code u}. */
    public int start(int u) {
        return offset[u];
    }

    /** One past the last edge slot of entity {@code u}. */
    public int end(int u) {
        return offset[u + 1];
    }

    /** The entity at the other end of slot {@code a}. */
    public int neighbour(int a) {
        return neighbour[a];
    }

    /** The relation of slot {@code a}: {@code r}, or {@code r + R} when the triple is walked backwards. */
    public int relation(int a) {
        return relation[a];
    }

    /** The index of the training triple slot {@code a} came from. */
    public int triple(int a) {
        return triple[a];
    }
}
