package org.rhizome.agent.growth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.RDF;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Rz;

/**
 * Growth runs recorded in the store's catalogue (its default graph), next to the sources they write, so a run's
 * state commits in the same transaction as its iteration's statements: after a crash the store holds either the
 * iteration and the run state that counts it, or neither. That is what makes {@code resume} exact.
 *
 * <p>A run is {@code <base>run/<id> a rz:GrowthRun} with {@code rz:runId}, {@code rz:seedQuestion}, {@code rz:llm},
 * {@code rz:strategy}, {@code rz:runStatus}, {@code rz:iterationsDone}, {@code rz:conceptsCreated},
 * {@code rz:nextQuestion}, {@code rz:inputTokens},
 * {@code rz:outputTokens}, {@code rz:cost}, {@code rz:createdAt}, {@code rz:updatedAt} and {@code rz:stopReason}.
 * The questions waiting to be asked are {@code <run>/pending/<k>} with {@code rz:pendingQuestionOf <run>},
 * {@code rz:order}, {@code rz:question}, {@code rz:nextStrategy} and {@code rz:nextFocus}. Each iteration is
 * {@code <run>/iteration/<n>} (the named graph of its statements when committed) with
 * {@code rz:run}, {@code rz:iteration}, {@code rz:question}, {@code rz:strategy}, {@code rz:reasoning},
 * {@code rz:committed}, {@code rz:problem}s, token counts and cost, and one {@code rz:resolved} node per label
 * resolved to an existing concept ({@code rz:mergedLabel}, {@code rz:kept}, {@code rz:score}).
 *
 * <p>Methods named {@code put...} must be called inside a write transaction; the others open their own.
 */
public final class RunLedger {
    static final Node GROWTH_RUN = Rz.term("GrowthRun");
    static final Node RUN_ID = Rz.term("runId");
    static final Node SEED = Rz.term("seedQuestion");
    static final Node LLM = Rz.term("llm");
    static final Node STRATEGY = Rz.term("strategy");
    static final Node RUN_STATUS = Rz.term("runStatus");
    static final Node ITERATIONS_DONE = Rz.term("iterationsDone");
    static final Node CONCEPTS_CREATED = Rz.term("conceptsCreated");
    static final Node NEXT_QUESTION = Rz.term("nextQuestion");
    static final Node NEXT_STRATEGY = Rz.term("nextStrategy");
    static final Node NEXT_FOCUS = Rz.term("nextFocus");
    static final Node PENDING_OF = Rz.term("pendingQuestionOf");
    static final Node ORDER = Rz.term("order");
    static final Node INPUT_TOKENS = Rz.term("inputTokens");
    static final Node OUTPUT_TOKENS = Rz.term("outputTokens");
    static final Node COST = Rz.term("cost");
    static final Node UPDATED_AT = Rz.term("updatedAt");
    static final Node STOP_REASON = Rz.term("stopReason");
    static final Node RUN = Rz.term("run");
    static final Node QUESTION = Rz.term("question");
    static final Node REASONING = Rz.term("reasoning");
    static final Node COMMITTED = Rz.term("committed");
    static final Node PROBLEM = Rz.term("problem");
    static final Node RESOLVED = Rz.term("resolved");
    static final Node REVIEW = Rz.term("reviewCandidate");

    private final KnowledgeGraph kg;

    public RunLedger(KnowledgeGraph kg) {
        this.kg = kg;
    }

    /** The IRI of run {@code id}. */
    public String runIri(String id) {
        return kg.baseNamespace() + "run/" + id;
    }

    /** The IRI of iteration {@code n} of run {@code id} (also the named graph of its statements). */
    public String iterationIri(String id, int n) {
        return runIri(id) + "/iteration/" + n;
    }

    /** Every recorded run, newest first. */
    public List<RunRecord> runs() {
        return kg.read(() -> {
            List<RunRecord> out = new ArrayList<>();
            Graph g = kg.datasetGraph().getDefaultGraph();
            Iterator<Triple> it = g.find(Node.ANY, RDF.type.asNode(), GROWTH_RUN);
            while (it.hasNext()) {
                Node run = it.next().getSubject();
                out.add(read(g, run));
            }
            out.sort(Comparator.comparing(RunRecord::createdAt).reversed());
            return out;
        });
    }

    /** Run {@code id}, if recorded. */
    public Optional<RunRecord> run(String id) {
        return kg.read(() -> {
            Graph g = kg.datasetGraph().getDefaultGraph();
            Node run = NodeFactory.createURI(runIri(id));
            return g.contains(run, RDF.type.asNode(), GROWTH_RUN) ? Optional.of(read(g, run))
                    : Optional.<RunRecord>empty();
        });
    }

    /** Records a new run in its own transaction. */
    void create(RunRecord r) {
        Txn.executeWrite(kg.dataset(), () -> put(r));
    }

    /** Replaces the run's record with {@code r} in its own transaction. */
    void update(RunRecord r) {
        Txn.executeWrite(kg.dataset(), () -> put(r));
    }

    /** Replaces the run's record with {@code r}; inside a write transaction. */
    void put(RunRecord r) {
        Graph g = kg.datasetGraph().getDefaultGraph();
        Node run = NodeFactory.createURI(r.iri());
        g.remove(run, Node.ANY, Node.ANY);
        g.add(run, RDF.type.asNode(), GROWTH_RUN);
        g.add(run, RUN_ID, str(r.id()));
        g.add(run, SEED, str(r.seedQuestion()));
        g.add(run, LLM, str(r.llm()));
        g.add(run, STRATEGY, str(r.strategy()));
        g.add(run, RUN_STATUS, str(r.status().word()));
        g.add(run, ITERATIONS_DONE, lng(r.iterations()));
        g.add(run, CONCEPTS_CREATED, lng(r.concepts()));
        for (Triple old : g.find(Node.ANY, PENDING_OF, run).toList()) {
            g.remove(old.getSubject(), Node.ANY, Node.ANY);
        }
        r.next().ifPresent(q -> g.add(run, NEXT_QUESTION, str(q.question())));
        int k = 0;
        for (NextQuestion q : r.pending()) {
            Node p = NodeFactory.createURI(r.iri() + "/pending/" + (++k));
            g.add(p, PENDING_OF, run);
            g.add(p, ORDER, lng(k));
            g.add(p, QUESTION, str(q.question()));
            g.add(p, NEXT_STRATEGY, str(q.strategy()));
            q.focus().ifPresent(f -> g.add(p, NEXT_FOCUS, NodeFactory.createURI(f)));
        }
        g.add(run, INPUT_TOKENS, lng(r.inputTokens()));
        g.add(run, OUTPUT_TOKENS, lng(r.outputTokens()));
        g.add(run, COST, NodeFactory.createLiteralDT(Double.toString(r.cost()), XSDDatatype.XSDdouble));
        g.add(run, Rz.createdAt, time(r.createdAt()));
        g.add(run, UPDATED_AT, time(r.updatedAt()));
        r.stopReason().ifPresent(s -> g.add(run, STOP_REASON, str(s)));
    }

    /** Records an iteration; inside a write transaction. */
    void putIteration(RunRecord run, IterationResult it, String reasoning) {
        Graph g = kg.datasetGraph().getDefaultGraph();
        Node n = NodeFactory.createURI(iterationIri(run.id(), it.iteration()));
        g.add(n, RUN, NodeFactory.createURI(run.iri()));
        g.add(n, Rz.iteration, lng(it.iteration()));
        g.add(n, QUESTION, str(it.question().question()));
        g.add(n, STRATEGY, str(it.question().strategy()));
        if (!reasoning.isBlank()) {
            g.add(n, REASONING, str(reasoning.length() > 20_000 ? reasoning.substring(0, 20_000) : reasoning));
        }
        g.add(n, COMMITTED, NodeFactory.createLiteralDT(Boolean.toString(it.committed()), XSDDatatype.XSDboolean));
        for (String p : it.problems()) {
            g.add(n, PROBLEM, str(p.length() > 2_000 ? p.substring(0, 2_000) : p));
        }
        g.add(n, INPUT_TOKENS, lng(it.inputTokens()));
        g.add(n, OUTPUT_TOKENS, lng(it.outputTokens()));
        g.add(n, COST, NodeFactory.createLiteralDT(Double.toString(it.cost()), XSDDatatype.XSDdouble));
        int k = 0;
        for (IterationResult.Resolved r : it.reused()) {
            Node m = NodeFactory.createURI(n.getURI() + "/resolved/" + (++k));
            g.add(n, RESOLVED, m);
            g.add(m, Rz.mergedLabel, str(r.label()));
            g.add(m, Rz.kept, NodeFactory.createURI(r.iri()));
            g.add(m, Rz.score, NodeFactory.createLiteralDT(Double.toString(r.score()), XSDDatatype.XSDdouble));
        }
        for (IterationResult.Resolved r : it.review()) {
            Node m = NodeFactory.createURI(n.getURI() + "/review/" + (++k));
            g.add(n, REVIEW, m);
            g.add(m, Rz.mergedLabel, str(r.label()));
            g.add(m, Rz.kept, NodeFactory.createURI(r.iri()));
            g.add(m, Rz.score, NodeFactory.createLiteralDT(Double.toString(r.score()), XSDDatatype.XSDdouble));
        }
    }

    /** The questions a run has asked so far, in order. */
    public List<String> questions(String id) {
        return kg.read(() -> {
            Graph g = kg.datasetGraph().getDefaultGraph();
            List<Triple> its = g.find(Node.ANY, RUN, NodeFactory.createURI(runIri(id))).toList();
            List<long[]> order = new ArrayList<>();
            List<String> qs = new ArrayList<>();
            for (Triple t : its) {
                Node n = t.getSubject();
                long i = number(g, n, Rz.iteration);
                String q = text(g, n, QUESTION).orElse("");
                order.add(new long[] {i, qs.size()});
                qs.add(q);
            }
            order.sort(Comparator.comparingLong(a -> a[0]));
            List<String> out = new ArrayList<>();
            for (long[] o : order) {
                out.add(qs.get((int) o[1]));
            }
            return out;
        });
    }

    private RunRecord read(Graph g, Node run) {
        List<Node> ps = new ArrayList<>();
        g.find(Node.ANY, PENDING_OF, run).forEachRemaining(t -> ps.add(t.getSubject()));
        ps.sort(Comparator.comparingLong(p -> number(g, p, ORDER)));
        List<NextQuestion> next = new ArrayList<>();
        for (Node p : ps) {
            next.add(new NextQuestion(text(g, p, QUESTION).orElse(""), text(g, p, NEXT_STRATEGY).orElse("?"),
                    first(g.find(p, NEXT_FOCUS, Node.ANY)).map(t -> t.getObject().getURI())));
        }
        return new RunRecord(text(g, run, RUN_ID).orElseThrow(), run.getURI(), text(g, run, SEED).orElse(""),
                text(g, run, LLM).orElse(""), text(g, run, STRATEGY).orElse(""),
                RunStatus.parse(text(g, run, RUN_STATUS).orElse("failed")), (int) number(g, run, ITERATIONS_DONE),
                number(g, run, CONCEPTS_CREATED), next, number(g, run, INPUT_TOKENS), number(g, run, OUTPUT_TOKENS),
                first(g.find(run, COST, Node.ANY))
                        .map(t -> ((Number) t.getObject().getLiteralValue()).doubleValue()).orElse(0.0),
                instant(g, run, Rz.createdAt), instant(g, run, UPDATED_AT), text(g, run, STOP_REASON));
    }

    private static Optional<String> text(Graph g, Node s, Node p) {
        return first(g.find(s, p, Node.ANY)).map(t -> t.getObject().getLiteralLexicalForm());
    }

    private static long number(Graph g, Node s, Node p) {
        return first(g.find(s, p, Node.ANY))
                .map(t -> ((Number) t.getObject().getLiteralValue()).longValue()).orElse(0L);
    }

    private static Instant instant(Graph g, Node s, Node p) {
        return text(g, s, p).map(Instant::parse).orElse(Instant.EPOCH);
    }

    private static Optional<Triple> first(Iterator<Triple> it) {
        return it.hasNext() ? Optional.of(it.next()) : Optional.empty();
    }

    private static Node str(String s) {
        return NodeFactory.createLiteralString(s);
    }

    private static Node lng(long v) {
        return NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDlong);
    }

    private static Node time(Instant t) {
        return NodeFactory.createLiteralDT(t.toString(), XSDDatatype.XSDdateTime);
    }
}
