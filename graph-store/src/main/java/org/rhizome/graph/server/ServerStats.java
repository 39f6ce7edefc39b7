package org.rhizome.graph.server;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/** Counters of a running server, shown on its status page. Thread-safe. */
public final class ServerStats {
    private final Instant started = Instant.now();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong updates = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong unauthorised = new AtomicLong();

    void request() {
        requests.incrementAndGet();
    }

    void query() {
        queries.incrementAndGet();
    }

    void update() {
        updates.incrementAndGet();
    }

    void refused() {
        refused.incrementAndGet();
    }

    void deniedWrite() {
        unauthorised.incrementAndGet();
    }

    /** HTTP requests received. */
    public long requests() {
        return requests.get();
    }

    /** SPARQL queries executed (parsed and accepted). */
    public long queries() {
        return queries.get();
    }

    /** Write requests (SPARQL Update, Graph Store writes) let through after authentication. */
    public long updates() {
        return updates.get();
    }

    /** Requests refused by a safety rule (body too large, SERVICE, LOAD of local files, result too large). */
    public long refusedRequests() {
        return refused.get();
    }

    /** Write requests refused for missing or wrong credentials. */
    public long deniedWrites() {
        return unauthorised.get();
    }

    /** Time since the server started. */
    public Duration uptime() {
        return Duration.between(started, Instant.now());
    }
}
