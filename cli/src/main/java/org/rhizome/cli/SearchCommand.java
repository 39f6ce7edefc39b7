package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.search.SearchHit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome search}: find concepts by words or meaning. */
@Command(name = "search",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Find concepts by text: BM25 over labels, aliases and descriptions, nearest neighbours of the text's "
                    + "embedding (in-process all-MiniLM-L6-v2 unless RHIZOME_EMBEDDINGS says otherwise), or both "
                    + "fused by reciprocal rank fusion.",
            "",
            "The search index lives in <store>/retrieval and is brought up to date with the store first (built on "
                    + "first use)."
        })
final class SearchCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", description = "What to look for (plain words; no query syntax).")
    String text;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "hybrid",
            description = "bm25, vector or hybrid. Default: ${DEFAULT-VALUE}")
    String mode;

    @Option(names = "--k", paramLabel = "N", defaultValue = "10", description = "Results. Default: ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--type", paramLabel = "TYPE",
            description = "Only concepts of this type (a class label or IRI); repeatable.")
    List<String> types = List.of();

    @Option(names = "--json", description = "One JSON object per result line.")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeGraph kg = root.openStore(false);
                Retrieval r = RetrievalSupport.open(kg, root, spec.commandLine().getErr(), true)) {
            List<SearchHit> hits = r.searcher().search(RetrievalSupport.request(kg, text,
                    RetrievalSupport.mode(mode), k, types));
            if (json) {
                hits.forEach(h -> out.println(RetrievalSupport.json(h)));
                return ExitCodes.OK;
            }
            if (hits.isEmpty()) {
                out.println("no concept matches '" + text + "' (" + r.index().count() + " concepts indexed)");
                return ExitCodes.OK;
            }
            TextTable t = new TextTable("#", "label", "score", "bm25", "vector", "iri");
            int i = 0;
            for (SearchHit h : hits) {
                t.row(++i, h.label(), RetrievalSupport.fmt(h.score()),
                        h.bm25Rank().isPresent() ? "#" + h.bm25Rank().getAsInt() : "-",
                        h.vectorRank().isPresent() ? "#" + h.vectorRank().getAsInt() + " cos "
                                + RetrievalSupport.fmt(h.cosine().orElse(Double.NaN)) : "-", h.iri());
            }
            t.print(out, "");
        }
        return ExitCodes.OK;
    }
}
