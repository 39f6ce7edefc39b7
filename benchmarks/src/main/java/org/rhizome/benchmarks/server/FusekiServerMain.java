package org.rhizome.benchmarks.server;

import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.query.ARQ;
import org.apache.jena.query.Dataset;
import org.apache.jena.tdb2.TDB2Factory;

/**
 * The reference side of the endpoint benchmark: standalone Fuseki from the same jars, nothing of Rhizome in the
 * request path. {@code FusekiServer.create().port(p).add("/ds", dataset)} over a plain
 * {@code TDB2Factory.connectDataset(dir)}, with two additions that are not in the query path: loopback only (the
 * dataset is writable and unauthenticated; Rhizome's server is loopback by default too) and {@code /$/ping}, which
 * the benchmark script polls. Fuseki's defaults otherwise: no query timeout, no result cap, results streamed. SPARQL
 * at {@code http://127.0.0.1:<port>/ds/sparql}. Runs until SIGTERM, then stops the server and closes the dataset.
 *
 * <p>Usage: {@code FusekiServerMain <store dir> <port> [timeout seconds]}. The timeout is for diagnosis only: it
 * sets {@code ARQ.queryTimeout} on the dataset's context as {@code RhizomeServer} does, to measure what the timeout
 * alone costs; the benchmark's reference runs without it.
 */
public final class FusekiServerMain {
    private FusekiServerMain() {}

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: FusekiServerMain <store dir> <port> [timeout seconds]");
            System.exit(2);
        }
        int port = Integer.parseInt(args[1]);
        Dataset dataset = TDB2Factory.connectDataset(args[0]);
        if (args.length > 2) {
            dataset.getContext().set(ARQ.queryTimeout, Long.toString(Math.round(Double.parseDouble(args[2]) * 1000)));
        }
        FusekiServer server = FusekiServer.create().port(port).loopback(true).enablePing(true)
                .add("/ds", dataset).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            dataset.close();
        }, "stop"));
        System.out.println("READY fuseki http://127.0.0.1:" + server.getHttpPort() + "/ds/sparql"
                + (args.length > 2 ? " timeout=" + args[2] + "s" : ""));
        server.join();
    }
}
