package org.rhizome.graph.analytics;

/** A node with its score and rank (1-based), mapped back to its IRI and label. */
public record RankedNode(int rank, int id, String iri, String label, double score) {}
