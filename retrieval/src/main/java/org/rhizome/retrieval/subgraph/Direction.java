package org.rhizome.retrieval.subgraph;

/**
 * Which way edges may be walked. The snapshot is a directed multigraph; {@link #OUT} follows each edge from its head
 * to its tail, {@link #IN} from its tail to its head, and {@link #BOTH} either way (an edge walked from tail to head is
 * "walked backwards", which {@link GraphPath#isForward(int)} records).
 */
public enum Direction {
    /** Head to tail only. */
    OUT,
    /** Tail to head only. */
    IN,
    /** Either way. */
    BOTH;

    boolean followsOut() {
        return this != IN;
    }

    boolean followsIn() {
        return this != OUT;
    }
}
