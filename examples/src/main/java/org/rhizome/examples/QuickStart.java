package org.rhizome.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.jena.query.QueryExecution;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.io.ImportResult;
import org.rhizome.graph.io.Importer;
import org.rhizome.graph.snapshot.GraphSnapshot;

/**
 * The Java API in one page: open a TDB2 store, import a file, write statements with provenance, query with SPARQL,
 * and take the integer snapshot that algorithms read.
 *
 * <p>Run: {@code mvn -q -pl examples -am package -DskipTests && java -cp "examples/target/classes:$(cat
 * examples/target/examples.classpath)" org.rhizome.examples.QuickStart [store-dir]}. The store defaults to a
 * fresh temporary directory.
 */
public final class QuickStart {
    private QuickStart() {}

    public static void main(String[] args) throws Exception {
        Path store = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("rhizome-quickstart");
        run(store, System.out);
    }

    /** The example's steps, printing to {@code out}; returns the snapshot it built. */
    public static GraphSnapshot run(Path store, PrintStream out) throws Exception {
        // 1. A small TSV file, the layout of link-prediction benchmarks: head<TAB>relation<TAB>tail.
        Path tsv = Files.createTempFile("quickstart", ".tsv");
        Files.write(tsv, List.of("ada_lovelace\twrote_about\tanalytical_engine",
                "charles_babbage\tdesigned\tanalytical_engine", "charles_babbage\tdesigned\tdifference_engine"));

        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            // 2. Import: one all-or-nothing transaction, recorded as a source of kind importFile.
            ImportResult imported = Importer.importFile(kg, tsv);
            out.printf("imported %d statements into %s%n", imported.statements(), imported.graph().getURI());

            // 3. Write concepts and a statement under a source with provenance (here: a pretend LLM iteration).
            Source iteration = Source.builder(SourceKind.GROWTH_ITERATION, "1").model("example-model")
                    .confidence(0.8).note("Who was Ada Lovelace?").build();
            kg.write(iteration, w -> {
                var ada = w.concept(ConceptSpec.of("Ada Lovelace", "Wrote the first published computer program.")
                        .withTypes("Person"));
                var engine = w.concept("Analytical Engine");
                w.add(ada, w.relationType("wrote about"), engine, 0.95);
            });

            // 4. SPARQL: content lives in one named graph per source; the default graph is the catalogue.
            String q = """
                    PREFIX rz: <https://rhizome.dev/ns#>
                    PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
                    SELECT ?label ?kind WHERE {
                      GRAPH ?g { ?c rdfs:label ?label }
                      ?g rz:sourceKind ?kind .
                    }""";
            kg.read(() -> {
                try (QueryExecution qe = QueryExecution.dataset(kg.dataset()).query(q).build()) {
                    qe.execSelect().forEachRemaining(r -> out.printf("label %-20s from %s%n",
                            r.getLiteral("label").getString(), r.getResource("kind").getLocalName()));
                }
                return null;
            });

            // 5. The integer snapshot: dense ids and CSR adjacency for algorithms.
            GraphSnapshot snapshot = GraphSnapshot.of(kg);
            out.printf("snapshot: %d entities, %d relations, %d edges%n", snapshot.entityCount(),
                    snapshot.relationCount(), snapshot.edgeCount());
            for (int v = 0; v < snapshot.entityCount(); v++) {
                out.printf("  %-20s out %d in %d%n", snapshot.entityLabel(v), snapshot.outDegree(v),
                        snapshot.inDegree(v));
            }
            return snapshot;
        } finally {
            Files.deleteIfExists(tsv);
        }
    }
}
