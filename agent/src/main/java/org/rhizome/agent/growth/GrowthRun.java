package org.rhizome.agent.growth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.SKOS;
import org.rhizome.agent.extract.ExtractionException;
import org.rhizome.agent.extract.LocalGraph;
import org.rhizome.agent.extract.LocalGraphParser;
import org.rhizome.agent.extract.Prompts;
import org.rhizome.agent.llm.LlmClient;
import org.rhizome.agent.llm.LlmException;
import org.rhizome.agent.llm.LlmReply;
import org.rhizome.graph.ConceptSpec;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Rz;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;
import org.rhizome.graph.analytics.AnalysisOptions;
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
 * <p>Not yet built (see the agent issue): parallel branches, the link-prediction critic, the hypothesis strategy.
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
    private final LocalGraphParser parser;
    private volatile boolean stopRequested;

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
        this.parser = new LocalGraphParser(options.rules());
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
                Optional.of(new NextQuestion(seedQuestion.strip(), "seed", Optional.empty())), 0, 0, 0, now, now,
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
        Optional<LocalGraph> last = Optional.empty();
        int rejectsInARow = 0;
        int staleInARow = 0;
        while (true) {
            Optional<String> stop = budgetReached(run, Duration.ofNanos(System.nanoTime() - t0), staleInARow);
            if (stop.isEmpty() && rejectsInARow >= options.maxConsecutiveRejects()) {
                stop = Optional.of("FAILED:" + rejectsInARow + " unusable answers in a row");
            }
            if (stop.isEmpty() && run.next().isEmpty()) {
                stop = Optional.of("the strategy " + strategy.name() + " has no question left to ask");
            }
            if (stop.isEmpty() && stopRequested) {
                stop = Optional.of("stopped on request");
            }
            if (stop.isPresent()) {
                String reason = stop.get();
                RunStatus status = reason.startsWith("FAILED:") ? RunStatus.FAILED : RunStatus.STOPPED;
                run = withStatus(run, status, Optional.of(reason.replaceFirst("^FAILED:", "")));
                ledger.update(run);
                for (GrowthListener l : listeners) {
                    l.runStopped(run);
                }
                return run;
            }
            NextQuestion q = run.next().orElseThrow();
            q.focus().ifPresent(focused::add);
            Outcome o;
            try {
                o = iterate(run, run.iterations() + 1, q, asked, focused);
            } catch (LlmException e) {
                run = withStatus(run, RunStatus.FAILED, Optional.of(e.getMessage()));
                ledger.update(run);
                for (GrowthListener l : listeners) {
                    l.runStopped(run);
                }
                return run;
            }
            run = o.run;
            last = o.local.isPresent() ? o.local : last;
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
    }

    private record Outcome(IterationResult result, RunRecord run, Optional<LocalGraph> local) {}

    private Outcome iterate(RunRecord run, int n, NextQuestion q, Set<String> asked, Set<String> focused) {
        long start = System.nanoTime();
        String system = Prompts.system(options.rules());
        Optional<String> excerpt = options.graphExcerpt() ? excerpt(q.question()) : Optional.empty();
        String user = Prompts.user(q.question(), excerpt);
        String promptHash = Prompts.hash(system, user);
        String prompt = user;
        long in = 0;
        long out = 0;
        double cost = 0;
        long llmNanos = 0;
        int repairs = 0;
        String model = llm.config().model();
        LocalGraph local = null;
        List<String> problems = List.of();
        String lastText = "";
        for (int attempt = 0; attempt <= options.maxRepairs(); attempt++) {
            if (attempt > 0) {
                prompt = Prompts.repair(q.question(), excerpt, problems);
                repairs++;
            }
            LlmReply reply = llm.chat(system, prompt, Optional.of(Prompts.responseFormat()));
            in += reply.inputTokens();
            out += reply.outputTokens();
            cost += reply.cost();
            llmNanos += reply.latency().toNanos();
            model = reply.model();
            lastText = reply.text();
            if (reply.text().length() > llm.config().maxAnswerChars()) {
                problems = List.of("the answer is " + reply.text().length() + " characters long; at most "
                        + llm.config().maxAnswerChars() + " are accepted: answer with fewer, shorter nodes");
                continue;
            }
            try {
                local = parser.parse(reply.text());
                break;
            } catch (ExtractionException e) {
                problems = e.problems();
                LOG.info("iteration {} of run {}: answer refused ({}){}", n, run.id(), e.getMessage(),
                        attempt < options.maxRepairs() ? ", asking for a repair" : "");
            }
        }
        asked.add(normalise(q.question()));
        if (local == null) {
            Optional<NextQuestion> next = strategy.next(kg, Optional.empty(), asked, focused);
            IterationResult r = new IterationResult(n, q, false, Optional.empty(), 0, List.of(), List.of(), 0, 0,
                    repairs, in, out, cost, Duration.ofNanos(System.nanoTime() - start), Duration.ofNanos(llmNanos),
                    Optional.empty(), problems, List.of());
            RunRecord updated = advance(run, n, 0, next, in, out, cost);
            String refused = lastText.length() > 2_000 ? lastText.substring(0, 2_000) + "..." : lastText;
            Txn.executeWrite(kg.dataset(), () -> {
                ledger.putIteration(updated, r, refused);
                ledger.put(updated);
            });
            return new Outcome(r, updated, Optional.empty());
        }
        // resolve every concept against the graph as it stands (outside the write transaction)
        List<ConceptMatcher.Match> matches = new ArrayList<>(local.nodes().size());
        List<IterationResult.Resolved> reused = new ArrayList<>();
        List<IterationResult.Resolved> review = new ArrayList<>();
        int created = 0;
        for (LocalGraph.Node node : local.nodes()) {
            ConceptMatcher.Match m = matcher.match(node);
            matches.add(m);
            switch (m.kind()) {
                case EXISTING -> reused.add(new IterationResult.Resolved(node.label(), m.iri().orElseThrow(),
                        m.score()));
                case REVIEW -> {
                    review.add(new IterationResult.Resolved(node.label(), m.iri().orElseThrow(), m.score()));
                    created++;
                }
                case NEW -> created++;
            }
        }
        Optional<NextQuestion> next = strategy.next(kg, Optional.of(local), asked, focused);
        String graphIri = ledger.iterationIri(run.id(), n);
        Source source = Source.builder(SourceKind.GROWTH_ITERATION, run.id() + "/" + n).model(model)
                .promptHash(promptHash).note(q.question()).graphIri(graphIri).build();
        LocalGraph lg = local;
        int newConcepts = created;
        long[] added = new long[1];
        IterationResult[] result = new IterationResult[1];
        RunRecord[] updated = new RunRecord[1];
        long inF = in;
        long outF = out;
        double costF = cost;
        int repairsF = repairs;
        long llmF = llmNanos;
        kg.write(source, w -> {
            Node[] nodes = new Node[lg.nodes().size()];
            for (int i = 0; i < nodes.length; i++) {
                LocalGraph.Node node = lg.nodes().get(i);
                ConceptMatcher.Match m = matches.get(i);
                if (m.kind() == ConceptMatcher.Kind.EXISTING) {
                    Node c = NodeFactory.createURI(m.iri().orElseThrow());
                    w.add(c, RDF.type.asNode(), Rz.Concept);
                    if (!m.label().map(l -> l.equalsIgnoreCase(node.label())).orElse(false)) {
                        w.add(c, SKOS.altLabel.asNode(), NodeFactory.createLiteralString(node.label()));
                    }
                    nodes[i] = c;
                } else {
                    nodes[i] = w.concept(new ConceptSpec(node.label(), node.description(), node.types(), List.of()));
                }
            }
            int edges = 0;
            for (LocalGraph.Edge e : lg.edges()) {
                Node rel = w.relationType(e.relation());
                if (!nodes[e.source()].equals(nodes[e.target()]) && w.add(nodes[e.source()], rel, nodes[e.target()])) {
                    edges++;
                }
            }
            added[0] = w.added();
            result[0] = new IterationResult(n, q, true, Optional.of(graphIri), newConcepts, reused, review, edges,
                    w.added(), repairsF, inF, outF, costF, Duration.ofNanos(System.nanoTime() - start),
                    Duration.ofNanos(llmF), lg.followUp(), List.of(), lg.warnings());
            updated[0] = advance(run, n, newConcepts, next, inF, outF, costF);
            ledger.putIteration(updated[0], result[0], lg.reasoning());
            ledger.put(updated[0]);
        });
        return new Outcome(result[0], updated[0], Optional.of(local));
    }

    private static RunRecord advance(RunRecord r, int n, int newConcepts, Optional<NextQuestion> next, long in,
            long out, double cost) {
        return new RunRecord(r.id(), r.iri(), r.seedQuestion(), r.llm(), r.strategy(), RunStatus.RUNNING, n,
                r.concepts() + newConcepts, next, r.inputTokens() + in, r.outputTokens() + out, r.cost() + cost,
                r.createdAt(), Instant.now(), Optional.empty());
    }

    private static RunRecord withStatus(RunRecord r, RunStatus s, Optional<String> reason) {
        return new RunRecord(r.id(), r.iri(), r.seedQuestion(), r.llm(), r.strategy(), s, r.iterations(),
                r.concepts(), r.next(), r.inputTokens(), r.outputTokens(), r.cost(), r.createdAt(), Instant.now(),
                reason);
    }

    private Optional<String> budgetReached(RunRecord r, Duration wall, int stale) {
        if (options.maxIterations() > 0 && r.iterations() >= options.maxIterations()) {
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
            StoredAnalytics.record(kg, run.iterations(), run.id(),
                    new GraphAnalysis(AnalysisOptions.perIteration()).run(s));
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
