package org.rhizome.retrieval.subgraph;

import java.util.Arrays;

/**
 * A map from non-negative int keys to int values by open addressing with linear probing, so that searches that touch
 * a few nodes of a large graph pay for those nodes and not for {@code n}. Also used as a set (value ignored).
 * Load factor at most 1/2; {@link #clear()} is O(capacity). Not thread-safe.
 */
final class IntIntMap {
    private static final int EMPTY = -1;

    private int[] keys;
    private int[] values;
    private int size;
    private int mask;

    IntIntMap() {
        this(8);
    }

    IntIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        keys = new int[cap];
        values = new int[cap];
        Arrays.fill(keys, EMPTY);
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    private int slot(int key) {
        int h = key * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }

    /** The value of {@code key}, or {@code missing}. */
    int get(int key, int missing) {
        for (int i = slot(key);; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == EMPTY) {
                return missing;
            }
        }
    }

    boolean contains(int key) {
        for (int i = slot(key);; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                return true;
            }
            if (k == EMPTY) {
                return false;
            }
        }
    }

    /** Sets {@code key} to {@code value}; {@code key} must be >= 0. */
    void put(int key, int value) {
        if (key < 0) {
            throw new IllegalArgumentException("key must be >= 0, got " + key);
        }
        int i = slot(key);
        while (keys[i] != EMPTY) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
    }

    /** Adds {@code key} as a set member. */
    void add(int key) {
        put(key, 0);
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(keys, EMPTY);
            size = 0;
        }
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(keys, EMPTY);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            int k = oldKeys[i];
            if (k != EMPTY) {
                int j = slot(k);
                while (keys[j] != EMPTY) {
                    j = (j + 1) & mask;
                }
                keys[j] = k;
                values[j] = oldValues[i];
            }
        }
    }
}
