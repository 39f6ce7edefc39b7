package org.rhizome.retrieval.search;

import java.util.Locale;

/** How {@link ConceptSearcher} ranks concepts for a text. */
public enum SearchMode {
    /** Lexical: BM25 over labels (boost 3), aliases (2) and descriptions (1). */
    BM25,
    /** Semantic: approximate nearest neighbours (HNSW) of the text's embedding, by cosine. */
    VECTOR,
    /** Both lists fused by weighted reciprocal rank fusion (Cormack, Clarke and Buettcher, SIGIR 2009). */
    HYBRID;

    /** Parses {@code bm25}, {@code vector} or {@code hybrid} (case-insensitive). */
    public static SearchMode parse(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown search mode '" + word + "'; expected bm25, vector or hybrid",
                    e);
        }
    }
}
