package org.rhizome.gnn.diagnostics;

import java.util.Locale;

/**
 * Which edges choose the neighbours {@code j} that a node's concentration averages over: its training, validation
 * or test neighbours. The topology (computation trees, propagation) is always the training graph's.
 */
public enum Split {
    /** Training neighbours: TC<sup>Tr</sup>, computable without held-out edges. */
    TRAIN("tr"),
    /** Validation neighbours: TC<sup>Val</sup>. */
    VALID("val"),
    /** Test neighbours: TC<sup>Te</sup>, the variant that tracks link-prediction quality best. */
    TEST("te");

    private final String suffix;

    Split(String suffix) {
        this.suffix = suffix;
    }

    /** The short name used in column names: {@code tr}, {@code val} or {@code te}. */
    public String suffix() {
        return suffix;
    }

    /**
     * The split named {@code name}: {@code train}, {@code valid} or {@code test} (or their short names), any case.
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static Split parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "train", "tr" -> TRAIN;
            case "valid", "validation", "val" -> VALID;
            case "test", "te" -> TEST;
            default -> throw new IllegalArgumentException("unknown split '" + name
                    + "': expected train, valid or test");
        };
    }
}
