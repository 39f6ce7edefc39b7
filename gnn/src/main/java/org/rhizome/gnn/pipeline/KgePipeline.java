package org.rhizome.gnn.pipeline;

import java.util.Locale;
import java.util.Objects;

import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.evaluation.EvaluationResult;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.training.Trainer;
import org.rhizome.gnn.training.TrainingConfig;
import org.rhizome.gnn.training.TrainingListener;
import org.rhizome.gnn.training.TrainingResult;

/**
 * Dataset to evaluated model in one call: train with a {@link TrainingConfig}, evaluate on the test split with the
 * filtered protocol (filter = train + valid + test), and keep the names so the model can be saved and queried.
 */
public final class KgePipeline {
    private KgePipeline() {}

    /**
     * What a pipeline run produced.
     *
     * @param model    the trained model with its names
     * @param training training figures
     * @param test     filtered metrics on the test split (empty metrics when the split is empty)
     * @param evalSeconds wall time of the evaluation
     */
    public record Result(TrainedModel model, TrainingResult training, EvaluationResult test, double evalSeconds) {}

    /** Trains on {@code ds.train()} and evaluates on {@code ds.test()}, both on {@code threads} threads. */
    public static Result run(KgDataset ds, TrainingConfig config, int threads, TrainingListener listener,
            int reportEvery) {
        Objects.requireNonNull(ds, "ds");
        TrainingResult tr = new Trainer(config).threads(threads).listener(listener, reportEvery)
                .train(ds.train(), ds.entityCount(), ds.relationCount());
        long t0 = System.nanoTime();
        EvaluationResult ev = new RankEvaluator().evaluate(tr.model(), ds.test(), FilterIndex.of(ds), threads);
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        return new Result(new TrainedModel(tr.model(), ds.entities(), ds.relations(), describe(config)), tr, ev,
                evalSeconds);
    }

    /** The configuration as one line of JSON, recorded in model files. */
    public static String describe(TrainingConfig c) {
        return String.format(Locale.ROOT, "{\"model\":\"%s\",\"rank\":%d,\"negatives\":%d,\"batch\":%d,\"steps\":%d,"
                + "\"lr\":%s,\"optimizer\":\"%s\",\"loss\":\"%s\",\"gamma\":%s,\"advTemperature\":%s,"
                + "\"regularization\":%s,\"subsampling\":%s,\"sides\":\"%s\",\"seed\":%d}", c.model(), c.rank(),
                c.negatives(), c.batch(), c.steps(), c.lr(), c.optimizer(), c.loss(), c.gamma(), c.advTemperature(),
                c.regularization(), c.subsampling(), c.sides(), c.seed());
    }
}
