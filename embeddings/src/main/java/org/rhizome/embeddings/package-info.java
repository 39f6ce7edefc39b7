/**
 * Text embeddings of concepts and relation types: the {@link org.rhizome.embeddings.TextEmbedder} interface, the
 * in-process all-MiniLM-L6-v2 default and remote providers through LangChain4j ({@link
 * org.rhizome.embeddings.TextEmbedders}), a persistent vector cache keyed by (model identity, text hash) kept beside
 * the graph ({@link org.rhizome.embeddings.EmbeddingCache}), the recipe that turns a concept into the text that is
 * embedded ({@link org.rhizome.embeddings.ConceptText}), and exact top-k similarity search over many vectors on the
 * project's kernels ({@link org.rhizome.embeddings.vector}).
 */
package org.rhizome.embeddings;
