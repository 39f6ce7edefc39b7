package org.rhizome.graph;

import java.util.Objects;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.SKOS;

/**
 * Writes statements into one source's graph inside the write transaction opened by
 * {@link KnowledgeGraph#write(Source, java.util.function.Consumer)} or
 * {@link KnowledgeGraph#writeAndGet(Source, java.util.function.Function)}. Valid only during that call; not thread-safe.
 */
public final class SourceWriter {
    private final KnowledgeGraph kg;
    private final DatasetGraph dsg;
    private final Node graph;
    private final double sourceConfidence;
    private long added;
    private long removed;

    SourceWriter(KnowledgeGraph kg, Node graph, double sourceConfidence) {
        this.kg = kg;
        this.dsg = kg.datasetGraph();
        this.graph = graph;
        this.sourceConfidence = sourceConfidence;
    }

    /** The source's named graph. */
    public Node graph() {
        return graph;
    }

    /**
     * Writes a concept: {@code rdf:type rz:Concept}, its label, and the description, types (as class IRIs with their
     * own labels) and aliases of {@code spec}. Idempotent within the source.
     *
     * @return the concept's IRI node
     */
    public Node concept(ConceptSpec spec) {
        Objects.requireNonNull(spec, "spec");
        Node c = NodeFactory.createURI(kg.conceptIri(spec.label()));
        add(c, RDF.type.asNode(), Rz.Concept);
        add(c, RDFS.label.asNode(), NodeFactory.createLiteralString(spec.label()));
        spec.description().ifPresent(d -> add(c, RDFS.comment.asNode(), NodeFactory.createLiteralString(d)));
        for (String type : spec.typeLabels()) {
            Node cls = NodeFactory.createURI(kg.classIri(type));
            add(cls, RDF.type.asNode(), RDFS.Class.asNode());
            add(cls, RDFS.label.asNode(), NodeFactory.createLiteralString(type));
            add(c, RDF.type.asNode(), cls);
        }
        for (String alias : spec.aliases()) {
            add(c, SKOS.altLabel.asNode(), NodeFactory.createLiteralString(alias));
        }
        return c;
    }

    /** {@link #concept(ConceptSpec)} with a label only. */
    public Node concept(String label) {
        return concept(ConceptSpec.of(label));
    }

    /** Writes a relation type ({@code rdf:type rz:RelationType} and its label); returns its IRI node. */
    public Node relationType(String label) {
        Node r = NodeFactory.createURI(kg.relationIri(label));
        add(r, RDF.type.asNode(), Rz.RelationType);
        add(r, RDFS.label.asNode(), NodeFactory.createLiteralString(label));
        return r;
    }

    /**
     * Adds a statement at the source's confidence.
     *
     * @return true if it was not already in this source's graph
     */
    public boolean add(Node subject, Node predicate, Node object) {
        checkTerm(subject, "subject");
        checkTerm(predicate, "predicate");
        checkTerm(object, "object");
        if (!predicate.isURI()) {
            throw new IllegalArgumentException("predicate must be an IRI, got " + predicate);
        }
        if (subject.isLiteral()) {
            throw new IllegalArgumentException("subject must not be a literal, got " + subject);
        }
        if (dsg.contains(graph, subject, predicate, object)) {
            return false;
        }
        dsg.add(graph, subject, predicate, object);
        kg.touched(subject, object);
        added++;
        return true;
    }

    /**
     * Adds a statement with its own confidence; when it differs from the source's, an annotation
     * {@code _:r rdf:reifies <<( s p o )>> ; rz:confidence c} records it in the source graph (SPARQL:
     * {@code << ?s ?p ?o >> rz:confidence ?c}).
     */
    public boolean add(Node subject, Node predicate, Node object, double confidence) {
        if (!(confidence >= 0.0 && confidence <= 1.0)) {
            throw new IllegalArgumentException("confidence must be in [0, 1], got " + confidence);
        }
        boolean fresh = add(subject, predicate, object);
        Triple t = Triple.create(subject, predicate, object);
        KnowledgeGraph.deleteAnnotations(dsg, graph, t);
        if (confidence != sourceConfidence) {
            KnowledgeGraph.annotateConfidence(dsg, graph, t, confidence);
        }
        return fresh;
    }

    /** Adds {@code subject predicate object} where all three are IRIs. */
    public boolean add(String subjectIri, String predicateIri, String objectIri) {
        return add(NodeFactory.createURI(subjectIri), NodeFactory.createURI(predicateIri),
                NodeFactory.createURI(objectIri));
    }

    /** Removes a statement (and its annotation) from this source's graph; true if it was there. */
    public boolean remove(Node subject, Node predicate, Node object) {
        if (!dsg.contains(graph, subject, predicate, object)) {
            return false;
        }
        dsg.delete(graph, subject, predicate, object);
        KnowledgeGraph.deleteAnnotations(dsg, graph, Triple.create(subject, predicate, object));
        kg.touched(subject, object);
        removed++;
        return true;
    }

    /** Statements added so far through this writer. */
    public long added() {
        return added;
    }

    /** Statements removed so far through this writer. */
    public long removed() {
        return removed;
    }

    private static void checkTerm(Node n, String role) {
        Objects.requireNonNull(n, role);
        if (!n.isConcrete()) {
            throw new IllegalArgumentException(role + " must be a concrete RDF term, got " + n);
        }
    }
}
