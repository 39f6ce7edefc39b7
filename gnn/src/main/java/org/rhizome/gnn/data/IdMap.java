package org.rhizome.gnn.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/** A dense id for each name (entity or relation), in the order first seen. Not thread-safe while growing. */
public final class IdMap {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> names = new ArrayList<>();

    /** The id of {@code name}, assigning the next one if it is new. */
    public int idOf(String name) {
        Objects.requireNonNull(name, "name");
        Integer id = ids.get(name);
        if (id != null) {
            return id;
        }
        int next = names.size();
        ids.put(name, next);
        names.add(name);
        return next;
    }

    /** The id of {@code name}, if it has one. */
    public OptionalInt find(String name) {
        Integer id = ids.get(name);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The name with id {@code id}. */
    public String name(int id) {
        return names.get(id);
    }

    /** Number of names. */
    public int size() {
        return names.size();
    }

    /** Every name, by id. */
    public List<String> names() {
        return List.copyOf(names);
    }
}
