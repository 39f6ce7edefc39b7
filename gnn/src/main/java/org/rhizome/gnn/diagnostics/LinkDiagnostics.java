package org.rhizome.gnn.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.LinkScorer;
import org.rhizome.gnn.evaluation.QueryRanks;
import org.rhizome.gnn.evaluation.RankEvaluator;

/**
 * Does a link predictor do well where the topology says it should? Evaluates a model per entity and sets the
 * entities' MRR against their Topological Concentration (Wang et al., ICLR 2024; {@link TopologicalConcentration},
 * {@link ApproximateTopologicalConcentration}) and their training degree, in a {@link DiagnosticReport}.
 *
 * <p><b>Steps.</b> (1) Filtered rank evaluation of the split's triples ({@link RankEvaluator#ranks}: filter = train
 * + valid + test, realistic ties), both sides. (2) Per-entity MRR ({@link NodeMrr}), crediting ranks as the options
 * say. (3) The undirected entity graphs of the dataset ({@link LinkSplits#of(KgDataset)}: relations and directions
 * ignored, self-loops and repeats dropped). (4) TC over the split's neighbours and over the training neighbours,
 * and ATC over the split's neighbours with a Gaussian projection drawn from {@code SplittableRandom(seed)}.
 * (5) Over the entities that appear in the split's triples: Pearson and Spearman correlation of the MRR with each.
 *
 * <p>Cost: the evaluation's (two scorer calls per triple), plus TC's and ATC's (see their classes). Deterministic
 * for a given scorer and options, whatever the thread count.
 */
public final class LinkDiagnostics {
    private LinkDiagnostics() {}

    /**
     * Runs the diagnostics of {@code scorer} on {@code dataset}.
     *
     * @param scorer  the model; its entity ids must be the dataset's
     * @param dataset train, valid and test triples
     * @param options what to compute
     * @param steps   receives a short name of each step as it starts ({@code "ranking"}, {@code "TC"},
     *                {@code "ATC"}, {@code "correlations"}), on the calling thread
     * @throws IllegalArgumentException if the scorer has another number of entities than the dataset, or the split
     *     has no triples
     */
    public static DiagnosticReport run(LinkScorer scorer, KgDataset dataset, DiagnosticOptions options,
            Consumer<String> steps) {
        Objects.requireNonNull(scorer, "scorer");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(steps, "steps");
        int n = dataset.entityCount();
        if (scorer.entityCount() != n) {
            throw new IllegalArgumentException("the scorer has " + scorer.entityCount() + " entities and the dataset "
                    + n + ": their ids must be the same");
        }
        Split split = options.split();
        TripleSet queries = split == Split.TEST ? dataset.test() : dataset.valid();
        if (queries.size() == 0) {
            throw new IllegalArgumentException("the dataset has no " + (split == Split.TEST ? "test" : "validation")
                    + " triples to evaluate");
        }
        steps.accept("ranking");
        QueryRanks ranks = new RankEvaluator().ranks(scorer, queries, FilterIndex.of(dataset), options.threads(),
                done -> { });
        NodeMrr mrr = NodeMrr.of(ranks, n, options.attribution());

        LinkSplits splits = LinkSplits.of(dataset);
        steps.accept("TC");
        TopologicalConcentration tc = new TopologicalConcentration(splits, options.hops(), options.threads());
        NodeValues tcQuery = tc.values(split);
        NodeValues tcTrain = tc.values(Split.TRAIN);
        steps.accept("ATC");
        NodeValues atcQuery = ApproximateTopologicalConcentration.builder(splits).hops(options.hops())
                .dimension(options.atcDimension()).threads(options.threads())
                .random(new SplittableRandom(options.seed())).build().values(split);

        steps.accept("correlations");
        boolean[] evaluated = new boolean[n];
        for (int i = 0; i < queries.size(); i++) {
            evaluated[queries.head(i)] = true;
            evaluated[queries.tail(i)] = true;
        }
        UndirectedGraph train = splits.train();
        List<DiagnosticReport.Node> nodes = new ArrayList<>();
        for (int v = 0; v < n; v++) {
            if (evaluated[v]) {
                nodes.add(new DiagnosticReport.Node(v, dataset.entities().name(v), train.degree(v),
                        value(tcQuery, v), value(atcQuery, v), value(tcTrain, v), mrr.mrr(v).orElseThrow(),
                        mrr.rankCount(v)));
            }
        }
        UndirectedGraph held = splits.graph(split);
        DiagnosticReport.GraphSummary graph = new DiagnosticReport.GraphSummary(n, train.edgeCount(),
                queries.size(), held.edgeCount(), train.droppedSelfLoops() + held.droppedSelfLoops());
        return new DiagnosticReport(options, tc.beta(), graph, ranks.summarize().realistic(), nodes);
    }

    private static double value(NodeValues v, int node) {
        return v.value(node).orElse(Double.NaN);
    }
}
