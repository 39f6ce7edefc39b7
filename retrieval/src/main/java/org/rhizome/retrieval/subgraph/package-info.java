/**
 * Graph-side retrieval over the integer snapshot {@link org.rhizome.graph.snapshot.GraphSnapshot}: the pieces that
 * turn one or a few seed entities into the small piece of the graph that goes into a prompt. It holds capped k-hop
 * neighbourhoods with relation and direction filters ({@link org.rhizome.retrieval.subgraph.KHopNeighbourhood}),
 * personalised PageRank from weighted seeds ({@link org.rhizome.retrieval.subgraph.PersonalisedPageRank}), shortest
 * and k shortest simple paths ({@link org.rhizome.retrieval.subgraph.ShortestPaths}), seeded waypoint path sampling
 * between distant concepts ({@link org.rhizome.retrieval.subgraph.WaypointPathSampler}) and the plain-text form of
 * paths and subgraphs for prompts ({@link org.rhizome.retrieval.subgraph.PromptFormat}). Everything works on ids
 * over the snapshot's CSR arrays, allocates scratch in proportion to the part of the graph it touches (personalised
 * PageRank excepted, which is global), and is deterministic: the random parts take an explicit seed.
 */
package org.rhizome.retrieval.subgraph;
