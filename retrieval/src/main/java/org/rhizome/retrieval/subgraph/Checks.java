package org.rhizome.retrieval.subgraph;

import org.rhizome.graph.snapshot.GraphSnapshot;

/** Argument checks shared by the package, with messages that name the parameter, the value and the valid range. */
final class Checks {
    private Checks() {}

    static void entity(GraphSnapshot g, int id, String name) {
        if (id < 0 || id >= g.entityCount()) {
            throw new IllegalArgumentException(name + " must be an entity id in [0, " + g.entityCount() + "), got "
                    + id);
        }
    }

    static void nonNegative(int value, String name) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }

    static void positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
