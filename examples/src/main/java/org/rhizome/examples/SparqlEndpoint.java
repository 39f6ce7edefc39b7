package org.rhizome.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.rdfconnection.RDFConnection;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.server.RhizomeServer;
import org.rhizome.graph.server.ServerOptions;

/**
 * A store served over SPARQL and queried as a remote client would: starts {@link RhizomeServer} on a free port with
 * the safe defaults (loopback, read-only, timeouts), queries it with Jena's {@code RDFConnection} over HTTP, and
 * stops it. The same endpoint answers curl, SPARQLWrapper or any SPARQL 1.1 client (see docs/sparql-endpoint.md).
 *
 * <p>Run: {@code mvn -q -pl examples -am package -DskipTests && java -cp "examples/target/classes:$(cat
 * examples/target/examples.classpath)" org.rhizome.examples.SparqlEndpoint [store-dir]}.
 */
public final class SparqlEndpoint {
    private SparqlEndpoint() {}

    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "rhizome-data/endpoint-example"), System.out);
    }

    /** Serves a small graph from {@code dir}, queries it over HTTP and returns the labels found. */
    public static List<String> run(Path dir, PrintStream out) {
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir)) {
            kg.write(Source.of(SourceKind.MANUAL, "endpoint-example"), w -> {
                w.add(w.concept(ConceptSpec.of("Ada Lovelace")), w.relationType("wrote about"),
                        w.concept(ConceptSpec.of("Analytical Engine")));
            });
            try (RhizomeServer server = RhizomeServer.start(kg, ServerOptions.defaults().withPort(0))) {
                String url = server.datasetUrl();
                out.println("serving " + url + "/sparql");
                List<String> labels = new ArrayList<>();
                try (RDFConnection conn = RDFConnection.connect(url)) {
                    conn.querySelect("PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                            + "SELECT DISTINCT ?label WHERE { GRAPH ?g { ?c rdfs:label ?label } } ORDER BY ?label",
                            (QuerySolution row) -> labels.add(row.getLiteral("label").getLexicalForm()));
                    boolean readOnly;
                    try {
                        conn.update("INSERT DATA { <urn:x> <urn:y> <urn:z> }");
                        readOnly = false;
                    } catch (RuntimeException refused) {
                        readOnly = true;
                    }
                    out.println("labels: " + labels + "; update refused: " + readOnly);
                }
                return labels;
            }
        }
    }
}
