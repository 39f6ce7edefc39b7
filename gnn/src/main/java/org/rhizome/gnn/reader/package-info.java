/**
 * The KG-R3 graph reader (Pahuja et al., CIKM 2023), being built: so far the Transformer encoder layer with
 * graph-masked multi-head self-attention ({@link org.rhizome.gnn.reader.TransformerLayer}) on the tensor core. Not
 * built yet: token embeddings, the query cross-attention, scoring, training, the retriever and explanations.
 */
package org.rhizome.gnn.reader;
