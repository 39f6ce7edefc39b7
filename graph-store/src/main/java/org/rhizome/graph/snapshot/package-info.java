/**
 * The integer view of a knowledge graph that every algorithm reads: {@link org.rhizome.graph.snapshot.GraphSnapshot}
 * (dense ids, dictionaries, CSR adjacency out and in with relation ids) and
 * {@link org.rhizome.graph.snapshot.SnapshotGraphView}, which lets JGraphT algorithms run on it without copying.
 */
package org.rhizome.graph.snapshot;
