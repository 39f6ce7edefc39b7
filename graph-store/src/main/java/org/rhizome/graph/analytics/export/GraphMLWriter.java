package org.rhizome.graph.analytics.export;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.analytics.export.NodeAttributes.Column;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Streams a snapshot as GraphML: keys, then one line per node and per edge, in id order. Node ids are
 * {@code n<id>} and edge ids {@code e<id>}; the graph is {@code edgedefault="directed"}.
 *
 * <p>The {@code parse.*} hints of GraphML's parseinfo extension are not written: none of the target readers
 * (Gephi, Cytoscape, networkx) uses them, and an exact {@code parse.maxindegree} would cost a pass over the in-CSR
 * for nothing.
 */
final class GraphMLWriter {
    static final String NS = "http://graphml.graphdrawing.org/xmlns";
    static final String SCHEMA = "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd";
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    private GraphMLWriter() {}

    static void write(XMLStreamWriter w, GraphSnapshot g, NodeAttributes attributes, ProgressListener progress)
            throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.writeStartElement("graphml");
        w.writeDefaultNamespace(NS);
        w.writeNamespace("xsi", XSI);
        w.writeAttribute("xsi", XSI, "schemaLocation", NS + " " + SCHEMA);

        key(w, "iri", "node", "iri", "string");
        key(w, "label", "node", "label", "string");
        for (Column c : attributes.columns()) {
            key(w, c.keyId, "node", c.name, switch (c.type) {
                case DOUBLE -> "double";
                case INT -> "int";
                case STRING -> "string";
            });
        }
        key(w, "relation", "edge", "relation", "string");

        w.writeCharacters("\n  ");
        w.writeStartElement("graph");
        w.writeAttribute("id", "G");
        w.writeAttribute("edgedefault", "directed");

        Ticker ticks = new Ticker(progress);
        int n = g.entityCount();
        for (int v = 0; v < n; v++) {
            w.writeCharacters("\n    ");
            w.writeStartElement("node");
            w.writeAttribute("id", "n" + v);
            data(w, "iri", XmlText.clean(g.entityIri(v)));
            data(w, "label", XmlText.clean(g.entityLabel(v)));
            for (Column c : attributes.columns()) {
                if (c.present(v)) {
                    data(w, c.keyId, switch (c.type) {
                        case DOUBLE -> Double.toString(c.doubleValue(v)); // Java syntax, as GraphML's types are
                        case INT -> Integer.toString(c.intValue(v));
                        case STRING -> XmlText.clean(c.stringValue(v));
                    });
                }
            }
            w.writeEndElement();
            ticks.tick();
        }

        String[] relations = XmlText.relationLabels(g);
        for (int v = 0; v < n; v++) {
            String source = "n" + v;
            for (int e = g.outStart(v), end = g.outEnd(v); e < end; e++) {
                w.writeCharacters("\n    ");
                w.writeStartElement("edge");
                w.writeAttribute("id", "e" + e);
                w.writeAttribute("source", source);
                w.writeAttribute("target", "n" + g.target(e));
                data(w, "relation", relations[g.relation(e)]);
                w.writeEndElement();
                ticks.tick();
            }
        }
        w.writeCharacters("\n  ");
        w.writeEndElement(); // graph
        w.writeCharacters("\n");
        w.writeEndElement(); // graphml
        w.writeCharacters("\n");
        w.writeEndDocument();
    }

    private static void key(XMLStreamWriter w, String id, String domain, String name, String type)
            throws XMLStreamException {
        w.writeCharacters("\n  ");
        w.writeEmptyElement("key");
        w.writeAttribute("id", id);
        w.writeAttribute("for", domain);
        w.writeAttribute("attr.name", name);
        w.writeAttribute("attr.type", type);
    }

    private static void data(XMLStreamWriter w, String key, String value) throws XMLStreamException {
        w.writeStartElement("data");
        w.writeAttribute("key", key);
        w.writeCharacters(value);
        w.writeEndElement();
    }
}
