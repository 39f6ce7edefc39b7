package org.rhizome.agent.ingest;

import org.rhizome.graph.RhizomeException;

/** A document that cannot be ingested: missing, unsupported, not what its name says, encrypted, or without text. */
public final class DocumentException extends RhizomeException {
    public DocumentException(String message) {
        super(message);
    }

    public DocumentException(String message, Throwable cause) {
        super(message, cause);
    }
}
