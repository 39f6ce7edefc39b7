package org.rhizome.graph;

/**
 * The root of Rhizome's unchecked exceptions. Subclasses are split by what the caller does next:
 * {@link InputFormatException} (fix the input), {@link StoreException} (the store cannot be used as asked).
 * Misuse of an API (a null, a negative size) gets a JDK exception instead.
 */
public class RhizomeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RhizomeException(String message) {
        super(message);
    }

    public RhizomeException(String message, Throwable cause) {
        super(message, cause);
    }
}
