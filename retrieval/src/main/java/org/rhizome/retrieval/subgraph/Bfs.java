package org.rhizome.retrieval.subgraph;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Breadth-first search between two nodes over the CSR arrays, with node and edge blocks (for Yen's spur searches),
 * a depth limit, and two modes:
 *
 * <ul>
 *   <li>first-found: stops as soon as the target is reached and remembers one parent edge per node, giving the
 *       path {@link #path()} that BFS meets first (frontier in discovery order, out-edges by (target, relation)
 *       before in-edges by source);</li>
 *   <li>all-parents: finishes the target's layer, remembers every shortest-path parent edge of each node and counts
 *       shortest paths as in Brandes ("A faster algorithm for betweenness centrality", 2001), so that
 *       {@link #samplePath(SplittableRandom)} draws a shortest path uniformly at random: walking back from the target,
 *       a parent edge from u is taken with probability sigma(u) / sigma(v). Counts are rescaled per layer (only
 *       ratios within a layer are used), so they do not overflow on grids with astronomically many paths.</li>
 * </ul>
 *
 * <p>State is sparse (hash map from node to slot), so a search costs O(nodes and edges it touches), not O(n).
 * Reusable across searches; not thread-safe.
 */
final class Bfs {
    private static final IntIntMap NONE = new IntIntMap(1);

    private final GraphSnapshot g;
    private final boolean followOut;
    private final boolean followIn;
    private final boolean[] mask;

    private final IntIntMap slot = new IntIntMap();
    private int[] node = new int[16];
    private int[] dist = new int[16];
    private double[] sigma = new double[16];
    private int[] firstParent = new int[16];
    private int[] lastParent = new int[16];
    private int count;

    private int[] parentEdge = new int[16];
    private int[] parentFrom = new int[16];
    private boolean[] parentForward = new boolean[16];
    private int[] parentNext = new int[16];
    private int parentCount;

    private int targetSlot = -1;

    /** @param mask relation mask from {@link RelationFilter#mask}, or null for all relations */
    Bfs(GraphSnapshot g, Direction direction, boolean[] mask) {
        this.g = g;
        this.followOut = direction.followsOut();
        this.followIn = direction.followsIn();
        this.mask = mask;
    }

    /** Searches without blocks or depth limit. */
    boolean search(int from, int to, boolean allParents) {
        return search(from, to, Integer.MAX_VALUE, NONE, NONE, allParents);
    }

    /**
     * Searches from {@code from} to {@code to} over at most {@code maxDepth} edges, never entering a node of
     * {@code blockedNodes} or walking an edge of {@code blockedEdges}. True iff {@code to} was reached.
     */
    boolean search(int from, int to, int maxDepth, IntIntMap blockedNodes, IntIntMap blockedEdges,
            boolean allParents) {
        slot.clear();
        count = 0;
        parentCount = 0;
        targetSlot = -1;
        int s = addNode(from, 0);
        sigma[s] = 1;
        if (from == to) {
            targetSlot = s;
            return true;
        }
        boolean blockNodes = !blockedNodes.isEmpty();
        boolean blockEdges = !blockedEdges.isEmpty();
        int head = 0;
        while (head < count && targetSlot < 0) {
            int layerEnd = count;
            int d = dist[head];
            if (d >= maxDepth) {
                return false;
            }
            for (int i = head; i < layerEnd; i++) {
                int u = node[i];
                if (followOut) {
                    for (int e = g.outStart(u), end = g.outEnd(u); e < end; e++) {
                        if ((mask != null && !mask[g.relation(e)]) || (blockEdges && blockedEdges.contains(e))) {
                            continue;
                        }
                        int v = g.target(e);
                        if (blockNodes && blockedNodes.contains(v)) {
                            continue;
                        }
                        if (relax(i, v, e, true, d, to, allParents) && !allParents) {
                            return true;
                        }
                    }
                }
                if (followIn) {
                    for (int p = g.inStart(u), end = g.inEnd(u); p < end; p++) {
                        int e = g.inEdge(p);
                        if ((mask != null && !mask[g.relation(e)]) || (blockEdges && blockedEdges.contains(e))) {
                            continue;
                        }
                        int v = g.inSource(p);
                        if (blockNodes && blockedNodes.contains(v)) {
                            continue;
                        }
                        if (relax(i, v, e, false, d, to, allParents) && !allParents) {
                            return true;
                        }
                    }
                }
            }
            if (allParents) {
                rescale(layerEnd, count);
            }
            head = layerEnd;
        }
        return targetSlot >= 0;
    }

    /** Records the walk u -> v over edge e; true iff this discovered the target. */
    private boolean relax(int from, int v, int e, boolean forward, int d, int to, boolean allParents) {
        int j = slot.get(v, -1);
        if (j < 0) {
            if (targetSlot >= 0) {
                return false; // only the target's parents matter once it is found
            }
            j = addNode(v, d + 1);
            addParent(j, from, e, forward);
            if (v == to) {
                targetSlot = j;
                return true;
            }
        } else if (allParents && dist[j] == d + 1) {
            addParent(j, from, e, forward);
        }
        return false;
    }

    private void rescale(int from, int to) {
        double max = 0;
        for (int i = from; i < to; i++) {
            max = Math.max(max, sigma[i]);
        }
        if (max > 1e100) {
            for (int i = from; i < to; i++) {
                sigma[i] /= max;
            }
        }
    }

    /** Distance of the target found by the last search (call only after a successful search). */
    int targetDistance() {
        return dist[targetSlot];
    }

    /** The path to the target along first-recorded parents. */
    GraphPath path() {
        return backtrack(null);
    }

    /** A uniformly random shortest path to the target (needs an all-parents search). */
    GraphPath samplePath(SplittableRandom random) {
        return backtrack(random);
    }

    private GraphPath backtrack(SplittableRandom random) {
        if (targetSlot < 0) {
            throw new IllegalStateException("no target reached");
        }
        int len = dist[targetSlot];
        int[] nodes = new int[len + 1];
        int[] edges = new int[len];
        boolean[] forward = new boolean[len];
        int j = targetSlot;
        for (int i = len; i > 0; i--) {
            nodes[i] = node[j];
            int p = firstParent[j];
            if (random != null && parentNext[p] >= 0) {
                double total = 0;
                for (int q = p; q >= 0; q = parentNext[q]) {
                    total += sigma[parentFrom[q]];
                }
                double r = random.nextDouble() * total;
                for (int q = p; q >= 0; q = parentNext[q]) {
                    p = q;
                    r -= sigma[parentFrom[q]];
                    if (r < 0) {
                        break;
                    }
                }
            }
            edges[i - 1] = parentEdge[p];
            forward[i - 1] = parentForward[p];
            j = parentFrom[p];
        }
        nodes[0] = node[j];
        return GraphPath.wrap(nodes, edges, forward);
    }

    private int addNode(int v, int d) {
        if (count == node.length) {
            int n = count * 2;
            node = Arrays.copyOf(node, n);
            dist = Arrays.copyOf(dist, n);
            sigma = Arrays.copyOf(sigma, n);
            firstParent = Arrays.copyOf(firstParent, n);
            lastParent = Arrays.copyOf(lastParent, n);
        }
        int j = count++;
        node[j] = v;
        dist[j] = d;
        sigma[j] = 0;
        firstParent[j] = -1;
        lastParent[j] = -1;
        slot.put(v, j);
        return j;
    }

    private void addParent(int j, int from, int e, boolean forward) {
        if (parentCount == parentEdge.length) {
            int n = parentCount * 2;
            parentEdge = Arrays.copyOf(parentEdge, n);
            parentFrom = Arrays.copyOf(parentFrom, n);
            parentForward = Arrays.copyOf(parentForward, n);
            parentNext = Arrays.copyOf(parentNext, n);
        }
        int p = parentCount++;
        parentEdge[p] = e;
        parentFrom[p] = from;
        parentForward[p] = forward;
        parentNext[p] = -1;
        if (firstParent[j] < 0) {
            firstParent[j] = p;
        } else {
            parentNext[lastParent[j]] = p;
        }
        lastParent[j] = p;
        sigma[j] += sigma[from];
    }
}
