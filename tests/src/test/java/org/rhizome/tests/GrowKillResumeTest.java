package org.rhizome.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.agent.growth.RunLedger;
import org.rhizome.agent.growth.RunRecord;
import org.rhizome.agent.growth.RunStatus;
import org.rhizome.agent.testing.ScriptedLlmServer;
import org.rhizome.agent.testing.ScriptedLlmServer.RecordedRequest;
import org.rhizome.agent.testing.ScriptedLlmServer.Reply;
import org.rhizome.cli.Rhizome;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.SourceKind;

/**
 * {@code rhizome grow} killed with SIGKILL in the middle of a run, then {@code rhizome resume}: the store opens (TDB2
 * recovers its journal), holds exactly the iterations the ledger says were committed, and the resumed run continues
 * with the next question, so that in the end every question was asked once and recorded once, with no lost or
 * repeated iteration in the graph.
 */
class GrowKillResumeTest {
    private static final String RUN = "killed";
    private static final Pattern AFTER = Pattern.compile("What comes after topic (\\d+)\\?");

    /** Iteration i's question: the seed, then the follow-up iteration i-1's answer proposes. */
    static String question(int i) {
        return i == 1 ? "Where does it start?" : "What comes after topic " + (i - 1) + "?";
    }

    /** Iteration i's answer: topic i (new), topic i-1 (already there), a hub every answer mentions. */
    static String answer(int i) {
        String prev = i == 1 ? "Seed topic" : "Topic " + (i - 1);
        return "Reasoning about topic " + i + ".\n```json\n{\"reasoning\": \"step " + i + "\", \"nodes\": ["
                + "{\"id\": \"a\", \"label\": \"Topic " + i + "\", \"description\": \"The topic of step " + i + ".\"},"
                + "{\"id\": \"b\", \"label\": \"" + prev + "\"},"
                + "{\"id\": \"h\", \"label\": \"Hub\", \"type\": \"Concept\"}],"
                + "\"edges\": [{\"source\": \"a\", \"relation\": \"follows\", \"target\": \"b\"},"
                + "{\"source\": \"a\", \"relation\": \"part of\", \"target\": \"h\"}],"
                + "\"follow_up_question\": \"" + question(i + 1) + "\"}\n```";
    }

    /** The question a request asked, from the first line of its user message ({@code Question: <q>}). */
    static String asked(RecordedRequest req) {
        String first = req.lastUserMessage().lines().findFirst().orElse("");
        if (!first.startsWith("Question: ")) {
            throw new IllegalStateException("not a growth question: " + first);
        }
        return first.substring("Question: ".length());
    }

    /** The iteration whose question {@code q} is. */
    static int iterationOf(String q) {
        if (q.equals(question(1))) {
            return 1;
        }
        Matcher m = AFTER.matcher(q);
        if (!m.matches()) {
            throw new IllegalStateException("unexpected question: " + q);
        }
        return Integer.parseInt(m.group(1)) + 1;
    }

    private static List<String> questions(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(GrowKillResumeTest::question).toList();
    }

    private static void kill(Process p) throws Exception {
        // SIGKILL through kill(1): Process.destroy() would also close our end of the child's output
        new ProcessBuilder("kill", "-KILL", Long.toString(p.pid())).start().waitFor();
    }

    /** The GROWTH_ITERATION source ids of the run, in no particular order (duplicates kept). */
    private static List<String> iterationSources(KnowledgeGraph kg) {
        return kg.sources().stream().filter(s -> s.source().kind() == SourceKind.GROWTH_ITERATION)
                .map(s -> s.source().id()).filter(id -> id.startsWith(RUN + "/")).toList();
    }

    private static List<String> sourceIds(int k) {
        return IntStream.rangeClosed(1, k).mapToObj(i -> RUN + "/" + i).toList();
    }

    @Test
    void aRunKilledMidIterationResumesWithoutLosingOrRepeatingAnIteration(@TempDir Path dir) throws Exception {
        try (ScriptedLlmServer server = ScriptedLlmServer.start()) {
            server.fallback(req -> Reply.content(answer(iterationOf(asked(req)))).after(Duration.ofMillis(150)));
            Path llm = dir.resolve("llm.properties");
            Files.writeString(llm, "provider=openai\nbase-url=" + server.openAiBaseUrl()
                    + "\nmodel=m\napi-key=k\ntimeout=10s\nmax-retries=0\n");
            Path store = dir.resolve("store");

            // grow, in a child JVM, killed with SIGKILL once a few iterations are done
            long t0 = System.nanoTime();
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m", "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                    Rhizome.class.getName(), "--store", store.toString(), "grow", "--question", question(1),
                    "--run-id", RUN, "--iterations", "40", "--llm", llm.toString(), "--exact-match");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            StringBuilder output = new StringBuilder();
            Thread drain = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                    String l;
                    while ((l = r.readLine()) != null) {
                        synchronized (output) {
                            output.append(l).append('\n');
                        }
                    }
                } catch (java.io.IOException e) {
                    // the process ended
                }
            }, "grow-output");
            drain.setDaemon(true);
            drain.start();
            int atKill;
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (server.requests().size() < 6) {
                    if (!p.isAlive() || System.nanoTime() > deadline) {
                        drain.join(5_000);
                        synchronized (output) {
                            throw new AssertionError("grow made " + server.requests().size() + " requests, "
                                    + (p.isAlive() ? "still running" : "exited " + p.exitValue()) + ":\n" + output);
                        }
                    }
                    Thread.sleep(20);
                }
                kill(p);
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("grow dies on SIGKILL").isTrue();
            } finally {
                if (p.isAlive()) {
                    kill(p);
                    p.waitFor(30, TimeUnit.SECONDS);
                }
            }
            drain.join(5_000);
            // no more requests can come from a dead process: this is what the killed run asked
            atKill = server.requests().size();
            long killedAt = System.nanoTime();
            String grown;
            synchronized (output) {
                grown = output.toString();
            }
            assertThat(p.exitValue()).as(grown).isEqualTo(137);

            // the store opens after the crash and holds exactly the iterations the ledger counts
            int k;
            try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
                RunLedger ledger = new RunLedger(kg);
                RunRecord r = ledger.run(RUN).orElseThrow();
                k = r.iterations();
                assertThat(k).as(grown).isGreaterThanOrEqualTo(4);
                assertThat(r.status()).as("a killed run stays running").isEqualTo(RunStatus.RUNNING);
                assertThat(iterationSources(kg)).containsExactlyInAnyOrderElementsOf(sourceIds(k));
                assertThat(ledger.questions(RUN)).containsExactlyElementsOf(questions(1, k));
                assertThat(r.next().orElseThrow().question()).isEqualTo(question(k + 1));
                assertThat(kg.stats().concepts()).isEqualTo(k + 2L);
            }
            // every committed iteration asked once, plus at most the one in flight at the kill
            assertThat(atKill).isBetween(k, k + 1);
            assertThat(server.requests()).extracting(GrowKillResumeTest::asked)
                    .containsExactlyElementsOf(questions(1, atKill));

            // resume, in-process, to k + 5 iterations in all
            long r0 = System.nanoTime();
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Rhizome.run(new PrintWriter(out), new PrintWriter(err), "--store", store.toString(), "resume",
                    RUN, "--iterations", Integer.toString(k + 5), "--llm", llm.toString(), "--exact-match");
            assertThat(code).as("resume:\n%s\n%s", out, err).isZero();
            long resumed = System.nanoTime();

            int n = k + 5;
            try (KnowledgeGraph kg = KnowledgeGraph.open(store)) {
                RunLedger ledger = new RunLedger(kg);
                RunRecord r = ledger.run(RUN).orElseThrow();
                assertThat(r.iterations()).isEqualTo(n);
                assertThat(r.status()).isEqualTo(RunStatus.STOPPED);
                assertThat(iterationSources(kg)).containsExactlyInAnyOrderElementsOf(sourceIds(n));
                assertThat(ledger.questions(RUN)).containsExactlyElementsOf(questions(1, n));
                assertThat(r.next().orElseThrow().question()).isEqualTo(question(n + 1));
                // Topic 1..n, Seed topic, Hub
                assertThat(kg.stats().concepts()).isEqualTo(n + 2L);
            }
            // the killed run's requests, then the resumed run's: the question in flight at the kill (if any) once more
            List<String> expected = new ArrayList<>(questions(1, atKill));
            expected.addAll(questions(k + 1, n));
            assertThat(server.requests()).extracting(GrowKillResumeTest::asked).containsExactlyElementsOf(expected);

            System.out.printf("GrowKillResumeTest: killed after %d requests (%d committed) at %.1f s; resume of 5 "
                    + "took %.1f s%n", atKill, k, (killedAt - t0) / 1e9, (resumed - r0) / 1e9);
        }
    }
}
