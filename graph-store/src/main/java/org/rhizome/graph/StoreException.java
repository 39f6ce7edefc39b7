package org.rhizome.graph;

/**
 * The store cannot do what was asked: its directory cannot be opened, it is held by another process
 * ({@link StoreLockedException}), or a transaction failed. The store's committed content is unaffected.
 */
public class StoreException extends RhizomeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
