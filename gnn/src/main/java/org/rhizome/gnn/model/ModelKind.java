package org.rhizome.gnn.model;

import java.util.Locale;

/** The interaction functions of {@link KgeModel}. */
public enum ModelKind {
    /** TransE with the L1 distance. */
    TRANSE_L1,
    /** TransE with the L2 distance. */
    TRANSE_L2,
    /** DistMult. */
    DISTMULT,
    /** ComplEx. */
    COMPLEX,
    /** RotatE. */
    ROTATE;

    /** Whether entity rows are complex (real halves then imaginary halves). */
    public boolean isComplex() {
        return this == COMPLEX || this == ROTATE;
    }

    /** Floats per relation row for entity rows of {@code dim} floats (RotatE: one phase per complex coordinate). */
    public int relationWidth(int dim) {
        return this == ROTATE ? dim / 2 : dim;
    }

    /** Whether the score is a negated distance (its loss needs a margin). */
    public boolean isDistance() {
        return this == TRANSE_L1 || this == TRANSE_L2 || this == ROTATE;
    }

    /** Parses transe (L1), transe-l1, transe-l2, distmult, complex or rotate. */
    public static ModelKind parse(String s) {
        return switch (s.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "transe", "transe-l1" -> TRANSE_L1;
            case "transe-l2" -> TRANSE_L2;
            case "distmult" -> DISTMULT;
            case "complex" -> COMPLEX;
            case "rotate" -> ROTATE;
            default -> throw new IllegalArgumentException("unknown model '" + s
                    + "'; expected transe-l1, transe-l2, distmult, complex or rotate");
        };
    }
}
