package org.rhizome.agent.extract;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RiotException;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Rz;

/**
 * SHACL shapes a local graph must satisfy before it is written: the local graph is turned into RDF the way it
 * would be written (concept IRIs minted from labels, {@code rdf:type rz:Concept}, {@code rdfs:label},
 * {@code rdfs:comment} for the description, one class IRI per type, one relation IRI per edge label, all under the
 * store's base namespace) and validated with Jena SHACL; each violation becomes a problem the repair prompt sends
 * back ("Marie Curie: rdfs:comment: minCount 1 ..."). <b>Scope:</b> the local graph alone is validated, not the
 * global graph after the merge, so constraints on a neighbour's type ({@code sh:class}) hold only when the answer
 * states that type.
 */
public final class LocalGraphShapes {
    private final Shapes shapes;
    private final KnowledgeGraph kg;

    public LocalGraphShapes(Shapes shapes, KnowledgeGraph kg) {
        this.shapes = Objects.requireNonNull(shapes, "shapes");
        this.kg = Objects.requireNonNull(kg, "kg");
    }

    /**
     * Reads shapes from a Turtle (or other RDF) file.
     *
     * @throws IllegalArgumentException naming the file when it cannot be read or parsed
     */
    public static LocalGraphShapes load(Path file, KnowledgeGraph kg) {
        try {
            return new LocalGraphShapes(Shapes.parse(RDFDataMgr.loadGraph(file.toString())), kg);
        } catch (RiotException | org.apache.jena.shacl.parser.ShaclParseException e) {
            throw new IllegalArgumentException("cannot read the SHACL shapes " + file + ": " + e.getMessage(), e);
        } catch (org.apache.jena.atlas.RuntimeIOException e) {
            throw new IllegalArgumentException("cannot read the SHACL shapes " + file + ": " + e.getMessage(), e);
        }
    }

    /** The local graph as the RDF it would be written as. */
    public Graph toRdf(LocalGraph g) {
        Graph out = GraphFactory.createDefaultGraph();
        Node[] nodes = new Node[g.nodes().size()];
        for (int i = 0; i < nodes.length; i++) {
            LocalGraph.Node n = g.nodes().get(i);
            Node c = NodeFactory.createURI(kg.conceptIri(n.label()));
            nodes[i] = c;
            out.add(c, RDF.type.asNode(), Rz.Concept);
            out.add(c, RDFS.label.asNode(), NodeFactory.createLiteralString(n.label()));
            n.description().ifPresent(d -> out.add(c, RDFS.comment.asNode(), NodeFactory.createLiteralString(d)));
            for (String t : n.types()) {
                out.add(c, RDF.type.asNode(), NodeFactory.createURI(kg.classIri(t)));
            }
        }
        for (LocalGraph.Edge e : g.edges()) {
            out.add(nodes[e.source()], NodeFactory.createURI(kg.relationIri(e.relation())), nodes[e.target()]);
        }
        return out;
    }

    /** The violations of {@code g}, one readable line each; empty when it conforms. */
    public List<String> check(LocalGraph g) {
        Graph rdf = toRdf(g);
        ValidationReport r = ShaclValidator.get().validate(shapes, rdf);
        if (r.conforms()) {
            return List.of();
        }
        Map<String, String> labels = new HashMap<>();
        for (LocalGraph.Node n : g.nodes()) {
            labels.put(kg.conceptIri(n.label()), n.label());
        }
        List<String> out = new ArrayList<>();
        for (ReportEntry e : r.getEntries()) {
            Node f = e.focusNode();
            String focus = f.isURI() ? labels.getOrDefault(f.getURI(), f.getURI()) : f.toString();
            String path = e.resultPath() == null ? "" : " " + shorten(e.resultPath().toString());
            out.add("shape violation at \"" + focus + "\"" + path + ": " + e.message());
        }
        return out;
    }

    private String shorten(String path) {
        return path.replace("<" + kg.baseNamespace() + "relation/", "relation:")
                .replace("<http://www.w3.org/2000/01/rdf-schema#", "rdfs:").replace(">", "");
    }
}
