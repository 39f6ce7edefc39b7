package org.rhizome.retrieval.subgraph;

import static org.assertj.core.api.Assertions.assertThat;

import org.rhizome.graph.snapshot.GraphSnapshot;

/** Small hand-built snapshots for the tests, with ids fixed by registration order. */
final class Graphs {
    static final String E = "http://e/";

    private Graphs() {}

    /**
     * A snapshot whose entity ids follow {@code nodes} and relation ids follow {@code relations}; each edge is
     * {@code "head relation tail"} by local names.
     */
    static GraphSnapshot of(String[] nodes, String[] relations, String... edges) {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (String n : nodes) {
            b.entityId(E + n);
        }
        for (String r : relations) {
            b.relationId(E + r);
        }
        for (String e : edges) {
            String[] p = e.split(" ");
            b.addEdge(E + p[0], E + p[1], E + p[2]);
        }
        GraphSnapshot g = b.build();
        assertThat(g.entityCount()).as("every listed node is the end of an edge").isEqualTo(nodes.length);
        return g;
    }

    /**
     * The 2x3 ladder, edges pointing right and down:
     *
     * <pre>
     * a0 -> a1 -> a2        ids a0=0 a1=1 a2=2 b0=3 b1=4 b2=5
     * |     |     |         edges e0 a0->a1, e1 a0->b0, e2 a1->a2, e3 a1->b1,
     * v     v     v               e4 a2->b2, e5 b0->b1, e6 b1->b2
     * b0 -> b1 -> b2
     * </pre>
     */
    static GraphSnapshot ladder() {
        return of(new String[] {"a0", "a1", "a2", "b0", "b1", "b2"}, new String[] {"r"},
                "a0 r a1", "a1 r a2", "b0 r b1", "b1 r b2", "a0 r b0", "a1 r b1", "a2 r b2");
    }

    /** A {@code rows x cols} grid, node {@code r*cols+c} named n{r}_{c}, edges right and down. */
    static GraphSnapshot grid(int rows, int cols) {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                b.entityId(E + "n" + r + "_" + c);
            }
        }
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                if (c + 1 < cols) {
                    b.addEdge(E + "n" + r + "_" + c, E + "right", E + "n" + r + "_" + (c + 1));
                }
                if (r + 1 < rows) {
                    b.addEdge(E + "n" + r + "_" + c, E + "down", E + "n" + (r + 1) + "_" + c);
                }
            }
        }
        return b.build();
    }

    /** Checks that {@code p} is a walk of {@code g}: each edge joins its two nodes in the recorded direction. */
    static void assertValidWalk(GraphSnapshot g, GraphPath p) {
        for (int i = 0; i < p.length(); i++) {
            int e = p.edge(i);
            int head = g.source(e);
            int tail = g.target(e);
            if (p.isForward(i)) {
                assertThat(new int[] {head, tail}).as("edge %d of %s", i, p).containsExactly(p.node(i), p.node(i + 1));
            } else {
                assertThat(new int[] {tail, head}).as("edge %d of %s", i, p).containsExactly(p.node(i), p.node(i + 1));
            }
        }
    }

    static GraphPath path(int[] nodes, int[] edges, boolean... forward) {
        if (forward.length == 0) {
            forward = new boolean[edges.length];
            java.util.Arrays.fill(forward, true);
        }
        return GraphPath.of(nodes, edges, forward);
    }
}
