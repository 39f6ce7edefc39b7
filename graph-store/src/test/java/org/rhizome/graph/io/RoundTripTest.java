package org.rhizome.graph.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.util.IsoMatcher;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.rhizome.graph.KnowledgeGraph;

/** Import then export gives the same graph (isomorphism), for every format, plain and gzip'd. */
class RoundTripTest {
    @TempDir
    Path dir;

    static Graph sampleGraph() {
        Graph g = GraphFactory.createDefaultGraph();
        Node alan = NodeFactory.createURI("http://example.org/alan_turing");
        Node bletchley = NodeFactory.createURI("http://example.org/bletchley_park");
        Node worked = NodeFactory.createURI("http://example.org/worked_at");
        Node label = NodeFactory.createURI("http://www.w3.org/2000/01/rdf-schema#label");
        Node born = NodeFactory.createURI("http://example.org/born");
        Node blank = NodeFactory.createBlankNode();
        g.add(Triple.create(alan, worked, bletchley));
        g.add(Triple.create(alan, label, NodeFactory.createLiteralString("Alan Turing")));
        g.add(Triple.create(alan, label, NodeFactory.createLiteralLang("Alan Turing", "en")));
        g.add(Triple.create(bletchley, label, NodeFactory.createLiteralString("Bletchley \"Park\"\nUK ✓")));
        g.add(Triple.create(alan, born, NodeFactory.createLiteralDT("1912", XSDDatatype.XSDinteger)));
        g.add(Triple.create(alan, NodeFactory.createURI("http://example.org/award"), blank));
        g.add(Triple.create(blank, label, NodeFactory.createLiteralString("OBE")));
        g.add(Triple.create(bletchley, worked, alan));
        return g;
    }

    static DatasetGraph sampleDataset() {
        DatasetGraph ds = DatasetGraphFactory.createGeneral();
        sampleGraph().find().forEachRemaining(t -> ds.getDefaultGraph().add(t));
        Node g1 = NodeFactory.createURI("http://example.org/graph/one");
        Node g2 = NodeFactory.createURI("http://example.org/graph/two");
        ds.add(g1, NodeFactory.createURI("http://example.org/a"), NodeFactory.createURI("http://example.org/p"),
                NodeFactory.createURI("http://example.org/b"));
        ds.add(g2, NodeFactory.createURI("http://example.org/a"), NodeFactory.createURI("http://example.org/p"),
                NodeFactory.createLiteralString("in two"));
        return ds;
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"TURTLE", "NTRIPLES", "RDFXML"})
    void tripleFormatsRoundTrip(Format format) throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            Graph original = sampleGraph();
            Path in = dir.resolve("in-" + gzip + "." + format.extensions().get(0) + (gzip ? ".gz" : ""));
            try (OutputStream out = open(in, gzip)) {
                RDFDataMgr.write(out, original, format.lang().orElseThrow());
            }
            Path out = dir.resolve("out-" + gzip + "." + format.extensions().get(0) + (gzip ? ".gz" : ""));
            try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
                ImportResult r = Importer.importFile(kg, in);
                assertThat(r.statements()).isEqualTo(original.size());
                Exporter.export(kg, out);
            }
            Graph back = GraphFactory.createDefaultGraph();
            try (var read = read(out)) {
                RDFParser.source(read).lang(format.lang().orElseThrow()).parse(back);
            }
            assertThat(back.isIsomorphicWith(original)).as("%s gzip=%s", format, gzip).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = {"NQUADS", "TRIG", "JSONLD"})
    void quadFormatsRoundTripWithNamedGraphs(Format format) throws IOException {
        for (boolean gzip : new boolean[] {false, true}) {
            DatasetGraph original = sampleDataset();
            Path in = dir.resolve("in-" + gzip + "." + format.extensions().get(0) + (gzip ? ".gz" : ""));
            try (OutputStream out = open(in, gzip)) {
                RDFDataMgr.write(out, original, format.lang().orElseThrow());
            }
            Path out = dir.resolve("out-" + gzip + "." + format.extensions().get(0) + (gzip ? ".gz" : ""));
            try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
                ImportResult r = Importer.importFile(kg, in);
                assertThat(r.fileGraphs()).hasSize(2);
                Exporter.export(kg, out);
            }
            DatasetGraph back = DatasetGraphFactory.createGeneral();
            try (var read = read(out)) {
                RDFParser.source(read).lang(format.lang().orElseThrow()).parse(back);
            }
            assertThat(IsoMatcher.isomorphic(original, back)).as("%s gzip=%s", format, gzip).isTrue();
        }
    }

    @Test
    void tsvRoundTripsWithCrlfAndLabels() throws IOException {
        List<String> lines = List.of("/m/01\t/film/genre\t/m/02", "/m/02\t/film/genre\t/m/03",
                "/m/01\t/people/born_in\t/m/03", "00001740\t_hypernym\t00002137", "Zürich\tin\tSchweiz");
        Path in = dir.resolve("train.txt");
        Files.writeString(in, String.join("\r\n", lines) + "\r\n", StandardCharsets.UTF_8);
        Path labels = dir.resolve("entity2text.txt");
        Files.writeString(labels, "/m/01\tPulp Fiction\n/m/02\tCrime film\tA film genre.\n");
        Path out = dir.resolve("out.tsv");
        try (KnowledgeGraph kg = KnowledgeGraph.inMemory()) {
            ImportResult r = Importer.importFile(kg, in, ImportOptions.builder().entityLabels(labels).build());
            assertThat(r.statements()).isEqualTo(5 + 3);
            Exporter.Result e = Exporter.export(kg, out);
            assertThat(e.skipped()).isEqualTo(3);
            assertThat(kg.concept(kg.baseNamespace() + "entity/%2Fm%2F01").orElseThrow().label())
                    .isEqualTo("Pulp Fiction");
        }
        List<String> back = new ArrayList<>(Files.readAllLines(out));
        List<String> expected = new ArrayList<>(lines);
        back.sort(null);
        expected.sort(null);
        assertThat(back).isEqualTo(expected);
    }

    private static java.io.InputStream read(Path p) throws IOException {
        java.io.InputStream in = Files.newInputStream(p);
        return Format.isGzip(p) ? new java.util.zip.GZIPInputStream(in) : in;
    }

    private static OutputStream open(Path p, boolean gzip) throws IOException {
        OutputStream out = Files.newOutputStream(p);
        return gzip ? new GZIPOutputStream(out) : out;
    }
}
