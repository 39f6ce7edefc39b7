package org.rhizome.retrieval.index;

import org.rhizome.graph.RhizomeException;

/** The search index cannot be opened, read or written, or was built for another embedding model. */
public class IndexException extends RhizomeException {
    private static final long serialVersionUID = 1L;

    public IndexException(String message) {
        super(message);
    }

    public IndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
