package org.rhizome.graph.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.jena.fuseki.servlets.ActionErrorException;
import org.apache.jena.fuseki.servlets.HttpAction;
import org.apache.jena.fuseki.servlets.SPARQL_QueryDataset;
import org.apache.jena.fuseki.servlets.ServletOps;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Triple;
import org.apache.jena.query.Query;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.DatasetGraphFactory;
import org.apache.jena.sparql.core.Quad;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.exec.QueryExec;
import org.apache.jena.sparql.exec.QueryExecResult;
import org.apache.jena.sparql.exec.RowSet;
import org.apache.jena.sparql.exec.RowSetStream;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.syntax.ElementService;
import org.apache.jena.sparql.syntax.ElementVisitorBase;
import org.apache.jena.sparql.syntax.ElementWalker;
import org.apache.jena.web.HttpSC;

/**
 * Fuseki's SPARQL query operation with Rhizome's limits: federated {@code SERVICE} is refused before execution (400),
 * a query that fails for what it asks (an extension function's bad arguments) is answered 400 with the reason,
 * and a result larger than the cap is refused with an error instead of being streamed. The results are read up to the
 * cap before the response starts, so the query timeout also covers producing them (Fuseki alone only guards the
 * first row) and a refused result costs at most {@code cap} rows of memory. CONSTRUCT and DESCRIBE results are
 * streamed into their graph the same way and refused at the first distinct statement past the cap.
 *
 * <p>The query timeout is kept here too, not through ARQ's per-query timeout: every query being executed is in a
 * map with its start time, and one watchdog thread aborts those older than the timeout (they are answered 503, as
 * ARQ's timeout answers). A query is aborted between {@code timeout} and {@code timeout + tick} after it started,
 * {@code tick} being a twentieth of the timeout (at least 5 ms, at most 250 ms). ARQ's timeout schedules and cancels a
 * task on a shared timer for every query; the map entry is needed anyway for shutdown, so the watchdog costs a
 * request nothing more.
 */
final class SafeQueryProcessor extends SPARQL_QueryDataset {
    private final long maxRows;
    private final long timeoutNanos;
    private final ServerStats stats;
    /** Queries being executed, with their start (System.nanoTime). */
    private final java.util.Map<QueryExec, Long> running = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ScheduledExecutorService watchdog;
    private volatile boolean stopping;

    SafeQueryProcessor(long maxRows, java.time.Duration timeout, ServerStats stats) {
        this.maxRows = maxRows;
        this.timeoutNanos = timeout.toNanos();
        this.stats = stats;
        long tick = Math.max(5, Math.min(250, timeout.toMillis() / 20));
        this.watchdog = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rhizome-query-timeout");
            t.setDaemon(true);
            return t;
        });
        watchdog.scheduleWithFixedDelay(this::abortOverdue, tick, tick, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void abortOverdue() {
        long now = System.nanoTime();
        for (java.util.Map.Entry<QueryExec, Long> e : running.entrySet()) {
            if (now - e.getValue() > timeoutNanos) {
                try {
                    e.getKey().abort();
                } catch (RuntimeException ex) {
                    // an exec that finished meanwhile; the watchdog must keep running
                }
            }
        }
    }

    /** Stops the watchdog (the server is stopping; queries still running were cancelled). */
    void shutdown() {
        watchdog.shutdownNow();
    }

    @Override
    protected void validateQuery(HttpAction action, Query query) {
        super.validateQuery(action, query);
        boolean[] service = {false};
        if (query.getQueryPattern() != null) {
            ElementWalker.walk(query.getQueryPattern(), new ElementVisitorBase() {
                @Override
                public void visit(ElementService el) {
                    service[0] = true;
                }
            });
        }
        if (service[0]) {
            stats.refused();
            ServletOps.errorBadRequest("federated queries (SERVICE) are disabled on this server");
        }
    }

    @Override
    protected QueryExec createQueryExec(HttpAction action, Query query, DatasetGraph dataset) {
        if (stopping) {
            ServletOps.error(HttpSC.SERVICE_UNAVAILABLE_503, "the server is shutting down");
        }
        QueryExec exec = super.createQueryExec(action, query, dataset);
        running.put(exec, System.nanoTime());
        return exec;
    }

    /** Cancels every query being executed (they are answered 503) and refuses new ones. */
    void cancelAll() {
        stopping = true;
        for (QueryExec e : running.keySet()) {
            e.abort();
        }
    }

    /** Number of queries being executed. */
    int running() {
        return running.size();
    }

    @Override
    protected QueryExecResult executeQuery(HttpAction action, QueryExec exec, Query query, String log) {
        try {
            return execute(action, exec, query, log);
        } catch (org.apache.jena.query.QueryCancelledException e) {
            throw e; // a timeout or a shutdown: Fuseki answers 503
        } catch (org.apache.jena.query.QueryException e) {
            // a query that parses but cannot run as written (bad arguments of an extension function, say): the
            // client's error, with the message that says why
            ServletOps.errorBadRequest(e.getMessage());
            return null;
        } finally {
            running.remove(exec);
        }
    }

    private QueryExecResult execute(HttpAction action, QueryExec exec, Query query, String log) {
        stats.query();
        if (query.isSelectType()) {
            RowSet rs = exec.select();
            List<Binding> rows = new ArrayList<>();
            while (rs.hasNext()) {
                if (rows.size() == maxRows) {
                    tooLarge(maxRows + " rows");
                }
                rows.add(rs.next());
            }
            return new QueryExecResult(RowSetStream.create(rs.getResultVars(), rows.iterator()));
        }
        if (query.isConstructType()) {
            // Streamed from the template up to the cap: never builds a result larger than the cap, and a
            // template that repeats the same statements many times is bounded by the query timeout.
            DatasetGraph d = DatasetGraphFactory.create();
            long n = 0;
            for (Iterator<Quad> it = exec.constructQuads(); it.hasNext(); ) {
                Quad q = it.next();
                if (!d.contains(q)) {
                    if (n == maxRows) {
                        tooLarge(maxRows + " statements");
                    }
                    d.add(q);
                    n++;
                }
            }
            return new QueryExecResult(d);
        }
        if (query.isDescribeType()) {
            Graph g = GraphFactory.createDefaultGraph();
            for (Iterator<Triple> it = exec.describeTriples(); it.hasNext(); ) {
                Triple t = it.next();
                if (!g.contains(t)) {
                    if (g.size() == maxRows) {
                        tooLarge(maxRows + " statements");
                    }
                    g.add(t);
                }
            }
            return new QueryExecResult(g);
        }
        return super.executeQuery(action, exec, query, log);
    }

    private void tooLarge(String what) {
        stats.refused();
        throw new ActionErrorException(HttpSC.BAD_REQUEST_400, "the result has more than " + what
                + ", this server's limit: add LIMIT (and OFFSET to page) to the query", null);
    }
}
