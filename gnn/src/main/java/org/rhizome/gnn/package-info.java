/**
 * Link prediction: vector kernels with a scalar reference ({@link org.rhizome.gnn.kernel}), datasets and splits
 * ({@link org.rhizome.gnn.data}), KG embedding models ({@link org.rhizome.gnn.model}), negative samplers
 * ({@link org.rhizome.gnn.sampling}), training ({@link org.rhizome.gnn.training}), filtered rank evaluation
 * ({@link org.rhizome.gnn.evaluation}) and model files ({@link org.rhizome.gnn.io}). Not built yet: LEMON, EpiGNN, the
 * KG-R3 reader and the TC/ATC diagnostics.
 */
package org.rhizome.gnn;
