package org.rhizome.benchmarks.gnn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.rhizome.benchmarks.BenchArgs;
import org.rhizome.gnn.data.EntityTexts;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.evaluation.EvaluationResult;
import org.rhizome.gnn.evaluation.LinkScorer;
import org.rhizome.gnn.evaluation.ReciprocalScorer;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.io.ModelFile;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.kernel.Kernels;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.pipeline.KgePipeline;
import org.rhizome.gnn.sampling.LemonSampler;
import org.rhizome.gnn.training.LearningRateSchedule;
import org.rhizome.gnn.training.Trainer;
import org.rhizome.gnn.training.TrainingConfig;
import org.rhizome.gnn.training.TrainingListener;
import org.rhizome.gnn.training.TrainingResult;
import org.rhizome.gnn.training.TrainingState;
import org.rhizome.gnn.training.Validation;

/**
 * Trains and evaluates one KG-embedding configuration the way {@code ../shared/bench/torch_kge.py} does (same
 * options, same meaning), so the two can run side by side: {@code run-kge-bench.sh} runs both. Prints one JSON line:
 * training seconds, scored triples per second, evaluation seconds, and the filtered test metrics (realistic and
 * optimistic ranks). A warm-up training of {@code warmup} steps runs first in the same JVM (Vector API code is 10-25x
 * slower before C2 compiles it) and is not timed.
 *
 * <pre>java ... KgeBenchmark data=../shared/datasets/UMLS model=rotate dim=200 negatives=64 gamma=6 adv-temp=0.5
 *     lr=1e-3 batch=256 steps=3000 threads=2 reg=0 seed=0 warmup=200</pre>
 * {@code dim} is torch_kge's: the complex rank for RotatE and ComplEx (rows of 2*dim floats), the size otherwise.
 * {@code chunk} (1) is {@link TrainingConfig#chunk()}: positives sharing one set of negatives (torch_kge has no such
 * option; compare chunked runs with Rhizome's own unchunked ones). {@code sides} ({@code alternate}) is
 * {@link TrainingConfig#sides()}: which side a negative corrupts: by step as the reference does, {@code random} (a
 * fair coin) or {@code bernoulli} (Wang et al.'s per-relation coin, with uniform entities; with {@code sampler=lemon}
 * the coin is LEMON's fair one). {@code negatives=all} trains against every entity, none sampled (LibKGE's
 * {@code 1vsAll}, {@link TrainingConfig#ALL_ENTITIES}; with {@code loss=cross-entropy} and {@code sides=tail} or
 * {@code sides=both}); {@code negatives=kvsall} trains LibKGE's {@code KvsAll} ({@link TrainingConfig#KVS_ALL}: every
 * known answer of a query a target, {@code batch} then counts queries; the same needs, {@code subsampling=false}),
 * with {@code label-smoothing} (0). {@code reg} weighs the {@code regularizer} penalty ({@link TrainingConfig}'s
 * {@code regularization}) on both tables, or on the entity table only when {@code reg-relations} gives the relation
 * table's. {@code batches} ({@code with-replacement}, as torch_kge draws them) or {@code shuffled} (passes over the
 * examples, as LibKGE's epochs) is {@link TrainingConfig#batches()}.
 *
 * <p>{@code sampler=lemon} draws negatives with {@link LemonSampler} instead of uniformly: entity texts from
 * {@code text} (default {@code <data>/text/entity2text.txt}), embedded with the in-process all-MiniLM-L6-v2 behind a
 * persistent cache in {@code embed-cache} (default {@code /tmp/rhizome-lemon-cache}), reduced to {@code lemon-dims}
 * (32), {@code lemon-clusters} clusters (100), negatives from the {@code lemon-nearest} (3) nearest the
 * {@code lemon-anchor} entity ({@code kept} or {@code replaced}), a share {@code lemon-uniform} (0) drawn uniformly
 * instead, filtered against
 * the training triples. The embedding and clustering time is printed apart, not in the training time.
 *
 * <p>LibKGE's setting (Ruffinelli et al. 2020), where most published TransE/DistMult/ComplEx numbers come from:
 * {@code reciprocal=true} trains with reciprocal relations (every training triple also as {@code (t, r^-1, h)},
 * tails corrupted only) and answers head queries through them ({@link ReciprocalScorer}); {@code loss}
 * ({@code self-adversarial}, {@code margin} or {@code cross-entropy}, LibKGE's {@code kl}), {@code optimizer}
 * ({@code adam} or {@code adagrad}), {@code subsampling} ({@code true}: the RotatE reference's weights) and
 * {@code init} ({@code R} for {@code [-R, R]}, {@code A,B} for {@code [A, B]}; 0: the reference's
 * {@code +-(gamma + 2) / dim}; {@code xavier-normal}: {@link TrainingConfig#XAVIER_NORMAL}), {@code entity-dropout} and
 * {@code relation-dropout} (0) are {@link TrainingConfig}'s, as are {@code dropout-masks} ({@code per-query} or
 * {@code per-triple}), {@code penalty-rows} ({@code touched} or {@code all}) and {@code head-negatives} (0: as many as
 * {@code negatives}; with {@code reciprocal=true} the count for the reciprocal triples, LibKGE's {@code num_samples.s})
 * and {@code lr-schedule} ({@code constant} or {@code plateau[:FACTOR:PATIENCE:THRESHOLD]}, LibKGE's
 * {@code ReduceLROnPlateau}; needs {@code valid-every}).
 * {@code valid-every=N} checks the filtered MRR on the whole validation split every N steps, keeps the best check
 * and stops after {@code patience} (10) checks without improvement; the JSON line then also holds the best check's
 * step and validation MRR, and {@code progress=N} prints a line to stderr every N steps. {@code save-best=FILE}
 * writes each new best check's model there (a model file that {@code rhizome evaluate} reads, reciprocal relations
 * included), so a run cut short can still be evaluated.
 *
 * <p>A run longer than one sitting: {@code state=FILE} writes the whole training state ({@link TrainingState}:
 * parameters, optimiser state, step, validation bookkeeping) there every {@code state-every} steps (default: each
 * validation check, else a tenth of the steps), and with {@code resume=true} a run whose state file exists continues
 * it exactly ({@link Trainer#resume}: the same configuration, bit for bit the uninterrupted run with the same
 * thread count) instead of starting afresh. The JSON line's {@code resumed_from} is the step it continued from, and
 * its training seconds and rate are that leg's alone.
 *
 * <p>{@code evaluate=false} skips the evaluation (a throughput probe): the JSON line then holds the training figures
 * and the last reported loss only.
 */
public final class KgeBenchmark {
    private KgeBenchmark() {}

    public static void main(String[] args) {
        Map<String, String> o = BenchArgs.parse(args,
                "data", "", "model", "rotate", "dim", "200", "negatives", "64", "gamma", "12", "adv-temp", "1.0",
                "lr", "1e-3", "batch", "512", "steps", "10000", "threads", "2", "reg", "0", "seed", "0", "warmup",
                "200", "sampler", "uniform", "text", "", "embed-cache", "/tmp/rhizome-lemon-cache", "lemon-dims", "32",
                "lemon-clusters", "100", "lemon-nearest", "3", "lemon-anchor", "kept", "lemon-uniform", "0",
                "chunk", "1", "regularizer", "l3", "sides", "alternate", "loss", "self-adversarial",
                "optimizer", "adam",
                "subsampling", "true", "init", "0", "reciprocal", "false", "valid-every", "0", "patience", "10",
                "progress", "0", "entity-dropout", "0", "relation-dropout", "0", "save-best", "",
                "label-smoothing", "0", "reg-relations", "", "batches", TrainingConfig.WITH_REPLACEMENT,
                "dropout-masks", TrainingConfig.MASKS_PER_QUERY,
                "penalty-rows", TrainingConfig.PENALTY_TOUCHED_ROWS, "head-negatives", "0", "lr-schedule", "constant",
                "state", "", "state-every", "0", "resume", "false", "evaluate", "true");
        Path data = Path.of(o.get("data"));
        if (!Files.isDirectory(data)) {
            System.out.println("{\"skipped\": \"no dataset at " + data + "\"}");
            return;
        }
        boolean reciprocal = Boolean.parseBoolean(o.get("reciprocal"));
        KgDataset base = KgDataset.fromFolder(data);
        KgDataset ds = reciprocal ? base.withReciprocals() : base;
        String sides = reciprocal ? "tail" : o.get("sides");
        ModelKind kind = switch (o.get("model")) {
            case "transe" -> ModelKind.TRANSE_L1;
            default -> ModelKind.parse(o.get("model"));
        };
        int negatives = TrainingConfig.parseNegatives(o.get("negatives"));
        TrainingConfig c = new TrainingConfig(kind, Integer.parseInt(o.get("dim")), negatives,
                Integer.parseInt(o.get("batch")), Integer.parseInt(o.get("steps")), Float.parseFloat(o.get("lr")),
                o.get("optimizer"), o.get("loss"), Float.parseFloat(o.get("gamma")),
                Float.parseFloat(o.get("adv-temp")), Float.parseFloat(o.get("reg")),
                Boolean.parseBoolean(o.get("subsampling")), sides, Long.parseLong(o.get("seed")),
                Integer.parseInt(o.get("chunk")), o.get("regularizer"), 0f, 0f,
                Float.parseFloat(o.get("entity-dropout")), Float.parseFloat(o.get("relation-dropout")),
                TrainingConfig.UNIFORM, Float.parseFloat(o.get("label-smoothing")),
                Float.parseFloat(o.get("reg-relations").isEmpty() ? o.get("reg") : o.get("reg-relations")),
                o.get("batches")).withInit(o.get("init")).withDropoutMasks(o.get("dropout-masks"))
                .withPenaltyRows(o.get("penalty-rows"))
                .withHeadNegatives(Integer.parseInt(o.get("head-negatives")))
                .withLrSchedule(LearningRateSchedule.parse(o.get("lr-schedule")));
        int threads = Integer.parseInt(o.get("threads"));
        int warmup = Integer.parseInt(o.get("warmup"));
        if (warmup > 0) {
            // the warm-up has no validation checks for a schedule to follow
            Trainer warm = new Trainer(c.withSteps(warmup).withSeed(c.seed() + 1)
                    .withLrSchedule(LearningRateSchedule.CONSTANT)).threads(threads);
            if (reciprocal) {
                warm.reciprocalRelationsFrom(ds.baseRelationCount());
            }
            warm.train(ds.train(), ds.entityCount(), ds.relationCount());
        }
        Trainer trainer = new Trainer(c).threads(threads);
        if (reciprocal) { // their triples are the head queries (head-negatives)
            trainer.reciprocalRelationsFrom(ds.baseRelationCount());
        }
        FilterIndex filter = FilterIndex.of(ds);
        int validEvery = Integer.parseInt(o.get("valid-every"));
        int resumedFrom = 0;
        if (!o.get("state").isEmpty()) {
            Path stateFile = Path.of(o.get("state"));
            int every = Integer.parseInt(o.get("state-every"));
            trainer.saveState(stateFile, every > 0 ? every : validEvery > 0 ? validEvery : Math.max(1, c.steps() / 10));
            if (Boolean.parseBoolean(o.get("resume")) && Files.exists(stateFile)) {
                TrainingState state = TrainingState.read(stateFile);
                trainer.resume(state);
                resumedFrom = state.step();
                System.err.printf(Locale.ROOT, "resuming from step %d of %d (%s)%n", state.step(), c.steps(),
                        stateFile);
            }
        }
        if (validEvery > 0) {
            String saveBest = o.get("save-best");
            Validation v = new Validation(ds.valid(), filter, validEvery, Integer.parseInt(o.get("patience")),
                    ds.valid().size(), (m, step) -> {
                        if (!saveBest.isEmpty()) { // the best check so far, for rhizome evaluate if the run is cut
                            ModelFile.write(new TrainedModel(m, ds.entities(), ds.relations(),
                                    KgePipeline.describe(c)), Path.of(saveBest));
                        }
                    }, m -> m);
            trainer.validation(reciprocal ? v.withReciprocals(base.relationCount()) : v);
        }
        int progress = Integer.parseInt(o.get("progress"));
        if (progress > 0) {
            long started = System.nanoTime();
            int firstStep = resumedFrom;
            trainer.listener(new TrainingListener() {
                @Override
                public void progress(int step, int total, double loss) {
                    double elapsed = (System.nanoTime() - started) / 1e9;
                    System.err.printf(Locale.ROOT, "step %d/%d loss %.5f %.0f s%s%n", step, total, loss, elapsed,
                            remaining(elapsed, step - firstStep, total - step));
                }

                @Override
                public void validated(int step, double mrr, double best) {
                    System.err.printf(Locale.ROOT, "step %d valid MRR %.4f best %.4f %.0f s%n", step, mrr, best,
                            (System.nanoTime() - started) / 1e9);
                }

                @Override
                public void learningRateChanged(int step, double lr) {
                    System.err.printf(Locale.ROOT, "step %d learning rate cut to %.6g%n", step, lr);
                }
            }, progress);
        }
        String samplerInfo = "\"uniform\"";
        if (o.get("sampler").equals("lemon")) {
            long s0 = System.nanoTime();
            Path textFile = o.get("text").isEmpty() ? data.resolve("text").resolve("entity2text.txt")
                    : Path.of(o.get("text"));
            String[] texts = EntityTexts.read(textFile, ds.entities());
            float[][] vectors = LemonSampler.textVectors(texts, Path.of(o.get("embed-cache")));
            double embedSeconds = (System.nanoTime() - s0) / 1e9;
            long s1 = System.nanoTime();
            LemonSampler lemon = new LemonSampler(vectors, FilterIndex.of(ds.train()), new LemonSampler.Options(
                    Integer.parseInt(o.get("lemon-dims")), Integer.parseInt(o.get("lemon-clusters")),
                    Integer.parseInt(o.get("lemon-nearest")), 10, c.seed(),
                    LemonSampler.Anchor.parse(o.get("lemon-anchor")), Double.parseDouble(o.get("lemon-uniform"))));
            samplerInfo = String.format(Locale.ROOT, "{\"lemon\": {\"with_text\": %d, \"entities\": %d, "
                    + "\"dims\": %d, \"clusters\": %d, \"nearest\": %d, \"anchor\": \"%s\", \"uniform_share\": %s, "
                    + "\"embed_seconds\": %.1f, \"cluster_seconds\": %.1f}}", lemon.entitiesWithText(),
                    ds.entityCount(), lemon.options().dimensions(), lemon.options().clusters(),
                    lemon.options().nearest(), o.get("lemon-anchor"), lemon.options().uniformShare(), embedSeconds,
                    (System.nanoTime() - s1) / 1e9);
            trainer.sampler(lemon);
        }
        TrainingResult r = trainer.train(ds.train(), ds.entityCount(), ds.relationCount());
        if (!Boolean.parseBoolean(o.get("evaluate"))) { // a throughput probe: training figures only
            System.out.println(String.format(Locale.ROOT, "{\"rhizome\": true, \"model\": \"%s\", \"dim\": %s, "
                    + "\"negatives\": %s, \"chunk\": %s, \"batch\": %s, \"steps\": %s, \"threads\": %d, "
                    + "\"kernels\": \"%s\", \"train_seconds\": %.2f, \"scored_triples_per_second\": %.0f, "
                    + "\"loss\": %.4f}", o.get("model"), o.get("dim"), negatives, o.get("chunk"), o.get("batch"),
                    o.get("steps"), threads, Kernels.get().name(), r.seconds(), r.scoredTriplesPerSecond(),
                    r.finalLoss()));
            return;
        }
        LinkScorer scorer = reciprocal ? new ReciprocalScorer(r.model(), base.relationCount()) : r.model();
        RankEvaluator ev = new RankEvaluator();
        ev.evaluate(scorer, ds.valid(), filter, threads); // warm the evaluation kernels
        long t0 = System.nanoTime();
        EvaluationResult e = ev.evaluate(scorer, ds.test(), filter, threads);
        double evalSeconds = (System.nanoTime() - t0) / 1e9;
        RankMetrics real = e.metrics(Side.BOTH, TieBreak.REALISTIC);
        RankMetrics opt = e.metrics(Side.BOTH, TieBreak.OPTIMISTIC);
        System.out.println(String.format(Locale.ROOT, "{\"rhizome\": true, \"model\": \"%s\", \"dim\": %s, "
                + "\"negatives\": %s, \"chunk\": %s, \"sides\": \"%s\", \"batch\": %s, \"steps\": %s, "
                + "\"threads\": %d, \"kernels\": \"%s\", "
                + "\"train_seconds\": %.2f, \"eval_seconds\": %.3f, \"scored_triples_per_second\": %.0f, "
                + "\"final\": {\"mrr\": %.4f, \"mr\": %.1f, \"hits1\": %.4f, \"hits3\": %.4f, \"hits10\": %.4f, "
                + "\"optimistic\": {\"mrr\": %.4f, \"hits10\": %.4f}, \"loss\": %.4f}, \"sampler\": %s, "
                + "\"config\": %s, \"reciprocal\": %s, \"steps_run\": %d, \"best_valid_mrr\": %s, "
                + "\"best_step\": %d, \"resumed_from\": %d}",
                o.get("model"),
                o.get("dim"),
                negatives, o.get("chunk"), sides, o.get("batch"), o.get("steps"), threads,
                Kernels.get().name(),
                r.seconds(),
                evalSeconds, r.scoredTriplesPerSecond(), real.mrr(), real.mr(), real.hits1(), real.hits3(),
                real.hits10(), opt.mrr(), opt.hits10(), r.finalLoss(), samplerInfo, KgePipeline.describe(c), reciprocal,
                r.stepsRun(), Double.isNaN(r.bestValidationMrr()) ? "null"
                        : String.format(Locale.ROOT, "%.4f", r.bestValidationMrr()), r.bestStep(), resumedFrom));
    }

    /**
     * The progress line's estimate of the time left: {@code ", about 3 h 56 min left"} after {@code done} steps in
     * {@code elapsed} seconds with {@code left} to go, at the rate so far (training only: validation checks and the
     * final evaluation come on top); empty before the first step or after the last.
     */
    static String remaining(double elapsed, int done, int left) {
        if (done <= 0 || left <= 0) {
            return "";
        }
        long minutes = Math.round(elapsed / done * left / 60);
        if (minutes == 0) {
            return ", under a minute left";
        }
        return minutes < 60 ? String.format(Locale.ROOT, ", about %d min left", minutes)
                : String.format(Locale.ROOT, ", about %d h %d min left", minutes / 60, minutes % 60);
    }
}
