package org.rhizome.embeddings;

import org.rhizome.graph.RhizomeException;

/** An embedding model or the embedding cache failed (model not loadable, remote call failed, cache unreadable). */
public class EmbeddingException extends RhizomeException {
    private static final long serialVersionUID = 1L;

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
