/**
 * Link prediction: vector kernels with a scalar reference ({@link org.rhizome.gnn.kernel}), datasets and splits
 * ({@link org.rhizome.gnn.data}), KG embedding models ({@link org.rhizome.gnn.model}), negative samplers with LEMON
 * ({@link org.rhizome.gnn.sampling}), training ({@link org.rhizome.gnn.training}), filtered rank evaluation
 * ({@link org.rhizome.gnn.evaluation}), model files ({@link org.rhizome.gnn.io}) and the TC/ATC diagnostics of
 * per-entity link-prediction quality ({@link org.rhizome.gnn.diagnostics}); a small tensor and autograd core
 * ({@link org.rhizome.gnn.tensor}), relational-reasoning data, composition tables and generators
 * ({@link org.rhizome.gnn.reasoning}), EpiGNN ({@link org.rhizome.gnn.epignn}) and a first version of the KG-R3
 * retriever and reader ({@link org.rhizome.gnn.reader}; its personalised-PageRank and path retrievers are not built).
 */
package org.rhizome.gnn;
