package org.rhizome.gnn.reasoning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Relation labels and their ids, shared by edge labels and query labels. A vocabulary is open while the training
 * data is read (new labels get the next id) and is then {@link #freeze() frozen}: a test file with a label the model
 * never saw is refused, naming the label and where it occurs.
 */
public final class Vocabulary {
    private final List<String> labels = new ArrayList<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private boolean frozen;

    public Vocabulary() {}

    /** A frozen vocabulary of exactly {@code labels}, in this order. */
    public static Vocabulary of(List<String> labels) {
        Vocabulary v = new Vocabulary();
        for (String l : labels) {
            if (v.ids.containsKey(l)) {
                throw new IllegalArgumentException("label " + l + " listed twice");
            }
            v.id(l, "the label list");
        }
        return v.freeze();
    }

    /** The id of {@code label}, adding it while open; {@code where} names the place for the error when frozen. */
    public int id(String label, String where) {
        Integer id = ids.get(label);
        if (id != null) {
            return id;
        }
        if (frozen) {
            throw new IllegalArgumentException(where + ": unknown relation label '" + label + "' (known: " + labels
                    + ")");
        }
        ids.put(label, labels.size());
        labels.add(label);
        return labels.size() - 1;
    }

    /** The id of a known label, or -1. */
    public int find(String label) {
        return ids.getOrDefault(label, -1);
    }

    /** Refuses new labels from now on; returns this. */
    public Vocabulary freeze() {
        frozen = true;
        return this;
    }

    /** The label with id {@code id}. */
    public String label(int id) {
        return labels.get(id);
    }

    /** All labels by id. */
    public List<String> labels() {
        return Collections.unmodifiableList(labels);
    }

    /** The number of labels. */
    public int size() {
        return labels.size();
    }
}
