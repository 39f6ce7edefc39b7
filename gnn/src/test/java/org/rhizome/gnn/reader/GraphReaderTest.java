package org.rhizome.gnn.reader;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.IdMap;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.pipeline.KgePipeline;
import org.rhizome.gnn.tensor.Tensor;
import org.rhizome.graph.ProgressListener;
import org.rhizome.gnn.training.TrainingConfig;
import org.rhizome.gnn.training.TrainingListener;

/**
 * The reader on a graph where each answer is reachable only along a 2-hop path: groups {@code a -r1-> b -r2-> c}
 * with a distractor {@code a -r4-> d}, and {@code (a, r3, c)} to predict. A third of the r3 statements are held out;
 * nothing but the path links a held-out {@code a} to its {@code c}.
 */
class GraphReaderTest {
    private static final int GROUPS = 60;


    @Test
    void retrieverRecallOnAHandBuiltGraph() {
        // 0 -0-> 1 -1-> 2 -1-> 3: two hops from 0 reach 2, not 3
        TripleSet train = TripleSet.of(List.of(new int[] {0, 0, 1}, new int[] {1, 1, 2}, new int[] {2, 1, 3}));
        KHopRetriever two = new KHopRetriever(train, 4, 2, 2, 8, 10, 20);
        Subgraph s = two.retrieve(0, -1, new Random(1));
        assertThat(s.entities()).containsExactly(0, 1, 2);
        assertThat(s.src()).containsExactly(0, 1);
        assertThat(s.dst()).containsExactly(1, 2);
        TripleSet queries = TripleSet.of(List.of(new int[] {0, 0, 2}, new int[] {0, 0, 3}));
        assertThat(two.recall(queries, 1)).isEqualTo(0.5);
        assertThat(new KHopRetriever(train, 4, 2, 3, 8, 10, 20).recall(queries, 1)).isEqualTo(1.0);
        // an edge cap keeps the edges nearest the head
        assertThat(new KHopRetriever(train, 4, 2, 3, 8, 10, 1).retrieve(0, -1, new Random(1)).src())
                .containsExactly(0);
        // the query's own statement is left out: from 1, without statement 1, only 0 is reachable in one hop
        assertThat(new KHopRetriever(train, 4, 2, 1, 8, 10, 20).retrieve(1, 1, new Random(1)).entities())
                .containsExactly(1, 0);
    }

    @Test
    void trainingReportsEachEpochsBatches() {
        TripleSet train = TripleSet.of(List.of(new int[] {0, 0, 1}, new int[] {1, 1, 2}, new int[] {2, 1, 3},
                new int[] {3, 0, 0}, new int[] {1, 0, 3}));
        List<String> events = new ArrayList<>();
        ProgressListener recorder = new ProgressListener() {
            @Override
            public void begin(String task, long total, String unit) {
                events.add("begin " + task + " " + total + " " + unit);
            }

            @Override
            public void progress(long done) {
                events.add("at " + done);
            }

            @Override
            public void end(String summary) {
                events.add("end " + summary.replaceAll("[0-9.]+$", "L"));
            }
        };
        List<ReaderTrainer.Epoch> epochs = new ArrayList<>();
        // 10 queries (both directions of 5 triples) in batches of 4: 3 batches per epoch
        ReaderTrainer.train(train, 4, 2, new KHopRetriever(train, 4, 2, 1, 4, 4, 8),
                new ReaderTrainer.Config(8, 2, 1, 2, 4, 1e-3f, 0.1f, 0f, 1, GraphReader.Architecture.CROSS), epochs::add,
                recorder);
        assertThat(events).containsExactly("begin epoch 1/2 3 batches", "at 1", "at 2", "at 3",
                "end epoch 1/2: mean loss L", "begin epoch 2/2 3 batches", "at 1", "at 2", "at 3",
                "end epoch 2/2: mean loss L");
        assertThat(epochs).extracting(ReaderTrainer.Epoch::epoch).containsExactly(1, 2);
    }

    /**
     * Central differences on every parameter of a whole small reader of each architecture, through the loss of a
     * batch of two queries with subgraphs of different sizes (so padding is exercised), dropout off.
     */
    @ParameterizedTest
    @EnumSource(GraphReader.Architecture.class)
    void gradientsThroughTheWholeReader(GraphReader.Architecture architecture) {
        GraphReader reader = new GraphReader(architecture, 6, 4, 4, 2, 1, 11);
        List<GraphReader.Query> batch = List.of(
                new GraphReader.Query(0, 1, new Subgraph(new int[] {0, 2, 3}, new int[] {0, 1}, new int[] {1, 3},
                        new int[] {1, 2})),
                new GraphReader.Query(4, 2, new Subgraph(new int[] {4, 5}, new int[] {1}, new int[] {0},
                        new int[] {0})));
        int[] answers = {3, 1};
        reader.parameters().zeroGrad();
        reader.loss(batch, answers, 0.1f, 0f, null).backward();
        // the layer norms of near-zero initial tokens curve sharply: keep the step small
        int checked = FiniteDifferences.check(reader.parameters().all(),
                () -> Tensor.noGrad(() -> reader.loss(batch, answers, 0.1f, 0f, null)).item(), 3e-3f, 2e-3, 3e-2,
                architecture.toString());
        assertThat(checked).isEqualTo((int) reader.parameters().count());
        if (architecture == GraphReader.Architecture.CROSS) {
            assertThat(reader.parameters().all()).extracting(Tensor::name).contains("query.cls", "cross0.cross.q",
                    "memory.norm");
        }
    }

    @ParameterizedTest
    @EnumSource(GraphReader.Architecture.class)
    void readerLearnsATwoHopAnswerThatDistMultCannot(GraphReader.Architecture architecture) {
        Random random = new Random(7);
        List<int[]> train = new ArrayList<>();
        List<int[]> composed = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            int a = 4 * g;
            int b = a + 1;
            int c = a + 2;
            int d = a + 3;
            train.add(new int[] {a, 0, b});
            train.add(new int[] {b, 1, c});
            train.add(new int[] {a, 3, d});
            composed.add(new int[] {a, 2, c});
        }
        Collections.shuffle(composed, random);
        int held = GROUPS / 3;
        List<int[]> test = composed.subList(0, held);
        train.addAll(composed.subList(held, GROUPS));
        TripleSet trainSet = TripleSet.of(train);
        TripleSet testSet = TripleSet.of(test);
        int entities = 4 * GROUPS;

        KHopRetriever retriever = new KHopRetriever(trainSet, entities, 4, 2, 16, 32, 64);
        assertThat(retriever.recall(testSet, 1)).isEqualTo(1.0);
        GraphReader reader = ReaderTrainer.train(trainSet, entities, 4, retriever,
                new ReaderTrainer.Config(32, 4, 2, 60, 32, 0.005f, 0.1f, 0.1f, 3, architecture), null);
        // through the filtered evaluator, tail queries (head queries go through the reciprocal relation)
        RankMetrics rm = new RankEvaluator().evaluate(ReaderTrainer.scorer(reader, retriever, entities, 4), testSet,
                FilterIndex.of(trainSet, testSet), 1).metrics(Side.TAIL, TieBreak.REALISTIC);
        double readerMrr = rm.mrr();

        IdMap ents = new IdMap();
        for (int e = 0; e < entities; e++) {
            ents.idOf("e" + e);
        }
        IdMap rels = new IdMap();
        for (int r = 0; r < 4; r++) {
            rels.idOf("r" + r);
        }
        KgDataset ds = KgDataset.of(ents, rels, trainSet, TripleSet.empty(), testSet);
        KgePipeline.Result dm = KgePipeline.run(ds, TrainingConfig.defaults(ModelKind.DISTMULT).withRank(32)
                .withBatch(64, 16).withSteps(1500).withLearningRate(0.01f, "adam"), 1, TrainingListener.NONE, 500);
        RankMetrics m = dm.test().metrics(Side.TAIL, TieBreak.REALISTIC);
        System.out.printf("two-hop answers: %s reader MRR %.3f, DistMult MRR %.3f over %d held-out queries%n",
                architecture, readerMrr, m.mrr(), testSet.size());
        // Over seeds 1-5 of this graph the cross reader reached .83-1.0 MRR and the joint one .54-.74: the joint
        // reader's query token is also a node of the subgraph, and it learns held-out compositions less reliably.
        double bound = architecture == GraphReader.Architecture.CROSS ? 0.8 : 0.5;
        assertThat(readerMrr).as("%s reader MRR %s vs DistMult %s", architecture, readerMrr, m.mrr())
                .isGreaterThan(bound);
        assertThat(m.mrr()).as("DistMult MRR").isLessThan(0.3);

        // explanations: the query's attention over its evidence, and the path to the answer
        ReaderFile.Trained trained = new ReaderFile.Trained(reader, ReaderTrainer.Config.defaults(), retriever, trainSet,
                ents, rels);
        int a = testSet.head(0);
        int c = testSet.tail(0);
        Subgraph evidence = trained.evidence(a, 2);
        float[] w = reader.edgeAttention(new GraphReader.Query(a, 2, evidence));
        assertThat(w).hasSize(evidence.src().length);
        double total = 0;
        for (float x : w) {
            assertThat(x).isBetween(0f, 1f);
            total += x;
        }
        assertThat(total).isLessThanOrEqualTo(1.0 + 1e-6);
        List<ReaderFile.Trained.Path> paths = trained.attendedPaths(a, 2, c, 3);
        assertThat(paths).isNotEmpty();
        int[] best = paths.get(0).edges();
        assertThat(best).hasSize(2);
        assertThat(evidence.entities()[evidence.src()[best[0]]]).isEqualTo(a);
        assertThat(evidence.relation()[best[0]]).isZero();
        assertThat(evidence.relation()[best[1]]).isOne();
        assertThat(evidence.entities()[evidence.dst()[best[1]]]).isEqualTo(c);
    }
}
