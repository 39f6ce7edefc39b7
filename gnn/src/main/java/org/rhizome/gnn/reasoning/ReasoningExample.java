package org.rhizome.gnn.reasoning;

import java.util.Arrays;

/**
 * One relational-reasoning query: a small directed graph whose edges carry relation labels, a query pair
 * {@code (source, target)} and the relation that holds between them.
 *
 * @param nodes number of nodes, ids {@code 0..nodes-1}
 * @param src edge sources {@code [E]}
 * @param dst edge targets {@code [E]}
 * @param relation edge relation ids {@code [E]} (into the dataset's {@link Vocabulary})
 * @param source the query's first node
 * @param target the query's second node
 * @param label the relation id to predict for {@code (source, target)}
 * @param hops the length of the reasoning chain this example was made with (CLUTRR's k, the algebra files' k), or -1
 *     when unknown
 * @param branches the number of parallel paths (the algebra files' b; 1 for CLUTRR), or -1 when unknown
 * @param origin where it came from ({@code file:line}), for messages
 */
public record ReasoningExample(int nodes, int[] src, int[] dst, int[] relation, int source, int target, int label,
        int hops, int branches, String origin) {

    public ReasoningExample {
        if (src.length != dst.length || src.length != relation.length) {
            throw new IllegalArgumentException(origin + ": " + src.length + " sources, " + dst.length + " targets, "
                    + relation.length + " relations");
        }
        for (int e = 0; e < src.length; e++) {
            if (src[e] < 0 || src[e] >= nodes || dst[e] < 0 || dst[e] >= nodes) {
                throw new IllegalArgumentException(origin + ": edge " + e + " (" + src[e] + ", " + dst[e]
                        + ") outside the " + nodes + " nodes");
            }
        }
        if (source < 0 || source >= nodes || target < 0 || target >= nodes) {
            throw new IllegalArgumentException(
                    origin + ": query (" + source + ", " + target + ") outside the " + nodes + " nodes");
        }
    }

    /** The number of edges. */
    public int edges() {
        return src.length;
    }

    @Override
    public String toString() {
        return "ReasoningExample[" + origin + ", nodes=" + nodes + ", edges=" + src.length + ", query=(" + source
                + ", " + target + ") label=" + label + ", hops=" + hops + ", branches=" + branches + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReasoningExample x && nodes == x.nodes && source == x.source && target == x.target
                && label == x.label && hops == x.hops && branches == x.branches && Arrays.equals(src, x.src)
                && Arrays.equals(dst, x.dst) && Arrays.equals(relation, x.relation);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(src) + Arrays.hashCode(dst)) + Arrays.hashCode(relation) + label;
    }
}
