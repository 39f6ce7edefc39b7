package org.rhizome.gnn.reader;

import java.util.Random;

import org.rhizome.gnn.data.TripleSet;

/**
 * KG-R3's first stage: for a query {@code (head, relation, ?)}, a small subgraph of the training graph around the
 * head for the reader to read. Implementations must be safe to call from several threads at once (the evaluator
 * scores queries in parallel). Relation ids run over {@code [0, 2R)}: {@code r + R} asks for heads of r.
 */
public interface SubgraphRetriever {
    /**
     * The subgraph for {@code (head, relation, ?)}; the training statement {@code skipStatement} (or −1) is left out,
     * so a query built from a training triple cannot read its own answer.
     */
    Subgraph retrieve(int head, int relation, int skipStatement, Random random);

    /** The longest path, in edges, that explanations walk through a retrieved subgraph. */
    int pathLength();

    /** The relation ids retrieved subgraphs use: base relations and their reciprocals. */
    int relationIds();

    /** A one-line description of the retriever and its parameters, for logs and benchmark tables. */
    String describe();

    /**
     * Answer recall: the share of {@code queries} (as tail queries) whose tail is among the entities retrieved for
     * their head and relation. It bounds what a reader restricted to the subgraph could find.
     */
    default double recall(TripleSet queries, long seed) {
        if (queries.size() == 0) {
            return Double.NaN;
        }
        Random random = new Random(seed);
        int hit = 0;
        for (int q = 0; q < queries.size(); q++) {
            hit += retrieve(queries.head(q), queries.relation(q), -1, random).contains(queries.tail(q)) ? 1 : 0;
        }
        return (double) hit / queries.size();
    }
}
