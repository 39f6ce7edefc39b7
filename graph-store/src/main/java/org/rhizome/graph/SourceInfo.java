package org.rhizome.graph;

import org.apache.jena.graph.Node;

/**
 * A source as recorded in the store's catalogue.
 *
 * @param graph          the named graph holding the source's statements
 * @param source         the recorded fields
 * @param statementCount statements written under the source (as counted when they were written)
 */
public record SourceInfo(Node graph, Source source, long statementCount) {}
