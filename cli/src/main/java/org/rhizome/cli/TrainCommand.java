package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.gnn.data.DatasetException;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.SplitOptions;
import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.io.ModelFile;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.pipeline.KgePipeline;
import org.rhizome.gnn.training.TrainingConfig;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rhizome train}: a KG-embedding model from a benchmark folder or the store. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Trains a knowledge-graph embedding model (TransE, DistMult, ComplEx, RotatE) with the RotatE reference "
                    + "code's scheme (self-adversarial negatives, Adam), evaluates it on the test split with filtered "
                    + "ranks (realistic ties), and saves it. Data: a folder of train.txt/valid.txt/test.txt "
                    + "(--data), or the store's statements split 90/5/5 by seed.",
        })
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "A benchmark folder (train.txt, valid.txt, test.txt).")
    Path data;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "rotate",
            description = "transe-l1, transe-l2, distmult, complex or rotate. Default: ${DEFAULT-VALUE}")
    String model;

    @Option(names = "--rank", paramLabel = "N", defaultValue = "100",
            description = "Embedding size (complex coordinates for ComplEx and RotatE). Default: ${DEFAULT-VALUE}")
    int rank;

    @Option(names = "--negatives", paramLabel = "N", defaultValue = "64", description = "Default: ${DEFAULT-VALUE}")
    int negatives;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "1000", description = "Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--lr", paramLabel = "RATE", defaultValue = "0.001", description = "Adam's learning rate. "
            + "Default: ${DEFAULT-VALUE}")
    float lr;

    @Option(names = "--gamma", paramLabel = "G", defaultValue = "6", description = "Margin. Default: ${DEFAULT-VALUE}")
    float gamma;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.5",
            description = "Self-adversarial temperature (0: plain mean). Default: ${DEFAULT-VALUE}")
    float temperature;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2",
            description = "Threads for training (data-parallel over each batch) and evaluation. Default: "
                    + "${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "Where to save the model.")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        TrainingConfig c;
        try {
            c = TrainingConfig.defaults(ModelKind.parse(model)).withRank(rank).withBatch(batch, negatives)
                    .withSteps(steps).withLearningRate(lr, "adam").withLoss("self-adversarial", gamma, temperature)
                    .withSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
        }
        KgDataset ds = dataset(root, data, seed);
        o.printf(Locale.US, "dataset: %,d entities, %,d relations, %,d / %,d / %,d train / valid / test triples%n",
                ds.entityCount(), ds.relationCount(), ds.train().size(), ds.valid().size(), ds.test().size());
        o.flush();
        KgePipeline.Result r = KgePipeline.run(ds, c, threads, (step, all, loss) -> {
            if (!root.quiet()) {
                o.printf(Locale.US, "  step %,d/%,d loss %.4f%n", step, all, loss);
                o.flush();
            }
        }, Math.max(1, steps / 10));
        ModelFile.write(r.model(), out);
        RankMetrics m = r.test().metrics(Side.BOTH, TieBreak.REALISTIC);
        o.printf(Locale.US, "trained %s in %.1f s (%,.0f scored triples/s); test (filtered, realistic ties): "
                + "MRR %.3f, MR %.1f, Hits@1 %.3f, Hits@3 %.3f, Hits@10 %.3f over %,d ranks, evaluated in %.2f s%n",
                c.model(), r.training().seconds(), r.training().scoredTriplesPerSecond(), m.mrr(), m.mr(), m.hits1(),
                m.hits3(), m.hits10(), m.count(), r.evalSeconds());
        o.println("saved " + out.toAbsolutePath());
        return ExitCodes.OK;
    }

    /** The folder's dataset, or the store's statements split by {@code seed}. */
    static KgDataset dataset(Rhizome root, Path data, long seed) {
        if (data != null) {
            try {
                return KgDataset.fromFolder(data);
            } catch (DatasetException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
            }
        }
        try (KnowledgeGraph kg = root.openStore(false)) {
            GraphSnapshot s = GraphSnapshot.of(kg);
            if (s.edgeCount() < 10) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, "the store has " + s.edgeCount()
                        + " statements between concepts: too few to train on");
            }
            return KgDataset.fromSnapshot(s, SplitOptions.defaults().withSeed(seed));
        }
    }
}
