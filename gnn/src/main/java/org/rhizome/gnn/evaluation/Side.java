package org.rhizome.gnn.evaluation;

/** Which queries a metric averages over: head queries {@code (?, r, t)}, tail queries {@code (h, r, ?)}, or both. */
public enum Side {
    /** Head and tail queries together: the number published results report. */
    BOTH,
    /** Head queries {@code (?, r, t)}: the rank of the true head. */
    HEAD,
    /** Tail queries {@code (h, r, ?)}: the rank of the true tail. */
    TAIL
}
