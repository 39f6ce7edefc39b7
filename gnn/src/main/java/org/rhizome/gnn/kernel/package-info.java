/**
 * Float vector kernels of link prediction: reductions over two vectors, the fused per-triple scores of TransE,
 * DistMult, ComplEx and RotatE, and "one query against every entity" scoring for evaluation. One interface
 * ({@link org.rhizome.gnn.kernel.Kernels}), a scalar reference and a Vector API implementation chosen once at
 * start-up ({@link org.rhizome.gnn.kernel.Kernels#get()}, {@code -Drhizome.gnn.kernels=scalar} to force the scalar
 * one).
 */
package org.rhizome.gnn.kernel;
