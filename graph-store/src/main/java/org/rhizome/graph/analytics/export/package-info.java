/**
 * Export of a {@link org.rhizome.graph.snapshot.GraphSnapshot} with computed node attributes (community, centrality,
 * anything in a per-entity array) to GraphML and GEXF, so that Gephi, Cytoscape and networkx can colour and size
 * nodes by them: {@link org.rhizome.graph.analytics.export.NodeAttributes} holds the typed columns,
 * {@link org.rhizome.graph.analytics.export.GraphExporter} streams the file (bounded memory, all-or-nothing) in a
 * {@link org.rhizome.graph.analytics.export.GraphFormat}.
 */
package org.rhizome.graph.analytics.export;
