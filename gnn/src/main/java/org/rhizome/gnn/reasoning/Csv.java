package org.rhizome.gnn.reasoning;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double-quoted fields that may hold commas, doubled quotes and line
 * breaks. Tracks the physical line each record starts on for error messages.
 */
final class Csv {
    private final BufferedReader in;
    private int line;
    private int recordLine;

    Csv(BufferedReader in) {
        this.in = in;
    }

    /** The physical line (1-based) where the last record returned by {@link #next()} started. */
    int recordLine() {
        return recordLine;
    }

    /** The next record's fields, or {@code null} at the end; an unterminated quote is an error naming its line. */
    List<String> next() throws IOException {
        String first = in.readLine();
        if (first == null) {
            return null;
        }
        line++;
        recordLine = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        String text = first;
        int i = 0;
        boolean quoted = false;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    fields.add(field.toString());
                    return fields;
                }
                String more = in.readLine();
                if (more == null) {
                    throw new IllegalArgumentException("line " + recordLine + ": a quoted field is never closed");
                }
                line++;
                field.append('\n');
                text = more;
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"') {
                    if (i < text.length() && text.charAt(i) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else if (c != '\r' || i != text.length()) {
                field.append(c);
            }
        }
    }
}
