package org.rhizome.gnn.reader;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.rhizome.gnn.data.BidirectionalAdjacency;
import org.rhizome.gnn.data.TripleSet;

/**
 * The cheapest retriever: a breadth-first k-hop neighbourhood of the query's head over the training triples, each
 * triple walkable in both directions (backwards as its reciprocal relation {@code r + R}), at most {@code fanOut}
 * edges followed out of each entity (a seeded sample when there are more) and at most {@code maxEntities} entities.
 * The training edges between retrieved entities are kept up to {@code maxEdges}; the query's own triple is left out
 * when training on it.
 *
 * <p>It ignores the query's relation. {@link PprRetriever} ranks the neighbourhood by personalised PageRank and
 * follows the relation paths that realise the query's relation in training; {@link #recall} measures how often the
 * answer is inside what each retrieves, which bounds any reader.
 */
public final class KHopRetriever implements SubgraphRetriever {
    private final BidirectionalAdjacency graph;
    private final int relations;
    private final int hops;
    private final int fanOut;
    private final int maxEntities;
    private final int maxEdges;

    /**
     * @param train the training triples over {@code entities} entities and {@code relations} base relations
     * @param maxEdges at most this many edges are kept, those nearest the head first (by the retrieval order of
     *     their nearer end)
     */
    public KHopRetriever(TripleSet train, int entities, int relations, int hops, int fanOut, int maxEntities,
            int maxEdges) {
        if (hops < 1 || fanOut < 1 || maxEntities < 2 || maxEdges < 1) {
            throw new IllegalArgumentException("hops >= 1, fanOut >= 1, maxEntities >= 2 and maxEdges >= 1, got "
                    + hops + ", " + fanOut + ", " + maxEntities + ", " + maxEdges);
        }
        this.maxEdges = maxEdges;
        this.relations = relations;
        this.hops = hops;
        this.fanOut = fanOut;
        this.maxEntities = maxEntities;
        this.graph = new BidirectionalAdjacency(train, entities, relations);
    }

    public int hops() {
        return hops;
    }

    public int fanOut() {
        return fanOut;
    }

    public int maxEntities() {
        return maxEntities;
    }

    public int maxEdges() {
        return maxEdges;
    }

    @Override
    public int relationIds() {
        return 2 * relations;
    }

    @Override
    public int pathLength() {
        return hops;
    }

    @Override
    public String describe() {
        return "k-hop: " + hops + " hops, fan-out " + fanOut + ", <= " + maxEntities + " entities and " + maxEdges
                + " edges";
    }

    /** The subgraph for a query with head {@code head} (the relation is not used). */
    @Override
    public Subgraph retrieve(int head, int relation, int skipStatement, Random random) {
        return retrieve(head, skipStatement, random);
    }

    /** The subgraph for a query with head {@code head}; {@code skipStatement} (or -1) is left out. */
    public Subgraph retrieve(int head, int skipStatement, Random random) {
        List<Integer> order = new ArrayList<>();
        java.util.Map<Integer, Integer> local = new java.util.HashMap<>();
        order.add(head);
        local.put(head, 0);
        int frontierStart = 0;
        for (int hop = 0; hop < hops && order.size() < maxEntities; hop++) {
            int frontierEnd = order.size();
            for (int i = frontierStart; i < frontierEnd && order.size() < maxEntities; i++) {
                int u = order.get(i);
                int degree = graph.end(u) - graph.start(u);
                int[] picks = sample(degree, random);
                for (int p : picks) {
                    int a = graph.start(u) + p;
                    if (graph.triple(a) == skipStatement) {
                        continue;
                    }
                    int v = graph.neighbour(a);
                    if (!local.containsKey(v) && order.size() < maxEntities) {
                        local.put(v, order.size());
                        order.add(v);
                    }
                }
            }
            frontierStart = frontierEnd;
        }
        List<int[]> edges = new ArrayList<>();
        for (int i = 0; i < order.size() && edges.size() < maxEdges; i++) {
            int u = order.get(i);
            for (int a = graph.start(u); a < graph.end(u); a++) {
                Integer j = local.get(graph.neighbour(a));
                // each statement once, in its stored direction
                if (j != null && graph.triple(a) != skipStatement && graph.relation(a) < relations
                        && edges.size() < maxEdges) {
                    edges.add(new int[] {i, graph.relation(a), j});
                }
            }
        }
        return Subgraph.of(order.stream().mapToInt(Integer::intValue).toArray(), edges);
    }

    private int[] sample(int degree, Random random) {
        if (degree <= fanOut) {
            int[] all = new int[degree];
            for (int i = 0; i < degree; i++) {
                all[i] = i;
            }
            return all;
        }
        return random.ints(0, degree).distinct().limit(fanOut).toArray();
    }
}
