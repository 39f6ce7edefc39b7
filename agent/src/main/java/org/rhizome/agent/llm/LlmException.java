package org.rhizome.agent.llm;

import org.rhizome.graph.RhizomeException;

/**
 * A chat call that failed for good: a non-retriable answer (400, 401, 403, 404), or a retriable failure that was
 * still failing after the configured retries. The message names the server's status and reason.
 */
public class LlmException extends RhizomeException {
    private final int status;
    private final boolean retriable;
    private final int attempts;

    public LlmException(String message, int status, boolean retriable, int attempts, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.retriable = retriable;
        this.attempts = attempts;
    }

    /** The HTTP status of the last failure, or 0 when there was none (timeout, connection error). */
    public int status() {
        return status;
    }

    /** Whether the last failure was of a retriable kind (the retries ran out). */
    public boolean retriable() {
        return retriable;
    }

    /** Attempts made, the first included. */
    public int attempts() {
        return attempts;
    }
}
