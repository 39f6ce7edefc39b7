package org.rhizome.retrieval.subgraph;

import java.util.Arrays;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * The k-hop neighbourhood of one or several seed entities, with a per-hop fan-out cap, a relation filter, a
 * direction and an overall node cap: breadth-first expansion in the style of the neighbour sampling of GraphSAGE
 * (Hamilton, Ying and Leskovec, "Inductive Representation Learning on Large Graphs", NeurIPS 2017), used here to cut
 * the context around query entities for a prompt.
 *
 * <p><b>Procedure.</b> The distinct seeds are at hop 0. For {@code h = 0 .. hops-1}, every node at hop {@code h}
 * (in ascending id) lists its <i>candidate</i> edges: the edges it may walk in the chosen {@link Direction} whose
 * relation passes the {@link RelationFilter} and that are not yet in the result (out-edges by (target, relation),
 * then in-edges by source; a self-loop counts once). If there are more than the {@link FanOut} cap, it keeps the
 * cap's choice (highest-degree far ends first, or a seeded sample), else all. Each kept edge is added to the result
 * together with its far end, which gets hop {@code h + 1} if it is new. Once the result holds {@code maxNodes} nodes,
 * kept edges that lead to new nodes are dropped (edges among nodes already in are still added), so nodes are
 * admitted in the order they are reached: by hop, then by frontier node id, then in the order of the kept edges
 * (rank order under {@link FanOut.HighestDegree}, draw order under {@link FanOut.RandomSample}).
 *
 * <p>The edges of the result are exactly the kept edges whose both ends are in it: an edge between two nodes of the
 * last hop is not included (it was never expanded), which keeps the result a union of walked edges rather than an
 * induced subgraph.
 *
 * <p><b>Cost.</b> Time O(sum over expanded nodes of (candidate edges) + E log E + N log N) with a fan-out cap adding
 * O(log cap) per candidate; memory O(N + E + largest candidate list), where N and E are the sizes of the result. No
 * array of the snapshot's size is allocated except the {@code boolean[relationCount]} filter mask.
 *
 * <p><b>Determinism.</b> The result depends only on the snapshot, the seeds and the options; a random fan-out draws
 * from one {@link SplittableRandom} seeded per call and consumed in the order above. Instances are immutable and
 * thread-safe.
 */
public final class KHopNeighbourhood {
    private final GraphSnapshot graph;

    public KHopNeighbourhood(GraphSnapshot graph) {
        this.graph = Objects.requireNonNull(graph, "graph");
    }

    /** The neighbourhood of a single seed. */
    public Subgraph expand(int seed, KHopOptions options) {
        return expand(new int[] {seed}, options);
    }

    /**
     * The neighbourhood of several seeds (duplicates are merged).
     *
     * @param seeds   entity ids, at least one
     * @param options hops, caps, filter and direction
     * @throws IllegalArgumentException if a seed is not an entity, there are no seeds, or there are more distinct
     *                                  seeds than {@code options.maxNodes()}
     */
    public Subgraph expand(int[] seeds, KHopOptions options) {
        Objects.requireNonNull(seeds, "seeds");
        Objects.requireNonNull(options, "options");
        if (seeds.length == 0) {
            throw new IllegalArgumentException("seeds must name at least one entity");
        }
        for (int s : seeds) {
            Checks.entity(graph, s, "seed");
        }
        boolean[] mask = options.relations().mask(graph);
        return new Run(graph, options, mask).run(seeds);
    }

    /** Scratch of one expansion, dropped with it. */
    private static final class Run {
        private final GraphSnapshot g;
        private final KHopOptions o;
        private final boolean[] mask;
        private final int cap;
        private final SplittableRandom random;

        private final IntIntMap distance = new IntIntMap();
        private final IntIntMap edgeSet = new IntIntMap();
        private int[] nodeList = new int[16];
        private int nodeCount;
        private int[] edgeList = new int[16];
        private int[] headList = new int[16];
        private int[] tailList = new int[16];
        private int edgeCount;

        private int[] candEdge = new int[16];
        private int[] candHead = new int[16];
        private int[] candTail = new int[16];
        private int[] candFar = new int[16];
        private long[] candDegree = new long[16];
        private int candCount;

        Run(GraphSnapshot g, KHopOptions o, boolean[] mask) {
            this.g = g;
            this.o = o;
            this.mask = mask;
            this.cap = o.fanOut().cap();
            this.random = o.fanOut() instanceof FanOut.RandomSample r ? new SplittableRandom(r.seed()) : null;
        }

        Subgraph run(int[] seeds) {
            for (int s : seeds) {
                if (!distance.contains(s)) {
                    distance.put(s, 0);
                    addNode(s);
                }
            }
            if (nodeCount > o.maxNodes()) {
                throw new IllegalArgumentException("maxNodes is " + o.maxNodes() + " but there are " + nodeCount
                        + " distinct seeds; maxNodes must be at least the number of seeds");
            }
            int frontierFrom = 0;
            for (int h = 0; h < o.hops(); h++) {
                int frontierTo = nodeCount;
                if (frontierFrom == frontierTo) {
                    break;
                }
                int[] frontier = Arrays.copyOfRange(nodeList, frontierFrom, frontierTo);
                Arrays.sort(frontier);
                for (int u : frontier) {
                    expandNode(u, h);
                }
                frontierFrom = frontierTo;
            }
            return build();
        }

        private void expandNode(int u, int h) {
            candCount = 0;
            Direction d = o.direction();
            if (d.followsOut()) {
                for (int e = g.outStart(u), end = g.outEnd(u); e < end; e++) {
                    if ((mask == null || mask[g.relation(e)]) && !edgeSet.contains(e)) {
                        addCandidate(e, u, g.target(e), g.target(e));
                    }
                }
            }
            if (d.followsIn()) {
                for (int i = g.inStart(u), end = g.inEnd(u); i < end; i++) {
                    int e = g.inEdge(i);
                    int s = g.inSource(i);
                    if (d == Direction.BOTH && s == u) {
                        continue; // the self-loop was already listed among the out-edges
                    }
                    if ((mask == null || mask[g.relation(e)]) && !edgeSet.contains(e)) {
                        addCandidate(e, s, u, s);
                    }
                }
            }
            if (candCount <= cap) {
                for (int c = 0; c < candCount; c++) {
                    keep(c, h);
                }
            } else if (random != null) {
                // Partial Fisher-Yates over the candidate indices: the first `cap` slots are a uniform sample.
                int[] idx = new int[candCount];
                for (int c = 0; c < candCount; c++) {
                    idx[c] = c;
                }
                for (int i = 0; i < cap; i++) {
                    int j = i + random.nextInt(candCount - i);
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                }
                for (int i = 0; i < cap; i++) {
                    keep(idx[i], h);
                }
            } else {
                for (int c = 0; c < candCount; c++) {
                    candDegree[c] = (long) g.outDegree(candFar[c]) + g.inDegree(candFar[c]);
                }
                TopK top = new TopK(cap, (a, b) -> candDegree[a] != candDegree[b] ? candDegree[a] > candDegree[b]
                        : candFar[a] != candFar[b] ? candFar[a] < candFar[b] : candEdge[a] < candEdge[b]);
                for (int c = 0; c < candCount; c++) {
                    top.offer(c);
                }
                for (int c : top.drainBestFirst()) {
                    keep(c, h);
                }
            }
        }

        private void keep(int c, int h) {
            int far = candFar[c];
            if (!distance.contains(far)) {
                if (nodeCount >= o.maxNodes()) {
                    return;
                }
                distance.put(far, h + 1);
                addNode(far);
            }
            int e = candEdge[c];
            edgeSet.add(e);
            if (edgeCount == edgeList.length) {
                edgeList = Arrays.copyOf(edgeList, edgeCount * 2);
                headList = Arrays.copyOf(headList, edgeCount * 2);
                tailList = Arrays.copyOf(tailList, edgeCount * 2);
            }
            edgeList[edgeCount] = e;
            headList[edgeCount] = candHead[c];
            tailList[edgeCount] = candTail[c];
            edgeCount++;
        }

        private void addCandidate(int e, int head, int tail, int far) {
            if (candCount == candEdge.length) {
                int n = candCount * 2;
                candEdge = Arrays.copyOf(candEdge, n);
                candHead = Arrays.copyOf(candHead, n);
                candTail = Arrays.copyOf(candTail, n);
                candFar = Arrays.copyOf(candFar, n);
                candDegree = Arrays.copyOf(candDegree, n);
            }
            candEdge[candCount] = e;
            candHead[candCount] = head;
            candTail[candCount] = tail;
            candFar[candCount] = far;
            candCount++;
        }

        private void addNode(int v) {
            if (nodeCount == nodeList.length) {
                nodeList = Arrays.copyOf(nodeList, nodeCount * 2);
            }
            nodeList[nodeCount++] = v;
        }

        private Subgraph build() {
            long[] packed = new long[nodeCount];
            for (int i = 0; i < nodeCount; i++) {
                int v = nodeList[i];
                packed[i] = ((long) distance.get(v, 0) << 32) | v;
            }
            Arrays.sort(packed);
            int[] nodes = new int[nodeCount];
            int[] dist = new int[nodeCount];
            for (int i = 0; i < nodeCount; i++) {
                nodes[i] = (int) packed[i];
                dist[i] = (int) (packed[i] >>> 32);
            }
            // Edge ids are distinct; sort (edge id, position) pairs to carry heads and tails along.
            long[] byEdge = new long[edgeCount];
            for (int i = 0; i < edgeCount; i++) {
                byEdge[i] = ((long) edgeList[i] << 32) | i;
            }
            Arrays.sort(byEdge);
            int[] edges = new int[edgeCount];
            int[] heads = new int[edgeCount];
            int[] rels = new int[edgeCount];
            int[] tails = new int[edgeCount];
            for (int i = 0; i < edgeCount; i++) {
                int at = (int) byEdge[i];
                edges[i] = edgeList[at];
                heads[i] = headList[at];
                tails[i] = tailList[at];
                rels[i] = g.relation(edges[i]);
            }
            return new Subgraph(nodes, dist, edges, heads, rels, tails);
        }
    }
}
