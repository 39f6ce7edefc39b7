package org.rhizome.graph.analytics.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.graph.ProgressListener;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Writes a hand-built graph in both formats and reads the files back with the JDK's DOM parser, an independent
 * reader, checking every node, edge and value.
 */
class GraphExporterTest {
    private static final String E = "http://example.org/e/";
    private static final String GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns";
    private static final String GEXF_NS = "http://www.gexf.net/1.2draft";
    private static final Clock MARCH_5 = Clock.fixed(Instant.parse("2024-03-05T10:15:30Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /**
     * a -knows-> b and a -likes-> b (parallel), b -knows-> c, c -knows-> c (self-loop), c -likes-> d. a's label holds
     * markup and a BEL control character, b's an unpaired surrogate; c and d have no label; "likes" has no label.
     * Ids: a=0, b=1, c=2, d=3; edges e0..e4 in that order (out-CSR order: by source, then target, then relation).
     */
    private static GraphSnapshot graph() {
        return GraphSnapshot.builder()
                .addEdge(E + "a", E + "knows", E + "b")
                .addEdge(E + "a", E + "likes", E + "b")
                .addEdge(E + "b", E + "knows", E + "c")
                .addEdge(E + "c", E + "knows", E + "c")
                .addEdge(E + "c", E + "likes", E + "d")
                .label(E + "a", "Alpha <&\"> \u0007bell")
                .label(E + "b", "Beta \uD800 half")
                .label(E + "knows", "knows")
                .build();
    }

    private static NodeAttributes attributes() {
        return NodeAttributes.builder(4)
                .addInt("community", new int[] {0, 0, 1, -7})
                .addDouble("PageRank score", new double[] {0.25, 1.0E-7, Double.NaN, Double.POSITIVE_INFINITY})
                .addString("note", new String[] {"<b>bold</b> & co", null, "nul\u0000here", "smile \uD83D\uDE00"})
                .build();
    }

    private static final String[] LABEL = {"Alpha <&\"> \uFFFDbell", "Beta \uFFFD half", "c", "d"};
    /** {id, source, target, relation} of every edge, in id order. */
    private static final String[][] EDGES = {
        {"e0", "n0", "n1", "knows"}, {"e1", "n0", "n1", "likes"}, {"e2", "n1", "n2", "knows"},
        {"e3", "n2", "n2", "knows"}, {"e4", "n2", "n3", "likes"}};

    @Test
    void graphmlHoldsEveryNodeEdgeAndTypedValue() throws Exception {
        GraphSnapshot g = graph();
        assertThat(g.edgeCount()).isEqualTo(5);
        Path out = dir.resolve("g.graphml");
        GraphExporter.Result r = GraphExporter.write(g, attributes(), out, GraphFormat.GRAPHML);
        assertThat(r.nodes()).isEqualTo(4);
        assertThat(r.edges()).isEqualTo(5);
        assertThat(r.bytes()).isEqualTo(Files.size(out));

        Element root = parse(out).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("graphml");
        assertThat(root.getNamespaceURI()).isEqualTo(GRAPHML_NS);

        List<String> keys = new ArrayList<>();
        for (Element k : children(root, GRAPHML_NS, "key")) {
            keys.add(k.getAttribute("id") + "|" + k.getAttribute("for") + "|" + k.getAttribute("attr.name") + "|"
                    + k.getAttribute("attr.type"));
        }
        assertThat(keys).containsExactly(
                "iri|node|iri|string",
                "label|node|label|string",
                "community|node|community|int",
                "PageRank_score|node|PageRank score|double",
                "note|node|note|string",
                "relation|edge|relation|string");

        List<Element> graphs = children(root, GRAPHML_NS, "graph");
        assertThat(graphs).hasSize(1);
        Element graph = graphs.get(0);
        assertThat(graph.getAttribute("edgedefault")).isEqualTo("directed");

        List<Element> nodes = children(graph, GRAPHML_NS, "node");
        assertThat(nodes).extracting(n -> n.getAttribute("id")).containsExactly("n0", "n1", "n2", "n3");
        List<Map<String, String>> data = new ArrayList<>();
        for (Element n : nodes) {
            data.add(graphmlData(n));
        }
        assertThat(data.get(0)).containsExactly(Map.entry("iri", E + "a"), Map.entry("label", LABEL[0]),
                Map.entry("community", "0"), Map.entry("PageRank_score", "0.25"),
                Map.entry("note", "<b>bold</b> & co"));
        assertThat(data.get(1)).containsExactly(Map.entry("iri", E + "b"), Map.entry("label", LABEL[1]),
                Map.entry("community", "0"), Map.entry("PageRank_score", "1.0E-7")); // null note: absent
        assertThat(data.get(2)).containsExactly(Map.entry("iri", E + "c"), Map.entry("label", "c"),
                Map.entry("community", "1"), Map.entry("note", "nul\uFFFDhere")); // NaN: absent
        assertThat(data.get(3)).containsExactly(Map.entry("iri", E + "d"), Map.entry("label", "d"),
                Map.entry("community", "-7"), Map.entry("PageRank_score", "Infinity"),
                Map.entry("note", "smile \uD83D\uDE00"));
        assertThat(Double.parseDouble(data.get(1).get("PageRank_score"))).isEqualTo(1.0E-7);

        List<Element> edges = children(graph, GRAPHML_NS, "edge");
        List<String[]> got = new ArrayList<>();
        for (Element e : edges) {
            assertThat(e.hasAttribute("directed")).isFalse(); // directed by the graph default
            got.add(new String[] {e.getAttribute("id"), e.getAttribute("source"), e.getAttribute("target"),
                graphmlData(e).get("relation")});
            assertThat(graphmlData(e)).containsOnlyKeys("relation");
        }
        assertThat(got).containsExactly(EDGES);
    }

    @Test
    void gexfHoldsEveryNodeEdgeAndTypedValue() throws Exception {
        Path out = dir.resolve("g.gexf");
        GraphExporter.write(graph(), attributes(), out, GraphFormat.GEXF,
                GraphExporter.Options.defaults().withClock(MARCH_5));

        Element root = parse(out).getDocumentElement();
        assertThat(root.getLocalName()).isEqualTo("gexf");
        assertThat(root.getNamespaceURI()).isEqualTo(GEXF_NS);
        assertThat(root.getAttribute("version")).isEqualTo("1.2");

        Element meta = only(root, "meta");
        assertThat(meta.getAttribute("lastmodifieddate")).isEqualTo("2024-03-05");
        assertThat(only(meta, "creator").getTextContent()).isEqualTo("Rhizome");

        Element graph = only(root, "graph");
        assertThat(graph.getAttribute("defaultedgetype")).isEqualTo("directed");
        assertThat(graph.getAttribute("mode")).isEqualTo("static");

        Map<String, List<String>> declared = new LinkedHashMap<>();
        for (Element attrs : children(graph, GEXF_NS, "attributes")) {
            List<String> list = new ArrayList<>();
            for (Element a : children(attrs, GEXF_NS, "attribute")) {
                list.add(a.getAttribute("id") + "|" + a.getAttribute("title") + "|" + a.getAttribute("type"));
            }
            declared.put(attrs.getAttribute("class"), list);
        }
        assertThat(declared).containsExactly(
                Map.entry("node", List.of("iri|iri|string", "community|community|integer",
                        "PageRank_score|PageRank score|double", "note|note|string")),
                Map.entry("edge", List.of("relation|relation|string")));

        Element nodesElement = only(graph, "nodes");
        assertThat(nodesElement.getAttribute("count")).isEqualTo("4");
        List<Element> nodes = children(nodesElement, GEXF_NS, "node");
        assertThat(nodes).extracting(n -> n.getAttribute("id")).containsExactly("n0", "n1", "n2", "n3");
        assertThat(nodes).extracting(n -> n.getAttribute("label")).containsExactly(LABEL);
        assertThat(attvalues(nodes.get(0))).containsExactly(Map.entry("iri", E + "a"), Map.entry("community", "0"),
                Map.entry("PageRank_score", "0.25"), Map.entry("note", "<b>bold</b> & co"));
        assertThat(attvalues(nodes.get(1))).containsExactly(Map.entry("iri", E + "b"), Map.entry("community", "0"),
                Map.entry("PageRank_score", "1.0E-7"));
        assertThat(attvalues(nodes.get(2))).containsExactly(Map.entry("iri", E + "c"), Map.entry("community", "1"),
                Map.entry("note", "nul\uFFFDhere"));
        assertThat(attvalues(nodes.get(3))).containsExactly(Map.entry("iri", E + "d"), Map.entry("community", "-7"),
                Map.entry("PageRank_score", "INF"), Map.entry("note", "smile \uD83D\uDE00"));

        Element edgesElement = only(graph, "edges");
        assertThat(edgesElement.getAttribute("count")).isEqualTo("5");
        List<String[]> got = new ArrayList<>();
        for (Element e : children(edgesElement, GEXF_NS, "edge")) {
            assertThat(e.hasAttribute("type")).isFalse(); // directed by the graph default
            assertThat(attvalues(e)).containsOnlyKeys("relation");
            assertThat(e.getAttribute("label")).isEqualTo(attvalues(e).get("relation"));
            got.add(new String[] {e.getAttribute("id"), e.getAttribute("source"), e.getAttribute("target"),
                e.getAttribute("label")});
        }
        assertThat(got).containsExactly(EDGES);
    }

    @Test
    void charactersXmlCannotHoldNeverReachTheFile() throws IOException {
        for (GraphFormat f : GraphFormat.values()) {
            Path out = dir.resolve("g" + f.extension());
            GraphExporter.write(graph(), attributes(), out, f);
            String text = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(text).as(f.name()).doesNotContain("\u0007", "\u0000", "\uD800\u0020");
            assertThat(text).as(f.name()).contains("\uFFFDbell", "Beta \uFFFD half", "\uD83D\uDE00");
        }
    }

    @Test
    void writesToAStreamWithoutClosingIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream() {
            @Override
            public void close() {
                throw new AssertionError("the caller's stream was closed");
            }
        };
        GraphExporter.write(graph(), NodeAttributes.none(4), bytes, GraphFormat.GEXF,
                GraphExporter.Options.defaults());
        Document doc = DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        assertThat(doc.getElementsByTagNameNS(GEXF_NS, "node").getLength()).isEqualTo(4);
        assertThat(doc.getElementsByTagNameNS(GEXF_NS, "edge").getLength()).isEqualTo(5);
        assertThat(doc.getElementsByTagNameNS(GEXF_NS, "attribute").getLength()).isEqualTo(2); // iri, relation
    }

    @Test
    void reportsProgressFromBeginToEnd() {
        List<String> events = new ArrayList<>();
        ProgressListener recorder = new ProgressListener() {
            @Override
            public void begin(String task, long total, String unit) {
                events.add("begin " + total + " " + unit);
            }

            @Override
            public void progress(long done) {
                events.add("progress " + done);
            }

            @Override
            public void end(String summary) {
                events.add("end " + summary);
            }
        };
        GraphSnapshot chain = chain(5000);
        GraphExporter.write(chain, NodeAttributes.none(5000), dir.resolve("c.graphml"), GraphFormat.GRAPHML,
                GraphExporter.Options.defaults().withProgress(recorder));
        assertThat(events).containsExactly("begin 9999 elements", "progress 4096", "progress 8192",
                "end exported 5,000 nodes and 4,999 edges as GRAPHML");
    }

    @Test
    void rejectsAttributesForAnotherEntityCount() {
        assertThatThrownBy(() -> GraphExporter.write(graph(), NodeAttributes.none(5), dir.resolve("g.gexf"),
                GraphFormat.GEXF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("5 entities")
                .hasMessageContaining("has 4");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void missingTargetDirectoryFailsAndCreatesNothing() {
        Path out = dir.resolve("no-such-dir").resolve("g.graphml");
        assertThatThrownBy(() -> GraphExporter.write(graph(), attributes(), out, GraphFormat.GRAPHML))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("g.graphml");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void failureMidWriteKeepsThePreviousFileAndLeavesNoTemporaryFile() throws IOException {
        Path out = dir.resolve("g.graphml");
        Files.writeString(out, "previous export");
        ProgressListener failing = new ProgressListener() {
            @Override
            public void begin(String task, long total, String unit) {}

            @Override
            public void progress(long done) {
                throw new IllegalStateException("disk full, say");
            }

            @Override
            public void end(String summary) {}
        };
        assertThatThrownBy(() -> GraphExporter.write(chain(5000), NodeAttributes.none(5000), out,
                GraphFormat.GRAPHML, GraphExporter.Options.defaults().withProgress(failing)))
                .hasMessage("disk full, say");
        assertThat(Files.readString(out)).isEqualTo("previous export");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    @Test
    void targetThatIsADirectoryIsRejectedAndLeftAlone() throws IOException {
        Path out = dir.resolve("taken.gexf");
        Files.createDirectory(out);
        Files.writeString(out.resolve("inside"), "x");
        assertThatThrownBy(() -> GraphExporter.write(graph(), attributes(), out, GraphFormat.GEXF))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("directory");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
        assertThat(out.resolve("inside")).hasContent("x");
    }

    @Test
    void replacesAnExistingFile() throws Exception {
        Path out = dir.resolve("g.gexf");
        Files.writeString(out, "old");
        GraphExporter.Result r = GraphExporter.write(graph(), attributes(), out, GraphFormat.GEXF);
        assertThat(r.file()).isEqualTo(out);
        assertThat(r.format()).isEqualTo(GraphFormat.GEXF);
        assertThat(parse(out).getElementsByTagNameNS(GEXF_NS, "edge").getLength()).isEqualTo(5);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(out);
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** 0 -next-> 1 -next-> ... -next-> n-1. */
    private static GraphSnapshot chain(int n) {
        GraphSnapshot.Builder b = GraphSnapshot.builder();
        for (int i = 0; i + 1 < n; i++) {
            b.addEdge(E + i, E + "next", E + (i + 1));
        }
        return b.build();
    }

    private static Document parse(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return DocumentBuilderFactory.newDefaultNSInstance().newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> children(Element parent, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        NodeList list = parent.getChildNodes();
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i) instanceof Element e && ns.equals(e.getNamespaceURI())
                    && localName.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static Element only(Element parent, String localName) {
        List<Element> found = children(parent, GEXF_NS, localName);
        assertThat(found).as(localName).hasSize(1);
        return found.get(0);
    }

    /** A GraphML node's or edge's data values by key, in document order. */
    private static Map<String, String> graphmlData(Element owner) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Element d : children(owner, GRAPHML_NS, "data")) {
            assertThat(m.put(d.getAttribute("key"), d.getTextContent())).isNull();
        }
        return m;
    }

    /** A GEXF node's or edge's attribute values by id, in document order. */
    private static Map<String, String> attvalues(Element owner) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Element values : children(owner, GEXF_NS, "attvalues")) {
            for (Element v : children(values, GEXF_NS, "attvalue")) {
                assertThat(m.put(v.getAttribute("for"), v.getAttribute("value"))).isNull();
            }
        }
        return m;
    }
}
