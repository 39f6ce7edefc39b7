package org.rhizome.graph;

import java.util.Optional;

import org.apache.jena.graph.Node;

/**
 * One source of a statement.
 *
 * @param graph      the source graph holding the statement
 * @param source     its catalogue entry (empty for a named graph written outside Rhizome's API)
 * @param confidence the statement's own confidence, or its source's when it has none
 * @param status     the source's status
 */
public record Provenance(Node graph, Optional<SourceInfo> source, double confidence, Status status) {}
