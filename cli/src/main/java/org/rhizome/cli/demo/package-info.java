/**
 * The steps of {@code rhizome demo}: a guided walk over an embedded store holding the example "history of
 * computing" graph. Each step is a {@link org.rhizome.cli.demo.DemoStep}; the list the demo runs is built in one
 * place, {@link org.rhizome.cli.demo.DemoSteps#all()}, where later capabilities (embeddings, retrieval, graph
 * learning, the agent) add steps of their own.
 */
package org.rhizome.cli.demo;
