package org.rhizome.gnn.reader;

/**
 * A retrieved subgraph around a query's head: its entities (global ids, {@code entities[0]} the head) and its edges
 * between them ({@code src}/{@code dst} index into {@code entities}, {@code relation} is a relation id, reciprocal
 * relations included when the retriever walked an edge backwards).
 */
public record Subgraph(int[] entities, int[] src, int[] relation, int[] dst) {

    public Subgraph {
        if (entities.length == 0 || src.length != relation.length || src.length != dst.length) {
            throw new IllegalArgumentException("a subgraph needs its head and aligned edge arrays");
        }
    }

    /** A subgraph of {@code entities} with the edges given as {@code {src, relation, dst}} local-index arrays. */
    public static Subgraph of(int[] entities, java.util.List<int[]> edges) {
        int[] src = new int[edges.size()];
        int[] rel = new int[edges.size()];
        int[] dst = new int[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            src[e] = edges.get(e)[0];
            rel[e] = edges.get(e)[1];
            dst[e] = edges.get(e)[2];
        }
        return new Subgraph(entities, src, rel, dst);
    }

    /** Whether global entity {@code e} is one of the subgraph's entities. */
    public boolean contains(int e) {
        for (int x : entities) {
            if (x == e) {
                return true;
            }
        }
        return false;
    }
}
