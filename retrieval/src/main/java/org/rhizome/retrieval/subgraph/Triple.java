package org.rhizome.retrieval.subgraph;

/**
 * One statement of the snapshot as ids: {@code head --relation--> tail}.
 *
 * @param head     entity id of the subject
 * @param relation relation id
 * @param tail     entity id of the object
 */
public record Triple(int head, int relation, int tail) {}
