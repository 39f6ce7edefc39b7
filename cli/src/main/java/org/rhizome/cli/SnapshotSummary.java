package org.rhizome.cli;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Shape numbers of a {@link GraphSnapshot}, as {@code rhizome stats} and the demo print them. Computed in one pass
 * over the adjacency: O(n + m) time, O(1) extra memory.
 *
 * @param entities       entities n (nodes that are the end of some edge)
 * @param relations      relation types r
 * @param edges          edges m (distinct head, relation, tail)
 * @param maxOutDegree   largest out-degree (0 for an empty graph)
 * @param meanOutDegree  m / n (0 for an empty graph)
 * @param maxInDegree    largest in-degree
 * @param meanInDegree   m / n, the same as the mean out-degree (every edge has one head and one tail)
 * @param selfLoops      edges whose head is their tail
 * @param adjacencyBytes bytes held by the snapshot's adjacency arrays
 */
public record SnapshotSummary(long entities, long relations, long edges, long maxOutDegree, double meanOutDegree,
        long maxInDegree, double meanInDegree, long selfLoops, long adjacencyBytes) {

    /** Computes the summary of {@code snapshot}. */
    public static SnapshotSummary of(GraphSnapshot snapshot) {
        int n = snapshot.entityCount();
        long maxOut = 0;
        long maxIn = 0;
        long loops = 0;
        for (int v = 0; v < n; v++) {
            maxOut = Math.max(maxOut, snapshot.outDegree(v));
            maxIn = Math.max(maxIn, snapshot.inDegree(v));
            for (int e = snapshot.outStart(v); e < snapshot.outEnd(v); e++) {
                if (snapshot.target(e) == v) {
                    loops++;
                }
            }
        }
        long m = snapshot.edgeCount();
        double mean = n == 0 ? 0 : (double) m / n;
        return new SnapshotSummary(n, snapshot.relationCount(), m, maxOut, mean, maxIn, mean, loops,
                snapshot.adjacencyBytes());
    }

    /** Adjacency bytes per edge (0 when there are no edges). */
    public double bytesPerEdge() {
        return edges == 0 ? 0 : (double) adjacencyBytes / edges;
    }
}
