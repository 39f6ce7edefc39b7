/**
 * Similarity kernels over float vectors: one interface ({@link org.rhizome.embeddings.vector.VectorKernels}), a
 * readable scalar reference and a Vector API implementation chosen once at start-up, and exact top-k search over a
 * dense row-major matrix of vectors ({@link org.rhizome.embeddings.vector.DenseVectors}).
 */
package org.rhizome.embeddings.vector;
