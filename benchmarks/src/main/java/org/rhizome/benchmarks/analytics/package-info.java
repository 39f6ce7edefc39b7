/**
 * The graph-analytics benchmark: Rhizome's analytics ({@code org.rhizome.graph.analytics}) timed on the same simple
 * undirected graphs as igraph and NetworkX in the reference script {@code graph_ref.py}, with seeded graph
 * generators (Barabási–Albert, stochastic block model) that write edge-list files all three read alike. Run by
 * {@code benchmarks/run-analytics-bench.sh}; results are recorded in {@code benchmarks/README.md}.
 */
package org.rhizome.benchmarks.analytics;
