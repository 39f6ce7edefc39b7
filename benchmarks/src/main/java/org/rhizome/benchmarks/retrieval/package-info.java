/**
 * Benchmarks of the embeddings and retrieval modules: entity-resolution quality on the project's name-variant set
 * (and the calibration of the resolver's defaults), embedding throughput, index build rate and query latency.
 */
package org.rhizome.benchmarks.retrieval;
