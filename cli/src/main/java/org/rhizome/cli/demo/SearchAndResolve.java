package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rhizome.cli.TextTable;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.index.SyncReport;
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
 * Demo step: builds the search index of the demo graph (labels, aliases and descriptions embedded in process by
 * all-MiniLM-L6-v2), searches it by words and by meaning, resolves a few name variants against the existing concepts,
 * and prints the shortest paths between two concepts as they would go into a prompt.
 */
public final class SearchAndResolve implements DemoStep {
    static final String MEANING_QUERY = "breaking enemy codes in wartime";
    static final List<String> VARIANTS = List.of("Turing, Alan", "Charles Babage", "A. Lovelace", "ENIAC (1946)",
            "Grace Hopper", "Quantum computer");

    @Override
    public String title() {
        return "Search, resolve, connect";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        long t0 = System.nanoTime();
        try (Retrieval r = Retrieval.builder(ctx.kg()).progress(ctx.progress()).open()) {
            SyncReport s = r.openingSync().orElseThrow();
            out.printf(Locale.ROOT, "  Search index: %d concepts (%s), %d texts embedded in process by %s, %.1f s;%n",
                    r.index().count(), s.wasInStep() ? "already in step" : s.added() + " added", s.embedded(),
                    r.embedder().modelId(), (System.nanoTime() - t0) / 1e9);
            out.println("  kept in " + r.index().path().map(p -> p.toString()).orElse("memory")
                    + " and in step with every later write.");

            out.println();
            out.println("  Hybrid search (BM25 + embedding, fused by reciprocal rank) for \"" + MEANING_QUERY + "\":");
            TextTable t = new TextTable("#", "concept", "bm25", "vector");
            int i = 0;
            for (SearchHit h : r.searcher().search(SearchRequest.of(MEANING_QUERY, SearchMode.HYBRID, 5))) {
                t.row(++i, h.label(), h.bm25Rank().isPresent() ? "#" + h.bm25Rank().getAsInt() : "-",
                        h.vectorRank().isPresent() ? "#" + h.vectorRank().getAsInt() : "-");
            }
            t.print(out, "    ");

            out.println();
            out.println("  Entity resolution: do these new labels name concepts already in the graph?");
            TextTable rt = new TextTable("new label", "decision", "existing concept", "score");
            for (String v : VARIANTS) {
                Resolution res = r.resolver().resolve(NewConcept.of(v));
                rt.row(v, res.decision(), res.decision() == Resolution.Decision.NEW ? "-"
                        : res.best().orElseThrow().label(), res.best().map(b -> String.format(Locale.ROOT, "%.3f",
                                b.score())).orElse("-"));
            }
            rt.print(out, "    ");

            out.println();
            out.println("  Shortest paths from Ada Lovelace to Alan Turing, as a prompt would show them:");
            GraphSnapshot snap = GraphSnapshot.of(ctx.kg());
            Map<String, Integer> ids = Map.of("from", id(ctx, snap, "Ada Lovelace"), "to", id(ctx, snap,
                    "Alan Turing"));
            List<GraphPath> paths = new ShortestPaths(snap).kShortestPaths(ids.get("from"), ids.get("to"), 3,
                    PathOptions.defaults());
            for (GraphPath p : paths) {
                out.println("    " + PromptFormat.path(snap, p));
            }
        }
        out.println();
        out.println("  Try: rhizome search \"...\", rhizome resolve \"...\", rhizome paths A B, rhizome neighbourhood A");
        out.println("  and in SPARQL: ?c rzf:search (\"text\" 5) with rzf: <https://rhizome.dev/fn#>.");
    }

    private static int id(DemoContext ctx, GraphSnapshot snap, String label) {
        String iri = ctx.kg().findConceptByLabel(label).orElseThrow(() -> new IllegalStateException(
                "the demo graph has no concept labelled " + label)).iri();
        return snap.entityId(iri).orElseThrow(() -> new IllegalStateException(label + " is not in the snapshot"));
    }
}
