package org.rhizome.graph.analytics.structure;

import java.util.Arrays;
import java.util.Objects;

import org.rhizome.graph.analytics.UndirectedGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Connected components. Weak: components of the undirected reading (breadth-first search, O(n + m)). Strong:
 * strongly connected components of the snapshot's directed statements (Tarjan's algorithm, iterative so deep graphs
 * cannot overflow the stack, O(n + m)); self-loops and parallel statements change nothing.
 *
 * <p>Component ids are dense, {@code 0..count-1}, numbered in order of their smallest node id.
 */
public final class Components {
    /**
     * @param membership {@code membership[v]} = component id of node v
     * @param sizes      {@code sizes[c]} = nodes in component c
     */
    public record Result(int count, int[] membership, int[] sizes) {
        public Result {
            membership = membership.clone();
            sizes = sizes.clone();
        }

        @Override
        public int[] membership() {
            return membership.clone();
        }

        @Override
        public int[] sizes() {
            return sizes.clone();
        }

        /** Nodes in the largest component (0 for an empty graph). */
        public int largest() {
            return Arrays.stream(sizes).max().orElse(0);
        }

        /** Share of all nodes in the largest component (NaN for an empty graph). */
        public double largestShare() {
            return membership.length == 0 ? Double.NaN : (double) largest() / membership.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && count == r.count && Arrays.equals(membership, r.membership);
        }

        @Override
        public int hashCode() {
            return 31 * count + Arrays.hashCode(membership);
        }

        @Override
        public String toString() {
            return "Components[count=" + count + ", largest=" + largest() + "]";
        }
    }

    private Components() {}

    /** Weakly connected components (components of the undirected reading). */
    public static Result weak(UndirectedGraph g) {
        Objects.requireNonNull(g, "g");
        int n = g.nodeCount();
        int[] off = g.offsetsArray();
        int[] nb = g.neighboursArray();
        int[] comp = new int[n];
        Arrays.fill(comp, -1);
        int[] queue = new int[n];
        int count = 0;
        int[] sizes = new int[Math.max(1, n)];
        for (int s = 0; s < n; s++) {
            if (comp[s] >= 0) {
                continue;
            }
            int head = 0;
            int tail = 0;
            queue[tail++] = s;
            comp[s] = count;
            while (head < tail) {
                int v = queue[head++];
                for (int i = off[v], e = off[v + 1]; i < e; i++) {
                    int w = nb[i];
                    if (comp[w] < 0) {
                        comp[w] = count;
                        queue[tail++] = w;
                    }
                }
            }
            sizes[count++] = tail;
        }
        return new Result(count, comp, Arrays.copyOf(sizes, count));
    }

    /** Strongly connected components of the directed statements. */
    public static Result strong(GraphSnapshot s) {
        Objects.requireNonNull(s, "s");
        int n = s.entityCount();
        int[] index = new int[n];
        int[] low = new int[n];
        Arrays.fill(index, -1);
        boolean[] onStack = new boolean[n];
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int[] raw = new int[n];
        int next = 0;
        int count = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = s.outStart(root);
            index[root] = low[root] = next++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                int e = callEdge[depth];
                if (e < s.outEnd(v)) {
                    callEdge[depth] = e + 1;
                    int w = s.target(e);
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = s.outStart(w);
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                } else {
                    if (low[v] == index[v]) {
                        int w;
                        do {
                            w = stack[--sp];
                            onStack[w] = false;
                            raw[w] = count;
                        } while (w != v);
                        count++;
                    }
                    depth--;
                    if (depth >= 0) {
                        int u = callNode[depth];
                        low[u] = Math.min(low[u], low[v]);
                    }
                }
            }
        }
        return renumber(raw, count);
    }

    /** Renumbers component ids in order of each component's smallest node id. */
    private static Result renumber(int[] raw, int count) {
        int[] map = new int[count];
        Arrays.fill(map, -1);
        int[] sizes = new int[count];
        int next = 0;
        int[] out = new int[raw.length];
        for (int v = 0; v < raw.length; v++) {
            int c = raw[v];
            if (map[c] < 0) {
                map[c] = next++;
            }
            out[v] = map[c];
            sizes[out[v]]++;
        }
        return new Result(count, out, sizes);
    }
}
