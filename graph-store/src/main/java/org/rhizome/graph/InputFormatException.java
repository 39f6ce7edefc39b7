package org.rhizome.graph;

import java.util.OptionalLong;

/**
 * Input that cannot be read as what it claims to be: a malformed RDF or TSV file, a byte that is not UTF-8,
 * a literal over the configured size. The message names the file, the line and column where known, and what
 * was expected. Nothing from the failed input is left in the store.
 */
public class InputFormatException extends RhizomeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;
    private final long column;
    private final String problem;

    /**
     * @param file   the file (or stream name) being read
     * @param line   1-based line, or -1 when unknown
     * @param column 1-based column, or -1 when unknown
     * @param problem what was wrong and what was expected
     */
    public InputFormatException(String file, long line, long column, String problem) {
        this(file, line, column, problem, null);
    }

    public InputFormatException(String file, long line, long column, String problem, Throwable cause) {
        super(format(file, line, column, problem), cause);
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
    }

    private static String format(String file, long line, long column, String problem) {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        return sb.append(": ").append(problem).toString();
    }

    /** The file or stream name. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem, if known. */
    public OptionalLong line() {
        return line > 0 ? OptionalLong.of(line) : OptionalLong.empty();
    }

    /** The 1-based column of the problem, if known. */
    public OptionalLong column() {
        return column > 0 ? OptionalLong.of(column) : OptionalLong.empty();
    }

    /** What was wrong, without the location. */
    public String problem() {
        return problem;
    }
}
