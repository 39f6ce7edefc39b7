package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import org.rhizome.embeddings.EmbeddingException;
import org.rhizome.graph.Concept;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.index.IndexException;
import org.rhizome.retrieval.search.SearchHit;
import org.rhizome.retrieval.search.SearchMode;
import org.rhizome.retrieval.search.SearchRequest;

/** What the retrieval commands share: opening the index with progress, and naming nodes by label or IRI. */
final class RetrievalSupport {
    private RetrievalSupport() {
    }

    /**
     * Opens the retrieval services of {@code kg}: synchronises the index with the store (building it on first use,
     * with progress on standard error).
     */
    static Retrieval open(KnowledgeGraph kg, Rhizome root, PrintWriter err, boolean sync) {
        return open(kg, root, err, sync, false);
    }

    /**
     * {@link #open(KnowledgeGraph, Rhizome, PrintWriter, boolean)}, or with {@code replace} a new empty index in
     * place of the one on disk, whichever embedding model built it (for a rebuild).
     */
    static Retrieval open(KnowledgeGraph kg, Rhizome root, PrintWriter err, boolean sync, boolean replace) {
        boolean fresh = kg.location().map(l -> !java.nio.file.Files.isDirectory(l.resolve("retrieval/index")))
                .orElse(true);
        if (fresh && sync && !root.quiet()) {
            err.println("rhizome: building the search index of this store (first use; later runs only catch up)");
            err.flush();
        }
        try {
            return Retrieval.builder(kg).syncOnOpen(sync).replaceIndex(replace)
                    .progress(ConsoleProgress.forConsole(err, root.quiet())).open();
        } catch (IndexException | EmbeddingException e) {
            throw new CommandFailedException(ExitCodes.FAILURE, e.getMessage(), e);
        }
    }

    /**
     * The IRI a user means by {@code node}: an IRI (containing {@code ://} or starting with {@code urn:}) as given,
     * otherwise the concept with that label or alias.
     *
     * @throws CommandFailedException (bad input) naming the node and suggesting a search when nothing matches
     */
    static String iriOf(KnowledgeGraph kg, String node) {
        if (node.contains("://") || node.startsWith("urn:")) {
            return node;
        }
        Optional<Concept> c = kg.findConceptByLabel(node);
        if (c.isEmpty()) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, "no concept is labelled '" + node
                    + "'; find its label or IRI with: rhizome search \"" + node.replace("\"", "\\\"") + "\"");
        }
        return c.get().iri();
    }

    /** The snapshot id of {@code iri}, or a bad-input failure saying the node has no IRI-to-IRI statements. */
    static int idOf(GraphSnapshot snap, String iri, String asGiven) {
        OptionalInt id = snap.entityId(iri);
        if (id.isEmpty()) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, "'" + asGiven + "' (" + iri
                    + ") takes part in no statement between two nodes, so it has no neighbours or paths");
        }
        return id.getAsInt();
    }

    /** A short form of an IRI for tables: the part after the last '/' or '#'. */
    static String shortIri(String iri) {
        int i = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
        return i >= 0 && i < iri.length() - 1 ? iri.substring(i + 1) : iri;
    }

    /** Parses a search mode word, as a usage error when unknown. */
    static SearchMode mode(String word) {
        try {
            return SearchMode.parse(word);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, e.getMessage());
        }
    }

    /** One search hit as a flat JSON object. */
    static String json(SearchHit h) {
        Json j = new Json().put("iri", h.iri()).put("label", h.label()).put("score", h.score());
        h.description().ifPresent(d -> j.put("description", d));
        h.bm25Rank().ifPresent(r -> j.put("bm25Rank", r));
        h.vectorRank().ifPresent(r -> j.put("vectorRank", r));
        h.cosine().ifPresent(c -> j.put("cosine", c));
        return j.toString();
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A search request with the type labels turned into class IRIs. */
    static SearchRequest request(KnowledgeGraph kg, String text, SearchMode mode, int k, java.util.List<String> types) {
        if (k < 1) {
            throw new CommandFailedException(ExitCodes.USAGE, "--k must be >= 1, got " + k);
        }
        return SearchRequest.of(text, mode, k).withTypes(typeIris(kg, types));
    }

    /** Type arguments (class labels or IRIs) as class IRIs. */
    static java.util.Set<String> typeIris(KnowledgeGraph kg, java.util.List<String> types) {
        java.util.Set<String> iris = new java.util.HashSet<>();
        for (String t : types) {
            iris.add(t.contains("://") ? t : kg.classIri(t));
        }
        return iris;
    }
}
