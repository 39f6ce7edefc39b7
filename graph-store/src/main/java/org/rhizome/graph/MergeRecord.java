package org.rhizome.graph;

import java.time.Instant;

import org.apache.jena.graph.Node;

/**
 * A recorded merge of a duplicate concept into a kept one.
 *
 * @param node         the merge record's IRI in the catalogue (pass it to {@link KnowledgeGraph#undoMerge(Node)})
 * @param kept         IRI of the surviving concept
 * @param merged       IRI of the duplicate folded into it
 * @param mergedLabel  the duplicate's label at merge time (empty if it had none)
 * @param score        the resolver's score behind the merge
 * @param at           when the merge happened
 * @param removedCount statements the merge deleted
 * @param addedCount   statements the merge created (rewritten ones not already present)
 * @param undone       whether the merge has been undone
 */
public record MergeRecord(Node node, String kept, String merged, String mergedLabel, double score, Instant at,
        int removedCount, int addedCount, boolean undone) {}
