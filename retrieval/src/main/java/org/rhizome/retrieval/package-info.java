/**
 * Retrieval over the graph. Will hold the Lucene index of concepts (BM25 on labels and descriptions,
 * HNSW kNN on text embeddings, hybrid fusion) kept in step with the store, entity-resolution candidates, and
 * subgraph retrieval (k-hop with caps, personalised PageRank, paths). Nothing here yet: the retrieval issue builds it.
 */
package org.rhizome.retrieval;
