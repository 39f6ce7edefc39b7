package org.rhizome.graph.snapshot;

import java.util.Arrays;

/**
 * Lookup from a string to its position in a {@code String[]}, by open addressing over an {@code int[]} table
 * (load factor at most 1/2). 8 bytes per key on top of the strings, no boxing. Immutable after construction.
 */
final class StringIdIndex {
    private final String[] keys;
    private final int[] table;
    private final int mask;

    /** Indexes {@code keys} (which must be distinct); the array is shared, not copied. */
    StringIdIndex(String[] keys) {
        this.keys = keys;
        int cap = Integer.highestOneBit(Math.max(4, keys.length * 2 - 1)) << 1;
        this.table = new int[cap];
        this.mask = cap - 1;
        Arrays.fill(table, -1);
        for (int i = 0; i < keys.length; i++) {
            int slot = mix(keys[i].hashCode()) & mask;
            while (table[slot] >= 0) {
                if (keys[table[slot]].equals(keys[i])) {
                    throw new IllegalArgumentException("duplicate key " + keys[i]);
                }
                slot = (slot + 1) & mask;
            }
            table[slot] = i;
        }
    }

    /** The position of {@code key}, or -1. */
    int get(String key) {
        int slot = mix(key.hashCode()) & mask;
        int id;
        while ((id = table[slot]) >= 0) {
            if (keys[id].equals(key)) {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    long bytes() {
        return 16L + 4L * table.length;
    }

    private static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        return h ^ (h >>> 16);
    }
}
