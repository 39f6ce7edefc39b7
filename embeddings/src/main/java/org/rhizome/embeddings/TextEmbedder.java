package org.rhizome.embeddings;

import java.util.List;

/**
 * Turns texts into dense vectors. Every vector an embedder returns has {@link #dimension()} components and unit
 * L2 length (so a dot product is the cosine similarity); the same text under the same {@link #modelId()} always
 * gives the same vector.
 *
 * <p>Implementations are thread-safe. Errors of the underlying model surface as {@link EmbeddingException}.
 */
public interface TextEmbedder {

    /** The vector of one text. */
    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /**
     * The vectors of many texts, in order. Implementations batch the calls to the model; an empty list gives an
     * empty list.
     */
    List<float[]> embedAll(List<String> texts);

    /** Number of components of every vector. */
    int dimension();

    /**
     * A stable identity of the model and its settings (provider, model name, dimension), used as the cache key and
     * recorded beside stored vectors: vectors of two different identities are never mixed.
     */
    String modelId();
}
