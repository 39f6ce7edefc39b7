package org.rhizome.retrieval.sparql;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.jena.query.Dataset;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Symbol;
import org.rhizome.retrieval.search.ConceptSearcher;

/**
 * Rhizome's retrieval functions for SPARQL. Namespace {@value #NS} (prefix {@code rzf:}):
 *
 * <ul>
 *   <li>{@code ?concept rzf:search ("text" [k] ["bm25"|"vector"|"hybrid"])}, or with the score,
 *       {@code (?concept ?score) rzf:search (...)}: the concepts found by text search (default k 10, hybrid);</li>
 *   <li>{@code (?concept ?score) rzf:similar (<iri> [k])}: the concepts whose text embedding is nearest that of
 *       {@code <iri>} (itself excluded), by cosine;</li>
 *   <li>{@code (?concept ?score) rzf:similarToText ("text" [k])}: the concepts nearest the text's embedding.</li>
 * </ul>
 * Results come in rank order; k is capped at {@value #MAX_K}. The functions read the {@link ConceptSearcher}
 * attached to the queried dataset's context ({@link #attach}); on a dataset without one they fail with a message
 * saying so.
 */
public final class RetrievalFunctions {
    /** The namespace of Rhizome's SPARQL functions. */
    public static final String NS = "https://rhizome.dev/fn#";
    /** Largest k a query may ask for. */
    public static final int MAX_K = 1000;
    /** Context key of the attached searcher. */
    public static final Symbol SEARCHER = Symbol.create(NS + "searcher");

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();

    private RetrievalFunctions() {
    }

    /** Registers the property functions in Jena's global registry (once; later calls do nothing). */
    public static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            PropertyFunctionRegistry reg = PropertyFunctionRegistry.get();
            reg.put(NS + "search", uri -> new SearchFunctions.Search());
            reg.put(NS + "similar", uri -> new SearchFunctions.Similar());
            reg.put(NS + "similarToText", uri -> new SearchFunctions.SimilarToText());
        }
    }

    /** Makes {@code searcher} answer the functions in queries over {@code dataset}. */
    public static void attach(Dataset dataset, ConceptSearcher searcher) {
        register();
        dataset.getContext().set(SEARCHER, Objects.requireNonNull(searcher, "searcher"));
    }

    /** Removes the searcher attached to {@code dataset}, if it is {@code searcher}. */
    public static void detach(Dataset dataset, ConceptSearcher searcher) {
        if (dataset.getContext().get(SEARCHER) == searcher) {
            dataset.getContext().remove(SEARCHER);
        }
    }
}
