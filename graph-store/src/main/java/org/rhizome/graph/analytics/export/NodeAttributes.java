package org.rhizome.graph.analytics.export;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, ordered set of named node attribute columns over a snapshot's entity ids {@code 0..n-1}, for
 * {@link GraphExporter}: one value per entity, typed double, int or string. Columns are written in the order they
 * were added, after the built-in {@code iri} and {@code label}.
 *
 * <p><b>Names and key ids.</b> A column's name is written as is as the attribute's display name (GraphML
 * {@code attr.name}, GEXF {@code title}), which is what Gephi, Cytoscape and networkx show. Its <em>key id</em> (the
 * GraphML {@code key id} and GEXF {@code attribute id} that values refer to) is the name sanitised to a safe XML
 * token: ASCII letters, digits, {@code _}, {@code -} and {@code .} are kept, every other character becomes
 * {@code _}, and a {@code _} is put in front when the name does not start with a letter or {@code _}; so
 * {@code "PageRank score"} gets the id {@code PageRank_score} and {@code "2-hop"} the id {@code _2-hop}. Names must
 * be non-blank, unique, free of characters XML 1.0 cannot hold, and their key ids must differ ignoring case (Gephi
 * folds column ids to lower case) and must not be {@code id}, {@code iri}, {@code label} or {@code relation}
 * (built in: node identity, the two built-in node attributes, and the edge attribute, which shares GraphML's key
 * id space).
 *
 * <p><b>Absent values.</b> A NaN double and a null string are written as absent (no value element), which the
 * readers show as empty; an int column has a value for every node. Note that Gephi's GraphML importer turns keys
 * named {@code x}, {@code y}, {@code z}, {@code size}, {@code r}, {@code g}, {@code b} into node position, size and
 * colour instead of data columns.
 *
 * <p>The builder copies each array, so later changes to the caller's array do not show. Memory: one copy of each
 * column.
 */
public final class NodeAttributes {
    /** The value type of a column. */
    public enum Type {
        /** 64-bit floating point; NaN is absent. GraphML {@code double}, GEXF {@code double}. */
        DOUBLE,
        /** 32-bit integer. GraphML {@code int}, GEXF {@code integer}. */
        INT,
        /** Text; null is absent. GraphML and GEXF {@code string}. */
        STRING
    }

    /** Key ids the exporter uses itself (lower case). */
    static final Set<String> RESERVED_KEY_IDS = Set.of("id", "iri", "label", "relation");

    private final int entityCount;
    private final List<Column> columns;
    private final Map<String, Column> byName;

    private NodeAttributes(int entityCount, List<Column> columns) {
        this.entityCount = entityCount;
        this.columns = List.copyOf(columns);
        Map<String, Column> m = new HashMap<>();
        for (Column c : columns) {
            m.put(c.name, c);
        }
        this.byName = m;
    }

    /** A builder of columns of length {@code entityCount} (the snapshot's {@code entityCount()}). */
    public static Builder builder(int entityCount) {
        if (entityCount < 0) {
            throw new IllegalArgumentException("entityCount must be >= 0, got " + entityCount);
        }
        return new Builder(entityCount);
    }

    /** No columns: only the built-in {@code iri} and {@code label} are exported. */
    public static NodeAttributes none(int entityCount) {
        return builder(entityCount).build();
    }

    /** The number of entities every column covers. */
    public int entityCount() {
        return entityCount;
    }

    /** Column names in order. */
    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name);
        }
        return Collections.unmodifiableList(names);
    }

    /** The type of column {@code name}. */
    public Type type(String name) {
        return column(name).type;
    }

    /** The key id column {@code name} is written under (see the class comment). */
    public String keyId(String name) {
        return column(name).keyId;
    }

    private Column column(String name) {
        Column c = byName.get(Objects.requireNonNull(name, "name"));
        if (c == null) {
            throw new IllegalArgumentException("no column named '" + name + "'; the columns are " + names());
        }
        return c;
    }

    /** The columns in order, for the writers. */
    List<Column> columns() {
        return columns;
    }

    /**
     * The key id of a column name: ASCII letters, digits, {@code _ - .} kept, anything else {@code _}, and a
     * leading {@code _} unless the name starts with a letter or {@code _}.
     */
    static String sanitise(String name) {
        StringBuilder b = new StringBuilder(name.length() + 1);
        char first = name.charAt(0);
        if (!(isAsciiLetter(first) || first == '_')) {
            b.append('_');
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean keep = isAsciiLetter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
            b.append(keep ? c : '_');
        }
        return b.toString();
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** One column; exactly one of the arrays is set, by type. */
    static final class Column {
        final String name;
        final String keyId;
        final Type type;
        private final double[] doubles;
        private final int[] ints;
        private final String[] strings;

        private Column(String name, String keyId, Type type, double[] doubles, int[] ints, String[] strings) {
            this.name = name;
            this.keyId = keyId;
            this.type = type;
            this.doubles = doubles;
            this.ints = ints;
            this.strings = strings;
        }

        /** Whether entity {@code v} has a value. */
        boolean present(int v) {
            return switch (type) {
                case DOUBLE -> !Double.isNaN(doubles[v]);
                case INT -> true;
                case STRING -> strings[v] != null;
            };
        }

        double doubleValue(int v) {
            return doubles[v];
        }

        int intValue(int v) {
            return ints[v];
        }

        String stringValue(int v) {
            return strings[v];
        }
    }

    /** Collects columns; validates each as it is added. Not thread-safe. */
    public static final class Builder {
        private final int entityCount;
        private final List<Column> columns = new ArrayList<>();
        private final Map<String, String> keyIdsLower = new HashMap<>();

        private Builder(int entityCount) {
            this.entityCount = entityCount;
        }

        /** Adds a double column; NaN entries are absent. {@code values} is {@code [entityCount]}, copied. */
        public Builder addDouble(String name, double[] values) {
            Objects.requireNonNull(values, "values");
            return add(name, Type.DOUBLE, values.length, values.clone(), null, null);
        }

        /** Adds an int column (e.g. a community partition). {@code values} is {@code [entityCount]}, copied. */
        public Builder addInt(String name, int[] values) {
            Objects.requireNonNull(values, "values");
            return add(name, Type.INT, values.length, null, values.clone(), null);
        }

        /** Adds a string column; null entries are absent. {@code values} is {@code [entityCount]}, copied. */
        public Builder addString(String name, String[] values) {
            Objects.requireNonNull(values, "values");
            return add(name, Type.STRING, values.length, null, null, values.clone());
        }

        private Builder add(String name, Type type, int length, double[] d, int[] i, String[] s) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("a column name must not be blank, got '" + name + "'");
            }
            if (!XmlText.clean(name).equals(name)) {
                throw new IllegalArgumentException("column name '" + name
                        + "' contains a character XML 1.0 cannot hold (a control character or unpaired surrogate)");
            }
            if (length != entityCount) {
                throw new IllegalArgumentException("column '" + name + "' has " + length
                        + " values but there are " + entityCount + " entities; it needs one value per entity id");
            }
            String keyId = sanitise(name);
            String lower = keyId.toLowerCase(Locale.ROOT);
            if (RESERVED_KEY_IDS.contains(lower)) {
                throw new IllegalArgumentException("column name '" + name + "' is reserved (key id '" + keyId
                        + "'); the exporter writes " + RESERVED_KEY_IDS + " itself: choose another name");
            }
            String clash = keyIdsLower.get(lower);
            if (clash != null) {
                throw new IllegalArgumentException(clash.equals(name)
                        ? "there is already a column named '" + name + "'"
                        : "column names '" + clash + "' and '" + name + "' both give the key id '" + keyId
                                + "' (ignoring case): rename one");
            }
            keyIdsLower.put(lower, name);
            columns.add(new Column(name, keyId, type, d, i, s));
            return this;
        }

        /** The columns added so far, in order. */
        public NodeAttributes build() {
            return new NodeAttributes(entityCount, columns);
        }
    }
}
