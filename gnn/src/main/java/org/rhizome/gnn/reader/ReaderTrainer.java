package org.rhizome.gnn.reader;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.LinkScorer;
import org.rhizome.gnn.tensor.Adam;
import org.rhizome.gnn.tensor.Tensor;
import org.rhizome.graph.ProgressListener;

/**
 * Trains a {@link GraphReader} on a knowledge graph's training triples and turns it into a {@link LinkScorer} for the
 * filtered evaluator.
 *
 * <p>Head queries are handled explicitly through reciprocal relations, the same way for every dataset: each training
 * triple {@code (h, r, t)} is a tail query {@code (h, r, ?)} answered by {@code t} and a tail query
 * {@code (t, r^-1, ?)} answered by {@code h} (relation id {@code r + R}); at evaluation, {@code (?, r, t)} is scored
 * as {@code (t, r^-1, ?)}. (The paper's code treats FB15k-237 and WN18RR differently here; one rule is simpler to
 * reason about.) A training query's own triple is left out of its retrieved subgraph.
 */
public final class ReaderTrainer {

    /**
     * Training settings; {@code architecture} is the reader's ({@link GraphReader.Architecture}), {@code layers} the
     * layers of each of its stacks.
     */
    public record Config(int model, int heads, int layers, int epochs, int batchSize, float learningRate,
            float labelSmoothing, float dropout, long seed, GraphReader.Architecture architecture) {

        public Config {
            if (architecture == null) {
                throw new IllegalArgumentException("a reader configuration needs an architecture");
            }
        }

        /**
         * Cross architecture, width 64, 4 heads, 2 layers, 20 epochs, batch 64, Adam 1e-3, label smoothing 0.1,
         * dropout 0.1.
         */
        public static Config defaults() {
            return new Config(64, 4, 2, 20, 64, 1e-3f, 0.1f, 0.1f, 0, GraphReader.Architecture.CROSS);
        }

        public Config withEpochs(int e) {
            return new Config(model, heads, layers, e, batchSize, learningRate, labelSmoothing, dropout, seed,
                    architecture);
        }

        public Config withArchitecture(GraphReader.Architecture a) {
            return new Config(model, heads, layers, epochs, batchSize, learningRate, labelSmoothing, dropout, seed, a);
        }

        /** A new, untrained reader of these settings over {@code entities} and {@code relationIds} relation ids. */
        public GraphReader newReader(int entities, int relationIds) {
            return new GraphReader(architecture, entities, relationIds, model, heads, layers, seed);
        }
    }

    /** One epoch's mean loss and training time. */
    public record Epoch(int epoch, double meanLoss, long millis) {}

    private ReaderTrainer() {}

    /** A reader trained on {@code train} ({@code entities} entities, {@code relations} base relations). */
    public static GraphReader train(TripleSet train, int entities, int relations, SubgraphRetriever retriever,
            Config c, Consumer<Epoch> progress) {
        return train(train, entities, relations, retriever, c, progress, ProgressListener.NONE);
    }

    /**
     * As {@link #train(TripleSet, int, int, SubgraphRetriever, Config, Consumer)}, also reporting each epoch's batches
     * to {@code batches} (a task per epoch, counted in batches): an epoch on FB15k-237 takes tens of minutes.
     */
    public static GraphReader train(TripleSet train, int entities, int relations, SubgraphRetriever retriever,
            Config c, Consumer<Epoch> progress, ProgressListener batches) {
        GraphReader reader = c.newReader(entities, 2 * relations);
        Adam adam = new Adam(reader.parameters(), c.learningRate(), 0f, false);
        Random random = new Random(c.seed());
        List<int[]> queries = new ArrayList<>(2 * train.size());
        for (int i = 0; i < train.size(); i++) {
            queries.add(new int[] {train.head(i), train.relation(i), train.tail(i), i});
            queries.add(new int[] {train.tail(i), train.relation(i) + relations, train.head(i), i});
        }
        for (int epoch = 1; epoch <= c.epochs(); epoch++) {
            long start = System.nanoTime();
            Collections.shuffle(queries, random);
            double sum = 0;
            int done = 0;
            batches.begin("epoch " + epoch + "/" + c.epochs(), (queries.size() + c.batchSize() - 1) / c.batchSize(),
                    "batches");
            for (int from = 0; from < queries.size(); from += c.batchSize()) {
                List<int[]> part = queries.subList(from, Math.min(queries.size(), from + c.batchSize()));
                // subgraphs retrieved in parallel, each with its own random stream seeded in order (reproducible)
                long[] seeds = new long[part.size()];
                int[] answers = new int[part.size()];
                for (int i = 0; i < part.size(); i++) {
                    seeds[i] = random.nextLong();
                    answers[i] = part.get(i)[2];
                }
                List<GraphReader.Query> batch = IntStream.range(0, part.size()).parallel().mapToObj(i -> {
                    int[] q = part.get(i);
                    return new GraphReader.Query(q[0], q[1], retriever.retrieve(q[0], q[1], q[3],
                            new Random(seeds[i])));
                }).toList();
                reader.parameters().zeroGrad();
                Tensor loss = reader.loss(batch, answers, c.labelSmoothing(), c.dropout(), random);
                loss.backward();
                adam.step();
                sum += loss.item();
                batches.progress(++done);
            }
            batches.end(String.format(java.util.Locale.ROOT, "epoch %d/%d: mean loss %.4f", epoch, c.epochs(),
                    sum / Math.max(1, done)));
            if (progress != null) {
                progress.accept(new Epoch(epoch, sum / Math.max(1, done), (System.nanoTime() - start) / 1_000_000));
            }
        }
        return reader;
    }

    /**
     * The reader as a scorer: each query retrieves its subgraph (with a random stream seeded by the query, so scores
     * are reproducible and threads do not share state) and is read without dropout.
     */
    public static LinkScorer scorer(GraphReader reader, SubgraphRetriever retriever, int entities, int relations) {
        return new LinkScorer() {
            @Override
            public int entityCount() {
                return entities;
            }

            @Override
            public void scoreTails(int head, int relation, float[] out) {
                score(head, relation, out);
            }

            @Override
            public void scoreHeads(int relation, int tail, float[] out) {
                score(tail, relation + relations, out);
            }

            private void score(int head, int relation, float[] out) {
                Random random = new Random(31L * head + relation);
                GraphReader.Query q = new GraphReader.Query(head, relation,
                        retriever.retrieve(head, relation, -1, random));
                Tensor s = Tensor.noGrad(() -> reader.scores(List.of(q), 0f, false, null));
                System.arraycopy(s.data(), 0, out, 0, entities);
            }
        };
    }
}
