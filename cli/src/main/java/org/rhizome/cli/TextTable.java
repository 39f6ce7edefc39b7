package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A plain-text table with left-aligned columns separated by two spaces, a header and a dashed rule under it. Cells
 * are single-line (line breaks become spaces); a column whose cells are all numbers is right-aligned.
 */
public final class TextTable {
    private final String[] headers;
    private final List<String[]> rows = new ArrayList<>();

    /** A table with these column headers. */
    public TextTable(String... headers) {
        if (headers.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        this.headers = headers.clone();
    }

    /** Adds a row; it must have one cell per column. */
    public TextTable row(Object... cells) {
        if (cells.length != headers.length) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.length
                    + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> clean(Objects.toString(c, ""))).toArray(String[]::new));
        return this;
    }

    /** Number of rows added. */
    public int size() {
        return rows.size();
    }

    /** Prints the table, each line prefixed by {@code indent}. */
    public void print(PrintWriter out, String indent) {
        for (String line : lines()) {
            out.println(indent + line);
        }
    }

    /** The table's lines (header, rule, rows), without trailing spaces. */
    public List<String> lines() {
        int n = headers.length;
        int[] width = new int[n];
        boolean[] numeric = new boolean[n];
        for (int c = 0; c < n; c++) {
            width[c] = headers[c].length();
            numeric[c] = !rows.isEmpty();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
                numeric[c] &= r[c].matches("-?[0-9][0-9,.]*");
            }
        }
        List<String> out = new ArrayList<>(rows.size() + 2);
        out.add(format(headers, width, numeric));
        String[] rule = new String[n];
        for (int c = 0; c < n; c++) {
            rule[c] = "-".repeat(width[c]);
        }
        out.add(format(rule, width, new boolean[n]));
        for (String[] r : rows) {
            out.add(format(r, width, numeric));
        }
        return out;
    }

    private static String format(String[] cells, int[] width, boolean[] right) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                sb.append("  ");
            }
            String pad = " ".repeat(width[c] - cells[c].length());
            sb.append(right[c] ? pad + cells[c] : cells[c] + pad);
        }
        return sb.toString().stripTrailing();
    }

    private static String clean(String s) {
        return s.replaceAll("[\\r\\n\\t]+", " ");
    }
}
