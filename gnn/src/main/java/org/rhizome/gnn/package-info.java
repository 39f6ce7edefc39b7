/**
 * Link prediction: vector kernels with a scalar reference ({@link org.rhizome.gnn.kernel}), datasets and splits
 * ({@link org.rhizome.gnn.data}), KG embedding models ({@link org.rhizome.gnn.model}), negative samplers
 * ({@link org.rhizome.gnn.sampling}), training ({@link org.rhizome.gnn.training}), filtered rank evaluation
 * ({@link org.rhizome.gnn.evaluation}), model files ({@link org.rhizome.gnn.io}) and the TC/ATC diagnostics of
 * per-entity link-prediction quality ({@link org.rhizome.gnn.diagnostics}); a small tensor and autograd core
 * ({@link org.rhizome.gnn.tensor}), relational-reasoning data, composition tables and generators
 * ({@link org.rhizome.gnn.reasoning}), EpiGNN ({@link org.rhizome.gnn.epignn}) and the first layer of the KG-R3
 * reader ({@link org.rhizome.gnn.reader}). Not built yet: LEMON and the rest of KG-R3.
 */
package org.rhizome.gnn;
