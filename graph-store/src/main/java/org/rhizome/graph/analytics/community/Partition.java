package org.rhizome.graph.analytics.community;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.rhizome.graph.analytics.UndirectedGraph;

/**
 * A partition of a graph's nodes into communities, with the algorithm and parameters that produced it and its
 * modularity computed by {@link Modularity} (independently of the algorithm). Community ids are dense
 * ({@code 0..count-1}) and ordered by decreasing size (ties: smallest member id first).
 */
public record Partition(String algorithm, Map<String, Object> parameters, UndirectedGraph graph, int[] membership,
        int count, int[] sizes, double modularity) {

    public Partition {
        Objects.requireNonNull(algorithm, "algorithm");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        membership = membership.clone();
        sizes = sizes.clone();
    }

    /**
     * Builds a partition from any community labelling (arbitrary non-negative ints), renumbering communities by
     * decreasing size and computing modularity at {@code resolution}.
     */
    public static Partition of(String algorithm, Map<String, Object> parameters, UndirectedGraph graph, int[] labels,
            double resolution) {
        int n = graph.nodeCount();
        if (labels.length != n) {
            throw new IllegalArgumentException("expected " + n + " labels, got " + labels.length);
        }
        int max = -1;
        for (int l : labels) {
            if (l < 0) {
                throw new IllegalArgumentException("community labels must be >= 0, got " + l);
            }
            max = Math.max(max, l);
        }
        int[] size = new int[max + 1];
        int[] first = new int[max + 1];
        Arrays.fill(first, Integer.MAX_VALUE);
        for (int v = 0; v < n; v++) {
            size[labels[v]]++;
            first[labels[v]] = Math.min(first[labels[v]], v);
        }
        Integer[] order = new Integer[max + 1];
        int count = 0;
        for (int c = 0; c <= max; c++) {
            if (size[c] > 0) {
                order[count++] = c;
            }
        }
        Integer[] used = Arrays.copyOf(order, count);
        Arrays.sort(used, (a, b) -> size[a] != size[b] ? Integer.compare(size[b], size[a])
                : Integer.compare(first[a], first[b]));
        int[] remap = new int[max + 1];
        int[] sizes = new int[count];
        for (int i = 0; i < count; i++) {
            remap[used[i]] = i;
            sizes[i] = size[used[i]];
        }
        int[] membership = new int[n];
        for (int v = 0; v < n; v++) {
            membership[v] = remap[labels[v]];
        }
        double q = Modularity.of(graph, membership, resolution);
        Map<String, Object> p = new LinkedHashMap<>(parameters);
        p.putIfAbsent("resolution", resolution);
        return new Partition(algorithm, p, graph, membership, count, sizes, q);
    }

    @Override
    public int[] membership() {
        return membership.clone();
    }

    @Override
    public int[] sizes() {
        return sizes.clone();
    }

    /** The community of node {@code v}. */
    public int community(int v) {
        return membership[v];
    }

    /** The members of community {@code c}, ascending. */
    public int[] members(int c) {
        int[] out = new int[sizes[c]];
        int k = 0;
        for (int v = 0; v < membership.length; v++) {
            if (membership[v] == c) {
                out[k++] = v;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Partition p && algorithm.equals(p.algorithm) && parameters.equals(p.parameters)
                && Arrays.equals(membership, p.membership);
    }

    @Override
    public int hashCode() {
        return Objects.hash(algorithm, parameters, Arrays.hashCode(membership));
    }

    @Override
    public String toString() {
        return "Partition[" + algorithm + ", communities=" + count + ", modularity=" + modularity + "]";
    }
}
