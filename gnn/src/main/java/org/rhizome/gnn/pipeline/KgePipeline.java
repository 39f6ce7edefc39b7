package org.rhizome.gnn.pipeline;

import java.util.Locale;
import java.util.Objects;

import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.evaluation.EvaluationResult;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.sampling.NegativeSampler;
import org.rhizome.gnn.training.Trainer;
import org.rhizome.gnn.training.Validation;
import org.rhizome.gnn.training.TrainingConfig;
import org.rhizome.gnn.training.TrainingListener;
import org.rhizome.gnn.training.TrainingResult;

/**
 * Dataset to evaluated model in one call: train with a {@link TrainingConfig}, evaluate on the test split with the
 * filtered protocol (filter = train + valid + test), and keep the names so the model can be saved and queried. A
 * dataset with reciprocal relations ({@link KgDataset#withReciprocals()}, {@link PipelineConfig#reciprocal()}) is
 * evaluated through them ({@link TrainedModel#scorer()}).
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
    public record Result(TrainedModel model, TrainingResult training, EvaluationResult test, double evalSeconds) {
        /** The resolved configuration, as recorded in the model file (JSON). */
        public String configuration() {
            return model.config();
        }
    }

    /**
     * Runs the pipeline {@code config} describes on {@code ds} (already read from {@link PipelineConfig#data()} or the
     * store by the caller): training with validation and early stopping when {@link PipelineConfig#validation()}
     * asks for it, then the filtered test evaluation; the model records {@code config} as JSON.
     *
     * @param sampler    the negative sampler when {@code config} names LEMON (built by the caller, who has the entity
     *                   texts and the embedder); {@code null} for uniform negatives
     * @param validation the validation to use instead of the one {@code config} describes (e.g. with a checkpoint
     *                   callback), or {@code null}
     * @throws IllegalArgumentException if {@code config} names LEMON and no sampler is given, or asks for
     *                                  validation on a dataset without validation triples
     */
    public static Result run(KgDataset ds, PipelineConfig config, NegativeSampler sampler, Validation validation,
            TrainingListener listener, int reportEvery) {
        return run(ds, config, sampler, validation, listener, reportEvery, trainer -> { });
    }

    /**
     * As {@link #run(KgDataset, PipelineConfig, NegativeSampler, Validation, TrainingListener, int)}, with
     * {@code setup} applied to the {@link Trainer} before it trains: for what the configuration does not hold,
     * such as saving the training state ({@link Trainer#saveState}) or resuming from one ({@link Trainer#resume}).
     */
    public static Result run(KgDataset ds, PipelineConfig config, NegativeSampler sampler, Validation validation,
            TrainingListener listener, int reportEvery, java.util.function.Consumer<Trainer> setup) {
        Objects.requireNonNull(config, "config");
        if ("lemon".equals(config.sampler().kind()) && sampler == null) {
            throw new IllegalArgumentException("the configuration names the LEMON sampler: build it "
                    + "(LemonSampler over the entity texts) and pass it");
        }
        KgDataset data = config.reciprocal() ? ds.withReciprocals() : ds;
        Validation v = validation;
        if (v == null && config.validation().every() > 0) {
            if (ds.valid().size() == 0) {
                throw new IllegalArgumentException("validation every " + config.validation().every()
                        + " steps needs validation triples; this dataset has none");
            }
            v = Validation.of(ds.valid(), FilterIndex.of(data), config.validation().every(),
                    config.validation().patience());
        }
        if (v != null && config.reciprocal()) {
            v = v.withReciprocals(data.baseRelationCount());
        }
        Result r = run(data, config.training(), config.threads(), sampler, v, listener, reportEvery, setup);
        TrainedModel m = r.model();
        return new Result(new TrainedModel(m.model(), m.entities(), m.relations(), config.toJson()), r.training(),
                r.test(), r.evalSeconds());
    }

    /** Trains on {@code ds.train()} and evaluates on {@code ds.test()}, both on {@code threads} threads. */
    public static Result run(KgDataset ds, TrainingConfig config, int threads, TrainingListener listener,
            int reportEvery) {
        return run(ds, config, threads, null, listener, reportEvery);
    }

    /**
     * {@link #run(KgDataset, TrainingConfig, int, TrainingListener, int)} drawing negatives with {@code sampler}
     * ({@code null}: the one the configuration names).
     */
    public static Result run(KgDataset ds, TrainingConfig config, int threads, NegativeSampler sampler,
            TrainingListener listener, int reportEvery) {
        return run(ds, config, threads, sampler, null, listener, reportEvery);
    }

    /**
     * The general form: negatives drawn with {@code sampler} ({@code null}: the configuration's), and, when
     * {@code validation} is not {@code null}, validation checks with early stopping (the result's model holds the
     * best check's parameters).
     */
    public static Result run(KgDataset ds, TrainingConfig config, int threads, NegativeSampler sampler,
            Validation validation, TrainingListener listener, int reportEvery) {
        return run(ds, config, threads, sampler, validation, listener, reportEvery, trainer -> { });
    }

    private static Result run(KgDataset ds, TrainingConfig config, int threads, NegativeSampler sampler,
            Validation validation, TrainingListener listener, int reportEvery,
            java.util.function.Consumer<Trainer> setup) {
        Objects.requireNonNull(ds, "ds");
        Trainer trainer = new Trainer(config).threads(threads).listener(listener, reportEvery);
        if (ds.hasReciprocals()) { // their triples are head queries (TrainingConfig#headNegatives)
            trainer.reciprocalRelationsFrom(ds.baseRelationCount());
        }
        if (sampler != null) {
            trainer.sampler(sampler);
        }
        if (validation != null) {
            trainer.validation(validation);
        }
        setup.accept(trainer);
        TrainingResult tr = trainer.train(ds.train(), ds.entityCount(), ds.relationCount());
        String d = describe(config);
        if (sampler != null) { // the sampler replaces the configuration's: say which
            d = d.substring(0, d.length() - 1) + ",\"sampler\":\"" + sampler.describe().replace("\"", "'") + "\"}";
        }
        TrainedModel model = new TrainedModel(tr.model(), ds.entities(), ds.relations(), d);
        long t0 = System.nanoTime();
        // through the reciprocal relations when the dataset has them (TrainedModel#scorer)
        EvaluationResult ev = new RankEvaluator().evaluate(model.scorer(), ds.test(), FilterIndex.of(ds), threads);
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        return new Result(model, tr, ev, evalSeconds);
    }

    /** The configuration as one line of JSON, recorded in model files. */
    public static String describe(TrainingConfig c) {
        return String.format(Locale.ROOT, "{\"model\":\"%s\",\"rank\":%d,\"negatives\":%d,\"batch\":%d,\"steps\":%d,"
                + "\"lr\":%s,\"optimizer\":\"%s\",\"loss\":\"%s\",\"gamma\":%s,\"advTemperature\":%s,"
                + "\"regularization\":%s,\"subsampling\":%s,\"sides\":\"%s\",\"seed\":%d,\"chunk\":%d,"
                + "\"regularizer\":\"%s\",\"initLow\":%s,\"initHigh\":%s,\"entityDropout\":%s,"
                + "\"relationDropout\":%s,\"initializer\":\"%s\",\"labelSmoothing\":%s,"
                + "\"relationRegularization\":%s,\"batches\":\"%s\",\"dropoutMasks\":\"%s\",\"penaltyRows\":\"%s\","
                + "\"headNegatives\":%d,\"lrSchedule\":\"%s\"}", c.model(),
                c.rank(), c.negatives(), c.batch(), c.steps(), c.lr(), c.optimizer(), c.loss(), c.gamma(),
                c.advTemperature(), c.regularization(), c.subsampling(), c.sides(), c.seed(), c.chunk(),
                c.regularizer(), c.initLow(), c.initHigh(), c.entityDropout(), c.relationDropout(), c.initializer(),
                c.labelSmoothing(), c.relationRegularization(), c.batches(), c.dropoutMasks(),
                c.penaltyRows(), c.headNegatives(), c.lrSchedule());
    }
}
