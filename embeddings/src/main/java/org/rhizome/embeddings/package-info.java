/**
 * Text embeddings of concepts and relation types. Will hold the {@code TextEmbedder} interface, the
 * in-process all-MiniLM-L6-v2 default (through LangChain4j), remote providers by configuration and a persistent
 * vector cache keyed by (model identity, text hash). Nothing here yet: the retrieval/embeddings issue builds it.
 */
package org.rhizome.embeddings;
