package org.rhizome.graph.io;

import org.apache.jena.query.TxnType;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Quad;
import org.rhizome.graph.KnowledgeGraph;

/** Where imported quads go: one all-or-nothing unit of work. */
interface QuadSink {
    void add(Quad quad);

    void commit();

    void abort(Exception cause);

    /** One ordinary write transaction. */
    static QuadSink transaction(KnowledgeGraph kg) {
        DatasetGraph dsg = kg.datasetGraph();
        if (dsg.isInTransaction()) {
            throw new IllegalStateException("import starts its own transaction; none may be active on this thread");
        }
        dsg.begin(TxnType.WRITE);
        return new QuadSink() {
            @Override
            public void add(Quad quad) {
                dsg.add(quad);
            }

            @Override
            public void commit() {
                try {
                    dsg.commit();
                } finally {
                    dsg.end();
                }
            }

            @Override
            public void abort(Exception cause) {
                try {
                    dsg.abort();
                } finally {
                    dsg.end();
                }
            }
        };
    }
}
