package org.rhizome.gnn.epignn;

/** How EpiGNN combines the messages arriving at a node (and the compositions along the readout path). */
public enum Aggregation {
    /** Component-wise product, then L1 re-normalisation: the paper's choice for CLUTRR ("EpiGNN-mul"). */
    PRODUCT,
    /** Component-wise minimum, then L1 re-normalisation: the choice for RCC-8 and interval algebra ("EpiGNN-min"). */
    MIN
}
