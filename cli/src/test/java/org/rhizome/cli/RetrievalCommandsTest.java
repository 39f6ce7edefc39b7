package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The retrieval commands (index, search, resolve, paths, neighbourhood, query with rzf:) on one small store. */
class RetrievalCommandsTest {
    @TempDir
    static Path dir;
    private static String store;

    @BeforeAll
    static void importGraph() throws IOException {
        Path file = dir.resolve("holmes.ttl");
        Files.writeString(file, String.join("\n",
                "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
                "@prefix ex: <https://example.org/> .",
                "ex:holmes rdfs:label \"Sherlock Holmes\" ; rdfs:comment \"A consulting detective in London\" .",
                "ex:watson rdfs:label \"John Watson\" ; rdfs:comment \"A doctor\" .",
                "ex:moriarty rdfs:label \"James Moriarty\" ; rdfs:comment \"A criminal mastermind\" .",
                "ex:baker rdfs:label \"Baker Street\" .",
                "ex:kitten rdfs:label \"Kitten\" ; rdfs:comment \"A young cat\" .",
                "ex:friendOf rdfs:label \"friend of\" .",
                "ex:enemyOf rdfs:label \"enemy of\" .",
                "ex:livesOn rdfs:label \"lives on\" .",
                "ex:holmes ex:friendOf ex:watson .",
                "ex:moriarty ex:enemyOf ex:holmes .",
                "ex:holmes ex:livesOn ex:baker .",
                "ex:watson ex:livesOn ex:baker .", ""));
        store = dir.resolve("store").toString();
        Cli.Result r = Cli.run("--store", store, "--quiet", "import", file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    void indexCheckAndRebuild() {
        Cli.Result sync = Cli.run("--store", store, "--quiet", "index");
        assertThat(sync.exitCode()).as(sync.err()).isZero();
        assertThat(sync.out()).contains("5 concepts indexed"); // relations are not concepts
        Cli.Result check = Cli.run("--store", store, "index", "--check");
        assertThat(check.exitCode()).as(check.out()).isZero();
        assertThat(check.out()).startsWith("in step: 5 concepts in the store, 5 in the index");
        Cli.Result rebuild = Cli.run("--store", store, "--quiet", "index", "--rebuild");
        assertThat(rebuild.out()).contains("rebuilt: 5 added").contains("(0 texts embedded)"); // all from the cache
    }

    @Test
    void rebuildReplacesAnIndexMadeByAnotherModel(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("two.ttl");
        Files.writeString(file, "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                + "<https://example.org/a> rdfs:label \"Ada Lovelace\" .\n"
                + "<https://example.org/b> rdfs:label \"Charles Babbage\" .\n");
        String other = tmp.resolve("store").toString();
        assertThat(Cli.run("--store", other, "--quiet", "import", file.toString()).exitCode()).isZero();
        // Index the store with a stand-in model, as a store indexed under another RHIZOME_EMBEDDINGS would be.
        org.rhizome.embeddings.TextEmbedder standIn = new org.rhizome.embeddings.TextEmbedder() {
            @Override
            public java.util.List<float[]> embedAll(java.util.List<String> texts) {
                return texts.stream().map(t -> {
                    float[] v = new float[8];
                    v[Math.floorMod(t.hashCode(), 8)] = 1;
                    return v;
                }).toList();
            }

            @Override
            public int dimension() {
                return 8;
            }

            @Override
            public String modelId() {
                return "test:stand-in:8";
            }
        };
        try (var kg = org.rhizome.graph.KnowledgeGraph.open(Path.of(other));
                var r = org.rhizome.retrieval.Retrieval.builder(kg).embedder(standIn).open()) {
            assertThat(r.index().count()).isEqualTo(2);
        }
        Cli.Result refused = Cli.run("--store", other, "--quiet", "index");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("was built with test:stand-in:8").contains("rhizome index --rebuild");
        Cli.Result rebuilt = Cli.run("--store", other, "--quiet", "index", "--rebuild");
        assertThat(rebuilt.exitCode()).as(rebuilt.err()).isZero();
        assertThat(rebuilt.out()).contains("rebuilt: 2 added").contains("2 concepts indexed with langchain4j:");
        Cli.Result search = Cli.run("--store", other, "--quiet", "search", "Lovelace", "--k", "1");
        assertThat(search.exitCode()).as(search.err()).isZero();
        assertThat(search.out()).contains("Ada Lovelace");
    }

    @Test
    void searchByWordsAndByMeaning() {
        Cli.Result r = Cli.run("--store", store, "--quiet", "search", "consulting detective", "--k", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines().get(2)).contains("Sherlock Holmes").contains("https://example.org/holmes");
        Cli.Result v = Cli.run("--store", store, "--quiet", "search", "a baby cat", "--mode", "vector", "--k", "1",
                "--json");
        assertThat(v.out()).startsWith("{\"iri\": \"https://example.org/kitten\", \"label\": \"Kitten\"");
        Cli.Result bad = Cli.run("--store", store, "--quiet", "search", "x", "--mode", "fuzzy");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("unknown search mode 'fuzzy'");
    }

    @Test
    void resolveShowsTheDecisionAndEvidence() {
        Cli.Result r = Cli.run("--store", store, "--quiet", "resolve", "Sherlok Holmes");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.outLines().get(0)).isEqualTo("decision: MERGE -> Sherlock Holmes <https://example.org/holmes> "
                + r.outLines().get(0).substring(r.outLines().get(0).indexOf("(score")));
        Cli.Result none = Cli.run("--store", store, "--quiet", "resolve", "Platypus");
        assertThat(none.outLines().get(0)).startsWith("decision: NEW");
    }

    @Test
    void mergeExistingMergesADuplicateIntoItsMatch(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("dup.ttl");
        Files.writeString(file, "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                + "<https://example.org/holmes> rdfs:label \"Sherlock Holmes\" .\n"
                + "<https://example.org/holmes2> rdfs:label \"Holmes, Sherlock\" .\n"
                + "<https://example.org/kitten> rdfs:label \"Kitten\" .\n");
        String st = tmp.resolve("store").toString();
        assertThat(Cli.run("--store", st, "--quiet", "import", file.toString()).exitCode()).isZero();
        Cli.Result r = Cli.run("--store", st, "--quiet", "resolve", "--merge-existing", "https://example.org/holmes2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("decision: MERGE -> Sherlock Holmes <https://example.org/holmes>")
                .contains("merged https://example.org/holmes2 into https://example.org/holmes");
        Cli.Result k = Cli.run("--store", st, "--quiet", "resolve", "--merge-existing", "Kitten");
        assertThat(k.out()).contains("not merged");
        Cli.Result both = Cli.run("--store", st, "--quiet", "resolve", "x", "--merge-existing", "Kitten");
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void pathsAndNeighbourhoods() {
        Cli.Result p = Cli.run("--store", store, "--quiet", "paths", "James Moriarty", "John Watson", "--k", "3");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.outLines()).containsExactly(
                "[2] James Moriarty --enemy of--> Sherlock Holmes --friend of--> John Watson",
                "[3] James Moriarty --enemy of--> Sherlock Holmes --lives on--> Baker Street <--lives on-- John Watson");
        Cli.Result out = Cli.run("--store", store, "--quiet", "paths", "James Moriarty", "John Watson", "--direction",
                "out", "--k", "1");
        assertThat(out.outLines()).containsExactly(
                "[2] James Moriarty --enemy of--> Sherlock Holmes --friend of--> John Watson");
        Cli.Result n = Cli.run("--store", store, "--quiet", "neighbourhood", "https://example.org/watson", "--hops", "1");
        assertThat(n.exitCode()).as(n.err()).isZero();
        assertThat(n.outLines()).containsExactlyInAnyOrder("Sherlock Holmes --friend of--> John Watson",
                "John Watson --lives on--> Baker Street", "(3 concepts, 2 statements)");
        Cli.Result ppr = Cli.run("--store", store, "--quiet", "neighbourhood", "John Watson", "--ppr", "2");
        assertThat(ppr.outLines().get(2)).contains("Sherlock Holmes");
        Cli.Result missing = Cli.run("--store", store, "--quiet", "paths", "Mycroft", "John Watson");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("no concept is labelled 'Mycroft'").contains("rhizome search");
        Cli.Result isolated = Cli.run("--store", store, "--quiet", "paths", "Kitten", "John Watson");
        assertThat(isolated.exitCode()).isZero();
        assertThat(isolated.out().strip()).isEqualTo("no path from 'Kitten' to 'John Watson'");
    }

    @Test
    void queryCanUseTheSearchFunctions() {
        for (String union : new String[] {"--timeout=30", "--union"}) {
            Cli.Result q = Cli.run("--store", store, "--quiet", "query", union, "--format", "csv",
                    "PREFIX rzf: <https://rhizome.dev/fn#> SELECT ?c WHERE { ?c rzf:search (\"detective\" 1 \"bm25\") }");
            assertThat(q.exitCode()).as(q.err()).isZero();
            assertThat(q.outLines()).containsExactly("c", "https://example.org/holmes");
        }
    }
}
