package org.rhizome.gnn.reasoning;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses the few Python literals the benchmark CSVs hold: a list of integer pairs {@code [(0, 1), (1, 2)]}, a pair
 * {@code (0, 2)} and a list of quoted strings {@code ['son', "o'neil"]}. Anything else is refused with the offending
 * position.
 */
final class PyLiteral {
    private final String s;
    private int i;

    private PyLiteral(String s) {
        this.s = s;
    }

    /** {@code [(a, b), ...]} as {@code int[n][2]}. */
    static int[][] pairList(String text) {
        PyLiteral p = new PyLiteral(text);
        List<int[]> out = new ArrayList<>();
        p.expect('[');
        p.skipSpace();
        if (!p.peek(']')) {
            do {
                out.add(p.pair());
                p.skipSpace();
            } while (p.accept(','));
        }
        p.expect(']');
        p.end();
        return out.toArray(new int[0][]);
    }

    /** {@code (a, b)} as {@code int[2]}. */
    static int[] pair(String text) {
        PyLiteral p = new PyLiteral(text);
        int[] pair = p.pair();
        p.end();
        return pair;
    }

    /** {@code ['x', "y", ...]} as strings. */
    static List<String> stringList(String text) {
        PyLiteral p = new PyLiteral(text);
        List<String> out = new ArrayList<>();
        p.expect('[');
        p.skipSpace();
        if (!p.peek(']')) {
            do {
                p.skipSpace();
                out.add(p.string());
                p.skipSpace();
            } while (p.accept(','));
        }
        p.expect(']');
        p.end();
        return out;
    }

    private int[] pair() {
        expect('(');
        int a = integer();
        expect(',');
        int b = integer();
        expect(')');
        return new int[] {a, b};
    }

    private int integer() {
        skipSpace();
        int start = i;
        if (i < s.length() && s.charAt(i) == '-') {
            i++;
        }
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (start == i || (i - start == 1 && s.charAt(start) == '-')) {
            throw error("an integer");
        }
        try {
            return Integer.parseInt(s.substring(start, i));
        } catch (NumberFormatException e) {
            throw error("an integer that fits 32 bits");
        }
    }

    private String string() {
        if (i >= s.length() || (s.charAt(i) != '\'' && s.charAt(i) != '"')) {
            throw error("a quoted string");
        }
        char quote = s.charAt(i++);
        StringBuilder b = new StringBuilder();
        while (i < s.length() && s.charAt(i) != quote) {
            char c = s.charAt(i++);
            if (c == '\\' && i < s.length()) {
                c = s.charAt(i++);
            }
            b.append(c);
        }
        if (i >= s.length()) {
            throw error("the closing " + quote);
        }
        i++;
        return b.toString();
    }

    private void skipSpace() {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private boolean accept(char c) {
        skipSpace();
        if (peek(c)) {
            i++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!accept(c)) {
            throw error("'" + c + "'");
        }
    }

    private void end() {
        skipSpace();
        if (i != s.length()) {
            throw error("the end of the value");
        }
    }

    private IllegalArgumentException error(String expected) {
        String shown = s.length() > 60 ? s.substring(0, 60) + "..." : s;
        return new IllegalArgumentException("expected " + expected + " at character " + (i + 1) + " of " + shown);
    }
}
