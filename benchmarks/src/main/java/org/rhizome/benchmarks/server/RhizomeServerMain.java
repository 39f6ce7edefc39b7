package org.rhizome.benchmarks.server;

import java.nio.file.Path;
import java.time.Duration;

import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.server.RhizomeServer;
import org.rhizome.graph.server.ServerOptions;

/**
 * One side of the endpoint benchmark: {@link RhizomeServer} over a store, with {@link ServerOptions#defaults()}
 * (loopback, read-only, 10 s query timeout, 10,000-row cap, 1 MiB body limit, SERVICE refused, no CORS) except the
 * port, and the timeout and cap when given. SPARQL at {@code http://127.0.0.1:<port>/rhizome/sparql}. Runs until the
 * JVM is told to stop (SIGTERM), then closes the server and the store.
 *
 * <p>Usage: {@code RhizomeServerMain <store dir> <port> [timeout seconds] [max result rows]}.
 */
public final class RhizomeServerMain {
    private RhizomeServerMain() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: RhizomeServerMain <store dir> <port> [timeout seconds] [max result rows]");
            System.exit(2);
        }
        ServerOptions options = ServerOptions.defaults().withPort(Integer.parseInt(args[1]));
        if (args.length > 2) {
            options = options.withQueryTimeout(Duration.ofMillis(Math.round(Double.parseDouble(args[2]) * 1000)));
        }
        if (args.length > 3) {
            options = options.withMaxResultRows(Long.parseLong(args[3]));
        }
        KnowledgeGraph kg = KnowledgeGraph.open(Path.of(args[0]));
        RhizomeServer server = RhizomeServer.start(kg, options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            kg.close();
        }, "stop"));
        System.out.println("READY rhizome " + server.datasetUrl() + "/sparql timeout="
                + options.queryTimeout().toMillis() + "ms maxResultRows=" + options.maxResultRows());
        server.join();
    }
}
