package org.rhizome.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.cli.Rhizome;
import org.rhizome.graph.KnowledgeGraph;

/**
 * {@code rhizome serve} as users run it: a separate process over a real store, queried over HTTP (search functions
 * included), written to with credentials, and stopped with SIGTERM while queries and writes are in flight; the store
 * must then open with exactly the statements whose writes were acknowledged.
 */
class ServeCommandTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Path store(Path dir) throws Exception {
        Path ttl = dir.resolve("g.ttl");
        StringBuilder sb = new StringBuilder("@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                + "@prefix ex: <https://example.org/> .\n"
                + "ex:holmes rdfs:label \"Sherlock Holmes\" ; rdfs:comment \"A consulting detective\" .\n"
                + "ex:kitten rdfs:label \"Kitten\" ; rdfs:comment \"A young cat\" .\n");
        for (int i = 0; i < 400; i++) {
            sb.append("ex:n").append(i).append(" ex:next ex:n").append((i + 1) % 400).append(" .\n");
        }
        Files.writeString(ttl, sb);
        Path store = dir.resolve("store");
        assertThat(Rhizome.run("--store", store.toString(), "--quiet", "import", ttl.toString())).isZero();
        return store;
    }

    /** Starts {@code rhizome serve} in a child JVM and returns it with the dataset URL it printed. */
    private static Object[] serve(Path store, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Rhizome.class.getName(), "--store", store.toString(), "--quiet", "serve", "--port", "0"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        Pattern endpoint = Pattern.compile("SPARQL endpoint: (http://\\S+)/sparql");
        String line;
        while ((line = out.readLine()) != null) {
            seen.append(line).append('\n');
            Matcher m = endpoint.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> {
                    try {
                        String l;
                        while ((l = out.readLine()) != null) {
                            synchronized (seen) {
                                seen.append(l).append('\n');
                            }
                        }
                    } catch (java.io.IOException e) {
                        // process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return new Object[] {p, m.group(1), seen, drain};
            }
        }
        throw new AssertionError("serve did not start:\n" + seen);
    }

    private static HttpResponse<String> query(String url, String sparql) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url + "/sparql?query="
                + URLEncoder.encode(sparql, StandardCharsets.UTF_8))).header("Accept", "text/csv")
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesSearchFunctionsAndStopsCleanlyUnderLoad(@TempDir Path dir) throws Exception {
        Path store = store(dir);
        Path users = dir.resolve("users");
        Files.writeString(users, "writer:pw\n");
        Object[] s = serve(store, "--allow-updates", "--users", users.toString(), "--timeout", "30");
        Process p = (Process) s[0];
        String url = (String) s[1];
        AtomicInteger acknowledged = new AtomicInteger();
        try {
            assertThat(url).startsWith("http://127.0.0.1:").endsWith("/rhizome");
            HttpResponse<String> search = query(url, "PREFIX rzf: <https://rhizome.dev/fn#> "
                    + "SELECT ?c WHERE { ?c rzf:search (\"consulting detective\" 1 \"bm25\") }");
            assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
            assertThat(search.body()).contains("https://example.org/holmes");
            HttpResponse<String> similar = query(url, "PREFIX rzf: <https://rhizome.dev/fn#> "
                    + "SELECT ?c WHERE { (?c ?s) rzf:similarToText (\"a baby cat\" 1) }");
            assertThat(similar.body()).contains("https://example.org/kitten");

            // queries in flight (a slow cartesian count) and a writer inserting one statement per request
            List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                slow.add(HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url + "/sparql?query=" + URLEncoder.encode(
                        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f } }",
                        StandardCharsets.UTF_8))).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            AtomicBoolean stop = new AtomicBoolean();
            String auth = "Basic " + Base64.getEncoder().encodeToString("writer:pw".getBytes(StandardCharsets.UTF_8));
            Thread writer = new Thread(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/update"))
                                .header("Content-Type", "application/sparql-update").header("Authorization", auth)
                                .POST(HttpRequest.BodyPublishers.ofString("INSERT DATA { GRAPH <https://example.org/w> "
                                        + "{ <https://example.org/w" + i + "> <https://example.org/p> " + i + " } }"))
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() / 100 == 2) {
                            acknowledged.incrementAndGet();
                        }
                    } catch (Exception e) {
                        return; // the server went away
                    }
                }
            });
            writer.start();
            Thread.sleep(1500);
            // SIGTERM through kill(1): Process.destroy() would also close our end of the child's output
            assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(p.pid())).start().waitFor()).isZero();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("serve stops after SIGTERM").isTrue();
            stop.set(true);
            writer.join(30_000);
            ((Thread) s[3]).join(10_000); // the rest of the child's output
            synchronized (s[2]) {
                assertThat(s[2].toString()).as("exit code %d", p.exitValue()).contains("stopping the SPARQL server");
            }
            assertThat(acknowledged.get()).as("some writes went through before the stop").isPositive();
        } finally {
            p.destroyForcibly();
        }
        // The store opens (lock released, journal consistent) with every acknowledged write, plus at most the one
        // that may have committed while its response was lost to the stop, and the imported content intact.
        try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
            long written = kg.read(() -> kg.datasetGraph().getGraph(
                    org.apache.jena.graph.NodeFactory.createURI("https://example.org/w")).size());
            assertThat(written).isBetween((long) acknowledged.get(), acknowledged.get() + 1L);
            long chain = kg.read(() -> {
                long n = 0;
                var it = kg.datasetGraph().findNG(org.apache.jena.graph.Node.ANY, org.apache.jena.graph.Node.ANY,
                        org.apache.jena.graph.NodeFactory.createURI("https://example.org/next"),
                        org.apache.jena.graph.Node.ANY);
                while (it.hasNext()) {
                    it.next();
                    n++;
                }
                return n;
            });
            assertThat(chain).isEqualTo(400);
        }
    }
}
