package org.rhizome.graph;

import org.apache.jena.graph.Node;

/** Where a source's statements came from; each kind is an individual of {@code rz:SourceKind}. */
public enum SourceKind {
    /** Read from a file by an import. */
    IMPORT_FILE("importFile"),
    /** Extracted from an LLM answer in one iteration of the growth loop. */
    GROWTH_ITERATION("growthIteration"),
    /** Extracted from one chunk of an ingested document. */
    DOCUMENT_CHUNK("documentChunk"),
    /** Predicted by a link-prediction model run. */
    PREDICTION("prediction"),
    /** Written through the Java API or by a user. */
    MANUAL("manual"),
    /** Measurements computed from the graph (node scores, metrics history); stored with status derived. */
    ANALYSIS("analysis");

    private final String localName;
    private final Node node;

    SourceKind(String localName) {
        this.localName = localName;
        this.node = Rz.term(localName);
    }

    /** The vocabulary term, e.g. {@code rz:importFile}. */
    public Node node() {
        return node;
    }

    /** The local name in the vocabulary, also used in minted source graph IRIs. */
    public String localName() {
        return localName;
    }

    /** The kind whose vocabulary term is {@code node}. */
    public static SourceKind fromNode(Node node) {
        for (SourceKind k : values()) {
            if (k.node.equals(node)) {
                return k;
            }
        }
        throw new IllegalArgumentException("not a Rhizome source kind: " + node);
    }
}
