package org.rhizome.graph.server;

import org.rhizome.graph.RhizomeException;

/** The SPARQL server could not start (port in use, address not bindable) or failed while running. */
public class ServerException extends RhizomeException {
    private static final long serialVersionUID = 1L;

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
