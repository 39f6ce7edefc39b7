package org.rhizome.graph.analytics.export;

import java.time.LocalDate;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.analytics.export.NodeAttributes.Column;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * Streams a snapshot as GEXF 1.2draft (see {@link GraphExporter} for the choice of version): {@code <meta>},
 * attribute declarations, then one line per node and per edge, in id order. The entity label is the node's own
 * {@code label} (what Gephi shows), the IRI and the user columns are attribute values; the relation label is both
 * the edge's {@code label} and its {@code relation} attribute value.
 */
final class GexfWriter {
    static final String NS = "http://www.gexf.net/1.2draft";
    static final String SCHEMA = "http://www.gexf.net/1.2draft/gexf.xsd";

    private GexfWriter() {}

    static void write(XMLStreamWriter w, GraphSnapshot g, NodeAttributes attributes, LocalDate date,
            ProgressListener progress) throws XMLStreamException {
        w.writeStartDocument("UTF-8", "1.0");
        w.writeCharacters("\n");
        w.writeStartElement("gexf");
        w.writeDefaultNamespace(NS);
        w.writeNamespace("xsi", GraphMLWriter.XSI);
        w.writeAttribute("xsi", GraphMLWriter.XSI, "schemaLocation", NS + " " + SCHEMA);
        w.writeAttribute("version", "1.2");

        w.writeCharacters("\n  ");
        w.writeStartElement("meta");
        w.writeAttribute("lastmodifieddate", date.toString()); // ISO yyyy-MM-dd, i.e. xs:date
        w.writeCharacters("\n    ");
        w.writeStartElement("creator");
        w.writeCharacters("Rhizome");
        w.writeEndElement();
        w.writeCharacters("\n    ");
        w.writeStartElement("description");
        w.writeCharacters("Knowledge-graph snapshot: " + g.entityCount() + " entities, " + g.edgeCount()
                + " directed edges labelled by relation");
        w.writeEndElement();
        w.writeCharacters("\n  ");
        w.writeEndElement(); // meta

        w.writeCharacters("\n  ");
        w.writeStartElement("graph");
        w.writeAttribute("mode", "static");
        w.writeAttribute("defaultedgetype", "directed");

        w.writeCharacters("\n    ");
        w.writeStartElement("attributes");
        w.writeAttribute("class", "node");
        w.writeAttribute("mode", "static");
        attribute(w, "iri", "iri", "string");
        for (Column c : attributes.columns()) {
            attribute(w, c.keyId, c.name, switch (c.type) {
                case DOUBLE -> "double";
                case INT -> "integer";
                case STRING -> "string";
            });
        }
        w.writeCharacters("\n    ");
        w.writeEndElement();
        w.writeCharacters("\n    ");
        w.writeStartElement("attributes");
        w.writeAttribute("class", "edge");
        w.writeAttribute("mode", "static");
        attribute(w, "relation", "relation", "string");
        w.writeCharacters("\n    ");
        w.writeEndElement();

        Ticker ticks = new Ticker(progress);
        int n = g.entityCount();
        w.writeCharacters("\n    ");
        w.writeStartElement("nodes");
        w.writeAttribute("count", Integer.toString(n));
        for (int v = 0; v < n; v++) {
            w.writeCharacters("\n      ");
            w.writeStartElement("node");
            w.writeAttribute("id", "n" + v);
            w.writeAttribute("label", XmlText.clean(g.entityLabel(v)));
            w.writeStartElement("attvalues");
            attvalue(w, "iri", XmlText.clean(g.entityIri(v)));
            for (Column c : attributes.columns()) {
                if (c.present(v)) {
                    attvalue(w, c.keyId, switch (c.type) {
                        case DOUBLE -> xsdDouble(c.doubleValue(v));
                        case INT -> Integer.toString(c.intValue(v));
                        case STRING -> XmlText.clean(c.stringValue(v));
                    });
                }
            }
            w.writeEndElement(); // attvalues
            w.writeEndElement(); // node
            ticks.tick();
        }
        w.writeCharacters("\n    ");
        w.writeEndElement(); // nodes

        String[] relations = XmlText.relationLabels(g);
        w.writeCharacters("\n    ");
        w.writeStartElement("edges");
        w.writeAttribute("count", Integer.toString(g.edgeCount()));
        for (int v = 0; v < n; v++) {
            String source = "n" + v;
            for (int e = g.outStart(v), end = g.outEnd(v); e < end; e++) {
                String relation = relations[g.relation(e)];
                w.writeCharacters("\n      ");
                w.writeStartElement("edge");
                w.writeAttribute("id", "e" + e);
                w.writeAttribute("source", source);
                w.writeAttribute("target", "n" + g.target(e));
                w.writeAttribute("label", relation);
                w.writeStartElement("attvalues");
                attvalue(w, "relation", relation);
                w.writeEndElement(); // attvalues
                w.writeEndElement(); // edge
                ticks.tick();
            }
        }
        w.writeCharacters("\n    ");
        w.writeEndElement(); // edges
        w.writeCharacters("\n  ");
        w.writeEndElement(); // graph
        w.writeCharacters("\n");
        w.writeEndElement(); // gexf
        w.writeCharacters("\n");
        w.writeEndDocument();
    }

    /** xs:double syntax: Java's for finite values, {@code INF} and {@code -INF} (as Gephi writes them) otherwise. */
    static String xsdDouble(double d) {
        if (d == Double.POSITIVE_INFINITY) {
            return "INF";
        }
        if (d == Double.NEGATIVE_INFINITY) {
            return "-INF";
        }
        return Double.toString(d);
    }

    private static void attribute(XMLStreamWriter w, String id, String title, String type) throws XMLStreamException {
        w.writeCharacters("\n      ");
        w.writeEmptyElement("attribute");
        w.writeAttribute("id", id);
        w.writeAttribute("title", title);
        w.writeAttribute("type", type);
    }

    private static void attvalue(XMLStreamWriter w, String id, String value) throws XMLStreamException {
        w.writeEmptyElement("attvalue");
        w.writeAttribute("for", id);
        w.writeAttribute("value", value);
    }
}
