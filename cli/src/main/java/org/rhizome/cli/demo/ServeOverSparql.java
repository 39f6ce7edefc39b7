package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.rhizome.graph.server.RhizomeServer;
import org.rhizome.graph.server.ServerOptions;
import org.rhizome.retrieval.Retrieval;

/**
 * Demo step: serves the demo store over SPARQL on a free loopback port for a moment and talks to it over HTTP as a
 * client would: a SELECT with the rzf: search function, an update that the read-only default refuses, and the status
 * page; then stops the server.
 */
public final class ServeOverSparql implements DemoStep {
    static final String SEARCH = "PREFIX rzf: <https://rhizome.dev/fn#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            + "SELECT ?label WHERE { ?c rzf:search (\"Bernoulli numbers program\" 3) . GRAPH ?g { ?c rdfs:label ?label } }";

    @Override
    public String title() {
        return "Serve it over SPARQL";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (Retrieval r = Retrieval.builder(ctx.kg()).open();
                RhizomeServer server = RhizomeServer.start(ctx.kg(), ServerOptions.defaults().withPort(0))) {
            String url = server.datasetUrl();
            out.println("  Started the endpoint at " + url + "/sparql (loopback only, read-only, "
                    + server.options().queryTimeout().toSeconds() + " s per query); over HTTP:");
            HttpResponse<String> q = http.send(HttpRequest.newBuilder(URI.create(url + "/sparql?query="
                    + URLEncoder.encode(SEARCH, StandardCharsets.UTF_8))).header("Accept", "text/csv").build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println("    GET /sparql, rzf:search (\"Bernoulli numbers program\" 3), Accept: text/csv -> "
                    + q.statusCode());
            q.body().lines().skip(1).forEach(l -> out.println("      " + l));
            HttpResponse<String> u = http.send(HttpRequest.newBuilder(URI.create(url + "/update"))
                    .header("Content-Type", "application/sparql-update")
                    .POST(HttpRequest.BodyPublishers.ofString("CLEAR ALL")).build(),
                    HttpResponse.BodyHandlers.ofString());
            out.println("    POST /update \"CLEAR ALL\" -> " + u.statusCode() + " " + u.body().strip());
            HttpResponse<String> s = http.send(HttpRequest.newBuilder(URI.create(url.substring(0,
                    url.lastIndexOf('/')) + "/$/status")).build(), HttpResponse.BodyHandlers.ofString());
            out.println("    GET /$/status -> " + s.body().strip());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the demo could not reach its own SPARQL server: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        out.println("  Stopped. Serve a store yourself: rhizome serve --store rhizome-data/demo  (docs/sparql-endpoint.md)");
    }
}
