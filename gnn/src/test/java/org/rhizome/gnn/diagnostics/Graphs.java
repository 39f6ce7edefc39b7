package org.rhizome.gnn.diagnostics;

/** The hand-checked example graphs of the diagnostics tests. */
final class Graphs {
    private Graphs() {}

    /** An undirected graph from pairs {@code {u, v}}. */
    static UndirectedGraph graph(int n, int[]... edges) {
        int[] u = new int[edges.length];
        int[] v = new int[edges.length];
        for (int e = 0; e < edges.length; e++) {
            u[e] = edges[e][0];
            v[e] = edges[e][1];
        }
        return UndirectedGraph.of(n, u, v);
    }

    /**
     * The worked example of the TC specification (tc-spec.md section 6). Six nodes; train 0-1, 0-2, 1-2, 1-3, 2-3,
     * 3-4, 4-5; test 0-3; no validation edges.
     *
     * <pre>
     * N^Tr: 0:{1,2} 1:{0,2,3} 2:{0,1,3} 3:{1,2,4} 4:{3,5} 5:{4}    d = [2,3,3,3,2,1], beta = 6/14 = 3/7
     * </pre>
     */
    static LinkSplits specExample() {
        return new LinkSplits(
                graph(6, new int[] {0, 1}, new int[] {0, 2}, new int[] {1, 2}, new int[] {1, 3}, new int[] {2, 3},
                        new int[] {3, 4}, new int[] {4, 5}),
                UndirectedGraph.empty(6),
                graph(6, new int[] {0, 3}));
    }

    /**
     * A second example: a four-cycle 0-1-2-3 with the chord 1-3, a pendant 4 on 0, and node 5 isolated in
     * training; test 0-2, 1-4, 3-5. The isolated node counts in beta's mean degree.
     *
     * <pre>
     * N^Tr: 0:{1,3,4} 1:{0,2,3} 2:{1,3} 3:{0,1,2} 4:{0} 5:{}      d = [3,3,2,3,1,0], beta = 6/12 = 1/2
     * N^Te: 0:{2} 1:{4} 2:{0} 3:{5} 4:{1} 5:{3}
     * </pre>
     */
    static LinkSplits secondExample() {
        return new LinkSplits(
                graph(6, new int[] {0, 1}, new int[] {1, 2}, new int[] {2, 3}, new int[] {3, 0}, new int[] {1, 3},
                        new int[] {0, 4}),
                UndirectedGraph.empty(6),
                graph(6, new int[] {0, 2}, new int[] {1, 4}, new int[] {3, 5}));
    }
}
