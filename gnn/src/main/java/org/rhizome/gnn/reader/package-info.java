/**
 * The KG-R3 retrieve-and-read predictor (Pahuja et al., CIKM 2023), a first version: a k-hop retriever over the
 * training triples with its answer recall ({@link org.rhizome.gnn.reader.KHopRetriever}), the graph-masked
 * Transformer layer ({@link org.rhizome.gnn.reader.TransformerLayer}) and a reader that scores every entity for a
 * query from its retrieved subgraph ({@link org.rhizome.gnn.reader.GraphReader}), its training and scorer for the
 * filtered evaluator ({@link org.rhizome.gnn.reader.ReaderTrainer}), and the model file with attention-ranked
 * evidence paths ({@link org.rhizome.gnn.reader.ReaderFile}). Not built yet: the personalised PageRank and path
 * retrievers, a separate query cross-attention and the FB15k-237/WN18RR benchmark.
 */
package org.rhizome.gnn.reader;
