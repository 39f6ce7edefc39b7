package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.server.Credentials;
import org.rhizome.graph.server.RhizomeServer;
import org.rhizome.graph.server.ServerException;
import org.rhizome.graph.server.ServerOptions;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.sparql.PredictionFunctions;
import org.rhizome.retrieval.Retrieval;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome serve}: the store as a SPARQL endpoint. */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Serve the store as a SPARQL 1.1 endpoint (embedded Fuseki) until stopped with Ctrl-C or SIGTERM.",
            "",
            "Endpoints under http://BIND:PORT/rhizome: /sparql and /query (SPARQL Protocol, GET and POST, results "
                    + "in JSON, XML, CSV, TSV, Turtle, N-Triples... by content negotiation), /get (Graph Store "
                    + "Protocol, read); with --allow-updates also /update and /data (writes need credentials). "
                    + "Health: /$/ping; status: /$/status. The rzf: search functions work when the search index "
                    + "can be opened (see rhizome index).",
            "",
            "Safe by default: loopback only, read-only, --timeout per query, --max-results rows, --max-body bytes, "
                    + "no SERVICE, no LOAD of local files, no CORS. Options given here override --config."
        })
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", description = "TCP port (0: any free one). Default: 3030")
    Integer port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on: 127.0.0.1, or 0.0.0.0 for every interface. Default: 127.0.0.1")
    String bind;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file: port, bind, dataset, updates, users, tokens, timeout, max-results, "
                    + "max-body, cors.")
    Path config;

    @Option(names = "--allow-updates", description = "Serve SPARQL Update and Graph Store writes (credentials needed).")
    boolean allowUpdates;

    @Option(names = "--users", paramLabel = "FILE", description = "User file: name:password or name:sha256:<hex> lines.")
    Path users;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Bearer tokens, one per line.")
    Path tokenFile;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Per-query time limit. Default: 10")
    Double timeout;

    @Option(names = "--max-results", paramLabel = "N", description = "Largest result in rows. Default: 10000")
    Long maxResults;

    @Option(names = "--max-body", paramLabel = "BYTES", description = "Largest request body. Default: 1048576")
    Long maxBody;

    @Option(names = "--cors", paramLabel = "ORIGIN", split = ",",
            description = "Allow these browser origins (or *); default: no CORS.")
    List<String> cors;

    @Option(names = "--model", paramLabel = "FILE",
            description = "A model saved by rhizome train, answering rzf:predictTails and rzf:predictHeads.")
    Path model;

    @Option(names = "--no-search", description = "Do not open the search index (no rzf: search functions).")
    boolean noSearch;

    @Override
    public Integer call() {
        ServerOptions o = options();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TrainedModel predictor = model == null ? null : ModelIds.read(model);
        KnowledgeGraph kg = root.openStore(false);
        Retrieval retrieval = null;
        RhizomeServer server;
        try {
            if (!noSearch) {
                retrieval = RetrievalSupport.open(kg, root, err, true);
            }
            if (predictor != null) {
                PredictionFunctions.attach(kg.dataset(), predictor);
            }
            server = RhizomeServer.start(kg, o);
        } catch (ServerException e) {
            closeQuietly(retrieval, kg);
            throw new CommandFailedException(ExitCodes.FAILURE, e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(retrieval, kg);
            throw e;
        }
        Retrieval r = retrieval;
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean once = new AtomicBoolean();
        Runnable shutdown = () -> {
            if (once.compareAndSet(false, true)) {
                try {
                    server.close();
                } finally {
                    closeQuietly(r, kg);
                    stopped.countDown();
                }
            }
        };
        Thread hook = new Thread(() -> {
            err.println("rhizome: stopping the SPARQL server (requests in flight get 5 s), closing the store");
            err.flush();
            shutdown.run();
        }, "rhizome-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        String url = server.datasetUrl();
        out.println("SPARQL endpoint: " + url + "/sparql" + (o.allowUpdates() ? "   update: " + url + "/update" : ""));
        out.println("Graph Store (read): " + url + "/get?graph=<IRI>   status: "
                + url.substring(0, url.lastIndexOf('/')) + "/$/status");
        out.println((o.allowUpdates() ? "updates enabled for " + describe(o.credentials()) : "read-only")
                + "; timeout " + o.queryTimeout().toMillis() / 1000.0 + " s, at most " + o.maxResultRows()
                + " result rows" + (o.loopbackOnly() ? "; loopback only" : "; listening on " + o.bind())
                + (r == null ? "; search functions off" : "; rzf: search functions on (" + r.index().count()
                        + " concepts)") + (predictor == null ? "" : "; rzf:predictTails/predictHeads from " + model
                        + " (" + predictor.model().kind() + ")"));
        out.println("Try: curl -s '" + url + "/sparql' --data-urlencode 'query=SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }"
                + " LIMIT 5' -H 'Accept: text/csv'");
        out.println("Stop with Ctrl-C.");
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdown.run();
        }
        return ExitCodes.OK;
    }

    private static String describe(Credentials c) {
        int users = c.userNames().size();
        return users + " user" + (users == 1 ? "" : "s") + " and the configured tokens";
    }

    private ServerOptions options() {
        try {
            ServerOptions o = ServerOptions.defaults();
            if (config != null) {
                o = o.withConfigFile(config);
            }
            Credentials c = o.credentials();
            if (users != null) {
                c = c.withUserFile(users);
            }
            if (tokenFile != null) {
                c = c.withTokenFile(tokenFile);
            }
            if (allowUpdates || users != null || tokenFile != null) {
                o = o.withUpdates(allowUpdates || o.allowUpdates(), c);
            }
            if (port != null) {
                o = o.withPort(port);
            }
            if (bind != null) {
                o = o.withBind(bind);
            }
            if (timeout != null) {
                if (!(timeout > 0)) {
                    throw new IllegalArgumentException("--timeout must be > 0, got " + timeout);
                }
                o = o.withQueryTimeout(Duration.ofMillis(Math.round(timeout * 1000)));
            }
            if (maxResults != null) {
                o = o.withMaxResultRows(maxResults);
            }
            if (maxBody != null) {
                o = o.withMaxRequestBytes(maxBody);
            }
            if (cors != null) {
                o = o.withCorsOrigins(cors);
            }
            return o;
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private static void closeQuietly(Retrieval r, KnowledgeGraph kg) {
        try {
            if (r != null) {
                r.close();
            }
        } catch (RuntimeException e) {
            // the store is closed below either way
        } finally {
            kg.close();
        }
    }
}
