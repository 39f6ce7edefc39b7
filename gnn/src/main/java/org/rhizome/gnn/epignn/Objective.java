package org.rhizome.gnn.epignn;

/** EpiGNN's two training objectives and the class scores they imply. */
public enum Objective {
    /**
     * CLUTRR's: the class score is the log of the cosine between the readout state and the relation's state (both
     * flattened over facets), trained with cross-entropy over classes.
     */
    COSINE_CROSS_ENTROPY,
    /**
     * RCC-8's and interval algebra's: the class score is minus the cross-entropy of the readout state against the
     * relation's state, averaged over facets, trained with a margin loss against one negative class drawn uniformly
     * from the others at every step. The relation's state is the cross-entropy's target distribution
     * ({@code outs_as_left_arg: False} in the reference code's configurations).
     */
    MARGIN,
    /**
     * As {@link #MARGIN}, with the arguments of the cross-entropy swapped: the readout state is the target
     * distribution, scored against the log of the relation's state ({@code outs_as_left_arg: True}, the setting of the
     * reference code's CLUTRR configuration, where the margin loss is switched off).
     */
    MARGIN_READOUT_FIRST
}
