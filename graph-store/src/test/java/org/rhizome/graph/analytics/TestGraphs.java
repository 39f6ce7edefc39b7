package org.rhizome.graph.analytics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Graphs with known answers, written by hand for the analytics tests. */
public final class TestGraphs {
    private TestGraphs() {}

    /**
     * Zachary's karate club (1977), 34 members (ids 0..33 here, 1..34 in the paper), 78 friendships: the adjacency
     * as published, each edge listed once from its smaller end.
     */
    public static final int[][] KARATE_ADJACENCY = {
        {1, 2, 3, 4, 5, 6, 7, 8, 10, 11, 12, 13, 17, 19, 21, 31}, {2, 3, 7, 13, 17, 19, 21, 30},
        {3, 7, 8, 9, 13, 27, 28, 32}, {7, 12, 13}, {6, 10}, {6, 10, 16}, {16}, {}, {30, 32, 33}, {33}, {}, {}, {},
        {33}, {32, 33}, {32, 33}, {}, {}, {32, 33}, {33}, {32, 33}, {}, {32, 33}, {25, 27, 29, 32, 33},
        {25, 27, 31}, {31}, {29, 33}, {33}, {31, 33}, {32, 33}, {32, 33}, {32, 33}, {33}, {}};

    public static UndirectedGraph karate() {
        List<int[]> edges = new ArrayList<>();
        for (int a = 0; a < KARATE_ADJACENCY.length; a++) {
            for (int b : KARATE_ADJACENCY[a]) {
                edges.add(new int[] {a, b});
            }
        }
        return UndirectedGraph.fromEdges(34, edges.toArray(new int[0][]));
    }

    /** Path 0-1-...-(n-1). */
    public static UndirectedGraph path(int n) {
        int[][] e = new int[n - 1][];
        for (int i = 0; i + 1 < n; i++) {
            e[i] = new int[] {i, i + 1};
        }
        return UndirectedGraph.fromEdges(n, e);
    }

    /** Star: centre 0 joined to leaves 1..n-1. */
    public static UndirectedGraph star(int n) {
        int[][] e = new int[n - 1][];
        for (int i = 1; i < n; i++) {
            e[i - 1] = new int[] {0, i};
        }
        return UndirectedGraph.fromEdges(n, e);
    }

    /** Complete graph on n nodes. */
    public static UndirectedGraph clique(int n) {
        List<int[]> e = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                e.add(new int[] {i, j});
            }
        }
        return UndirectedGraph.fromEdges(n, e.toArray(new int[0][]));
    }

    /** Two cliques of size k (0..k-1 and k..2k-1) joined by the single edge (k-1, k). */
    public static UndirectedGraph barbell(int k) {
        List<int[]> e = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < k; i++) {
                for (int j = i + 1; j < k; j++) {
                    e.add(new int[] {c * k + i, c * k + j});
                }
            }
        }
        e.add(new int[] {k - 1, k});
        return UndirectedGraph.fromEdges(2 * k, e.toArray(new int[0][]));
    }

    /**
     * Planted partition: two groups of {@code size} nodes (ids below {@code size} form group 0), edges inside a group
     * with probability {@code pIn}, across with {@code pOut}, drawn with a seeded generator.
     */
    public static UndirectedGraph plantedPartition(int size, double pIn, double pOut, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> e = new ArrayList<>();
        int n = 2 * size;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                boolean same = (i < size) == (j < size);
                if (rnd.nextDouble() < (same ? pIn : pOut)) {
                    e.add(new int[] {i, j});
                }
            }
        }
        return UndirectedGraph.fromEdges(n, e.toArray(new int[0][]));
    }
}
