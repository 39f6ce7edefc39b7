package org.rhizome.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.cli.ExitCodes;
import org.rhizome.cli.Rhizome;

/** {@code rhizome demo} end to end on the example graph (778 statements, 113 concepts, 24 relation types). */
class DemoCommandTest {
    @TempDir
    Path tmp;

    private record Run(int exitCode, String out, String err) {}

    private static Run demo(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "demo";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = Rhizome.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(code, out.toString(), err.toString());
    }

    private static String section(String out, String from, String to) {
        int a = out.indexOf(from);
        int b = to == null ? out.length() : out.indexOf(to, a);
        assertThat(a).as("section " + from).isGreaterThanOrEqualTo(0);
        assertThat(b).as("end of section " + from).isGreaterThan(a);
        return out.substring(a, b);
    }

    @Test
    void loadsTheExampleGraphAndPrintsItsKnownCounts() {
        Path dir = tmp.resolve("demo");
        Run r = demo("--dir", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCodes.OK);
        assertThat(section(r.out(), "[1/11] Load the example graph", "[2/11]"))
                .contains("imported 778 statements from history-of-computing.ttl in ");
        String stats = section(r.out(), "[2/11] Store statistics", "[3/11]");
        assertThat(stats)
                .containsPattern("(?m)^  statements +778$")
                .containsPattern("(?m)^  quads +778$")
                .containsPattern("(?m)^  sources +1$")
                .containsPattern("(?m)^  concepts +113$")
                .containsPattern("(?m)^  relation types +24$")
                .containsPattern("(?m)^  merges +0$")
                .containsPattern("(?m)^  snapshot entities +113$")
                .containsPattern("(?m)^  snapshot relations +24$")
                .containsPattern("(?m)^  snapshot edges +238$");
        assertThat(r.out()).contains("Next, try:", "stats --store ", "query --store ");
    }

    @Test
    void theSparqlStepNamesRealConceptsFromTheGraph() {
        Run r = demo("--dir", tmp.resolve("demo").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.OK);
        String ask = section(r.out(), "[3/11] Ask the graph", "[4/11]");
        // The most connected concept of the file, first row of the first table.
        assertThat(ask).containsPattern("(?m)^    Alan Turing +15$");
        // Alan Turing's neighbourhood: Kurt Gödel influenced him; Alonzo Church was his doctoral advisor.
        assertThat(ask).containsPattern("(?m)^    Kurt Gödel +influenced +Alan Turing$")
                .containsPattern("(?m)^    Alonzo Church +doctoral advisor of +Alan Turing$");
        // An influence chain.
        assertThat(ask).containsPattern("(?m)^    Multics +Unix +Linux$");
    }

    @Test
    void theSnapshotStepShowsTheMostConnectedEntities() {
        Run r = demo("--dir", tmp.resolve("demo").toString());
        String snap = section(r.out(), "[4/11] Snapshot", "[5/11]");
        assertThat(snap).contains("113 entities", "238 edges")
                .containsPattern("(?m)^    Alan Turing +8 +7 +15$")
                .containsPattern("bytes per edge");
    }

    @Test
    void theAnalysisStepMeasuresStoresAndReports() {
        Path dir = tmp.resolve("demo");
        Run r = demo("--dir", dir.toString());
        String a = section(r.out(), "[5/11] Analyse the structure", "[6/11]");
        // 113 concepts linked by 238 distinct statements.
        assertThat(a).containsPattern("(?m)^  nodes +113$").containsPattern("(?m)^  directedEdges +238$")
                .contains("power law: ", "hubs by PageRank: Alan Turing", "communities (leiden): ")
                .contains("stored scores of 113 nodes for SPARQL");
        Path report = tmp.resolve("demo-report");
        assertThat(report.resolve("index.html")).isNotEmptyFile();
        assertThat(report.resolve("metrics.json")).isNotEmptyFile();
        // Later runs keep the edge count: the stored scores and history are derived, not content. (The second
        // run analyses the graph the first run's growth step grew; the third must see exactly the same.)
        Run again = demo("--dir", dir.toString());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^  directedEdges +(\\d+)$")
                .matcher(section(again.out(), "[5/11] Analyse the structure", "[6/11]"));
        assertThat(m.find()).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThan(238);
        Run third = demo("--dir", dir.toString());
        assertThat(section(third.out(), "[5/11] Analyse the structure", "[6/11]"))
                .containsPattern("(?m)^  directedEdges +" + m.group(1) + "$");
    }

    @Test
    void theSearchStepIndexesSearchesResolvesAndConnects() {
        Path dir = tmp.resolve("demo");
        Run r = demo("--dir", dir.toString());
        String s = section(r.out(), "[6/11] Search, resolve, connect", "[7/11]");
        assertThat(s).containsPattern("Search index: \\d+ concepts \\(\\d+ added\\)")
                .contains("langchain4j:all-minilm-l6-v2:384");
        assertThat(dir.resolve("retrieval").resolve("index")).isDirectory();
        // The Code and Cypher School and Turing are found by words and meaning; Colossus by meaning only.
        assertThat(s).containsPattern("(?m)^    1  Government Code and Cypher School +#1 +#1 *$")
                .containsPattern("(?m)^    \\d  Colossus +- +#\\d *$");
        // Name variants: word order and a typo merge; a new concept stays new.
        assertThat(s).containsPattern("(?m)^    Turing, Alan +MERGE +Alan Turing ")
                .containsPattern("(?m)^    Charles Babage +MERGE +Charles Babbage ")
                .containsPattern("(?m)^    Quantum computer +NEW +- ");
        assertThat(s).contains("    Ada Lovelace --contributed to--> Analytical Engine --designed by--> Charles Babbage");
        // A second run finds the index in step and embeds nothing.
        Run again = demo("--dir", dir.toString());
        assertThat(section(again.out(), "[6/11] Search, resolve, connect", "[7/11]"))
                .containsPattern("Search index: \\d+ concepts \\(already in step\\), 0 texts embedded");
    }

    @Test
    void theServeStepAnswersOverHttpAndRefusesWrites() {
        Run r = demo("--dir", tmp.resolve("demo").toString());
        String s = section(r.out(), "[11/11] Serve it over SPARQL", "Done in");
        assertThat(s).containsPattern("Started the endpoint at http://127\\.0\\.0\\.1:\\d+/rhizome/sparql")
                .contains("-> 200").contains("      Ada Lovelace")
                .containsPattern("POST /update \"CLEAR ALL\" -> 403 .*read-only")
                .contains("\"readOnly\": true");
        // the refused update changed nothing: the next run counts what the growth step left
        assertThat(r.exitCode()).isZero();
        java.util.regex.Matcher grown = java.util.regex.Pattern.compile("the store now holds (\\d+) statements")
                .matcher(r.out());
        assertThat(grown.find()).isTrue();
        Run again = demo("--dir", tmp.resolve("demo").toString());
        assertThat(again.out().replace(",", "")).containsPattern("(?m)^  statements +" + grown.group(1) + "$");
    }

    @Test
    void aSecondRunReusesTheStoreAndFreshStartsOver() {
        Path dir = tmp.resolve("demo");
        assertThat(demo("--dir", dir.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        Run again = demo("--dir", dir.toString());
        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("reusing history-of-computing.ttl").doesNotContain("imported 778")
                .contains("reusing run demo-growth, already in the store: 10 iterations");
        Run fresh = demo("--dir", dir.toString(), "--fresh");
        assertThat(fresh.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(fresh.out()).contains("deleted the old demo store", "imported 778 statements")
                .containsPattern("(?m)^  sources +1$");
    }

    @Test
    void freshRefusesToDeleteADirectoryThatIsNotAStore() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("precious"));
        Path file = Files.writeString(dir.resolve("thesis.tex"), "do not lose");
        Run r = demo("--dir", dir.toString(), "--fresh");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("not a Rhizome store");
        assertThat(file).exists();
    }

    @Test
    void stepsRunInTheOrderDemoStepsListsThem() {
        Run r = demo("--dir", tmp.resolve("demo").toString());
        List<DemoStep> steps = DemoSteps.all();
        int at = -1;
        for (int i = 0; i < steps.size(); i++) {
            String heading = "[" + (i + 1) + "/" + steps.size() + "] " + steps.get(i).title();
            int next = r.out().indexOf(heading);
            assertThat(next).as(heading).isGreaterThan(at);
            at = next;
        }
        // the growth step: ten recorded iterations through the loop, name variants resolved to existing concepts
        String g = section(r.out(), "[7/11] Grow the graph with the agent", "[8/11]");
        String p = section(r.out(), "[8/11] Predict missing links", "[9/11]");
        String k = section(r.out(), "[9/11] Retrieve and read (KG-R3)", "[10/11]");
        String e = section(r.out(), "[10/11] Reason over relation chains (EpiGNN)", "[11/11]");
        // the reader: PPR with the mined path holds every held-out answer in 3 entities, k-hop none
        assertThat(k).containsPattern("(?m)^    k-hop \\(relation-blind\\) +0\\.000 *$")
                .containsPattern("(?m)^    PPR \\+ mined relation paths +1\\.000 *$")
                .contains("path mined for affiliated_with: advised_by then works_at")
                .containsPattern("held-out tail MRR (0\\.\\d{3}|1\\.000)").contains("groups.rzr3");
        assertThat(e).containsPattern("hold-out accuracy (0\\.\\d{3}|1\\.000)").contains("rcc8.rzepi")
                .containsPattern("(?m)^ +6 +\\d\\.\\d{3} +no");
        assertThat(p).containsPattern("held-out test, filtered, realistic ties: MRR (0\\.\\d{3}|1\\.000)")
                .contains("(Alan Turing, worked at, ?)").contains("rotate.rzkge")
                // the SPARQL part: three new links, each with a label and a score
                .contains("rzf:predictTails")
                .containsPattern("(?m)^    tail +score\\n    -+ +-+\\n(    \\S.* +-?\\d+\\.\\d{2}\\n){3}");
        assertThat(g).contains("recorded demo model").contains("run demo-growth: 10 iterations in ")
                .contains("stopped: reached 10 iterations")
                .containsPattern("(?m)^    J\\. von Neumann +john_von_neumann ")
                .containsPattern("(?m)^    Grace Murray Hopper +grace_hopper ");
    }
}
