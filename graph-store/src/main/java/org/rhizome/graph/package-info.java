/**
 * The knowledge-graph store: {@link org.rhizome.graph.KnowledgeGraph} over a Jena dataset (embedded TDB2 or in
 * memory), the Rhizome vocabulary ({@link org.rhizome.graph.Rz}), sources and provenance of statements, concepts,
 * merges and the exception root. Import and export live in {@code org.rhizome.graph.io}, the integer view for
 * algorithms in {@code org.rhizome.graph.snapshot}.
 */
package org.rhizome.graph;
