package org.rhizome.gnn.data;

import java.util.OptionalLong;

import org.rhizome.graph.RhizomeException;

/**
 * A link-prediction dataset that cannot be read: a split file is missing or unreadable, or a line is not
 * {@code head<TAB>relation<TAB>tail}. The message names the file and, for a bad line, its 1-based number and its
 * content. The caller fixes the data; retrying does not help.
 */
public class DatasetException extends RhizomeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    /** A problem with a whole file ({@code file} is the path as given). */
    public DatasetException(String file, String message, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = -1;
    }

    /** A problem on one line of {@code file}. */
    public DatasetException(String file, long line, String message) {
        super(message);
        this.file = file;
        this.line = line;
    }

    /** The file that could not be read. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, if it is about one line. */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }
}
