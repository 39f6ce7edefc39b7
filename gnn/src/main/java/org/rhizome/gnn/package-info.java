/**
 * Link prediction. Will hold the vector kernels (Vector API with a scalar reference), the tensor and
 * autograd core, datasets and splits, KG embedding models, negative samplers (including LEMON), training loops,
 * filtered rank evaluation, EpiGNN, the KG-R3 reader and the TC/ATC diagnostics. Nothing here yet: the
 * link-prediction issues build it; every model will read the graph through
 * {@link org.rhizome.graph.snapshot.GraphSnapshot}.
 */
package org.rhizome.gnn;
