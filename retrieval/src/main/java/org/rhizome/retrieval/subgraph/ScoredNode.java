package org.rhizome.retrieval.subgraph;

/**
 * An entity id with a score (for example its personalised PageRank).
 *
 * @param node  entity id
 * @param score the score; larger is better
 */
public record ScoredNode(int node, double score) {}
