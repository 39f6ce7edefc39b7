package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.agent.testing.ScriptedLlmServer;
import org.rhizome.agent.testing.ScriptedLlmServer.Reply;

/** grow, resume, runs and ingest, in-process, against the scripted OpenAI-compatible server. */
class AgentCommandsTest {
    @TempDir
    Path dir;
    private ScriptedLlmServer server;
    private String store;
    private Path llm;

    @BeforeEach
    void setUp() throws Exception {
        server = ScriptedLlmServer.start();
        int[] n = {0};
        server.fallback(req -> {
            int k = ++n[0];
            return Reply.content("{\"nodes\": [{\"id\": \"a\", \"label\": \"Idea " + k + "\"}, {\"id\": \"h\", "
                    + "\"label\": \"Hub\"}], \"edges\": [{\"source\": \"a\", \"relation\": \"part of\", \"target\": "
                    + "\"h\"}], \"follow_up_question\": \"And after idea " + k + "?\"}").withUsage(1000, 500);
        });
        store = dir.resolve("store").toString();
        llm = Files.writeString(dir.resolve("llm.properties"), "provider=openai\nbase-url=" + server.openAiBaseUrl()
                + "\nmodel=scripted\napi-key=k\nmax-retries=0\ninput-price-per-million=1\n"
                + "output-price-per-million=2\n");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void growResumeAndRuns() {
        Cli.Result g = Cli.run("--store", store, "--quiet", "grow", "--question", "Where to start?", "--run-id",
                "cli-run", "--llm", llm.toString(), "--iterations", "3", "--exact-match");
        assertThat(g.exitCode()).as(g.err()).isZero();
        assertThat(g.out()).contains("model: openai:scripted at " + server.openAiBaseUrl())
                .contains("iteration 1/3: +2 concepts, 0 reused, 1 edges")
                .contains("iteration 3/3: +1 concepts, 1 reused")
                .contains("run cli-run stopped after 3 iterations: reached 3 iterations")
                .contains("4 concepts created, 4,500 tokens (3,000 in, 1,500 out), $0.0060")
                .contains("next question: And after idea 3?")
                .contains("resume with: rhizome resume cli-run");
        Cli.Result r = Cli.run("--store", store, "--quiet", "resume", "cli-run", "--llm", llm.toString(),
                "--iterations", "5", "--exact-match");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("iteration 5/5").contains("stopped after 5 iterations");
        Cli.Result runs = Cli.run("--store", store, "runs");
        assertThat(runs.out()).containsPattern("cli-run +stopped +5 +6 +7,500 +\\$0\\.0100 +openai:scripted");
        Cli.Result missing = Cli.run("--store", store, "resume", "no-such-run", "--exact-match");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(missing.err()).contains("no growth run 'no-such-run'");
    }

    @Test
    void growWithoutAModelExplainsHowToConfigureOne() {
        Cli.Result g = Cli.run("--store", store, "--quiet", "grow", "--question", "What is a proton?",
                "--exact-match");
        assertThat(g.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(g.out()).contains("failed").contains("recorded demo model has no answer")
                .contains("--llm FILE");
        Path bad = dir.resolve("bad.properties");
        Cli.Result b = Cli.run("--store", store, "grow", "--question", "q", "--llm", bad.toString());
        assertThat(b.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(b.err()).contains("bad.properties");
    }

    @Test
    void ingestAgainAndRemove() throws Exception {
        Path docs = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(docs.resolve("a.md"), "# A\n\nSome text about ideas.\n");
        Files.writeString(docs.resolve("b.txt"), "More text about ideas.\n");
        Files.writeString(docs.resolve("ignored.bin"), "x");
        Cli.Result i = Cli.run("--store", store, "--quiet", "ingest", docs.toString(), "--llm", llm.toString(),
                "--exact-match");
        assertThat(i.exitCode()).as(i.err()).isZero();
        assertThat(i.out()).contains("a.md: ingested; 1 chunks (1 written, 0 already there, 0 refused), +2 concepts")
                .contains("b.txt: ingested; 1 chunks (1 written").doesNotContain("ignored.bin");
        Cli.Result again = Cli.run("--store", store, "--quiet", "ingest", docs.toString(), "--llm", llm.toString(),
                "--exact-match");
        assertThat(again.out()).contains("a.md: unchanged since it was ingested");
        Cli.Result rm = Cli.run("--store", store, "--quiet", "ingest", "--remove", docs.resolve("a.md").toString());
        assertThat(rm.exitCode()).isZero();
        assertThat(rm.out()).containsPattern("a\\.md: \\d+ statements removed");
        Cli.Result noModel = Cli.run("--store", store, "ingest", docs.toString());
        assertThat(noModel.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noModel.err()).contains("ingestion needs a model");
    }

    @Test
    void aJobFileIngestsGrowsAndWritesItsOutputs() throws Exception {
        Files.writeString(dir.resolve("notes.md"), "# Notes\n\nIdeas connect.\n");
        Path job = Files.writeString(dir.resolve("job.yaml"), """
                store: job-store
                exact-match: true
                llm:
                  provider: openai
                  base-url: %s
                  model: scripted
                  api-key: k
                documents: [notes.md]
                runs:
                  - id: first
                    question: Where to start?
                    iterations: 2
                  - id: second
                    question: Where else?
                    iterations: 2
                outputs:
                  export: graph.nt
                  summary: summary.json
                """.formatted(server.openAiBaseUrl()));
        Cli.Result r = Cli.run("--quiet", "job", "run", job.toString());
        assertThat(r.exitCode()).as(r.err() + r.out()).isZero();
        assertThat(r.out()).contains("document ").contains("notes.md: ingested")
                .contains("run first stopped after 2 iterations").contains("run second stopped after 2 iterations")
                .contains("job done in ");
        assertThat(dir.resolve("job-store")).isDirectory();
        assertThat(Files.readString(dir.resolve("graph.nt"))).contains("Idea 1");
        String summary = Files.readString(dir.resolve("summary.json"));
        assertThat(summary).contains("\"ok\" : true").contains("\"id\" : \"second\"");
        // running the job again resumes its runs (already at their budget) and skips the unchanged document
        int before = server.requests().size();
        Cli.Result again = Cli.run("--quiet", "job", "run", job.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("notes.md: unchanged");
        assertThat(server.requests()).hasSize(before);
    }

    @Test
    void aBadJobFileNamesTheLineAndKey() throws Exception {
        Path job = Files.writeString(dir.resolve("bad.yaml"), "runs:\n  - id: a\n    question: q\n    iteratons: 3\n");
        Cli.Result r = Cli.run("job", "run", job.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("bad.yaml: unknown key 'iteratons' at runs[0].iteratons (near line");
        Path empty = Files.writeString(dir.resolve("empty.yaml"), "outputs:\n  export: x.nt\n");
        Cli.Result e = Cli.run("job", "run", empty.toString());
        assertThat(e.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(e.err()).contains("neither runs nor documents");
    }
}
