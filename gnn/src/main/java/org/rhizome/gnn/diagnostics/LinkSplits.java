package org.rhizome.gnn.diagnostics;

import java.util.Objects;

import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.TripleSet;

/**
 * A link-prediction split of one node set into three simple undirected graphs: the training graph, which defines
 * the topology, and the validation and test graphs, which only say who each node's held-out neighbours are.
 *
 * @param train the training edges (the topology)
 * @param valid the validation edges (possibly none)
 * @param test  the test edges (possibly none)
 */
public record LinkSplits(UndirectedGraph train, UndirectedGraph valid, UndirectedGraph test) {
    public LinkSplits {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(valid, "valid");
        Objects.requireNonNull(test, "test");
        if (valid.nodeCount() != train.nodeCount() || test.nodeCount() != train.nodeCount()) {
            throw new IllegalArgumentException("the three graphs must have the same nodes, got " + train.nodeCount()
                    + " (train), " + valid.nodeCount() + " (valid) and " + test.nodeCount() + " (test)");
        }
    }

    /**
     * The undirected entity graphs of a knowledge-graph dataset: entities are the nodes (ids as in
     * {@code dataset}), each triple {@code (h, r, t)} of a split is the edge {@code h - t} of that split's graph.
     * Relations and directions are ignored, so parallel triples between two entities (several relations, a
     * triple and its inverse, reciprocal training triples) are one edge; triples with {@code h == t} are dropped.
     * Time and memory O(n + m).
     */
    public static LinkSplits of(KgDataset dataset) {
        Objects.requireNonNull(dataset, "dataset");
        int n = dataset.entityCount();
        return new LinkSplits(graph(n, dataset.train()), graph(n, dataset.valid()), graph(n, dataset.test()));
    }

    private static UndirectedGraph graph(int n, TripleSet triples) {
        int[] u = new int[triples.size()];
        int[] v = new int[triples.size()];
        for (int i = 0; i < u.length; i++) {
            u[i] = triples.head(i);
            v[i] = triples.tail(i);
        }
        return UndirectedGraph.of(n, u, v);
    }

    /** Number of nodes (the same in all three graphs). */
    public int nodeCount() {
        return train.nodeCount();
    }

    /** The graph of {@code split}. */
    public UndirectedGraph graph(Split split) {
        return switch (Objects.requireNonNull(split, "split")) {
            case TRAIN -> train;
            case VALID -> valid;
            case TEST -> test;
        };
    }
}
