package org.rhizome.gnn.epignn;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

import org.rhizome.gnn.reasoning.ReasoningExample;

/**
 * Several {@link ReasoningExample}s as one disjoint graph: node ids shifted by each example's offset, the edges
 * concatenated, the query sources and targets as boundary nodes, and for each query the nodes of one shortest path
 * between its source and target, the readout path.
 *
 * <p>The readout path is found by breadth-first search from the source over the example's edges taken as
 * undirected, visiting neighbours in the order of the edge list, so the first-listed branch wins ties (the reference
 * code's networkx search behaves the same way on these graphs; the paper speaks of a random shortest path). A target
 * the source cannot reach gives the two-node "path" {@code [source, target]}.
 */
final class GraphBatch {
    final int nodes;
    final int[] src;
    final int[] dst;
    final int[] relation;
    final int[] sources;
    final int[] targets;
    final int[] labels;
    /** The readout path nodes of all queries, concatenated. */
    final int[] pathNodes;
    /** For each entry of {@link #pathNodes}, its query. */
    final int[] pathQuery;

    GraphBatch(List<ReasoningExample> examples) {
        int n = 0;
        int e = 0;
        int p = 0;
        int[][] paths = new int[examples.size()][];
        for (int q = 0; q < examples.size(); q++) {
            ReasoningExample x = examples.get(q);
            n += x.nodes();
            e += x.edges();
            paths[q] = shortestPath(x);
            p += paths[q].length;
        }
        nodes = n;
        src = new int[e];
        dst = new int[e];
        relation = new int[e];
        sources = new int[examples.size()];
        targets = new int[examples.size()];
        labels = new int[examples.size()];
        pathNodes = new int[p];
        pathQuery = new int[p];
        int offset = 0;
        int eo = 0;
        int po = 0;
        for (int q = 0; q < examples.size(); q++) {
            ReasoningExample x = examples.get(q);
            for (int k = 0; k < x.edges(); k++) {
                src[eo] = x.src()[k] + offset;
                dst[eo] = x.dst()[k] + offset;
                relation[eo] = x.relation()[k];
                eo++;
            }
            sources[q] = x.source() + offset;
            targets[q] = x.target() + offset;
            labels[q] = x.label();
            for (int v : paths[q]) {
                pathNodes[po] = v + offset;
                pathQuery[po] = q;
                po++;
            }
            offset += x.nodes();
        }
    }

    int size() {
        return sources.length;
    }

    /** The nodes of one shortest undirected path from the query source to its target, both included. */
    static int[] shortestPath(ReasoningExample x) {
        int n = x.nodes();
        int[] degree = new int[n + 1];
        for (int k = 0; k < x.edges(); k++) {
            degree[x.src()[k] + 1]++;
            degree[x.dst()[k] + 1]++;
        }
        for (int v = 0; v < n; v++) {
            degree[v + 1] += degree[v];
        }
        int[] adj = new int[degree[n]];
        int[] fill = Arrays.copyOf(degree, n);
        for (int k = 0; k < x.edges(); k++) {
            adj[fill[x.src()[k]]++] = x.dst()[k];
            adj[fill[x.dst()[k]]++] = x.src()[k];
        }
        int[] parent = new int[n];
        Arrays.fill(parent, -2);
        parent[x.source()] = -1;
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        queue.add(x.source());
        while (!queue.isEmpty() && parent[x.target()] == -2) {
            int u = queue.poll();
            for (int i = degree[u]; i < degree[u + 1]; i++) {
                int v = adj[i];
                if (parent[v] == -2) {
                    parent[v] = u;
                    queue.add(v);
                }
            }
        }
        if (x.source() == x.target()) {
            return new int[] {x.source()};
        }
        if (parent[x.target()] == -2) {
            return new int[] {x.source(), x.target()};
        }
        int length = 0;
        for (int v = x.target(); v != -1; v = parent[v]) {
            length++;
        }
        int[] path = new int[length];
        for (int v = x.target(), i = length - 1; v != -1; v = parent[v], i--) {
            path[i] = v;
        }
        return path;
    }
}
