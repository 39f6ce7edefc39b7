/**
 * Link-prediction diagnostics from the topology: Topological Concentration and its linear-time approximation
 * (Wang et al., "A Topological Perspective on Demystifying GNN-Based Link Prediction Performance", ICLR 2024) per
 * node of a train/valid/test split of a simple undirected graph ({@link org.rhizome.gnn.diagnostics.LinkSplits},
 * {@link org.rhizome.gnn.diagnostics.TopologicalConcentration},
 * {@link org.rhizome.gnn.diagnostics.ApproximateTopologicalConcentration}), per-entity MRR of any
 * {@link org.rhizome.gnn.evaluation.LinkScorer} ({@link org.rhizome.gnn.diagnostics.NodeMrr}), and a report that
 * correlates the two with each other and with the training degree ({@link org.rhizome.gnn.diagnostics.LinkDiagnostics},
 * {@link org.rhizome.gnn.diagnostics.DiagnosticReport}): which entities a model finds well, and whether that is
 * because their held-out neighbours already sit inside their training neighbourhood.
 */
package org.rhizome.gnn.diagnostics;
