package org.rhizome.gnn.epignn;

import java.util.List;
import java.util.Random;

import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.tensor.FacetCompose;
import org.rhizome.gnn.tensor.Index;
import org.rhizome.gnn.tensor.LinAlg;
import org.rhizome.gnn.tensor.Nn;
import org.rhizome.gnn.tensor.Ops;
import org.rhizome.gnn.tensor.Parameters;
import org.rhizome.gnn.tensor.Tensor;

/**
 * EpiGNN (Khalid &amp; Schockaert, "Systematic Relational Reasoning With Epistemic Graph Neural Networks", ICLR
 * 2025), written from the paper and the reference code's model ({@code src/model_nbf_fb.py} of {@code erg0dic/gnn-sg},
 * read as a specification).
 *
 * <p><b>States.</b> A node's state is {@code m} facets, each a probability vector of length {@code n} whose
 * coordinate 0 stands for the identity relation. A relation {@code r} is the state {@code softmax(W[r, f, :])} per
 * facet ({@code W [R, m, n]}, learned). Composition {@code phi(x, y)} is bilinear per facet with a tensor whose
 * identity row and column are fixed and whose learned block is {@code softmax} over the right argument and then
 * L1-normalised over the output ({@link FacetCompose}); so composing probability vectors gives a probability vector,
 * and composing with the identity returns the other argument exactly.
 *
 * <p><b>Message passing.</b> Two passes over the same directed edges, {@code L} rounds each, one shared layer:
 * <ul>
 *   <li>forward: every node starts uniform except the query source, the identity one-hot; the message along
 *       {@code u -r-> v} is {@code phi(h(u), rel(r))}, aggregated at {@code v};</li>
 *   <li>backward: the query target starts (and stays) the identity; the message along {@code u -r-> v} is
 *       {@code phi(rel(r), h(v))}, aggregated at {@code u}. The same relation state is used with the arguments
 *       swapped; there is no separate inverse relation.</li>
 * </ul>
 * Aggregation is the component-wise product or minimum of the incoming messages only (the node's own previous state
 * is not a message, as in the reference code), plus {@code 1e-18}, L1-normalised per facet; a node with no incoming
 * message becomes uniform. The boundary node is clamped back to the identity after every round.
 *
 * <p><b>Readout.</b> Along one shortest path between the query nodes ({@link GraphBatch}), each node's forward
 * state is composed with its backward state, {@code phi(h_fw(v), h_bw(v))}, and the results are aggregated like
 * messages into the query's state {@code o}. Class scores compare {@code o} with every relation's state
 * ({@link Objective}).
 *
 * <p>Choices the paper leaves open, taken from the reference code: AdamW with weight decay 0.01 (the paper reports
 * Adam without decay), facets 8 for RCC-8 (the paper's table reportedly 4), the first-found shortest path (the paper:
 * a random one). Initialisation: see {@link EpiGnnConfig#initBound()}.
 */
public final class EpiGnn implements RelationScorer {
    private static final float AGG_EPS = 1e-18f;

    private final EpiGnnConfig config;
    private final int relations;
    private final Parameters parameters = new Parameters();
    private final Tensor relationLogits;
    private final Tensor compositionLogits;
    /** The identity state: the one-hot of coordinate 0 in every facet, {@code [m * n]}. */
    private final float[] identityRow;

    /** A freshly initialised model for {@code relations} relation labels. */
    public EpiGnn(EpiGnnConfig config, int relations) {
        if (relations < 2) {
            throw new IllegalArgumentException("EpiGNN needs at least 2 relation labels, got " + relations);
        }
        this.config = config;
        this.relations = relations;
        int m = config.facets();
        int n = config.facetSize();
        Random random = new Random(config.seed());
        float relBound = config.initBound() > 0 ? config.initBound()
                : (float) Math.sqrt(6.0 / (m * n + relations * n));
        relationLogits = parameters.add("relations", Tensor.uniform(random, relBound, relations, m, n));
        float compBound = config.initBound() > 0 ? config.initBound()
                : (float) Math.sqrt(6.0 / (n * (n - 1) * (n - 1) + m * (n - 1) * (n - 1)));
        compositionLogits = parameters.add("composition", Tensor.uniform(random, compBound, m, n, n - 1, n - 1));
        identityRow = new float[m * n];
        for (int f = 0; f < m; f++) {
            identityRow[f * n] = 1f;
        }
    }

    public EpiGnnConfig config() {
        return config;
    }

    @Override
    public int relations() {
        return relations;
    }

    /** The trainable tensors: {@code relations [R, m, n]} and {@code composition [m, n, n-1, n-1]}. */
    public Parameters parameters() {
        return parameters;
    }

    /** Every relation's epistemic state, {@code [R, m, n]}. */
    public Tensor relationStates() {
        return Nn.softmax(relationLogits);
    }

    /**
     * The learned block of the composition tensor, {@code [m, n, n-1, n-1]} indexed (facet, output, left-1,
     * right-1): softmax over the right argument, then divided by its sum over the output.
     */
    public Tensor compositionBlock() {
        Tensor s = Nn.softmax(compositionLogits);
        return Ops.div(s, Ops.sum(s, 1, true));
    }

    /** {@code phi(x, y)} for states {@code [E, m, n]}. */
    public Tensor compose(Tensor x, Tensor y) {
        return FacetCompose.apply(x, y, compositionBlock());
    }

    /** The forward and backward node states of a batch after {@code rounds} rounds, each {@code [N, m, n]}. */
    Tensor[] nodeStates(GraphBatch b, Tensor rel, Tensor block, int rounds) {
        Tensor relE = Index.gather(rel, b.relation);
        Tensor fw = boundaryStates(b.nodes, b.sources);
        Tensor bw = boundaryStates(b.nodes, b.targets);
        for (int l = 0; l < rounds; l++) {
            Tensor msgF = FacetCompose.apply(Index.gather(fw, b.src), relE, block);
            fw = reclamp(normalise(aggregate(msgF, b.dst, b.nodes)), b.sources);
            Tensor msgB = FacetCompose.apply(relE, Index.gather(bw, b.dst), block);
            bw = reclamp(normalise(aggregate(msgB, b.src, b.nodes)), b.targets);
        }
        return new Tensor[] {fw, bw};
    }

    /** The readout state of each query, {@code [B, m, n]}, after the configured {@code L} rounds. */
    Tensor readout(GraphBatch b) {
        return readout(b, config.layers());
    }

    /** The readout state of each query after {@code rounds} rounds. */
    Tensor readout(GraphBatch b, int rounds) {
        Tensor rel = relationStates();
        Tensor block = compositionBlock();
        Tensor[] h = nodeStates(b, rel, block, rounds);
        Tensor along = FacetCompose.apply(Index.gather(h[0], b.pathNodes), Index.gather(h[1], b.pathNodes), block);
        return normalise(aggregate(along, b.pathQuery, b.size()));
    }

    /**
     * Class scores {@code [B, R]} of a readout (higher is more likely): log-cosine for
     * {@link Objective#COSINE_CROSS_ENTROPY}, minus the facet-mean cross-entropy for {@link Objective#MARGIN}
     * ({@code -H(rel, o)}) and {@link Objective#MARGIN_READOUT_FIRST} ({@code -H(o, rel)}).
     */
    Tensor scores(Tensor readout) {
        int batch = readout.dim(0);
        int width = config.facets() * config.facetSize();
        Tensor o = readout.reshape(batch, width);
        Tensor rs = relationStates().reshape(relations, width);
        if (config.objective() == Objective.COSINE_CROSS_ENTROPY) {
            Tensor cos = LinAlg.matmul(l2Normalise(o), LinAlg.transpose(l2Normalise(rs)));
            return Ops.log(Ops.addScalar(cos, 1e-16f));
        }
        if (config.objective() == Objective.MARGIN_READOUT_FIRST) {
            Tensor logRel = Ops.log(Ops.addScalar(rs, 1e-12f));
            return Ops.scale(LinAlg.matmul(o, LinAlg.transpose(logRel)), 1f / config.facets());
        }
        Tensor logO = Ops.log(Ops.addScalar(o, 1e-12f));
        return Ops.scale(LinAlg.matmul(logO, LinAlg.transpose(rs)), 1f / config.facets());
    }

    /** The training loss of a batch (mean over its queries); {@code random} draws the margin loss's negatives. */
    Tensor loss(GraphBatch b, Random random) {
        Tensor s = scores(readout(b));
        if (config.objective() == Objective.COSINE_CROSS_ENTROPY) {
            return Nn.crossEntropy(s, b.labels, 0f);
        }
        int batch = b.size();
        int[] pos = new int[batch];
        int[] neg = new int[batch];
        for (int q = 0; q < batch; q++) {
            int other = random.nextInt(relations - 1);
            neg[q] = q * relations + (other >= b.labels[q] ? other + 1 : other);
            pos[q] = q * relations + b.labels[q];
        }
        Tensor flat = s.reshape(batch * relations, 1);
        return Nn.marginLoss(Index.gather(flat, pos), Index.gather(flat, neg), config.margin());
    }

    @Override
    public Tensor score(List<ReasoningExample> examples) {
        check(examples);
        return Tensor.noGrad(() -> scores(readout(new GraphBatch(examples))));
    }

    /**
     * This model scoring with {@code rounds} message-passing rounds instead of the {@code L} it was trained with (the
     * layer is shared, so any count applies). A diagnostic: with {@code L} rounds a node more than {@code L} edges
     * from a boundary node has not heard from it, so on a chain longer than {@code L} the readout at the path's ends
     * composes half-propagated states; with at least the chain's length every state on an acyclic graph is the
     * fixed point. On CLUTRR {@code data_089907f8} this moved k = 10 accuracy by a third of a point
     * ({@code benchmarks/README.md}).
     */
    public RelationScorer withRounds(int rounds) {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        }
        return new RelationScorer() {
            @Override
            public int relations() {
                return relations;
            }

            @Override
            public Tensor score(List<ReasoningExample> examples) {
                check(examples);
                return Tensor.noGrad(() -> scores(readout(new GraphBatch(examples), rounds)));
            }
        };
    }

    void check(List<ReasoningExample> examples) {
        for (ReasoningExample x : examples) {
            for (int r : x.relation()) {
                if (r >= relations) {
                    throw new IllegalArgumentException(x.origin() + ": relation id " + r + " but the model knows "
                            + relations);
                }
            }
            if (x.label() >= relations) {
                throw new IllegalArgumentException(x.origin() + ": label id " + x.label() + " but the model knows "
                        + relations);
            }
        }
    }

    private Tensor aggregate(Tensor messages, int[] index, int n) {
        return config.aggregation() == Aggregation.PRODUCT ? Index.scatterMul(messages, index, n)
                : Index.scatterMin(messages, index, n, 0f);
    }

    private static Tensor normalise(Tensor agg) {
        return Ops.normalizeSum(agg, AGG_EPS);
    }

    private static Tensor l2Normalise(Tensor x) {
        Tensor norm = Ops.clampMin(Ops.sqrt(Ops.sum(Ops.mul(x, x), -1, true)), 1e-12f);
        return Ops.div(x, norm);
    }

    /** Uniform states with the identity one-hot at the boundary nodes, {@code [N, m, n]}. */
    private Tensor boundaryStates(int nodes, int[] boundary) {
        int m = config.facets();
        int n = config.facetSize();
        Tensor t = Tensor.full(1f / n, nodes, m, n);
        float[] d = t.data();
        for (int v : boundary) {
            for (int f = 0; f < m; f++) {
                int o = (v * m + f) * n;
                for (int i = 0; i < n; i++) {
                    d[o + i] = i == 0 ? 1f : 0f;
                }
            }
        }
        return t;
    }

    /** Every node's state with the boundary nodes set back to the identity one-hot. */
    private Tensor reclamp(Tensor h, int[] boundary) {
        return Index.overwriteRows(h, boundary, identityRow);
    }
}
