package org.rhizome.graph;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;

/**
 * Constants of the Rhizome vocabulary, namespace {@value #NS}. The vocabulary is documented in the Turtle file
 * {@code org/rhizome/graph/rhizome-vocabulary.ttl} shipped in this jar ({@link #VOCABULARY_RESOURCE}); a test checks
 * that every constant here is declared there.
 */
public final class Rz {
    static {
        org.apache.jena.sys.JenaSystem.init();
    }

    /** The vocabulary namespace. */
    public static final String NS = "https://rhizome.dev/ns#";
    /** Classpath location of the vocabulary's Turtle description. */
    public static final String VOCABULARY_RESOURCE = "/org/rhizome/graph/rhizome-vocabulary.ttl";

    public static final Node Concept = term("Concept");
    public static final Node RelationType = term("RelationType");
    public static final Node Source = term("Source");
    public static final Node Merge = term("Merge");

    public static final Node sourceKind = term("sourceKind");
    public static final Node sourceId = term("sourceId");
    public static final Node model = term("model");
    public static final Node promptHash = term("promptHash");
    public static final Node createdAt = term("createdAt");
    public static final Node status = term("status");
    public static final Node confidence = term("confidence");
    public static final Node note = term("note");
    public static final Node statementCount = term("statementCount");
    public static final Node rejectedFrom = term("rejectedFrom");

    public static final Node kept = term("kept");
    public static final Node merged = term("merged");
    public static final Node mergedLabel = term("mergedLabel");
    public static final Node score = term("score");
    public static final Node undone = term("undone");
    public static final Node removedQuad = term("removedQuad");
    public static final Node addedQuad = term("addedQuad");
    public static final Node graph = term("graph");
    public static final Node subject = term("subject");
    public static final Node predicate = term("predicate");
    public static final Node object = term("object");

    public static final Node pageRank = term("pageRank");
    public static final Node betweenness = term("betweenness");
    public static final Node community = term("community");
    public static final Node coreNumber = term("coreNumber");
    public static final Node degree = term("degree");
    public static final Node participation = term("participation");
    public static final Node MetricsPoint = term("MetricsPoint");
    public static final Node iteration = term("iteration");
    public static final Node recordedAt = term("recordedAt");
    public static final Node measure = term("measure");
    public static final Node name = term("name");
    public static final Node value = term("value");
    public static final Node exact = term("exact");

    private Rz() {}

    /** The IRI node {@code rz:localName}. */
    public static Node term(String localName) {
        return NodeFactory.createURI(NS + localName);
    }
}
