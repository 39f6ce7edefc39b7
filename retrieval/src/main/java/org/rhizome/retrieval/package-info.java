/**
 * Retrieval over a knowledge graph: {@link org.rhizome.retrieval.Retrieval} wires the Lucene concept index kept in
 * step with the store ({@code index}), hybrid search ({@code search}), entity resolution ({@code resolution}),
 * graph-side retrieval of neighbourhoods and paths over the integer snapshot ({@code subgraph}), and the SPARQL
 * property functions that expose search to queries ({@code sparql}).
 */
package org.rhizome.retrieval;
