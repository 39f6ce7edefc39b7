package org.rhizome.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.MergeRecord;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.resolution.EntityResolver.NewConcept;
import org.rhizome.retrieval.resolution.Resolution;
import org.rhizome.retrieval.search.SearchHit;
import org.rhizome.retrieval.search.SearchMode;
import org.rhizome.retrieval.search.SearchRequest;
import org.rhizome.retrieval.subgraph.GraphPath;
import org.rhizome.retrieval.subgraph.PathOptions;
import org.rhizome.retrieval.subgraph.PromptFormat;
import org.rhizome.retrieval.subgraph.ShortestPaths;

/**
 * Search, entity resolution and path retrieval through the Java API: writes a small graph, opens its retrieval
 * services (the index is built on first open, kept beside the store, and follows every write), searches by words
 * and by meaning, resolves new labels before writing them (reusing an existing concept instead of minting a
 * duplicate), merges a duplicate that slipped in, and prints a path between two concepts as a prompt would show it.
 *
 * <p>Run: {@code mvn -q -pl examples -am package -DskipTests && java --add-modules jdk.incubator.vector -cp
 * "examples/target/classes:$(cat examples/target/examples.classpath)" org.rhizome.examples.SearchAndResolve
 * [store-dir]}.
 */
public final class SearchAndResolve {
    private SearchAndResolve() {}

    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "rhizome-data/search-example"), System.out);
    }

    /** What the example found, for its test. */
    public record Outcome(List<SearchHit> byMeaning, Resolution variant, Optional<MergeRecord> merge, String path) {}

    /** Runs the example against the store in {@code dir} (created if needed), printing to {@code out}. */
    public static Outcome run(Path dir, PrintStream out) {
        Source src = Source.of(SourceKind.MANUAL, "search-example");
        try (KnowledgeGraph kg = KnowledgeGraph.open(dir)) {
            kg.write(src, w -> {
                var spider = w.concept(ConceptSpec.of("Spider silk", "Protein fibre spun by spiders"));
                var tough = w.concept(ConceptSpec.of("Toughness", "Energy a material absorbs before it breaks"));
                var kevlar = w.concept(ConceptSpec.of("Kevlar", "Para-aramid synthetic fibre").withTypes("Material"));
                var armour = w.concept(ConceptSpec.of("Body armour", "Protective clothing that absorbs impacts"));
                w.add(spider, w.relationType("has property"), tough);
                w.add(kevlar, w.relationType("has property"), tough);
                w.add(kevlar, w.relationType("used in"), armour);
            });
            try (Retrieval r = Retrieval.builder(kg).open()) {
                out.println("indexed " + r.index().count() + " concepts");

                List<SearchHit> hits = r.searcher().search(SearchRequest.of("bulletproof vest", SearchMode.VECTOR, 2));
                out.println("'bulletproof vest' by meaning: " + hits.stream().map(SearchHit::label).toList());

                // Before writing an extracted concept, ask whether it already exists.
                Resolution res = r.resolver().resolve(NewConcept.of("spider-silk"));
                out.println("'spider-silk' -> " + res.decision() + res.best().map(b -> " " + b.label()).orElse(""));

                // A duplicate written without resolution is found and merged afterwards (recorded, undoable).
                kg.write(src, w -> w.concept("Body armor"));
                Optional<MergeRecord> merge = r.resolver().mergeIfDuplicate(kg, kg.conceptIri("Body armor"));
                out.println("'Body armor' merged: " + merge.map(m -> "into " + m.kept()).orElse("no"));

                GraphSnapshot snap = GraphSnapshot.of(kg);
                int from = snap.entityId(kg.conceptIri("Spider silk")).orElseThrow();
                int to = snap.entityId(kg.conceptIri("Body armour")).orElseThrow();
                GraphPath p = new ShortestPaths(snap).shortestPath(from, to, PathOptions.defaults()).orElseThrow();
                String path = PromptFormat.path(snap, p);
                out.println("path: " + path);
                return new Outcome(hits, res, merge, path);
            }
        }
    }
}
