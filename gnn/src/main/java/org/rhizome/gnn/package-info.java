/**
 * Link prediction: vector kernels with a scalar reference ({@link org.rhizome.gnn.kernel}), datasets and splits
 * ({@link org.rhizome.gnn.data}), KG embedding models ({@link org.rhizome.gnn.model}), negative samplers
 * ({@link org.rhizome.gnn.sampling}), training ({@link org.rhizome.gnn.training}), filtered rank evaluation
 * ({@link org.rhizome.gnn.evaluation}), model files ({@link org.rhizome.gnn.io}) and the TC/ATC diagnostics of
 * per-entity link-prediction quality ({@link org.rhizome.gnn.diagnostics}). Not built yet: LEMON, EpiGNN and the
 * KG-R3 reader.
 */
package org.rhizome.gnn;
