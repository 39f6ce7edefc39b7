package org.rhizome.gnn.epignn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.tensor.Adam;
import org.rhizome.gnn.tensor.Tensor;

/**
 * Trains an {@link EpiGnn} as the reference code does: a seeded random hold-out of the training examples
 * ({@link EpiGnnConfig#validFraction()}), shuffled mini-batches, AdamW, and at the end the parameters of the epoch with
 * the best hold-out accuracy (the earliest on ties). Each batch is one disjoint graph ({@link GraphBatch}); its loss
 * is the mean over its queries.
 */
public final class EpiGnnTrainer {

    /** What happened in one epoch; {@code millis} is the training time, without the hold-out evaluation. */
    public record Epoch(int epoch, double meanLoss, double validAccuracy, long millis) {}

    /** The trained model and its history. */
    public record Result(EpiGnn model, List<Epoch> epochs, int bestEpoch, double bestValidAccuracy, int trainSize,
            int validSize) {}

    private EpiGnnTrainer() {}

    /**
     * Trains a model for {@code relations} labels on {@code examples}; {@code progress} hears each epoch (may be
     * {@code null}).
     */
    public static Result train(List<ReasoningExample> examples, int relations, EpiGnnConfig config,
            Consumer<Epoch> progress) {
        return trainObserved(examples, relations, config, progress == null ? null : (e, m) -> progress.accept(e));
    }

    /**
     * {@link #train(List, int, EpiGnnConfig, Consumer)} with a listener that also sees the model as it stands after
     * each epoch, before the best epoch's parameters are restored (to follow, say, test accuracy over the epochs).
     * The listener must not change the model; anything it draws at random must come from its own generator.
     */
    public static Result trainObserved(List<ReasoningExample> examples, int relations, EpiGnnConfig config,
            BiConsumer<Epoch, EpiGnn> progress) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        EpiGnn model = new EpiGnn(config, relations);
        model.check(examples);
        Random random = new Random(config.seed());
        List<ReasoningExample> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, random);
        int valid = (int) Math.round(shuffled.size() * config.validFraction());
        List<ReasoningExample> validSet = shuffled.subList(0, valid);
        List<ReasoningExample> trainSet = new ArrayList<>(shuffled.subList(valid, shuffled.size()));
        Adam adam = new Adam(model.parameters(), config.learningRate(), config.weightDecay(), true);
        List<Epoch> history = new ArrayList<>();
        float[][] best = null;
        double bestAcc = -1;
        int bestEpoch = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            Collections.shuffle(trainSet, random);
            double lossSum = 0;
            int batches = 0;
            for (int from = 0; from < trainSet.size(); from += config.batchSize()) {
                GraphBatch batch = new GraphBatch(
                        trainSet.subList(from, Math.min(trainSet.size(), from + config.batchSize())));
                model.parameters().zeroGrad();
                Tensor loss = model.loss(batch, random);
                loss.backward();
                adam.step();
                lossSum += loss.item();
                batches++;
            }
            long trainMillis = (System.nanoTime() - start) / 1_000_000;
            double acc = validSet.isEmpty() ? Double.NaN : accuracy(model, validSet, 512);
            Epoch e = new Epoch(epoch, lossSum / Math.max(1, batches), acc, trainMillis);
            history.add(e);
            if (progress != null) {
                progress.accept(e, model);
            }
            if (!validSet.isEmpty() && acc > bestAcc) {
                bestAcc = acc;
                bestEpoch = epoch;
                best = snapshot(model);
            }
        }
        if (best != null) {
            restore(model, best);
        } else {
            bestEpoch = config.epochs();
        }
        return new Result(model, history, bestEpoch, bestAcc, trainSet.size(), validSet.size());
    }

    /** The share of {@code examples} whose label is the model's top class, scored {@code batch} graphs at a time. */
    public static double accuracy(RelationScorer model, List<ReasoningExample> examples, int batch) {
        if (examples.isEmpty()) {
            return Double.NaN;
        }
        int[] predicted = predict(model, examples, batch);
        int right = 0;
        for (int i = 0; i < predicted.length; i++) {
            right += predicted[i] == examples.get(i).label() ? 1 : 0;
        }
        return (double) right / examples.size();
    }

    /**
     * The model's label for each example ({@link RelationScorer#predict}), scored {@code batch} graphs at a time; an
     * example's answer does not depend on the other graphs of its batch.
     */
    public static int[] predict(RelationScorer model, List<ReasoningExample> examples, int batch) {
        int[] out = new int[examples.size()];
        for (int from = 0; from < examples.size(); from += batch) {
            int to = Math.min(examples.size(), from + batch);
            int[] part = model.predict(examples.subList(from, to));
            System.arraycopy(part, 0, out, from, part.length);
        }
        return out;
    }

    /** Accuracy for each chain length ({@link ReasoningExample#hops()}), in increasing order. */
    public static Map<Integer, Double> accuracyByHops(RelationScorer model, List<ReasoningExample> examples,
            int batch) {
        return accuracyByHops(examples, predict(model, examples, batch));
    }

    /**
     * Accuracy for each chain length of answers already given, {@code predicted[i]} for {@code examples.get(i)} (to
     * report accuracy and list the wrong answers from one pass over a test set).
     */
    public static Map<Integer, Double> accuracyByHops(List<ReasoningExample> examples, int[] predicted) {
        if (predicted.length != examples.size()) {
            throw new IllegalArgumentException(predicted.length + " answers for " + examples.size() + " examples");
        }
        Map<Integer, int[]> counts = new TreeMap<>();
        for (int i = 0; i < predicted.length; i++) {
            int[] c = counts.computeIfAbsent(examples.get(i).hops(), k -> new int[2]);
            c[0] += predicted[i] == examples.get(i).label() ? 1 : 0;
            c[1]++;
        }
        Map<Integer, Double> out = new TreeMap<>();
        counts.forEach((k, c) -> out.put(k, (double) c[0] / c[1]));
        return out;
    }

    /**
     * The realistic rank (ties count half) of each example's label among the first {@code classes} labels' scores:
     * for relation prediction on a knowledge graph, where the examples' edges also carry inverse relations that are
     * never answers.
     */
    public static double[] labelRanks(RelationScorer model, List<ReasoningExample> examples, int classes,
            int batch) {
        double[] ranks = new double[examples.size()];
        for (int from = 0; from < examples.size(); from += batch) {
            List<ReasoningExample> part = examples.subList(from, Math.min(examples.size(), from + batch));
            Tensor s = model.score(part);
            for (int q = 0; q < part.size(); q++) {
                float truth = s.get(q, part.get(q).label());
                int greater = 0;
                int equal = 0;
                for (int r = 0; r < classes; r++) {
                    float v = s.get(q, r);
                    greater += v > truth ? 1 : 0;
                    equal += v == truth && r != part.get(q).label() ? 1 : 0;
                }
                ranks[from + q] = 1 + greater + equal / 2.0;
            }
        }
        return ranks;
    }

    private static float[][] snapshot(EpiGnn model) {
        List<Tensor> ps = model.parameters().all();
        float[][] copy = new float[ps.size()][];
        for (int i = 0; i < ps.size(); i++) {
            copy[i] = ps.get(i).data().clone();
        }
        return copy;
    }

    private static void restore(EpiGnn model, float[][] values) {
        List<Tensor> ps = model.parameters().all();
        for (int i = 0; i < ps.size(); i++) {
            System.arraycopy(values[i], 0, ps.get(i).data(), 0, values[i].length);
        }
    }
}
