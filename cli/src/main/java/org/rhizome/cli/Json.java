package org.rhizome.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A flat JSON object written by hand: string, integer, decimal and boolean members in insertion order, strings
 * escaped as RFC 8259 requires. Enough for {@code rhizome stats --json}; not a general JSON library.
 */
public final class Json {
    private final Map<String, String> members = new LinkedHashMap<>();

    /** Adds a string member. */
    public Json put(String name, String value) {
        members.put(name, value == null ? "null" : quote(value));
        return this;
    }

    /** Adds an integer member. */
    public Json put(String name, long value) {
        members.put(name, Long.toString(value));
        return this;
    }

    /** Adds a decimal member rounded to 4 decimal places; NaN and infinities become {@code null}. */
    public Json put(String name, double value) {
        members.put(name, Double.isFinite(value)
                ? BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                : "null");
        return this;
    }

    /** Adds a boolean member. */
    public Json put(String name, boolean value) {
        members.put(name, Boolean.toString(value));
        return this;
    }

    /** The object on one line: {@code {"a": 1, "b": "x"}}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<String, String> m : members.entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(quote(m.getKey())).append(": ").append(m.getValue());
        }
        return sb.append('}').toString();
    }

    /** {@code s} as a JSON string literal: quotes, backslashes and control characters escaped. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    // U+2028/2029 are valid JSON but break JavaScript; escape them too.
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
