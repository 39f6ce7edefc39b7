package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.rhizome.gnn.data.DatasetException;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.epignn.Aggregation;
import org.rhizome.gnn.epignn.EpiGnnConfig;
import org.rhizome.gnn.epignn.EpiGnnFile;
import org.rhizome.gnn.epignn.EpiGnnTrainer;
import org.rhizome.gnn.epignn.Objective;
import org.rhizome.gnn.reasoning.AlgebraGenerator;
import org.rhizome.gnn.reasoning.KgRelationQueries;
import org.rhizome.gnn.reasoning.KinshipGenerator;
import org.rhizome.gnn.reasoning.ReasoningCsv;
import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.reasoning.RelationAlgebra;
import org.rhizome.gnn.reasoning.Vocabulary;

/** {@code rhizome train --model epignn}: EpiGNN on relational-reasoning graphs, read or generated. */
final class EpiGnnTraining {
    private EpiGnnTraining() {}

    /** The training set, its vocabulary and the preset that suits it. */
    record Data(List<ReasoningExample> examples, Vocabulary vocabulary, EpiGnnConfig preset, String description) {}

    static Data load(Path reasoning, String generate, int count, long seed) {
        if ((reasoning == null) == (generate == null)) {
            throw new CommandFailedException(ExitCodes.USAGE,
                    "--model epignn takes one of --reasoning FILE (a CLUTRR or RCC-8/interval CSV), "
                            + "--generate rcc8|interval|kinship and --data DIR (or the store)");
        }
        if (reasoning != null) {
            Vocabulary v = new Vocabulary();
            List<ReasoningExample> xs;
            try {
                xs = ReasoningCsv.readAny(reasoning, v);
            } catch (DatasetException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
            }
            if (xs.isEmpty()) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, reasoning + " holds no examples");
            }
            v.freeze();
            EpiGnnConfig preset = isAlgebra(v) ? (v.size() > 8 ? EpiGnnConfig.intervalAlgebra() : EpiGnnConfig.rcc8())
                    : EpiGnnConfig.clutrr();
            return new Data(xs, v, preset, reasoning.toString());
        }
        if (count < 1) {
            throw new CommandFailedException(ExitCodes.USAGE, "--generate-count must be at least 1, got " + count);
        }
        Random random = new Random(seed);
        switch (generate) {
            case "rcc8", "interval" -> {
                RelationAlgebra alg = generate.equals("rcc8") ? RelationAlgebra.rcc8()
                        : RelationAlgebra.intervalAlgebra();
                AlgebraGenerator gen = new AlgebraGenerator(alg, random);
                List<ReasoningExample> xs = new ArrayList<>();
                for (int k = 2; k <= 4; k++) {
                    for (int b = 1; b <= 3; b++) {
                        xs.addAll(gen.generate(k, b, count));
                    }
                }
                return new Data(xs, alg.vocabulary(),
                        generate.equals("rcc8") ? EpiGnnConfig.rcc8() : EpiGnnConfig.intervalAlgebra(),
                        "generated " + alg.name() + ": k = 2..4, b = 1..3, " + count + " per relation each");
            }
            case "kinship" -> {
                KinshipGenerator gen = new KinshipGenerator(random);
                List<ReasoningExample> xs = new ArrayList<>(gen.generate(count, 2));
                xs.addAll(gen.generate(count, 3));
                // small generated sets learn faster from logits started in [-1, 1) (EpiGnnTrainingTest)
                EpiGnnConfig c = EpiGnnConfig.clutrr().withEpochs(40).withInitBound(1f);
                return new Data(xs, KinshipGenerator.vocabulary(), c,
                        "generated kinship chains: " + count + " of 2 edges and " + count + " of 3");
            }
            default -> throw new CommandFailedException(ExitCodes.USAGE,
                    "--generate takes rcc8, interval or kinship, not " + generate);
        }
    }

    /** Relation prediction on a knowledge graph: training statements as queries, and the test statements. */
    record KgData(Data train, KgRelationQueries.Result test, int testSize, int baseRelations) {}

    static KgData loadKg(KgDataset ds, int maxQueries, int maxLength, long seed) {
        if (ds.hasReciprocals()) {
            throw new IllegalArgumentException("relation prediction builds its own inverse edges");
        }
        KgRelationQueries q = new KgRelationQueries(ds.train(), ds.entityCount(), ds.relationCount());
        KgRelationQueries.Options opt = new KgRelationQueries.Options(maxLength, 96, seed);
        TripleSet trainQueries = ds.train();
        if (trainQueries.size() > maxQueries) {
            // a seeded sample of the training statements as queries; each still left out of its own subgraph
            int[] pick = new Random(seed).ints(0, trainQueries.size()).distinct().limit(maxQueries).sorted().toArray();
            KgRelationQueries.Result all = sample(q, trainQueries, pick, opt);
            return new KgData(new Data(all.examples(), KgRelationQueries.vocabulary(ds.relations()),
                    EpiGnnConfig.clutrr().withEpochs(20), ds + ", " + maxQueries + " of " + trainQueries.size()
                            + " training statements as queries"),
                    q.build(ds.test(), false, opt), ds.test().size(), ds.relationCount());
        }
        KgRelationQueries.Result train = q.build(trainQueries, true, opt);
        return new KgData(new Data(train.examples(), KgRelationQueries.vocabulary(ds.relations()),
                EpiGnnConfig.clutrr().withEpochs(20), ds + ", training statements as queries ("
                        + train.unanswerable() + " without a path of <= " + maxLength + " left out)"),
                q.build(ds.test(), false, opt), ds.test().size(), ds.relationCount());
    }

    private static KgRelationQueries.Result sample(KgRelationQueries q, TripleSet train, int[] pick,
            KgRelationQueries.Options opt) {
        List<ReasoningExample> out = new ArrayList<>();
        int unanswerable = 0;
        for (int i : pick) {
            // one query at a time so the statement left out is the query's own
            KgRelationQueries.Result one = q.buildOne(train, i, opt);
            out.addAll(one.examples());
            unanswerable += one.unanswerable();
        }
        return new KgRelationQueries.Result(out, new int[0], unanswerable);
    }

    /** Accuracy and MRR over all test statements (a statement without a path counts as a miss). */
    static void evaluateKg(PrintWriter o, EpiGnnFile.Trained trained, KgData d) {
        double[] ranks = EpiGnnTrainer.labelRanks(trained.model(), d.test().examples(), d.baseRelations(), 256);
        double rr = 0;
        int hits1 = 0;
        for (double r : ranks) {
            rr += 1 / r;
            hits1 += r == 1 ? 1 : 0;
        }
        o.printf(Locale.US, "test (h, ?, t) over %,d statements: accuracy (Hits@1) %.4f, MRR %.4f; %,d had no path "
                + "of the allowed length (counted as misses)%n", d.testSize(), (double) hits1 / d.testSize(),
                rr / d.testSize(), d.test().unanswerable());
        o.flush();
    }

    private static boolean isAlgebra(Vocabulary v) {
        List<String> rcc = RelationAlgebra.rcc8().labels();
        List<String> ia = RelationAlgebra.intervalAlgebra().labels();
        return rcc.containsAll(v.labels()) || ia.containsAll(v.labels());
    }

    /** Per-file and per-k accuracy of {@code trained} on {@code tests}, printed. */
    static void evaluate(PrintWriter o, EpiGnnFile.Trained trained, List<Path> tests) {
        for (Path test : tests) {
            evaluate(o, trained, test, read(test, trained));
        }
    }

    /** {@code file} read with the model's labels; a bad file is a bad-input failure naming it. */
    static List<ReasoningExample> read(Path file, EpiGnnFile.Trained trained) {
        try {
            return ReasoningCsv.readAny(file, trained.labels());
        } catch (DatasetException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** The accuracy (and per k) of {@code trained} on examples read from {@code file}, printed. */
    static void evaluate(PrintWriter o, EpiGnnFile.Trained trained, Path file, List<ReasoningExample> xs) {
        Map<Integer, Double> byK = EpiGnnTrainer.accuracyByHops(trained.model(), xs, 256);
        StringBuilder line = new StringBuilder(String.format(Locale.US, "test %s: accuracy %.4f over %,d",
                file.getFileName(), EpiGnnTrainer.accuracy(trained.model(), xs, 256), xs.size()));
        if (byK.size() > 1) {
            byK.forEach((k, acc) -> line.append(String.format(Locale.US, "; k=%d %.4f", k, acc)));
        }
        o.println(line);
        o.flush();
    }

    /** Applies the command's overrides to the preset. */
    static EpiGnnConfig configure(EpiGnnConfig p, Integer epochs, Integer facets, Integer facetSize, Integer layers,
            String aggregation, String objective, Float init, Float lr, Integer batch, long seed) {
        try {
            return new EpiGnnConfig(facets != null ? facets : p.facets(), facetSize != null ? facetSize : p.facetSize(),
                    layers != null ? layers : p.layers(),
                    aggregation != null ? Aggregation.valueOf(aggregation.toUpperCase(Locale.ROOT)) : p.aggregation(),
                    objective != null ? parseObjective(objective) : p.objective(), p.margin(),
                    lr != null ? lr : p.learningRate(), p.weightDecay(), batch != null ? batch : p.batchSize(),
                    epochs != null ? epochs : p.epochs(), p.validFraction(), seed,
                    init != null ? init : p.initBound());
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
        }
    }

    private static Objective parseObjective(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "cosine" -> Objective.COSINE_CROSS_ENTROPY;
            case "margin" -> Objective.MARGIN;
            default -> throw new IllegalArgumentException("--objective takes cosine or margin, not " + s);
        };
    }
}
