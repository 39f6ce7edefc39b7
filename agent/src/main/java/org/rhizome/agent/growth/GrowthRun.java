package org.rhizome.agent.growth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.rhizome.agent.extract.Extraction;
import org.rhizome.agent.extract.Extractor;
import org.rhizome.agent.extract.LocalGraph;
import org.rhizome.agent.extract.LocalGraphParser;
import org.rhizome.agent.extract.LocalGraphShapes;
import org.rhizome.agent.extract.Prompts;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmException;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.SourceWriter;
import org.rhizome.graph.analytics.AnalysisOptions;
import org.rhizome.graph.analytics.AnalysisReport;
import org.rhizome.graph.analytics.GraphAnalysis;
import org.rhizome.graph.analytics.StoredAnalytics;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.search.SearchHit;
import org.rhizome.retrieval.search.SearchMode;
import org.rhizome.retrieval.search.SearchRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The growth loop: ask, extract, validate (and repair), resolve, write, choose the next question, repeat, with
 * every iteration committed before the next starts.
 *
 * <p>One iteration: the prompt ({@link Prompts}) with the question and, as an option, an excerpt of the graph around
 * it; the model's answer; the local graph parsed and validated ({@link LocalGraphParser}), with up to
 * {@link GrowthOptions#maxRepairs()} repair prompts that send the problems back; each concept resolved against the
 * graph ({@link ConceptMatcher}); the next question chosen ({@link QuestionStrategy}); then ONE write transaction
 * with the iteration's statements in their own named graph {@code <base>run/<id>/iteration/<n>} (a source of kind
 * growth iteration recording the model, the prompt's hash, the question and the time) and the run's new state
 * ({@link RunLedger}). An answer that stays unusable after the repairs is recorded as a refused iteration and writes
 * no statement; the run goes on with the next question, and stops after
 * {@link GrowthOptions#maxConsecutiveRejects()} refusals in a row.
 *
 * <p>Crash safety: a crash at any point loses at most the iteration in flight (its transaction never committed);
 * {@link #resume} continues from the last committed iteration with the question recorded for the next one. A
 * model failure that retries cannot fix (401, 400, retries exhausted) stops the run as {@code failed}, with the
 * reason, and it can be resumed once fixed.
 *
 * <p>Resolved concepts are reused, not duplicated: a concept of the answer that the matcher finds in the graph is
 * written as the existing IRI, and its label, when different, as a {@code skos:altLabel} in the iteration's graph
 * (so removing the iteration undoes it); the decision and score are recorded with the iteration. Concepts the
 * resolver is unsure about are written as new and listed for review.
 *
 * <p>A critic ({@link EdgeCritic}, e.g. a trained link-prediction model) optionally scores every proposed statement
 * between concepts already in the graph: the plausibility becomes the statement's confidence, and statements below
 * the threshold are written to the iteration's review graph {@code <iteration>/review} (status review) in the same
 * transaction, listed in {@link IterationResult#heldBack()}.
 */
public final class GrowthRun {
    private static final Logger LOG = LoggerFactory.getLogger(GrowthRun.class);

    private final KnowledgeGraph kg;
    private final LlmClient llm;
    private final ConceptMatcher matcher;
    private final Optional<Retrieval> retrieval;
    private final GrowthOptions options;
    private final QuestionStrategy strategy;
    private final List<GrowthListener> listeners;
    private final RunLedger ledger;
    private final Extractor extractor;
    private final LocalGraphWriter writer;
    private volatile boolean stopRequested;
    private final EdgeCritic critic;
    private final double criticThreshold;
    /** The last metrics analysis of this run, from which the next one's Leiden starts (called from the loop only). */
    private AnalysisReport lastMetrics;

    private GrowthRun(Builder b) {
        this.kg = b.kg;
        this.llm = Objects.requireNonNull(b.llm, "an LLM client is required");
        this.retrieval = Optional.ofNullable(b.retrieval);
        this.matcher = b.matcher != null ? b.matcher
                : b.retrieval != null ? ConceptMatcher.resolver(kg, b.retrieval) : ConceptMatcher.exactLabels(kg);
        this.options = b.options;
        this.strategy = b.strategy;
        this.listeners = List.copyOf(b.listeners);
        this.ledger = new RunLedger(kg);
        this.extractor = new Extractor(llm, new LocalGraphParser(options.rules()), options.maxRepairs(),
                Optional.ofNullable(b.shapes));
        this.writer = new LocalGraphWriter(matcher);
        this.critic = b.critic;
        this.criticThreshold = b.criticThreshold;
    }

    /** A builder for runs on {@code kg}. */
    public static Builder builder(KnowledgeGraph kg) {
        return new Builder(kg);
    }

    /** Builder of {@link GrowthRun}. */
    public static final class Builder {
        private final KnowledgeGraph kg;
        private LlmClient llm;
        private ConceptMatcher matcher;
        private Retrieval retrieval;
        private GrowthOptions options = GrowthOptions.defaults();
        private QuestionStrategy strategy = Strategies.followUp();
        private LocalGraphShapes shapes;
        private EdgeCritic critic;
        private double criticThreshold;
        private final List<GrowthListener> listeners = new ArrayList<>();

        private Builder(KnowledgeGraph kg) {
            this.kg = Objects.requireNonNull(kg, "kg");
        }

        /** The model to ask (required). */
        public Builder llm(LlmClient c) {
            this.llm = c;
            return this;
        }

        /** Retrieval services: entity resolution with the calibrated resolver, and the graph excerpt. */
        public Builder retrieval(Retrieval r) {
            this.retrieval = r;
            return this;
        }

        /** Another matcher (default: the resolver when retrieval is given, else exact labels). */
        public Builder matcher(ConceptMatcher m) {
            this.matcher = m;
            return this;
        }

        public Builder options(GrowthOptions o) {
            this.options = Objects.requireNonNull(o, "options");
            return this;
        }

        public Builder strategy(QuestionStrategy s) {
            this.strategy = Objects.requireNonNull(s, "strategy");
            return this;
        }

        /**
         * A critic that scores every proposed statement between concepts already in the graph; those below
         * {@code threshold} are written to the iteration's review graph (status review) instead of the asserted one,
         * and every scored statement carries its plausibility as its confidence.
         */
        public Builder critic(EdgeCritic c, double threshold) {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("the critic's threshold must be in [0, 1], got " + threshold);
            }
            this.critic = c;
            this.criticThreshold = threshold;
            return this;
        }

        /** SHACL shapes every local graph must satisfy before it is written (violations are sent for repair). */
        public Builder shapes(LocalGraphShapes s) {
            this.shapes = s;
            return this;
        }

        public Builder listener(GrowthListener l) {
            this.listeners.add(Objects.requireNonNull(l, "listener"));
            return this;
        }

        public GrowthRun build() {
            return new GrowthRun(this);
        }
    }

    /** The runs recorded in this graph. */
    public RunLedger ledger() {
        return ledger;
    }

    /** Asks the loop to stop after the iteration in flight (from any thread). */
    public void requestStop() {
        stopRequested = true;
    }

    /**
     * Starts a new run from {@code seedQuestion} and iterates until a budget stops it.
     *
     * @param runId the run's id, or null for a fresh one ({@code run-<8 hex>})
     * @return the run as it stands when it stopped
     */
    public RunRecord start(String seedQuestion, String runId) {
        Objects.requireNonNull(seedQuestion, "seedQuestion");
        if (seedQuestion.isBlank()) {
            throw new IllegalArgumentException("the seed question must not be blank");
        }
        String id = runId != null ? runId : "run-" + UUID.randomUUID().toString().substring(0, 8);
        if (!id.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("a run id is 1-64 letters, digits, '.', '_' or '-', got '" + id + "'");
        }
        if (ledger.run(id).isPresent()) {
            throw new IllegalArgumentException("run " + id + " already exists; resume it or choose another id");
        }
        Instant now = Instant.now();
        RunRecord r = new RunRecord(id, ledger.runIri(id), seedQuestion.strip(), llm.config().describe(),
                strategy.name(), RunStatus.RUNNING, 0, 0,
                List.of(new NextQuestion(seedQuestion.strip(), "seed", Optional.empty())), 0, 0, 0, now, now,
                Optional.empty());
        ledger.create(r);
        return loop(r);
    }

    /**
     * Continues run {@code runId} from its last committed iteration, with this builder's model, strategy and
     * budgets (a budget counts the whole run: {@code maxIterations} 20 on a run with 12 done runs 8 more).
     *
     * @throws IllegalArgumentException if there is no such run
     */
    public RunRecord resume(String runId) {
        RunRecord r = ledger.run(runId).orElseThrow(() -> new IllegalArgumentException("no growth run '" + runId
                + "' in this store; `rhizome runs` lists them"));
        RunRecord running = withStatus(r, RunStatus.RUNNING, Optional.empty());
        ledger.update(running);
        LOG.info("resuming run {} after iteration {}", runId, r.iterations());
        return loop(running);
    }

    private RunRecord loop(RunRecord start) {
        long t0 = System.nanoTime();
        RunRecord run = start;
        Set<String> asked = new HashSet<>();
        for (String q : ledger.questions(run.id())) {
            asked.add(normalise(q));
        }
        Set<String> focused = new HashSet<>();
        Deque<NextQuestion> queue = new ArrayDeque<>(run.pending());
        List<NextQuestion> inFlight = new ArrayList<>();
        int branches = options.branches();
        ExecutorService pool = branches == 1 ? null : Executors.newFixedThreadPool(branches, r -> {
            Thread t = new Thread(r, "rhizome-growth-branch");
            t.setDaemon(true);
            return t;
        });
        CompletionService<Asked> answers = new ExecutorCompletionService<>(pool != null ? pool : Runnable::run);
        int rejectsInARow = 0;
        int staleInARow = 0;
        LlmException failure = null;
        try {
            while (true) {
                Optional<String> stop = failure != null ? Optional.of("FAILED:" + failure.getMessage())
                        : rejectsInARow >= options.maxConsecutiveRejects()
                                ? Optional.of("FAILED:" + rejectsInARow + " unusable answers in a row")
                                : budgetReached(run, Duration.ofNanos(System.nanoTime() - t0), staleInARow,
                                        inFlight.size());
                if (stop.isEmpty() && stopRequested) {
                    stop = Optional.of("stopped on request");
                }
                // a budget reached (counting the questions in flight) stops new questions; those in flight finish
                while (stop.isEmpty() && inFlight.size() < branches && !queue.isEmpty()
                        && (options.maxIterations() == 0
                                || run.iterations() + inFlight.size() < options.maxIterations())) {
                    NextQuestion q = queue.poll();
                    q.focus().ifPresent(focused::add);
                    asked.add(normalise(q.question()));
                    inFlight.add(q);
                    answers.submit(() -> ask(q));
                }
                if (inFlight.isEmpty()) {
                    String reason = stop.orElse("the strategy " + strategy.name() + " has no question left to ask");
                    RunStatus status = reason.startsWith("FAILED:") ? RunStatus.FAILED : RunStatus.STOPPED;
                    run = withStatus(run, status, Optional.of(reason.replaceFirst("^FAILED:", "")));
                    run = withPending(run, new ArrayList<>(queue));
                    ledger.update(run);
                    for (GrowthListener l : listeners) {
                        l.runStopped(run);
                    }
                    return run;
                }
                Asked a = take(answers);
                inFlight.remove(a.question);
                if (a.failure != null) {
                    // nothing of this question was written: it goes back to the front, for a resume
                    failure = failure == null ? a.failure : failure;
                    queue.addFirst(a.question);
                    continue;
                }
                Outcome o = commit(run, a, asked, focused, queue, inFlight);
                run = o.run;
                rejectsInARow = o.result.committed() ? 0 : rejectsInARow + 1;
                staleInARow = o.result.committed() && o.result.newConcepts() == 0 ? staleInARow + 1
                        : o.result.committed() ? 0 : staleInARow;
                if (options.analyzeEvery() > 0 && o.result.committed()
                        && run.iterations() % options.analyzeEvery() == 0) {
                    recordMetrics(run);
                }
                for (GrowthListener l : listeners) {
                    l.iterationDone(o.result, run);
                }
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static Asked take(CompletionService<Asked> answers) {
        try {
            return answers.take().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        }
    }

    private record Outcome(IterationResult result, RunRecord run) {}

    /** One question asked (on a branch thread; touches neither store nor run): the extraction or the failure. */
    private record Asked(NextQuestion question, Extraction extraction, long startNanos, LlmException failure) {}

    private Asked ask(NextQuestion q) {
        long start = System.nanoTime();
        Optional<String> excerpt = options.graphExcerpt() ? excerpt(q.question()) : Optional.empty();
        try {
            Extraction e = extractor.extract(Prompts.system(options.rules()), Prompts.user(q.question(), excerpt),
                    problems -> Prompts.repair(q.question(), excerpt, problems));
            return new Asked(q, e, start, null);
        } catch (LlmException e) {
            return new Asked(q, null, start, e);
        }
    }

    /** Resolves and writes one answer as the run's next iteration, choosing the questions that follow it. */
    private Outcome commit(RunRecord run, Asked a, Set<String> asked, Set<String> focused,
            Deque<NextQuestion> queue, List<NextQuestion> inFlight) {
        int n = run.iterations() + 1;
        NextQuestion q = a.question;
        Extraction x = a.extraction;
        if (x.graph().isEmpty()) {
            strategy.next(kg, Optional.empty(), asked, focused).ifPresent(nq -> offer(queue, inFlight, asked, nq));
            IterationResult r = new IterationResult(n, q, false, Optional.empty(), 0, List.of(), List.of(), 0, 0,
                    x.repairs(), x.inputTokens(), x.outputTokens(), x.cost(),
                    Duration.ofNanos(System.nanoTime() - a.startNanos), x.llmTime(), Optional.empty(), x.problems(),
                    List.of(), List.of());
            RunRecord updated = advance(run, n, 0, pendingAfter(inFlight, queue), x.inputTokens(), x.outputTokens(),
                    x.cost());
            String refused = x.lastAnswer().length() > 2_000 ? x.lastAnswer().substring(0, 2_000) + "..."
                    : x.lastAnswer();
            Txn.executeWrite(kg.dataset(), () -> {
                ledger.putIteration(updated, r, refused);
                ledger.put(updated);
            });
            return new Outcome(r, updated);
        }
        LocalGraph local = x.graph().get();
        // resolved against the graph as it stands after every earlier commit, on the one thread that writes, so two
        // branches never both create a concept
        LocalGraphWriter.Plan plan = writer.resolve(local);
        strategy.next(kg, Optional.of(local), asked, focused).ifPresent(nq -> offer(queue, inFlight, asked, nq));
        // with several branches, fan out: the answer's new concepts become questions of their own
        for (int i = 0; i < local.nodes().size() && queue.size() + inFlight.size() < options.branches(); i++) {
            if (plan.matches().get(i).kind() != ConceptMatcher.Kind.EXISTING) {
                String label = local.nodes().get(i).label();
                offer(queue, inFlight, asked, new NextQuestion("What is " + label + ", and how does it connect to "
                        + "other ideas: what does it build on, what does it make possible, and what is it often "
                        + "confused with?", "fan-out", Optional.of(kg.conceptIri(label))));
            }
        }
        // the critic: plausibility of each proposed statement between concepts already in the graph
        java.util.Map<Integer, Double> plausibility = new java.util.HashMap<>();
        java.util.Set<Integer> held = new java.util.HashSet<>();
        List<IterationResult.HeldBack> heldBack = new ArrayList<>();
        if (critic != null) {
            for (int i = 0; i < local.edges().size(); i++) {
                LocalGraph.Edge e = local.edges().get(i);
                ConceptMatcher.Match hm = plan.matches().get(e.source());
                ConceptMatcher.Match tm = plan.matches().get(e.target());
                if (hm.kind() != ConceptMatcher.Kind.EXISTING || tm.kind() != ConceptMatcher.Kind.EXISTING) {
                    continue;
                }
                java.util.OptionalDouble p = critic.plausibility(hm.iri().orElseThrow(),
                        kg.relationIri(e.relation()), tm.iri().orElseThrow());
                if (p.isPresent()) {
                    plausibility.put(i, p.getAsDouble());
                    if (p.getAsDouble() < criticThreshold) {
                        held.add(i);
                        heldBack.add(new IterationResult.HeldBack(local.nodes().get(e.source()).label(),
                                e.relation(), local.nodes().get(e.target()).label(), p.getAsDouble()));
                    }
                }
            }
        }
        String graphIri = ledger.iterationIri(run.id(), n);
        Source source = Source.builder(SourceKind.GROWTH_ITERATION, run.id() + "/" + n).model(x.model())
                .promptHash(x.promptHash()).note(q.question()).graphIri(graphIri).build();
        List<Source> sources = new ArrayList<>(List.of(source));
        if (!held.isEmpty()) {
            sources.add(Source.builder(SourceKind.GROWTH_ITERATION, run.id() + "/" + n + "/review")
                    .model(x.model()).promptHash(x.promptHash()).status(org.rhizome.graph.Status.REVIEW)
                    .note("held back by the critic " + critic.name() + " (plausibility below " + criticThreshold
                            + "): " + q.question())
                    .graphIri(graphIri + "/review").build());
        }
        IterationResult[] result = new IterationResult[1];
        RunRecord[] updated = new RunRecord[1];
        List<NextQuestion> pending = pendingAfter(inFlight, queue);
        kg.writeAndGet(sources, ws -> {
            SourceWriter w = ws.get(0);
            int edges = writer.write(w, ws.size() > 1 ? ws.get(1) : null, local, plan, plausibility, held);
            result[0] = new IterationResult(n, q, true, Optional.of(graphIri), plan.created(), plan.reused(),
                    plan.review(), edges, w.added(), x.repairs(), x.inputTokens(), x.outputTokens(), x.cost(),
                    Duration.ofNanos(System.nanoTime() - a.startNanos), x.llmTime(), local.followUp(), List.of(),
                    local.warnings(), heldBack);
            updated[0] = advance(run, n, plan.created(), pending, x.inputTokens(), x.outputTokens(), x.cost());
            ledger.putIteration(updated[0], result[0], local.reasoning());
            ledger.put(updated[0]);
            return null;
        });
        // elapsed measured after the commit and the listeners it fires (the search index update), so it is the
        // iteration's whole cost; the structural metrics come after and are timed in the metrics history
        IterationResult r = result[0];
        IterationResult timed = new IterationResult(r.iteration(), r.question(), r.committed(), r.graph(),
                r.newConcepts(), r.reused(), r.review(), r.edges(), r.statements(), r.repairs(), r.inputTokens(),
                r.outputTokens(), r.cost(), Duration.ofNanos(System.nanoTime() - a.startNanos), r.llmTime(),
                r.followUp(), r.problems(), r.warnings(), r.heldBack());
        return new Outcome(timed, updated[0]);
    }

    private static void offer(Deque<NextQuestion> queue, List<NextQuestion> inFlight, Set<String> asked,
            NextQuestion q) {
        String key = normalise(q.question());
        if (asked.contains(key)) {
            return;
        }
        for (NextQuestion x : queue) {
            if (normalise(x.question()).equals(key)) {
                return;
            }
        }
        for (NextQuestion x : inFlight) {
            if (normalise(x.question()).equals(key)) {
                return;
            }
        }
        queue.add(q);
    }

    /** What a resume must ask: the questions in flight (their answers are not written yet), then the queue. */
    private static List<NextQuestion> pendingAfter(List<NextQuestion> inFlight, Deque<NextQuestion> queue) {
        List<NextQuestion> p = new ArrayList<>(inFlight);
        p.addAll(queue);
        return p;
    }

    private static RunRecord advance(RunRecord r, int n, int newConcepts, List<NextQuestion> pending, long in,
            long out, double cost) {
        return new RunRecord(r.id(), r.iri(), r.seedQuestion(), r.llm(), r.strategy(), RunStatus.RUNNING, n,
                r.concepts() + newConcepts, pending, r.inputTokens() + in, r.outputTokens() + out, r.cost() + cost,
                r.createdAt(), Instant.now(), Optional.empty());
    }

    private static RunRecord withStatus(RunRecord r, RunStatus s, Optional<String> reason) {
        return new RunRecord(r.id(), r.iri(), r.seedQuestion(), r.llm(), r.strategy(), s, r.iterations(),
                r.concepts(), r.pending(), r.inputTokens(), r.outputTokens(), r.cost(), r.createdAt(), Instant.now(),
                reason);
    }

    private static RunRecord withPending(RunRecord r, List<NextQuestion> pending) {
        return new RunRecord(r.id(), r.iri(), r.seedQuestion(), r.llm(), r.strategy(), r.status(), r.iterations(),
                r.concepts(), pending, r.inputTokens(), r.outputTokens(), r.cost(), r.createdAt(), r.updatedAt(),
                r.stopReason());
    }

    private Optional<String> budgetReached(RunRecord r, Duration wall, int stale, int inFlight) {
        if (options.maxIterations() > 0 && r.iterations() + inFlight >= options.maxIterations()) {
            return Optional.of("reached " + options.maxIterations() + " iterations");
        }
        if (options.maxTokens() > 0 && r.tokens() >= options.maxTokens()) {
            return Optional.of("reached the token budget (" + r.tokens() + " of " + options.maxTokens() + ")");
        }
        if (options.maxCost() > 0 && r.cost() >= options.maxCost()) {
            return Optional.of(String.format(Locale.ROOT, "reached the cost budget ($%.4f of $%.4f)", r.cost(),
                    options.maxCost()));
        }
        if (!options.maxWallTime().isZero() && wall.compareTo(options.maxWallTime()) >= 0) {
            return Optional.of("reached the wall-time budget (" + options.maxWallTime().toSeconds() + " s)");
        }
        if (options.stopAfterNoNewConcepts() > 0 && stale >= options.stopAfterNoNewConcepts()) {
            return Optional.of(stale + " iterations in a row added no concept");
        }
        return Optional.empty();
    }

    private void recordMetrics(RunRecord run) {
        try {
            GraphSnapshot s = GraphSnapshot.of(kg);
            AnalysisReport report = new GraphAnalysis(AnalysisOptions.perIteration()).run(s, lastMetrics);
            StoredAnalytics.record(kg, run.iterations(), run.id(), report);
            lastMetrics = report;
        } catch (RuntimeException e) {
            // metrics are an observation of the run, never a reason to stop it
            LOG.warn("could not record the structural metrics of iteration {}: {}", run.iterations(), e.toString());
        }
    }

    /** What the graph holds around the question: the top concepts by hybrid search and a few of their statements. */
    private Optional<String> excerpt(String question) {
        if (retrieval.isEmpty()) {
            return Optional.empty();
        }
        List<SearchHit> hits = retrieval.get().searcher().search(SearchRequest.of(question, SearchMode.HYBRID, 3));
        StringBuilder b = new StringBuilder();
        for (SearchHit h : hits) {
            b.append("- ").append(h.label());
            kg.concept(h.iri()).flatMap(c -> c.description()).ifPresent(d -> b.append(": ").append(d));
            b.append('\n');
            for (Triple t : kg.find(NodeFactory.createURI(h.iri()), Node.ANY, Node.ANY, 0, 40)) {
                if (!t.getObject().isURI() || t.getPredicate().equals(RDF.type.asNode())) {
                    continue;
                }
                Optional<String> target = kg.concept(t.getObject().getURI()).map(c -> c.label());
                Optional<String> rel = kg.concept(t.getPredicate().getURI()).map(c -> c.label());
                if (target.isPresent()) {
                    b.append("  ").append(h.label()).append(" -- ")
                            .append(rel.orElse(localName(t.getPredicate().getURI()))).append(" --> ")
                            .append(target.get()).append('\n');
                }
            }
        }
        return b.length() == 0 ? Optional.empty() : Optional.of(b.toString());
    }

    private static String localName(String iri) {
        int i = Math.max(iri.lastIndexOf('/'), iri.lastIndexOf('#'));
        return iri.substring(i + 1).replace('_', ' ');
    }

    static String normalise(String question) {
        return question.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
