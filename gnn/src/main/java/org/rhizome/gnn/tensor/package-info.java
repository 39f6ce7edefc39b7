/**
 * A small tensor and reverse-mode autograd core for the message-passing models (EpiGNN, the KG-R3 reader): dense
 * float tensors ({@link org.rhizome.gnn.tensor.Tensor}), element-wise ops with broadcasting and reductions
 * ({@link org.rhizome.gnn.tensor.Ops}), products on the vector kernels ({@link org.rhizome.gnn.tensor.LinAlg}),
 * gather and scatter over edge indices ({@link org.rhizome.gnn.tensor.Index}), activations, normalisation and losses
 * ({@link org.rhizome.gnn.tensor.Nn}), named parameters with save/load and gradient clipping
 * ({@link org.rhizome.gnn.tensor.Parameters}) and Adam/AdamW ({@link org.rhizome.gnn.tensor.Adam}).
 *
 * <p>Every op's gradient is checked against central finite differences in the tests. It serves this module's models;
 * it is not a general framework.
 */
package org.rhizome.gnn.tensor;
