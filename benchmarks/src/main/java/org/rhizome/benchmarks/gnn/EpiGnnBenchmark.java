package org.rhizome.benchmarks.gnn;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.rhizome.benchmarks.BenchArgs;
import org.rhizome.gnn.epignn.EpiGnn;
import org.rhizome.gnn.epignn.EpiGnnConfig;
import org.rhizome.gnn.epignn.EpiGnnEnsemble;
import org.rhizome.gnn.epignn.EpiGnnTrainer;
import org.rhizome.gnn.epignn.Objective;
import org.rhizome.gnn.reasoning.ReasoningCsv;
import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.reasoning.Vocabulary;

/**
 * EpiGNN on CLUTRR (graph form): trains on the split's training file with the reference settings
 * ({@link EpiGnnConfig#clutrr()}; epochs, seeds, learning rate, weight decay and the initialisation bound
 * overridable: {@code init=B} for logits started uniform in [-B, B) instead of Xavier bounds, {@code objective=cosine}
 * for the log-cosine cross-entropy, {@code objective=margin-readout-first} for the margin objective with the
 * cross-entropy's arguments swapped, {@code facets=M size=N} for another state shape, {@code margin=G} for another
 * margin, {@code hops=K} to train on the chains of length K only) and prints one JSON line per seed with the accuracy
 * on the training graphs, the test accuracy of each chain length k, the seconds per epoch with the hold-out
 * evaluation and the median training seconds per epoch without it. {@code errors=FILE} also writes every wrong
 * test answer as a tab-separated line (seed, the example's file and record line, k, the gold and
 * the predicted relation), for {@code benchmarks/epignn/clutrr_ambiguity.py} to sort by kind of test graph;
 * {@code trace=FILE} appends, after every epoch, the test accuracy of each k of the model as it stands then (see
 * {@link #writeTrace}), to see which epochs generalise to long chains and whether the hold-out picks them.
 * {@code rounds=R1,R2,...} also prints, for each count, the test accuracy per k of the trained model scoring with
 * that many message-passing rounds instead of its 9 ({@link EpiGnn#withRounds}).
 * {@code ensemble=N} also prints, for each run of N consecutive seeds, the test accuracy per k of their models
 * answering together ({@link EpiGnnEnsemble}), and with {@code errors=FILE} writes their wrong answers too.
 *
 * <pre>java ... EpiGnnBenchmark data=../shared/datasets/clutrr/data_db9b8f04 epochs=100 seeds=42,43,44</pre>
 */
public final class EpiGnnBenchmark {
    private EpiGnnBenchmark() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> o = BenchArgs.parse(args,
                "data", "", "epochs", "100", "seeds", "42", "lr", "0.01", "wd", "0.01", "init", "0", "hops", "0",
                "objective", "margin", "errors", "", "trace", "", "facets", "", "size", "", "margin", "",
                "ensemble", "0", "rounds", "");
        Path dir = Path.of(o.get("data"));
        if (!Files.isDirectory(dir)) {
            System.out.println("{\"skipped\": \"no dataset at " + dir + "\"}");
            return;
        }
        Path trainFile;
        List<Path> testFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.sorted().toList();
            trainFile = all.stream().filter(p -> p.getFileName().toString().endsWith("_train.csv")).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no *_train.csv in " + dir));
            all.stream().filter(p -> p.getFileName().toString().endsWith("_test.csv")).forEach(testFiles::add);
        }
        Vocabulary vocab = new Vocabulary();
        List<ReasoningExample> train = ReasoningCsv.readClutrr(trainFile, vocab);
        int hops = Integer.parseInt(o.get("hops"));
        if (hops > 0) {
            train = train.stream().filter(x -> x.hops() == hops).toList();
        }
        vocab.freeze();
        List<ReasoningExample> test = new ArrayList<>();
        for (Path p : testFiles) {
            test.addAll(ReasoningCsv.readClutrr(p, vocab));
        }
        List<EpiGnn> models = new ArrayList<>();
        for (String seedText : o.get("seeds").split(",")) {
            long seed = Long.parseLong(seedText.strip());
            EpiGnnConfig c = EpiGnnConfig.clutrr().withSeed(seed).withEpochs(Integer.parseInt(o.get("epochs")))
                    .withOptimiser(Float.parseFloat(o.get("lr")), Float.parseFloat(o.get("wd")))
                    .withInitBound(Float.parseFloat(o.get("init")));
            Objective objective = switch (o.get("objective")) {
                case "cosine" -> Objective.COSINE_CROSS_ENTROPY;
                case "margin" -> Objective.MARGIN;
                case "margin-readout-first" -> Objective.MARGIN_READOUT_FIRST;
                default -> throw new IllegalArgumentException("objective must be cosine, margin or "
                        + "margin-readout-first, got " + o.get("objective"));
            };
            int facets = o.get("facets").isEmpty() ? c.facets() : Integer.parseInt(o.get("facets"));
            int size = o.get("size").isEmpty() ? c.facetSize() : Integer.parseInt(o.get("size"));
            float margin = o.get("margin").isEmpty() ? c.margin() : Float.parseFloat(o.get("margin"));
            c = new EpiGnnConfig(facets, size, c.layers(), c.aggregation(), objective, margin, c.learningRate(),
                    c.weightDecay(), c.batchSize(), c.epochs(), c.validFraction(), c.seed(), c.initBound());
            Path trace = o.get("trace").isEmpty() ? null : Path.of(o.get("trace"));
            long start = System.nanoTime();
            EpiGnnTrainer.Result r = EpiGnnTrainer.trainObserved(train, vocab.size(), c, (e, model) -> {
                System.err.printf(Locale.ROOT, "epoch %d loss %.4f valid %.4f %d ms%n", e.epoch(), e.meanLoss(),
                        e.validAccuracy(), e.millis());
                if (trace != null) {
                    writeTrace(trace, seed, e, EpiGnnTrainer.accuracyByHops(model, test, 256));
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            long[] trainMillis = r.epochs().stream().mapToLong(EpiGnnTrainer.Epoch::millis).sorted().toArray();
            double median = trainMillis.length == 0 ? 0 : trainMillis[trainMillis.length / 2] / 1000.0;
            int[] predicted = EpiGnnTrainer.predict(r.model(), test, 256);
            Map<Integer, Double> byK = EpiGnnTrainer.accuracyByHops(test, predicted);
            if (!o.get("errors").isEmpty()) {
                writeErrors(Path.of(o.get("errors")), seed, predicted, test, vocab);
            }
            StringBuilder json = new StringBuilder();
            json.append(String.format(Locale.ROOT,
                    "{\"dataset\": \"%s\", \"seed\": %d, \"epochs\": %d, \"best_epoch\": %d, \"valid\": %.4f, "
                            + "\"init\": %s, \"objective\": \"%s\", \"facets\": %d, \"facet_size\": %d, "
                            + "\"margin\": %s, \"train_accuracy\": %.4f, "
                            + "\"seconds_per_epoch\": %.2f, \"median_train_seconds_per_epoch\": %.2f, \"test\": {",
                    dir.getFileName(), seed, c.epochs(), r.bestEpoch(), r.bestValidAccuracy(), o.get("init"),
                    o.get("objective"), c.facets(), c.facetSize(), c.margin(),
                    EpiGnnTrainer.accuracy(r.model(), train, 512),
                    seconds / Math.max(1, c.epochs()), median));
            System.out.println(appendByK(json, byK));
            for (String rt : o.get("rounds").isEmpty() ? new String[0] : o.get("rounds").split(",")) {
                int rounds = Integer.parseInt(rt.strip());
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                        "{\"seed\": %d, \"rounds\": \"%s\", \"test\": {", seed, rt));
                System.out.println(appendByK(line,
                        EpiGnnTrainer.accuracyByHops(r.model().withRounds(rounds), test, 256)));
            }
            models.add(r.model());
        }
        int group = Integer.parseInt(o.get("ensemble"));
        for (int from = 0; group > 0 && from + group <= models.size(); from += group) {
            printEnsemble(models.subList(from, from + group), test, o.get("errors"), vocab);
        }
    }

    /**
     * The test accuracy per k of {@code members} answering together ({@link EpiGnnEnsemble}); with an errors file,
     * also the ensemble's wrong answers, under the seeds joined by {@code +} (as {@code 42+43+44+45}).
     */
    private static void printEnsemble(List<EpiGnn> members, List<ReasoningExample> test, String errors,
            Vocabulary vocab) throws IOException {
        EpiGnnEnsemble ensemble = new EpiGnnEnsemble(members);
        int[] predicted = EpiGnnTrainer.predict(ensemble, test, 256);
        Map<Integer, Double> byK = EpiGnnTrainer.accuracyByHops(test, predicted);
        List<String> seeds = members.stream().map(m -> String.valueOf(m.config().seed())).toList();
        if (!errors.isEmpty()) {
            writeErrors(Path.of(errors), String.join("+", seeds), predicted, test, vocab);
        }
        StringBuilder json = new StringBuilder("{\"ensemble_seeds\": " + seeds + ", \"test\": {");
        System.out.println(appendByK(json, byK));
    }

    /** Appends {@code "kK": acc} for each k and closes the test object and the line's object. */
    private static StringBuilder appendByK(StringBuilder json, Map<Integer, Double> byK) {
        String sep = "";
        for (Map.Entry<Integer, Double> e : byK.entrySet()) {
            json.append(String.format(Locale.ROOT, "%s\"k%d\": %.4f", sep, e.getKey(), e.getValue()));
            sep = ", ";
        }
        return json.append("}}");
    }

    /**
     * Appends one line per epoch: seed, epoch, mean training loss, hold-out accuracy, then the test accuracy of each
     * k (tab-separated {@code k=acc} fields). Evaluating the test set every epoch adds to the epoch's wall time, not
     * to its training time.
     */
    private static void writeTrace(Path file, long seed, EpiGnnTrainer.Epoch e, Map<Integer, Double> byK) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%d\t%d\t%.5f\t%.4f", seed, e.epoch(),
                e.meanLoss(), e.validAccuracy()));
        byK.forEach((k, acc) -> line.append(String.format(Locale.ROOT, "\t%d=%.4f", k, acc)));
        try {
            Files.writeString(file, line.append('\n'), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Appends one line per wrong answer: seed (or an ensemble's seeds), origin (file:line), k, gold, predicted. */
    private static void writeErrors(Path file, Object seed, int[] predicted, List<ReasoningExample> test,
            Vocabulary vocab) throws IOException {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < test.size(); i++) {
            ReasoningExample x = test.get(i);
            if (predicted[i] != x.label()) {
                out.append(seed).append('\t').append(x.origin()).append('\t').append(x.hops()).append('\t')
                        .append(vocab.label(x.label())).append('\t').append(vocab.label(predicted[i])).append('\n');
            }
        }
        Files.writeString(file, out, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
