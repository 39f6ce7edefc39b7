/**
 * The KG-R3 retrieve-and-read predictor (Pahuja et al., CIKM 2023): pluggable retrievers over the training triples
 * with their answer recall ({@link org.rhizome.gnn.reader.SubgraphRetriever}: the relation-blind
 * {@link org.rhizome.gnn.reader.KHopRetriever} and the relation-aware
 * {@link org.rhizome.gnn.reader.PprRetriever}, mined relation paths then personalised PageRank), the graph-masked
 * Transformer layer ({@link org.rhizome.gnn.reader.TransformerLayer}) and the query's cross-attention layer
 * ({@link org.rhizome.gnn.reader.CrossAttentionLayer}), a reader that scores every entity for a query from its
 * retrieved subgraph ({@link org.rhizome.gnn.reader.GraphReader}, cross-attention or joint), its training and scorer
 * for the filtered evaluator ({@link org.rhizome.gnn.reader.ReaderTrainer}), and the model file with
 * attention-ranked evidence paths ({@link org.rhizome.gnn.reader.ReaderFile}). Not built: the paper's learned path
 * policy.
 */
package org.rhizome.gnn.reader;
