package org.rhizome.graph.analytics.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

/**
 * A small streaming JSON writer (graph-store carries no JSON library): objects, arrays, strings, numbers, booleans,
 * null. Non-finite numbers are written as {@code null}, since JSON has no NaN. Indents two spaces per level.
 * The caller keeps the structure balanced; commas and indentation are handled here.
 */
public final class JsonWriter {
    private final Writer out;
    private int depth;
    private boolean first = true;
    private boolean afterName;

    public JsonWriter(Writer out) {
        this.out = out;
    }

    public JsonWriter beginObject() {
        prefix();
        raw("{");
        depth++;
        first = true;
        return this;
    }

    public JsonWriter endObject() {
        depth--;
        if (!first) {
            newline();
        }
        raw("}");
        first = false;
        return this;
    }

    public JsonWriter beginArray() {
        prefix();
        raw("[");
        depth++;
        first = true;
        return this;
    }

    public JsonWriter endArray() {
        depth--;
        if (!first) {
            newline();
        }
        raw("]");
        first = false;
        return this;
    }

    public JsonWriter name(String name) {
        prefix();
        string(name);
        raw(": ");
        afterName = true;
        return this;
    }

    public JsonWriter value(String s) {
        prefix();
        if (s == null) {
            raw("null");
        } else {
            string(s);
        }
        return this;
    }

    public JsonWriter value(double d) {
        prefix();
        if (!Double.isFinite(d)) {
            raw("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            raw(Long.toString((long) d));
        } else {
            raw(Double.toString(d));
        }
        return this;
    }

    public JsonWriter value(long v) {
        prefix();
        raw(Long.toString(v));
        return this;
    }

    public JsonWriter value(boolean b) {
        prefix();
        raw(Boolean.toString(b));
        return this;
    }

    /** Writes a boxed value: a Number, Boolean, CharSequence, Map (as an object) or anything else as its string. */
    public JsonWriter valueObject(Object o) {
        if (o == null) {
            prefix();
            raw("null");
        } else if (o instanceof Double || o instanceof Float) {
            value(((Number) o).doubleValue());
        } else if (o instanceof Number n) {
            value(n.longValue());
        } else if (o instanceof Boolean b) {
            value(b);
        } else if (o instanceof Map<?, ?> m) {
            beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                name(String.valueOf(e.getKey())).valueObject(e.getValue());
            }
            endObject();
        } else {
            value(o.toString());
        }
        return this;
    }

    public JsonWriter field(String name, String v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, double v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, long v) {
        return name(name).value(v);
    }

    public JsonWriter field(String name, boolean v) {
        return name(name).value(v);
    }

    public JsonWriter array(String name, double[] values) {
        name(name).beginArray();
        for (double v : values) {
            value(v);
        }
        return endArray();
    }

    public JsonWriter array(String name, long[] values) {
        name(name).beginArray();
        for (long v : values) {
            value(v);
        }
        return endArray();
    }

    public JsonWriter array(String name, int[] values) {
        name(name).beginArray();
        for (int v : values) {
            value(v);
        }
        return endArray();
    }

    private void prefix() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (!first) {
            raw(",");
        }
        if (depth > 0) {
            newline();
        }
        first = false;
    }

    private void newline() {
        raw("\n");
        for (int i = 0; i < depth; i++) {
            raw("  ");
        }
    }

    private void string(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        raw(b.append('"').toString());
    }

    private void raw(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
