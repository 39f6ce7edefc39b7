package org.rhizome.graph.server;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.fuseki.server.Operation;
import org.apache.jena.query.ARQ;
import org.apache.jena.sparql.util.Context;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.rhizome.graph.KnowledgeGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A SPARQL endpoint over a {@link KnowledgeGraph}: embedded Fuseki serving the store's dataset at
 * {@code http://<bind>:<port><datasetPath>} with the SPARQL 1.1 Protocol ({@code /sparql} and {@code /query}, GET
 * and POST, every standard result format by content negotiation), the Graph Store Protocol read side
 * ({@code /get}, and {@code /data} for GET), and, only when enabled with credentials, SPARQL Update ({@code /update})
 * and Graph Store writes. Health: {@code /$/ping}; status: {@code /$/status} (JSON: store size, request counts).
 *
 * <p>Safety by default ({@link ServerOptions#defaults()}): loopback only, read-only, a per-query timeout (the query is
 * cancelled and answered 503; other clients are not held up), a result-size cap, federated {@code SERVICE} disabled,
 * no {@code LOAD} of local IRIs, a request body limit, no CORS. While the server runs it disables SERVICE on the
 * dataset's context (Fuseki reads its per-request settings from there); the query timeout is kept by the query
 * operation itself ({@link SafeQueryProcessor}).
 *
 * <p>Writes through the endpoint bypass the KnowledgeGraph API; after each burst of them the store's change listeners
 * are told that anything may have changed ({@link KnowledgeGraph#notifyExternalChange()}), so a search index that
 * follows the store catches up.
 *
 * <p>{@link #close()} stops accepting requests, gives requests in flight up to the grace period to finish, and stops
 * Jetty; it does not close the store (its owner does, after the server).
 */
public final class RhizomeServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RhizomeServer.class);
    private static final Duration GRACE = Duration.ofSeconds(5);

    private final KnowledgeGraph kg;
    private final ServerOptions options;
    private final ServerStats stats = new ServerStats();
    private final FusekiServer server;
    private final SafeQueryProcessor queries;
    /** Tells the store's change listeners about writes made through the endpoint, one notice for a burst. */
    private final java.util.concurrent.ExecutorService notifier = java.util.concurrent.Executors
            .newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "rhizome-server-change-notice");
                t.setDaemon(true);
                return t;
            });
    private final java.util.concurrent.atomic.AtomicBoolean noticePending =
            new java.util.concurrent.atomic.AtomicBoolean();
    private volatile boolean closed;

    private RhizomeServer(KnowledgeGraph kg, ServerOptions options) {
        this.kg = Objects.requireNonNull(kg, "kg");
        this.options = Objects.requireNonNull(options, "options");
        this.queries = new SafeQueryProcessor(options.maxResultRows(), options.queryTimeout(), stats);
        Context dsContext = kg.datasetGraph().getContext();
        dsContext.set(ARQ.httpServiceAllowed, false);
        String name = options.datasetPath().substring(1);
        FusekiServer.Builder b = FusekiServer.create()
                .port(options.port())
                .enableCors(false)
                .enablePing(true)
                .enableStats(false)
                .registerOperation(Operation.Query, queries)
                .addFilter("/*", new SafetyFilter(options, stats, this::writeCommitted))
                .addServlet("/$/status", new StatusServlet())
                .add(name, kg.datasetGraph(), options.allowUpdates());
        if (options.loopbackOnly()) {
            b.loopback(true);
        }
        this.server = b.build();
        if (!options.loopbackOnly() && !options.bind().equals("0.0.0.0")) {
            for (Connector c : server.getJettyServer().getConnectors()) {
                if (c instanceof ServerConnector sc) {
                    sc.setHost(options.bind());
                }
            }
        }
        server.getJettyServer().setStopTimeout(GRACE.toMillis());
    }

    /**
     * Starts a server over {@code kg}.
     *
     * @throws ServerException if the port is taken or the address cannot be bound
     */
    public static RhizomeServer start(KnowledgeGraph kg, ServerOptions options) {
        RhizomeServer s = new RhizomeServer(kg, options);
        try {
            s.server.start();
        } catch (RuntimeException e) {
            s.queries.shutdown();
            s.resetContext();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ServerException("cannot start the SPARQL server on " + options.bind() + ":" + options.port()
                    + ": " + cause.getMessage(), e);
        }
        LOG.info("SPARQL server on {}", s.datasetUrl());
        return s;
    }

    /** The port the server listens on (the chosen one when the options asked for 0). */
    public int port() {
        return server.getHttpPort();
    }

    /** The options the server runs with. */
    public ServerOptions options() {
        return options;
    }

    /** Request counters. */
    public ServerStats stats() {
        return stats;
    }

    /** The dataset's base URL, e.g. {@code http://127.0.0.1:3030/rhizome}. */
    public String datasetUrl() {
        String host = options.bind().equals("0.0.0.0") ? "localhost" : options.bind().contains(":")
                ? "[" + options.bind() + "]" : options.bind();
        return "http://" + host + ":" + port() + options.datasetPath();
    }

    /**
     * A write through the endpoint committed: SPARQL Update and Graph Store writes go around the KnowledgeGraph API,
     * so its listeners (the search index) get a change of unknown extent, on a background thread, coalesced: writes
     * arriving while a notice is pending share it.
     */
    private void writeCommitted() {
        if (noticePending.compareAndSet(false, true)) {
            notifier.execute(() -> {
                noticePending.set(false);
                try {
                    kg.notifyExternalChange();
                } catch (RuntimeException e) {
                    LOG.warn("telling the store's listeners about an update failed: {}", e.toString());
                }
            });
        }
    }

    /** Blocks until the server stops. */
    public void join() {
        try {
            server.getJettyServer().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops the server: queries being executed are cancelled (their clients get 503), other requests in flight get up
     * to 5 s to finish, then Jetty stops. Idempotent. The store stays open; no transaction of the server's is left
     * running when this returns normally.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        int cancelled = queries.running();
        queries.cancelAll();
        try {
            server.stop();
        } catch (RuntimeException e) {
            LOG.warn("SPARQL server: requests still running after the {} s grace period were cut off ({})",
                    GRACE.toSeconds(), e.getCause() != null ? e.getCause() : e);
        } finally {
            queries.shutdown();
            resetContext();
            notifier.shutdown();
            try {
                notifier.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (cancelled > 0) {
            LOG.info("SPARQL server stopped; {} running queries were cancelled", cancelled);
        }
    }

    private void resetContext() {
        kg.datasetGraph().getContext().remove(ARQ.httpServiceAllowed);
    }

    /** {@code /$/status}: a small JSON document. */
    private final class StatusServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            long statements = kg.statementCount();
            String json = String.format(Locale.ROOT, "{\"status\": \"ok\", \"dataset\": \"%s\", \"statements\": %d, "
                    + "\"readOnly\": %s, \"uptimeSeconds\": %d, \"requests\": %d, \"queries\": %d, \"updates\": %d, "
                    + "\"refused\": %d, \"unauthorised\": %d, \"queryTimeoutMillis\": %d, \"maxResultRows\": %d}",
                    options.datasetPath(), statements, !options.allowUpdates(), stats.uptime().toSeconds(),
                    stats.requests(), stats.queries(), stats.updates(), stats.refusedRequests(),
                    stats.deniedWrites(), options.queryTimeout().toMillis(), options.maxResultRows());
            resp.setContentType("application/json;charset=utf-8");
            resp.getWriter().println(json);
        }
    }
}
