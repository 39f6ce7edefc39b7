/**
 * The KG-R3 retrieve-and-read predictor (Pahuja et al., CIKM 2023), a first version: pluggable retrievers over the
 * training triples with their answer recall ({@link org.rhizome.gnn.reader.SubgraphRetriever}: the relation-blind
 * {@link org.rhizome.gnn.reader.KHopRetriever} and the relation-aware
 * {@link org.rhizome.gnn.reader.PprRetriever}, mined relation paths then personalised PageRank), the graph-masked
 * Transformer layer ({@link org.rhizome.gnn.reader.TransformerLayer}) and a reader that scores every entity for a
 * query from its retrieved subgraph ({@link org.rhizome.gnn.reader.GraphReader}), its training and scorer for the
 * filtered evaluator ({@link org.rhizome.gnn.reader.ReaderTrainer}), and the model file with attention-ranked
 * evidence paths ({@link org.rhizome.gnn.reader.ReaderFile}). Not built yet: the paper's learned path policy, a
 * separate query cross-attention and full FB15k-237/WN18RR training runs.
 */
package org.rhizome.gnn.reader;
