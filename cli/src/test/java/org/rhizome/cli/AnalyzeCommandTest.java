package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnalyzeCommandTest {

    /** Two triangles joined by a bridge a3 - b1, written as N-Triples, imported into a fresh store. */
    private static Path store(Path dir) throws IOException {
        String[][] edges = {{"a1", "a2"}, {"a2", "a3"}, {"a1", "a3"}, {"a3", "b1"}, {"b1", "b2"}, {"b2", "b3"},
            {"b1", "b3"}};
        StringBuilder nt = new StringBuilder();
        for (String[] e : edges) {
            nt.append("<http://ex.org/").append(e[0]).append("> <http://ex.org/knows> <http://ex.org/").append(e[1])
                    .append("> .\n");
        }
        Path file = dir.resolve("two-triangles.nt");
        Files.writeString(file, nt);
        Path store = dir.resolve("store");
        assertThat(Cli.run("--store", store.toString(), "--quiet", "import", file.toString()).exitCode()).isZero();
        return store;
    }

    @Test
    void printsTheSummaryWritesTheReportAndStoresScores(@TempDir Path dir) throws IOException {
        Path store = store(dir);
        Path report = dir.resolve("report");
        Path gexf = dir.resolve("g.gexf");
        Cli.Result r = Cli.run("--store", store.toString(), "--quiet", "analyze", "--report", report.toString(),
                "--bootstrap", "0", "--iteration", "3", "--gexf", gexf.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("nodes").contains("articulationPoints").contains("stored scores of 6 nodes")
                .contains("recorded the metrics as iteration 3").contains("report: ");
        // By hand: a3 lies on every shortest path from {a1, a2} to {b1, b2, b3} (6 pairs), b1 likewise; others on none.
        assertThat(r.out()).containsPattern("bridges by betweenness: (a3, b1|b1, a3)");
        assertThat(report.resolve("metrics.json")).isNotEmptyFile();
        assertThat(report.resolve("index.html")).isNotEmptyFile();
        assertThat(gexf).isNotEmptyFile();
        assertThat(Files.readString(gexf)).contains("community");

        Cli.Result q = Cli.run("--store", store.toString(), "query",
                "PREFIX rz: <https://rhizome.dev/ns#> SELECT ?n ?b WHERE { GRAPH ?g { ?n rz:betweenness ?b } } "
                        + "ORDER BY DESC(?b) LIMIT 2");
        assertThat(q.exitCode()).as(q.err()).isZero();
        assertThat(q.out()).contains("http://ex.org/a3").contains("http://ex.org/b1").doesNotContain("http://ex.org/a1");

        // Statistics still see the six entities and seven edges: the scores are not content.
        Cli.Result stats = Cli.run("--store", store.toString(), "--quiet", "stats", "--json");
        assertThat(stats.out()).contains("\"statements\": 7", "\"edges\": 7", "\"entities\": 6");
    }

    @Test
    void anUnknownMetricIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Path store = store(dir);
        Cli.Result r = Cli.run("--store", store.toString(), "analyze", "--metrics", "pagerank,magic", "--no-report");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("unknown metric 'magic'");
    }

    @Test
    void aMissingStoreIsReportedAsUnavailable(@TempDir Path dir) {
        Cli.Result r = Cli.run("--store", dir.resolve("nothing").toString(), "analyze", "--no-report");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.STORE_UNAVAILABLE);
    }
}
