package org.rhizome.graph;

import org.apache.jena.graph.Node;

/** Whether a source's statements are believed ({@code rz:asserted}), model output, judged false, or derived. */
public enum Status {
    /** Believed true by its source. */
    ASSERTED("asserted"),
    /** Produced by a model; lives apart from asserted statements and never overwrites them. */
    PREDICTED("predicted"),
    /** Judged false; kept for the record and excluded from analyses and default exports. */
    REJECTED("rejected"),
    /**
     * Proposed by its source but held back for review (by a critic that found it implausible); not content until a
     * reviewer asserts it: excluded from snapshots, analyses and default exports like predicted statements.
     */
    REVIEW("review"),
    /**
     * Computed from the graph by Rhizome itself (analytics scores, metrics history); never content, so snapshots,
     * analyses and default exports leave it out.
     */
    DERIVED("derived");

    private final Node node;

    Status(String localName) {
        this.node = Rz.term(localName);
    }

    /** The vocabulary term, e.g. {@code rz:asserted}. */
    public Node node() {
        return node;
    }

    /** The status whose vocabulary term is {@code node}. */
    public static Status fromNode(Node node) {
        for (Status s : values()) {
            if (s.node.equals(node)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a Rhizome status: " + node);
    }
}
