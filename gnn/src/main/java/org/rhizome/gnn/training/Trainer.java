package org.rhizome.gnn.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.kernel.Kernels;
import org.rhizome.gnn.model.KgeModel;
import org.rhizome.gnn.sampling.BernoulliSampler;
import org.rhizome.gnn.sampling.NegativeSampler;
import org.rhizome.gnn.sampling.UniformSampler;

/**
 * Trains a {@link KgeModel} by mini-batch stochastic optimisation, following the RotatE reference code's scheme
 * (which most published TransE/DistMult/ComplEx/RotatE numbers come from): each step draws {@code batch} positives
 * uniformly with replacement, corrupts each {@code negatives} times on one side (heads in even steps and tails in
 * odd ones, by default), computes the loss ({@link TrainingConfig#loss()}), and applies the exact gradients row by
 * row with a sparse optimiser.
 *
 * <p>Logistic self-adversarial loss, per positive {@code i} with subsampling weight {@code w_i} and scores
 * {@code S} (plus {@code gamma} for distance models): {@code L_i = -log sigma(S_pos) - sum_j p_j log sigma(-S_j)},
 * {@code p = softmax(temperature * S_neg)} held constant; the step's loss is {@code sum_i w_i L_i / (2 sum_i w_i)}.
 * So {@code dL/dS_pos = -w sigma(-S_pos) / (2W)} and {@code dL/dS_j = w p_j sigma(S_j) / (2W)}. The margin and
 * cross-entropy losses are weighted the same way ({@link TrainingConfig#loss()}).
 *
 * <p>A positive and its negatives share one query vector ({@link KgeModel#query}): their scores are computed from
 * it, and their gradients are taken with respect to it and each candidate entity, summed, and carried back to the
 * query's entity and relation once per positive ({@link KgeModel#candidateGradient},
 * {@link KgeModel#queryBackward}). The gradient rows of a step live in one slab per table ({@link RowGradients}).
 *
 * <p>With {@link #validation}, the filtered validation MRR is checked every few steps, the best check's parameters
 * are what the returned model holds, and training stops early when the checks stop improving.
 *
 * <p>With {@link #saveState}, the run's whole state ({@link TrainingState}: parameters, optimiser state, step,
 * validation bookkeeping) is written every few steps; {@link #resume} continues from such a state exactly where it
 * stopped (bit for bit the uninterrupted run, with the same thread count).
 *
 * <p>With {@link TrainingConfig#chunk()} {@code > 1}, consecutive positives share their negatives (DGL-KE's chunks;
 * {@code Worker.runChunked}): dot-product models then score a chunk and take its negatives' gradients as matrix
 * products. The weight penalty is {@link TrainingConfig#regularizer()} ({@link Regularizer}) on the touched rows.
 *
 * <p>With dropout ({@link TrainingConfig#dropout()}, LibKGE's embedder dropout), every step runs on the chunked path
 * (chunks of one are per-positive training): each chunk gathers the rows it looks up (each positive's head, tail
 * and relation, and the chunk's negatives) into a small local table with inverted-dropout masks applied, runs on
 * that table unchanged, and scatters the local gradients back to the table rows through the same masks. The masks
 * come from the chunk's random stream after its negatives, so a seed still fixes the run.
 *
 * <p>With dropout masks {@linkplain TrainingConfig#MASKS_PER_TRIPLE per triple} (LibKGE's {@code triple} scoring),
 * every scored triple, the positive and each negative, is gathered into a local table of its own masked rows instead
 * ({@code Worker.tripleLookups}). With the penalty on {@linkplain TrainingConfig#PENALTY_ALL_ROWS all rows}, each step
 * ends by applying the penalty's gradient alone, through the optimiser, to every row no worker touched. A head query
 * (a corrupted head, or with {@link #reciprocalRelationsFrom} a reciprocal relation's triple) draws
 * {@link TrainingConfig#headNegatives()} negatives where that differs from {@link TrainingConfig#negatives()}; in
 * chunks, a chunk's rows on the data's relations share one set of negatives and its rows on reciprocal relations
 * another, of that count (LibKGE's batch-shared sampling, which draws each slot's negatives for the whole batch).
 *
 * <p>Against every entity ({@link TrainingConfig#allEntities()}), nothing is sampled: each chunk is scored against the
 * whole entity table, with the positive's own column masked (1vsAll). KvsAll ({@link TrainingConfig#kvsAll()}) draws
 * its batches from the distinct queries ({@link KvsAllQueries}) instead of the triples and runs on the same path,
 * each query standing as the triple of its first answer; its rows' loss and coefficients are then corrected from
 * that one-hot target to the query's smoothed target distribution ({@code Worker.kvsAllTargets}).
 *
 * <p>Data-parallel over the batch ({@link #threads}), deterministic for a seed and a thread count: each worker takes
 * a fixed part of the batch, and each entity row's gradients are summed over the parts in order by the thread that
 * owns the row (row mod threads), which then updates it. Not built (see the link-prediction issue):
 * Hogwild-style asynchronous updates, which would give up that determinism. Negatives filtered against known
 * positives: with {@link org.rhizome.gnn.sampling.LemonSampler} ({@link #sampler}).
 */
public final class Trainer {
    private static final Kernels KERNELS = Kernels.get();
    private final TrainingConfig config;
    private TrainingListener listener = TrainingListener.NONE;
    private int reportEvery = 100;
    private int threads = 1;
    private NegativeSampler sampler;
    private Validation validation;
    private java.nio.file.Path stateFile;
    private int stateEvery;
    private TrainingState resumeFrom;
    /** The first reciprocal relation's id ({@link #reciprocalRelationsFrom}); none by default. */
    private int reciprocalFrom = Integer.MAX_VALUE;
    /** Tests: the chunked path even for chunks of one (which must then equal per-positive training exactly). */
    boolean chunkedAlways;
    /**
     * Tests: false computes chunks row by row instead of as matrix products (dot-product models) or by block kernels
     * (RotatE).
     */
    boolean gemmGradients = true;
    /** Tests: false computes every chunk row's RotatE phases afresh instead of copying an earlier row's. */
    boolean shareRotations = true;

    public Trainer(TrainingConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** Reports progress every {@code every} steps to {@code l}. */
    public Trainer listener(TrainingListener l, int every) {
        this.listener = Objects.requireNonNull(l, "listener");
        this.reportEvery = Math.max(1, every);
        return this;
    }

    /**
     * Computes each step's scores and gradients on {@code n} threads (each a fixed contiguous part of the batch,
     * summed in order) and updates the entity rows on them too (each thread the rows it owns; relation rows on one).
     * Results depend on the seed and the thread count only.
     */
    public Trainer threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + n);
        }
        this.threads = n;
        return this;
    }

    /**
     * Draws negatives with {@code s} (a {@link org.rhizome.gnn.sampling.LemonSampler}, say) instead of the sampler
     * the configuration names; the configuration's corruption sides still apply.
     */
    public Trainer sampler(NegativeSampler s) {
        this.sampler = Objects.requireNonNull(s, "sampler");
        return this;
    }

    /**
     * Tells the trainer that the training triples on relations {@code firstReciprocal} and above are reciprocal
     * ({@code (t, r^-1, h)} for each {@code (h, r, t)}, {@link org.rhizome.gnn.data.KgDataset#withReciprocals()}):
     * each is the head query of its original, and draws {@link TrainingConfig#headNegatives()} negatives.
     */
    public Trainer reciprocalRelationsFrom(int firstReciprocal) {
        if (firstReciprocal < 1) {
            throw new IllegalArgumentException("the first reciprocal relation's id must be >= 1, got "
                    + firstReciprocal);
        }
        this.reciprocalFrom = firstReciprocal;
        return this;
    }

    /** Validates while training, keeps the best parameters and stops early ({@link Validation}). */
    public Trainer validation(Validation v) {
        this.validation = Objects.requireNonNull(v, "validation");
        return this;
    }

    /**
     * Writes the run's state ({@link TrainingState}) to {@code file} every {@code every} steps and after the last
     * step, each time replacing the file atomically: a crash or a kill loses at most {@code every} steps.
     */
    public Trainer saveState(java.nio.file.Path file, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("state must be saved every >= 1 steps, got " + every);
        }
        this.stateFile = Objects.requireNonNull(file, "file");
        this.stateEvery = every;
        return this;
    }

    /**
     * Continues the run {@code state} recorded instead of starting one: its parameters, optimiser state, validation
     * bookkeeping and place in the random streams, from the step after {@link TrainingState#step()} to this
     * trainer's configured steps. The configuration must be the state's (the number of steps aside), and
     * {@link #train(TripleSet, int, int)} must be given the same training triples.
     *
     * @throws IllegalArgumentException if the configuration differs in anything but the number of steps, or asks
     *                                  for fewer steps than the state has done
     */
    public Trainer resume(TrainingState state) {
        Objects.requireNonNull(state, "state");
        if (!state.config.withSteps(config.steps()).equals(config)) {
            throw new IllegalArgumentException("the training state was written under another configuration: "
                    + state.config + "; this run: " + config + " (only the number of steps may change)");
        }
        if (config.steps() < state.step) {
            throw new IllegalArgumentException("the training state is at step " + state.step + ", past the "
                    + config.steps() + " steps configured");
        }
        this.resumeFrom = state;
        return this;
    }

    /** Trains a fresh model on {@code train} (or continues the {@linkplain #resume resumed} run). */
    public TrainingResult train(TripleSet train, int entityCount, int relationCount) {
        if (resumeFrom != null) {
            KgeModel m = resumeFrom.model;
            if (m.entityCount() != entityCount || m.relationCount() != relationCount) {
                throw new IllegalArgumentException("the training state has " + m.entityCount() + " entities and "
                        + m.relationCount() + " relations; this data has " + entityCount + " and " + relationCount);
            }
            return train(new KgeModel(m.kind(), entityCount, relationCount, m.dim(), m.entities().clone(),
                    m.relations().clone()).withPhaseScale(m.phaseScale()), train);
        }
        if (config.initializer().equals(TrainingConfig.XAVIER_NORMAL)) {
            return train(KgeModel.xavierNormal(config.model(), entityCount, relationCount, config.entityWidth(),
                    config.seed()), train);
        }
        float[] bounds = config.initBounds();
        KgeModel model = KgeModel.random(config.model(), entityCount, relationCount, config.entityWidth(), bounds[0],
                bounds[1], config.seed());
        return train(model, train);
    }

    /** Continues training {@code model} on {@code train}. */
    public TrainingResult train(KgeModel model, TripleSet train) {
        if (train.size() == 0) {
            throw new IllegalArgumentException("no training triples");
        }
        int entityCount = model.entityCount();
        int relationCount = model.relationCount();
        SplittableRandom rnd = new SplittableRandom(config.seed() ^ 0x9E3779B97F4A7C15L);
        NegativeSampler sampler = this.sampler != null ? this.sampler : config.sides().equals("bernoulli")
                ? new BernoulliSampler(train, entityCount, relationCount) : new UniformSampler(entityCount);
        float[] weights = config.subsampling() ? subsamplingWeights(train, entityCount, relationCount) : null;
        float[][] tables = {model.entities(), model.relations()};
        Optimizer opt = config.optimizer().equals("adam") ? Optimizer.adam(config.lr(), tables)
                : Optimizer.adagrad(config.lr(), tables);
        long fingerprint = resumeFrom != null || stateFile != null ? TrainingState.fingerprint(train) : 0;
        if (config.lrSchedule().isPlateau() && validation == null) {
            throw new IllegalStateException("the learning-rate schedule " + config.lrSchedule() + " follows the "
                    + "validation MRR: it needs validation checks (Trainer.validation)");
        }
        LearningRateSchedule.Plateau plateau = new LearningRateSchedule.Plateau(config.lrSchedule(), config.lr());
        int dim = model.dim();
        int rw = model.relationWidth();
        boolean distance = config.model().isDistance();
        float shift = distance && config.loss().equals("self-adversarial") ? config.gamma() : 0f;
        // candidates other than the positive per query, and queries per positive (per example: KvsAll's examples
        // are queries)
        int k = config.allEntities() ? entityCount - 1 : config.negatives();
        int queriesPerPositive = config.sides().equals("both") && !config.kvsAll() ? 2 : 1;
        if (config.separateHeadNegatives() && config.sides().equals("tail") && reciprocalFrom == Integer.MAX_VALUE) {
            throw new IllegalStateException("head negatives (" + config.headNegatives() + ") with sides tail are for "
                    + "reciprocal relations, whose triples are the head queries: reciprocalRelationsFrom was not "
                    + "given");
        }
        KvsAllQueries queries = config.kvsAll() ? KvsAllQueries.of(train, config.sides().equals("both")) : null;
        // what a batch draws from: triples, or KvsAll's queries
        int population = queries != null ? queries.size() : train.size();
        ShuffledPasses passes = config.shuffled() ? new ShuffledPasses(population, config.seed()) : null;
        Regularizer reg = Regularizer.parse(config.regularizer());
        boolean complex = config.model() == org.rhizome.gnn.model.ModelKind.COMPLEX;
        int workers = Math.max(1, Math.min(threads, config.batch()));
        Worker[] ws = new Worker[workers];
        for (int j = 0; j < workers; j++) {
            ws[j] = new Worker(model, sampler, config, shift, weights, train, queries, reciprocalFrom);
            ws[j].gemmGradients = gemmGradients;
            ws[j].shareRotations = shareRotations;
        }
        // runParts runs the last part on the calling thread: the pool holds the others
        java.util.concurrent.ExecutorService pool = workers == 1 ? null
                : java.util.concurrent.Executors.newFixedThreadPool(workers - 1, r -> {
                    Thread th = new Thread(r, "rhizome-kge-train");
                    th.setDaemon(true);
                    return th;
                });
        RowGradients relGrad = new RowGradients(relationCount, rw);
        RowGradients[] entGrads = new RowGradients[workers];
        float[][] rowSums = new float[workers][dim];
        for (int j = 0; j < workers; j++) {
            entGrads[j] = ws[j].entGrad;
        }
        int[] idx = new int[config.batch()];
        long[] seeds = new long[config.batch()];
        double lastLoss = Double.NaN;
        long t0 = System.nanoTime();
        long validationNanos = 0;
        int stepsRun = 0;
        double best = Double.NaN;
        int bestStep = 0;
        int worse = 0;
        float[] bestEnt = null;
        float[] bestRel = null;
        org.rhizome.gnn.data.TripleSet validTriples = validation == null ? null : validation.used();
        int first = 1;
        if (resumeFrom != null) {
            TrainingState st = resumeFrom;
            if (st.trainSize != train.size() || st.trainFingerprint != fingerprint) {
                throw new IllegalArgumentException("the training state was written for other training triples ("
                        + st.trainSize + " triples, fingerprint " + Long.toHexString(st.trainFingerprint)
                        + "); these are " + train.size() + ", fingerprint " + Long.toHexString(fingerprint));
            }
            float[][] to = opt.state();
            if (to.length != st.optimizer.length) {
                throw new IllegalArgumentException("the training state has " + st.optimizer.length
                        + " optimiser arrays, " + config.optimizer() + " has " + to.length);
            }
            for (int i = 0; i < to.length; i++) {
                if (to[i].length != st.optimizer[i].length) {
                    throw new IllegalArgumentException("optimiser array " + i + " of the training state has "
                            + st.optimizer[i].length + " floats, not " + to[i].length);
                }
                System.arraycopy(st.optimizer[i], 0, to[i], 0, to[i].length);
            }
            // the batch stream exactly where the state left it: the same draws, replayed (shuffled passes find
            // their place from the step alone)
            for (int s = 1; s <= st.step; s++) {
                for (int b = 0; b < idx.length; b++) {
                    if (passes == null) {
                        rnd.nextInt(population);
                    }
                    rnd.nextLong();
                }
            }
            best = st.best;
            plateau = new LearningRateSchedule.Plateau(config.lrSchedule(), st.lrRate, st.lrBest, st.lrBad);
            opt.learningRate((float) plateau.rate());
            if (config.lrSchedule().restart()) { // the restored moments started from zero at the last cut
                opt.restartAfter(config.lrSchedule().lastCutAtOrBefore(st.step), false);
            }
            bestStep = st.bestStep;
            worse = st.worse;
            bestEnt = st.bestEnt == null ? null : st.bestEnt.clone();
            bestRel = st.bestRel == null ? null : st.bestRel.clone();
            stepsRun = st.step;
            first = st.step + 1;
        }
        try {
            for (int step = first; step <= config.steps(); step++) {
                double wSum = 0;
                long position = (long) (step - 1) * idx.length;
                for (int b = 0; b < idx.length; b++) {
                    idx[b] = passes == null ? rnd.nextInt(population) : passes.at(position + b);
                    seeds[b] = rnd.nextLong();
                    wSum += weights == null ? 1 : weights[idx[b]];
                }
                // the batch is split in fixed contiguous parts, one per worker, each with its own gradient rows;
                // the parts are merged in worker order, so a seed and a thread count give one result
                double norm = 2 * wSum;
                int st = step;
                // dropout and all-entity training: chunked only
                boolean chunked = config.chunk() > 1 || chunkedAlways || config.dropout() || config.allEntities();
                // the loss is read on reported steps, on validated ones (an early stop ends there) and on the last
                boolean lossRead = step % reportEvery == 0 || step == config.steps()
                        || validation != null && step % validation.every() == 0;
                for (Worker wk : ws) {
                    wk.withLoss = lossRead;
                }
                if (pool == null) {
                    if (chunked) {
                        ws[0].runChunked(idx, seeds, 0, idx.length, st, norm);
                    } else {
                        ws[0].run(idx, seeds, 0, idx.length, st, norm);
                    }
                } else {
                    runParts(pool, workers, idx.length, (part, from, to) -> {
                        if (chunked) {
                            ws[part].runChunked(idx, seeds, from, to, st, norm);
                        } else {
                            ws[part].run(idx, seeds, from, to, st, norm);
                        }
                    });
                }
                // one worker's rows are the step's rows; several are summed in worker order
                RowGradients rels = ws[0].relGrad;
                double loss = ws[0].loss;
                if (workers > 1) {
                    relGrad.clear();
                    for (Worker wk : ws) {
                        relGrad.addAll(wk.relGrad);
                    }
                    rels = relGrad;
                    loss = 0;
                    for (Worker wk : ws) {
                        loss += wk.loss;
                    }
                }
                // regularisation and optimiser updates are per row
                opt.beginStep(step);
                float regE = config.regularization() > 0 ? config.regularization() / model.entities().length : 0f;
                float regR = config.relationRegularization() > 0
                        ? config.relationRegularization() / model.relations().length : 0f;
                int stepNo = step;
                if (pool == null) {
                    RowGradients fe = ws[0].entGrad;
                    updateRows(model.entities(), 0, dim, fe, regE, reg, complex, opt, stepNo, 0, fe.count());
                } else {
                    // the entity rows are owned by the workers in turn (row mod workers): each sums its rows over
                    // every worker's gradients and updates them, with no serial merge between the two phases
                    runParts(pool, workers, workers, (part, from, to) -> updateOwnedRows(model.entities(), 0, dim,
                            entGrads, rowSums[part], part, workers, regE, reg, complex, opt, stepNo));
                }
                updateRows(model.relations(), 1, rw, rels, regR, reg, complex, opt, step, 0, rels.count());
                if (config.penaltyAllRows()) {
                    // the rows the step did not touch: the penalty's gradient alone, through the optimiser
                    if (pool == null) {
                        penaliseUntouched(model.entities(), 0, dim, entGrads, rowSums[0], 0, 1, regE, reg, complex,
                                opt, stepNo);
                    } else {
                        runParts(pool, workers, workers, (part, from, to) -> penaliseUntouched(model.entities(), 0,
                                dim, entGrads, rowSums[part], part, workers, regE, reg, complex, opt, stepNo));
                    }
                    // a relation row is never wider than an entity row: rowSums[0] holds it
                    penaliseUntouched(model.relations(), 1, rw, new RowGradients[] {rels}, rowSums[0], 0, 1, regR,
                            reg, complex, opt, stepNo);
                }
                opt.endStep(step);
                if (plateau.afterStep(step)) { // a decay schedule's cut: the steps from the next on
                    opt.learningRate((float) plateau.rate());
                    if (config.lrSchedule().restart()) {
                        opt.restartAfter(step, true);
                    }
                    listener.learningRateChanged(step, plateau.rate());
                }
                lastLoss = loss;
                stepsRun = step;
                if (step % reportEvery == 0 || step == config.steps()) {
                    listener.progress(step, config.steps(), loss);
                }
                if (validation != null && (step % validation.every() == 0 || step == config.steps())) {
                    long v0 = System.nanoTime();
                    double mrr = new org.rhizome.gnn.evaluation.RankEvaluator().evaluate(
                            validation.scorer().apply(model), validTriples,
                            validation.filter(), threads).metrics(org.rhizome.gnn.evaluation.Side.BOTH,
                            org.rhizome.gnn.evaluation.TieBreak.REALISTIC).mrr();
                    if (plateau.check(mrr)) { // the steps from the next on run at the cut rate
                        opt.learningRate((float) plateau.rate());
                        listener.learningRateChanged(step, plateau.rate());
                    }
                    if (Double.isNaN(best) || mrr > best + 1e-6) {
                        best = mrr;
                        bestStep = step;
                        worse = 0;
                        bestEnt = model.entities().clone();
                        bestRel = model.relations().clone();
                        listener.validated(step, mrr, best);
                        validation.onBest().accept(model, step); // a checkpoint write, say: not training time
                        validationNanos += System.nanoTime() - v0;
                    } else {
                        worse++;
                        validationNanos += System.nanoTime() - v0;
                        listener.validated(step, mrr, best);
                        if (worse >= validation.patience()) {
                            saveState(step, fingerprint, train.size(), model, opt, plateau, best, bestStep, worse,
                                    bestEnt, bestRel, true);
                            break;
                        }
                    }
                }
                saveState(step, fingerprint, train.size(), model, opt, plateau, best, bestStep, worse, bestEnt,
                        bestRel, step % Math.max(1, stateEvery) == 0 || step == config.steps());
            }
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
        if (bestEnt != null) { // the best check's parameters, not the last step's
            System.arraycopy(bestEnt, 0, model.entities(), 0, bestEnt.length);
            System.arraycopy(bestRel, 0, model.relations(), 0, bestRel.length);
        }
        // training time and rate exclude the validation checks, and count this call's steps only (a resumed run's
        // earlier steps took their time in another call)
        double seconds = (System.nanoTime() - t0 - validationNanos) / 1e9;
        double scored = (double) (stepsRun - (first - 1)) * config.batch() * queriesPerPositive * (k + 1);
        for (Worker wk : ws) { // head queries with a count of negatives of their own
            scored += (double) wk.headQueries * (config.negativesFor(true) - k);
        }
        return new TrainingResult(model, config, seconds, seconds > 0 ? scored / seconds : 0, lastLoss, stepsRun,
                best, bestStep);
    }

    /** Writes the state after {@code step} when a state file is set and {@code due}. */
    private void saveState(int step, long fingerprint, int trainSize, KgeModel model, Optimizer opt,
            LearningRateSchedule.Plateau plateau, double best, int bestStep, int worse, float[] bestEnt,
            float[] bestRel, boolean due) {
        if (stateFile == null || !due) {
            return;
        }
        new TrainingState(config, step, threads, trainSize, fingerprint, model, opt.state(), best, bestStep, worse,
                bestEnt, bestRel, plateau.rate(), plateau.best(), plateau.bad()).write(stateFile);
    }

    /** One thread's share of a step: scores, loss and gradient rows of its positives. */
    private static final class Worker {
        private final KgeModel model;
        private final NegativeSampler sampler;
        private final TrainingConfig config;
        private final float shift;
        private final float[] weights;
        private final TripleSet train;
        private final boolean rotate;
        /**
         * Candidates of the present chunk: the sampled negatives ({@link #kTail} or, for a head query,
         * {@link #kHead}), or with {@link #all} every entity.
         */
        private int k;
        private final int kTail;
        private final int kHead;
        /** The first reciprocal relation (its triples are head queries), or {@link Integer#MAX_VALUE}. */
        private final int reciprocalFrom;
        /** Queries that drew {@link #kHead} negatives, over this worker's life (for the rate reported). */
        long headQueries;
        /** Every entity is a candidate ({@link TrainingConfig#allEntities()}): nothing is sampled. */
        private final boolean all;
        /** With {@link #all}: each chunk row's positive entity, whose own column among the candidates is masked. */
        private final int[] targets;
        /** KvsAll's queries ({@link TrainingConfig#kvsAll()}; null otherwise), and each chunk row's query. */
        private final KvsAllQueries kvs;
        private final int[] queryOf;
        private final int[] negs;
        private final float[] negScore;
        private final float[] negCoeff;
        private final float[] q;
        private final float[] dq;
        private final float[] cos;
        private final float[] sin;
        // chunked training (TrainingConfig#chunk): the chunk's query rows, their rotations, the positives' scores,
        // the negatives' rows and the chunk's score and coefficient matrices
        private final float[][] qRows;
        private final float[] queries;
        private final float[][] cosRows;
        private final float[][] sinRows;
        private final float[] pos;
        private final float[] negRows;
        private final float[] chunkScores;
        private final float[] chunkCoeff;
        private final float[] posCoeffs;
        private final float[] gT;
        private final float[] dQs;
        private final float[] dNs;
        // RotatE's blocked chunks: each negative's row in the gradient slab
        private final int[] negOffsets;
        // the packed panels of N's rows, of N's columns and of Q's columns, one buffer each for all the chunks
        private final float[] packedNegs;
        private final float[] packedNegCols;
        private final float[] packedQCols;
        // a chunk's positives and weights; with dropout, the local table of its masked rows (heads and tails at
        // 2a and 2a + 1, negatives after them), the masks, the table rows they came from and the local gradients
        private final int[] hs;
        private final int[] rs;
        private final int[] ts;
        private final double[] wts;
        private final KgeModel local;
        private final float[] entMask;
        private final float[] relMask;
        private final int[] localEnt;
        private final int[] localRel;
        private final int[] lh;
        private final int[] lr;
        private final int[] lt;
        private final int[] lNegs;
        private final RowGradients localEntGrad;
        private final RowGradients localRelGrad;
        // per-triple lookups: the local table of every scored triple's own masked rows (anchor at 2j, candidate at
        // 2j + 1, relation at j; j = 0 the positive, j = 1..k the negatives), the table rows they came from, their
        // masks and the local gradients
        private final boolean perTriple;
        private final KgeModel tripleLocal;
        private final float[] tripleEntMask;
        private final float[] tripleRelMask;
        private final int[] tripleEnt;
        private final int[] tripleRel;
        private final RowGradients tripleEntGrad;
        private final RowGradients tripleRelGrad;
        // the random draws behind one row's dropout masks (four masks per long)
        private final long[] draws;
        /**
         * Chunks in blocks: dot-product models' gradients as matrix products, RotatE's scores and gradients by block
         * kernels ({@link #moduliScores}). False runs them row by row, the reference path the tests compare them
         * with.
         */
        boolean gemmGradients = true;
        /** Whether a chunk row copies the phases of an earlier row of the same relation ({@link #rotation}). */
        boolean shareRotations = true;
        final RowGradients entGrad;
        final RowGradients relGrad;
        double loss;
        /**
         * Whether this step's loss is read (a reported, validated or last step): the self-adversarial loss is then
         * computed; otherwise only its gradient coefficients, and {@link #loss} is NaN.
         */
        boolean withLoss = true;

        Worker(KgeModel model, NegativeSampler sampler, TrainingConfig config, float shift, float[] weights,
                TripleSet train, KvsAllQueries kvs, int reciprocalFrom) {
            this.model = model;
            this.kvs = kvs;
            this.sampler = sampler;
            this.config = config;
            this.shift = shift;
            this.weights = weights;
            this.train = train;
            this.rotate = config.model() == org.rhizome.gnn.model.ModelKind.ROTATE;
            this.all = config.allEntities();
            this.kTail = all ? model.entityCount() : config.negatives();
            this.kHead = all ? kTail : config.negativesFor(true);
            this.reciprocalFrom = reciprocalFrom;
            // buffers for the larger count; k is set per query (per chunk)
            int k = Math.max(kTail, kHead);
            this.k = kTail;
            int dim = model.dim();
            this.negs = new int[k];
            for (int j = 0; all && j < k; j++) {
                negs[j] = j; // every entity, in table order: negative j is entity j
            }
            this.negScore = new float[k];
            this.negCoeff = new float[k];
            this.entGrad = new RowGradients(model.entityCount(), dim);
            this.relGrad = new RowGradients(model.relationCount(), model.relationWidth());
            this.q = new float[dim];
            this.dq = new float[dim];
            this.cos = rotate ? new float[dim / 2] : null;
            this.sin = rotate ? new float[dim / 2] : null;
            int c = config.chunk();
            this.qRows = new float[c][dim];
            this.queries = new float[c * dim];
            this.cosRows = new float[c][];
            this.sinRows = new float[c][];
            for (int a = 0; a < c && rotate; a++) {
                cosRows[a] = new float[dim / 2];
                sinRows[a] = new float[dim / 2];
            }
            this.pos = new float[c];
            this.negRows = new float[c > 1 ? k * dim : 0];
            this.chunkScores = new float[c * k];
            this.chunkCoeff = new float[c * k];
            this.posCoeffs = new float[c];
            boolean matrices = c > 1 && model.dotProducts();
            this.gT = new float[matrices ? c * k : 0];
            this.dQs = new float[matrices || (c > 1 && rotate) ? c * dim : 0];
            this.dNs = new float[matrices ? k * dim : 0];
            this.negOffsets = new int[c > 1 && rotate ? k : 0];
            int w = KERNELS.dotBlockWidth();
            this.packedNegs = new float[matrices ? Kernels.packedLength(k, dim, w) : 0];
            this.packedNegCols = new float[matrices ? Kernels.packedLength(dim, k, w) : 0];
            this.packedQCols = new float[matrices ? Kernels.packedLength(dim, c, w) : 0];
            this.hs = new int[c];
            this.rs = new int[c];
            this.ts = new int[c];
            this.targets = new int[all ? c : 0];
            this.queryOf = new int[kvs != null ? c : 0];
            this.wts = new double[c];
            boolean dropout = config.dropout();
            int localRows = dropout ? 2 * c + k : 1;
            int rw = model.relationWidth();
            this.local = dropout ? new KgeModel(model.kind(), localRows, c, dim, new float[localRows * dim],
                    new float[c * rw]) : null;
            this.entMask = new float[dropout ? localRows * dim : 0];
            this.relMask = new float[dropout ? c * rw : 0];
            this.localEnt = new int[dropout ? localRows : 0];
            this.localRel = new int[dropout ? c : 0];
            this.lh = new int[dropout ? c : 0];
            this.lr = new int[dropout ? c : 0];
            this.lt = new int[dropout ? c : 0];
            this.lNegs = new int[dropout ? k : 0];
            this.localEntGrad = dropout ? new RowGradients(localRows, dim) : null;
            this.localRelGrad = dropout ? new RowGradients(c, rw) : null;
            this.perTriple = config.masksPerTriple();
            int tr = perTriple ? k + 1 : 0;
            this.tripleLocal = perTriple ? new KgeModel(model.kind(), 2 * tr, tr, dim, new float[2 * tr * dim],
                    new float[tr * rw]) : null;
            this.tripleEntMask = new float[2 * tr * dim];
            this.tripleRelMask = new float[tr * rw];
            this.tripleEnt = new int[2 * tr];
            this.tripleRel = new int[tr];
            this.tripleEntGrad = perTriple ? new RowGradients(2 * tr, dim) : null;
            this.tripleRelGrad = perTriple ? new RowGradients(tr, rw) : null;
            this.draws = new long[dropout ? (dim + 3) / 4 : 0];
        }

        /** Positives {@code idx[from..to)} of step {@code step}; {@code norm} is twice the batch's weight sum. */
        void run(int[] idx, long[] seeds, int from, int to, int step, double norm) {
            entGrad.clear();
            relGrad.clear();
            loss = 0;
            for (int b = from; b < to; b++) {
                int i = idx[b];
                SplittableRandom rnd = new SplittableRandom(seeds[b]);
                int h = train.head(i);
                int r = train.relation(i);
                int t = train.tail(i);
                double w = (weights == null ? 1 : weights[i]) / norm;
                boolean head = switch (config.sides()) {
                    case "alternate" -> step % 2 == 1; // the reference corrupts heads in its even (0-based) steps
                    case "tail" -> false;
                    default -> sampler.corruptHead(h, r, t, rnd);
                };
                k = negatives(head, r, 1);
                if (rotate) {
                    model.rotation(r, cos, sin);
                }
                // the relation's part of the query is computed once for the positive and all its negatives
                model.query(h, r, t, head, q, cos, sin);
                float pos = model.scoreCandidate(q, head ? h : t) + shift;
                for (int j = 0; j < k; j++) {
                    negs[j] = sampler.corrupt(h, r, t, head, rnd);
                    negScore[j] = model.scoreCandidate(q, negs[j]) + shift;
                }
                float posCoeff = coefficients(pos, negScore, negCoeff, 0, w);
                // gradients through the shared query: each candidate's part, then the query's once
                java.util.Arrays.fill(dq, 0f);
                int target = head ? h : t;
                int go = entGrad.offset(target);
                model.candidateGradient(q, target, posCoeff, dq, entGrad.slab(), go);
                for (int j = 0; j < k; j++) {
                    if (negCoeff[j] != 0f) {
                        go = entGrad.offset(negs[j]);
                        model.candidateGradient(q, negs[j], negCoeff[j], dq, entGrad.slab(), go);
                    }
                }
                int ao = entGrad.offset(head ? t : h);
                int ro = relGrad.offset(r);
                model.queryBackward(h, r, t, head, dq, entGrad.slab(), ao, relGrad.slab(), ro, cos, sin);
            }
        }

        /**
         * Negatives for a query on relation {@code r} corrupted on the {@code head} side: {@link #kHead} for a head
         * query, else {@link #kTail}. A head query corrupts the head of a triple on one of the data's relations, or
         * the tail of a reciprocal relation's triple {@code (t, r^-1, h)}, which is the head of {@code (h, r, t)}.
         * {@code queries} positives share these negatives (a chunk's group); head queries are counted for the rate.
         */
        private int negatives(boolean head, int r, int queries) {
            if (kHead == kTail) {
                return kTail;
            }
            boolean headQuery = head != (r >= reciprocalFrom);
            if (headQuery) {
                headQueries += queries;
            }
            return headQuery ? kHead : kTail;
        }

        /**
         * The loss of one positive (score {@code pos}) and its negatives ({@code negScore[off, off + k)}), weighted
         * by {@code w}, added to {@link #loss}; the negatives' gradient coefficients go to
         * {@code negCoeff[off, off + k)}, and the positive's is returned.
         */
        private float coefficients(float pos, float[] negScore, float[] negCoeff, int off, double w) {
            if (config.loss().equals("self-adversarial")) {
                // softmax weights of the negatives (held constant), numerically stable, and their coefficients
                double li = softplus(-pos) + KERNELS.selfAdversarial(negScore, off, k, config.advTemperature(), w,
                        negCoeff, off, withLoss);
                loss += w * li; // NaN on a step whose loss nobody reads (withLoss false)
                return (float) (-w * sigmoid(-pos));
            }
            if (config.loss().equals("cross-entropy")) {
                loss += KERNELS.softmaxCrossEntropy(pos, negScore, off, k, 2 * w, negCoeff, off);
                double sum = 0; // dL/dS_pos = weight (p_pos - 1) = -weight sum_j p_j
                for (int j = 0; j < k; j++) {
                    sum += negCoeff[off + j];
                }
                return (float) -sum;
            }
            // margin ranking, mean over the negatives; weights w as above
            int active = 0;
            double li = 0;
            for (int j = 0; j < k; j++) {
                double m = config.gamma() - pos + negScore[off + j];
                if (m > 0) {
                    active++;
                    li += m / k;
                    negCoeff[off + j] = (float) (2 * w / k);
                } else {
                    negCoeff[off + j] = 0f;
                }
            }
            loss += 2 * w * li;
            return (float) (-2 * w * active / k);
        }

        /**
         * Positives {@code idx[from..to)} in chunks of {@link TrainingConfig#chunk()} consecutive positives that share
         * one set of negatives: the chunk's side and negatives are drawn, as a lone positive's would be, from the
         * stream of its first positive (with that positive's triple as the sampler's context). For DistMult and ComplEx
         * the chunk's scores against its negatives are one matrix product ({@link Kernels#dotBlock}); every model's
         * gradients go to one row per negative per chunk. A chunk of one is exactly per-positive training.
         */
        void runChunked(int[] idx, long[] seeds, int from, int to, int step, double norm) {
            entGrad.clear();
            relGrad.clear();
            loss = 0;
            int c = config.chunk();
            for (int c0 = from; c0 < to; c0 += c) {
                int rows = Math.min(to, c0 + c) - c0;
                SplittableRandom rnd = new SplittableRandom(seeds[c0]);
                if (kvs != null) {
                    kvsAllChunk(idx, c0, rows, norm, rnd);
                    continue;
                }
                fillRows(idx, c0, rows, norm, 0);
                if (all) {
                    // every entity is a candidate: tail queries, then (sides both) head queries
                    int passes = config.sides().equals("both") ? 2 : 1;
                    for (int p = 0; p < passes; p++) {
                        boolean head = p == 1;
                        for (int a = 0; a < rows; a++) {
                            targets[a] = head ? hs[a] : ts[a];
                        }
                        chunkOnModel(rows, head, rnd);
                    }
                    continue;
                }
                int h0 = hs[0];
                int r0 = rs[0];
                int t0 = ts[0];
                boolean head = switch (config.sides()) {
                    case "alternate" -> step % 2 == 1;
                    case "tail" -> false;
                    default -> sampler.corruptHead(h0, r0, t0, rnd);
                };
                if (kHead == kTail || rows == 1) {
                    k = negatives(head, r0, rows);
                    for (int j = 0; j < k; j++) {
                        negs[j] = sampler.corrupt(h0, r0, t0, head, rnd);
                    }
                    if (perTriple) {
                        tripleLookups(head, rnd);
                    } else {
                        chunkOnModel(rows, head, rnd);
                    }
                    continue;
                }
                // head queries with a count of their own (LibKGE's num_samples.s beside num_samples.o, each slot's
                // negatives shared by the batch): the chunk's rows on the data's relations, then those on reciprocal
                // relations, each group against negatives of its own, drawn in that order from the chunk's stream
                // with the group's first positive as the sampler's context
                for (int g = 0; g < 2; g++) {
                    int n = fillRows(idx, c0, rows, norm, g == 0 ? -1 : 1);
                    if (n == 0) {
                        continue;
                    }
                    k = negatives(head, rs[0], n);
                    for (int j = 0; j < k; j++) {
                        negs[j] = sampler.corrupt(hs[0], rs[0], ts[0], head, rnd);
                    }
                    chunkOnModel(n, head, rnd);
                }
            }
        }

        /**
         * Copies the positives {@code idx[c0, c0 + rows)} into {@link #hs}, {@link #rs}, {@link #ts} and
         * {@link #wts}, in order: all of them ({@code only} 0), or only those on the data's own relations
         * ({@code -1}) or on reciprocal ones ({@code 1}, {@link #reciprocalFrom} and above). Returns how many.
         */
        private int fillRows(int[] idx, int c0, int rows, double norm, int only) {
            int n = 0;
            for (int a = 0; a < rows; a++) {
                int i = idx[c0 + a];
                int r = train.relation(i);
                if (only != 0 && (r >= reciprocalFrom) != (only > 0)) {
                    continue;
                }
                hs[n] = train.head(i);
                rs[n] = r;
                ts[n] = train.tail(i);
                wts[n] = (weights == null ? 1 : weights[i]) / norm;
                n++;
            }
            return n;
        }

        /**
         * KvsAll: the queries {@code idx[c0, c0 + rows)} against every entity, tail queries first, then head queries
         * (a chunk's rows share a side). Each row stands as the positive triple of its query's first answer, whose
         * column is masked as in 1vsAll; {@link #kvsAllTargets} then turns that row's one-hot loss and coefficients
         * into those of the query's target distribution.
         */
        private void kvsAllChunk(int[] idx, int c0, int rows, double norm, SplittableRandom rnd) {
            for (int p = 0; p < 2; p++) {
                boolean head = p == 1;
                int n = 0;
                for (int b = c0; b < c0 + rows; b++) {
                    int q = idx[b];
                    if (kvs.asksHead(q) != head) {
                        continue;
                    }
                    int first = kvs.answers()[kvs.start(q)];
                    hs[n] = head ? first : kvs.anchor(q);
                    rs[n] = kvs.relation(q);
                    ts[n] = head ? kvs.anchor(q) : first;
                    targets[n] = first;
                    wts[n] = 1 / norm;
                    queryOf[n] = q;
                    n++;
                }
                if (n > 0) {
                    chunkOnModel(n, head, rnd);
                }
            }
        }

        /**
         * KvsAll's correction of row {@code a} (weight {@code w}): the row's loss and coefficients as computed, those
         * of the softmax cross-entropy with the query's first answer as the one target
         * ({@code w (p_e - [e = first])}), become those of the target distribution {@code y}
         * ({@code w (p_e - y_e)}; see {@link TrainingConfig#KVS_ALL}): {@code w y_e} is taken from every candidate's
         * coefficient and {@code w} given back to the first answer's, and the loss gains
         * {@code w (s_first - sum_e y_e s_e)}. The first answer's own column in {@link #chunkScores} is masked
         * ({@code -infinity}) and its score is {@code pos[a]}.
         */
        private void kvsAllTargets(int a, int entities) {
            int q = queryOf[a];
            int from = kvs.start(q);
            int to = kvs.end(q);
            int first = kvs.answers()[from];
            float ls = config.labelSmoothing();
            double labels = (1.0 - ls) * (to - from) + (ls > 0 ? 1 : 0);
            double u = (ls > 0 ? 1.0 / entities : 0) / labels; // every entity's share of y
            double v = (1.0 - ls) / labels; // and a known answer's on top of it
            double w = 2 * wts[a];
            int row = a * k;
            double expected = (u + v) * pos[a]; // sum_e y_e s_e
            if (u > 0) {
                float du = (float) (w * u);
                double sum = 0;
                for (int e = 0; e < entities; e++) {
                    if (e != first) {
                        sum += chunkScores[row + e];
                        chunkCoeff[row + e] -= du;
                    }
                }
                expected += u * sum;
            }
            float dv = (float) (w * v);
            int[] answers = kvs.answers();
            for (int x = from + 1; x < to; x++) {
                expected += v * chunkScores[row + answers[x]];
                chunkCoeff[row + answers[x]] -= dv;
            }
            posCoeffs[a] += (float) (w * (1 - u - v));
            loss += w * (pos[a] - expected);
        }

        /**
         * The chunk in {@link #hs}, {@link #rs}, {@link #ts} ({@code rows} positives) against {@link #negs} on the
         * {@code head} side: on the model itself, or with dropout on a local table of its masked rows (masks drawn
         * from {@code rnd}), whose gradients come back through the masks ({@code d/de} of {@code M * e} is
         * {@code M * d/d(M * e)}).
         */
        private void chunkOnModel(int rows, boolean head, SplittableRandom rnd) {
            if (!config.dropout()) {
                chunk(model, rows, hs, rs, ts, negs, head, entGrad, relGrad);
                return;
            }
            int dim = model.dim();
            int rw = model.relationWidth();
            for (int a = 0; a < rows; a++) {
                gather(model.entities(), hs[a], dim, local.entities(), 2 * a, entMask, config.entityDropout(), rnd);
                gather(model.entities(), ts[a], dim, local.entities(), 2 * a + 1, entMask, config.entityDropout(),
                        rnd);
                gather(model.relations(), rs[a], rw, local.relations(), a, relMask, config.relationDropout(), rnd);
                localEnt[2 * a] = hs[a];
                localEnt[2 * a + 1] = ts[a];
                localRel[a] = rs[a];
                lh[a] = 2 * a;
                lt[a] = 2 * a + 1;
                lr[a] = a;
            }
            for (int j = 0; j < k; j++) {
                int row = 2 * rows + j;
                gather(model.entities(), negs[j], dim, local.entities(), row, entMask, config.entityDropout(), rnd);
                localEnt[row] = negs[j];
                lNegs[j] = row;
            }
            localEntGrad.clear();
            localRelGrad.clear();
            chunk(local, rows, lh, lr, lt, lNegs, head, localEntGrad, localRelGrad);
            scatter(localEntGrad, localEnt, entMask, dim, entGrad);
            scatter(localRelGrad, localRel, relMask, rw, relGrad);
        }

        /**
         * The chunk's one positive ({@code hs[0], rs[0], ts[0]}) against {@link #negs} on the {@code head} side, each
         * of the {@code k + 1} scored triples with its own dropout masks on all three of its rows (LibKGE's
         * {@code triple} implementation of negative sampling, which embeds every scored triple afresh): scores and
         * gradients on {@link #tripleLocal}, the gradients scattered back through the masks.
         */
        private void tripleLookups(boolean head, SplittableRandom rnd) {
            int dim = model.dim();
            int rw = model.relationWidth();
            int r = rs[0];
            int anchor = head ? ts[0] : hs[0];
            float pe = config.entityDropout();
            float pr = config.relationDropout();
            float[] le = tripleLocal.entities();
            // without relation dropout every triple's relation row is the same: one local row serves them all
            boolean sharedRelation = pr == 0f;
            if (sharedRelation) {
                gather(model.relations(), r, rw, tripleLocal.relations(), 0, tripleRelMask, 0f, rnd);
                tripleRel[0] = r;
            }
            float posScore = 0f;
            for (int j = 0; j <= k; j++) {
                int candidate = j == 0 ? (head ? hs[0] : ts[0]) : negs[j - 1];
                gather(model.entities(), anchor, dim, le, 2 * j, tripleEntMask, pe, rnd);
                gather(model.entities(), candidate, dim, le, 2 * j + 1, tripleEntMask, pe, rnd);
                if (!sharedRelation) {
                    gather(model.relations(), r, rw, tripleLocal.relations(), j, tripleRelMask, pr, rnd);
                    tripleRel[j] = r;
                }
                int rel = sharedRelation ? 0 : j;
                float s = tripleLocal.score(head ? 2 * j + 1 : 2 * j, rel, head ? 2 * j : 2 * j + 1) + shift;
                tripleEnt[2 * j] = anchor;
                tripleEnt[2 * j + 1] = candidate;
                if (j == 0) {
                    posScore = s;
                } else {
                    negScore[j - 1] = s;
                }
            }
            float posCoeff = coefficients(posScore, negScore, negCoeff, 0, wts[0]);
            tripleEntGrad.clear();
            tripleRelGrad.clear();
            for (int j = 0; j <= k; j++) {
                float g = j == 0 ? posCoeff : negCoeff[j - 1];
                if (g == 0f) {
                    continue;
                }
                int lh = head ? 2 * j + 1 : 2 * j;
                int lt = head ? 2 * j : 2 * j + 1;
                // offset() may grow the slab: take the offsets first, then the slab
                int rel = sharedRelation ? 0 : j;
                int gho = tripleEntGrad.offset(lh);
                int gto = tripleEntGrad.offset(lt);
                int gro = tripleRelGrad.offset(rel);
                tripleLocal.gradient(lh, rel, lt, g, tripleEntGrad.slab(), gho, tripleRelGrad.slab(), gro,
                        tripleEntGrad.slab(), gto, null, null);
            }
            scatter(tripleEntGrad, tripleEnt, tripleEntMask, dim, entGrad);
            scatter(tripleRelGrad, tripleRel, tripleRelMask, rw, relGrad);
        }

        /**
         * Row {@code a}'s cosines and sines of relation {@code rs[a]}: copied from the latest earlier row of the chunk
         * with the same relation, else computed ({@link KgeModel#rotation}, in double). The same values either way.
         * On FB15k-237 a chunk of 64 positives drawn at random holds about 42 relations (31-53), so about a third of
         * the rows copy; the phases took 8% of a RotatE step at rank 1,000 before (benchmarks/README.md, "An Intel
         * host").
         */
        private void rotation(KgeModel m, int[] rs, int a, int rank) {
            for (int b = a - 1; shareRotations && b >= 0; b--) {
                if (rs[b] == rs[a]) {
                    System.arraycopy(cosRows[b], 0, cosRows[a], 0, rank);
                    System.arraycopy(sinRows[b], 0, sinRows[a], 0, rank);
                    return;
                }
            }
            m.rotation(rs[a], cosRows[a], sinRows[a]);
        }

        /**
         * One chunk on {@code m} (the model, or the local table of dropped-out rows): positives
         * {@code (hs[a], rs[a], ts[a])} for {@code a < rows} with weights {@link #wts}, negatives {@code negIds} on
         * the {@code head} side; loss into {@link #loss}, gradients into {@code eg} and {@code rg}.
         */
        private void chunk(KgeModel m, int rows, int[] hs, int[] rs, int[] ts, int[] negIds, boolean head,
                RowGradients eg, RowGradients rg) {
            int dim = m.dim();
            for (int a = 0; a < rows; a++) {
                int h = hs[a];
                int r = rs[a];
                int t = ts[a];
                if (rotate) {
                    rotation(m, rs, a, dim / 2);
                }
                m.query(h, r, t, head, qRows[a], cosRows[a], sinRows[a]);
                pos[a] = m.scoreCandidate(qRows[a], head ? h : t) + shift;
            }
            boolean matrix = m.dotProducts() && rows > 1;
            boolean moduli = rotate && rows > 1 && gemmGradients;
            if (moduli) {
                moduliScores(m, rows, negIds);
            } else if (matrix) {
                float[] e = m.entities();
                for (int j = 0; j < k; j++) {
                    System.arraycopy(e, negIds[j] * dim, negRows, j * dim, dim);
                }
                for (int a = 0; a < rows; a++) {
                    System.arraycopy(qRows[a], 0, queries, a * dim, dim);
                }
                float[] packed = Kernels.packColumns(negRows, k, dim, KERNELS.dotBlockWidth(), packedNegs);
                KERNELS.dotBlock(queries, 0, rows, dim, packed, KERNELS.dotBlockWidth(), k, chunkScores, 0, k);
            } else {
                for (int a = 0; a < rows; a++) {
                    for (int j = 0; j < k; j++) {
                        chunkScores[a * k + j] = m.scoreCandidate(qRows[a], negIds[j]) + shift;
                    }
                }
            }
            for (int a = 0; all && a < rows; a++) {
                // candidate j is entity j: the positive's own column is not a negative (coefficient exactly 0)
                chunkScores[a * k + targets[a]] = Float.NEGATIVE_INFINITY;
            }
            for (int a = 0; a < rows; a++) {
                posCoeffs[a] = coefficients(pos[a], chunkScores, chunkCoeff, a * k, wts[a]);
                if (kvs != null) {
                    kvsAllTargets(a, k);
                }
            }
            if (moduli) {
                moduliGradients(m, rows, hs, rs, ts, negIds, head, eg, rg);
                return;
            }
            boolean products = matrix && gemmGradients;
            if (products) {
                negativeGradientsAsProducts(rows, dim, negIds, eg);
            }
            rowsBackward(m, rows, hs, rs, ts, negIds, head, products, eg, rg);
        }

        /**
         * The rest of {@link #chunk}'s backward pass, row by row: each positive's gradient, its negatives' (unless
         * {@code negativesDone}: a block path already gave them, with the queries' gradients in {@link #dQs}), and
         * each query's back to its anchor and relation. A method of its own so that {@link #chunk} stays within what
         * C2 inlines in one compilation (past it, kernel helpers stay calls on boxed vectors:
         * benchmarks/check-inlining.sh).
         */
        private void rowsBackward(KgeModel m, int rows, int[] hs, int[] rs, int[] ts, int[] negIds, boolean head,
                boolean negativesDone, RowGradients eg, RowGradients rg) {
            int dim = m.dim();
            for (int a = 0; a < rows; a++) {
                int h = hs[a];
                int r = rs[a];
                int t = ts[a];
                float[] q = qRows[a];
                if (negativesDone) {
                    System.arraycopy(dQs, a * dim, dq, 0, dim);
                } else {
                    java.util.Arrays.fill(dq, 0f);
                }
                int target = head ? h : t;
                // offset() may grow the slab: take the offset first, then the slab
                int go = eg.offset(target);
                m.candidateGradient(q, target, posCoeffs[a], dq, eg.slab(), go);
                for (int j = 0; j < k && !negativesDone; j++) {
                    float g = chunkCoeff[a * k + j];
                    if (g != 0f) {
                        go = eg.offset(negIds[j]);
                        m.candidateGradient(q, negIds[j], g, dq, eg.slab(), go);
                    }
                }
                int ao = eg.offset(head ? t : h);
                int ro = rg.offset(r);
                m.queryBackward(h, r, t, head, dq, eg.slab(), ao, rg.slab(), ro, cosRows[a], sinRows[a]);
            }
        }

        /**
         * RotatE's chunk scores, {@code chunkScores[a k + j] = shift - |q_a - n_j|}, as one block kernel call
         * ({@link Kernels#complexModulusScores}): a negative's row (8 KB at rank 1,000) read into cache serves
         * several queries, where scoring query by query would read all {@code k} rows (2 MB at 256 negatives) from
         * memory again for each.
         */
        private void moduliScores(KgeModel m, int rows, int[] negIds) {
            int dim = m.dim();
            for (int a = 0; a < rows; a++) {
                System.arraycopy(qRows[a], 0, queries, a * dim, dim);
            }
            KERNELS.complexModulusScores(queries, rows, m.entities(), negIds, 0, k, dim / 2, shift, chunkScores, 0,
                    k);
        }

        /**
         * RotatE's chunk gradients with {@link #chunkCoeff} and {@link #posCoeffs} set: the negatives' as one block
         * kernel call ({@link Kernels#complexModulusGradients}, on the query rows {@link #moduliScores} left in
         * {@link #queries}), then the positives' and the queries' back to their anchors ({@link #rowsBackward}). The
         * terms are those of the row-by-row path; only the order in which a gradient row's terms are summed differs.
         */
        private void moduliGradients(KgeModel m, int rows, int[] hs, int[] rs, int[] ts, int[] negIds, boolean head,
                RowGradients eg, RowGradients rg) {
            int dim = m.dim();
            for (int j = 0; j < k; j++) {
                negOffsets[j] = eg.offset(negIds[j]); // offset() may grow the slab: all offsets first, then the slab
            }
            java.util.Arrays.fill(dQs, 0, rows * dim, 0f);
            KERNELS.complexModulusGradients(chunkCoeff, 0, k, queries, rows, m.entities(), negIds, 0, k, dim / 2, dQs,
                    eg.slab(), negOffsets);
            rowsBackward(m, rows, hs, rs, ts, negIds, head, true, eg, rg);
        }

        /**
         * Copies row {@code row} of {@code table} into row {@code to} of {@code into} through an inverted-dropout
         * mask ({@link Trainer#dropoutMask}) written into {@code mask}'s row {@code to}.
         */
        private void gather(float[] table, int row, int width, float[] into, int to, float[] mask, float p,
                SplittableRandom rnd) {
            int dst = to * width;
            dropoutMask(mask, dst, width, p, rnd, draws);
            KERNELS.multiply(mask, dst, table, row * width, into, dst, width);
        }

        /** Adds each local gradient row, times its mask, to the gradient of the table row it was gathered from. */
        private static void scatter(RowGradients local, int[] globalRow, float[] mask, int width,
                RowGradients global) {
            float[] ls = local.slab();
            for (int s = 0; s < local.count(); s++) {
                int lrow = local.row(s);
                int go = global.offset(globalRow[lrow]);
                KERNELS.addProduct(mask, lrow * width, ls, s * width, global.slab(), go, width);
            }
        }

        /**
         * The negatives' part of a chunk's gradients for a dot-product model ({@code s = q . e}), as two matrix
         * products on {@link Kernels#dotBlock} with the coefficient matrix {@code G} ({@code rows x k}): the queries'
         * {@code dQ = G N} into {@link #dQs}, and the negatives' {@code dN = G^T Q}, added to their gradient rows.
         */
        private void negativeGradientsAsProducts(int rows, int dim, int[] negIds, RowGradients eg) {
            int w = KERNELS.dotBlockWidth();
            // dQ[a][x] = sum_j G[a][j] N[j][x]: queries are G's rows, candidates N's columns, packed straight from N
            float[] negCols = Kernels.packColumnsOf(negRows, 0, k, dim, 0, dim, w, packedNegCols);
            KERNELS.dotBlock(chunkCoeff, 0, rows, k, negCols, w, dim, dQs, 0, dim);
            // dN[j][x] = sum_a G[a][j] Q[a][x]: queries are G's columns (G transposed), candidates Q's columns, packed
            // straight from Q
            KERNELS.transposeMatrix(chunkCoeff, 0, rows, k, gT);
            float[] qCols = Kernels.packColumnsOf(queries, 0, rows, dim, 0, dim, w, packedQCols);
            KERNELS.dotBlock(gT, 0, k, rows, qCols, w, dim, dNs, 0, dim);
            for (int j = 0; j < k; j++) {
                int go = eg.offset(negIds[j]);
                KERNELS.axpy(1f, dNs, j * dim, eg.slab(), go, dim);
            }
        }
    }

    /**
     * Slots {@code [from, to)} of {@code grads}: adds the gradient of {@code scale * sum |x|^3} (that is
     * {@code 3 * scale * x * |x|}) when {@code scale > 0}, then applies the optimiser to each row.
     */
    static void updateRows(float[] table, int tableId, int width, RowGradients grads, float scale,
            Regularizer reg, boolean complex, Optimizer opt, int step, int from, int to) {
        float[] g = grads.slab();
        for (int s = from; s < to; s++) {
            int o = grads.row(s) * width;
            int go = s * width;
            if (scale > 0) {
                reg.addGradient(table, o, width, complex, scale, g, go);
            }
            opt.update(table, tableId, grads.row(s), width, g, go, step);
        }
    }

    /**
     * The rows {@code row} with {@code row % parts == part} among those {@code grads} touched: each row's gradient is
     * summed over the workers in their order into {@code sum} (from zero, the same float additions as
     * {@link RowGradients#addAll} into an empty set), then regularised and applied as in {@link #updateRows}. A row
     * is taken at its first worker and skipped at the later ones; rows of different parts never meet, so the parts
     * can run at once.
     */
    static void updateOwnedRows(float[] table, int tableId, int width, RowGradients[] grads, float[] sum,
            int part, int parts, float scale, Regularizer reg, boolean complex, Optimizer opt, int step) {
        for (int w = 0; w < grads.length; w++) {
            RowGradients g = grads[w];
            float[] slab = g.slab();
            for (int s = 0; s < g.count(); s++) {
                int row = g.row(s);
                if (row % parts != part || touchedBefore(grads, w, row)) {
                    continue;
                }
                // 0 + x, then + y: axpy with 1 adds exactly that (1 * x is x, with or without a fused multiply-add)
                java.util.Arrays.fill(sum, 0f);
                KERNELS.axpy(1f, slab, s * width, sum, 0, width);
                for (int v = w + 1; v < grads.length; v++) {
                    int vs = grads[v].slotOf(row);
                    if (vs >= 0) {
                        KERNELS.axpy(1f, grads[v].slab(), vs * width, sum, 0, width);
                    }
                }
                if (scale > 0) {
                    reg.addGradient(table, row * width, width, complex, scale, sum, 0);
                }
                opt.update(table, tableId, row, width, sum, 0, step);
            }
        }
    }

    /** The rows of part {@code part} that no worker touched: the penalty's gradient alone, applied. */
    static void penaliseUntouched(float[] table, int tableId, int width, RowGradients[] grads, float[] g, int part,
            int parts, float scale, Regularizer reg, boolean complex, Optimizer opt, int step) {
        if (!(scale > 0)) {
            return;
        }
        int rows = table.length / width;
        for (int row = part; row < rows; row += parts) {
            if (touchedBefore(grads, grads.length, row)) {
                continue;
            }
            if (reg == Regularizer.L2) { // its gradient 2 scale x, fused into the optimiser's step where it can be
                opt.updateL2(table, tableId, row, width, 2 * scale, g, step);
                continue;
            }
            java.util.Arrays.fill(g, 0f);
            reg.addGradient(table, row * width, width, complex, scale, g, 0);
            opt.update(table, tableId, row, width, g, 0, step);
        }
    }

    /** Whether a worker before {@code w} touched {@code row}. */
    private static boolean touchedBefore(RowGradients[] grads, int w, int row) {
        for (int v = 0; v < w; v++) {
            if (grads[v].slotOf(row) >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Inverted-dropout masks for {@code mask[off, off + width)}: each {@code 1 / (1 - p)} with probability
     * {@code 1 - p}, else 0. Four masks per 64-bit draw: each 16-bit piece, uniform in {@code [0, 65536)}, keeps its
     * float when it is at least {@code round(65536 p)}, so the rate is {@code p} to within {@code 2^-17}. The
     * {@code ceil(width / 4)} draws go to {@code draws}, which {@link Kernels#dropoutMask} turns into the masks. With
     * {@code p} 0 every mask is 1 and nothing is drawn. (One 24-bit draw per float made the gather of a step's rows
     * most of a per-positive step with dropout; the conversion was then a quarter of a per-triple TransE step until it
     * went to the kernel.)
     */
    static void dropoutMask(float[] mask, int off, int width, float p, SplittableRandom rnd, long[] draws) {
        float keep = 1f / (1f - p);
        if (p == 0f) {
            java.util.Arrays.fill(mask, off, off + width, keep);
            return;
        }
        int n = (width + 3) / 4;
        for (int i = 0; i < n; i++) {
            draws[i] = rnd.nextLong();
        }
        KERNELS.dropoutMask(draws, mask, off, width, Math.round(p * 65536f), keep);
    }

    /** Work on part {@code part}, items {@code [from, to)}. */
    private interface PartTask {
        void run(int part, int from, int to);
    }

    /**
     * Runs {@code task} on {@code parts} contiguous parts of {@code [0, n)} and waits for all: the last part on the
     * calling thread, the others on the pool. The caller would otherwise only wait, and each step runs this twice (the
     * workers, then the row updates): handing every part to the pool cost a thread wake-up each time, and with
     * chunks of 512 and 1,024 negatives (FB15k-237, DistMult d400, 2 threads, four-row product tiles) the caller
     * running its part took 48.2M to 51.3M scored triples per second (medians of 3 alternating runs on one build,
     * 2026-12-02). Which thread runs a part does not change what it computes, so results stay the same bit for bit.
     * If a part fails, the others still run to their end before the first failure is thrown (the caller's, with a
     * pooled part's added as suppressed, or a pooled part's).
     */
    private static void runParts(java.util.concurrent.ExecutorService pool, int parts, int n, PartTask task) {
        List<java.util.concurrent.Future<?>> fs = new java.util.ArrayList<>(parts);
        for (int j = 0; j < parts - 1; j++) {
            int from = (int) ((long) n * j / parts);
            int to = (int) ((long) n * (j + 1) / parts);
            int part = j;
            fs.add(pool.submit(() -> task.run(part, from, to)));
        }
        RuntimeException failure = null;
        try {
            if (parts > 0) {
                task.run(parts - 1, (int) ((long) n * (parts - 1) / parts), n);
            }
        } catch (RuntimeException e) {
            failure = e; // the pooled parts still run to their end before it is thrown
        }
        try {
            awaitAll(fs);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void awaitAll(List<java.util.concurrent.Future<?>> fs) {
        for (java.util.concurrent.Future<?> f : fs) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("training interrupted", e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
    }

    /**
     * The reference code's subsampling weights: {@code 1 / sqrt(c(h, r) + c(t, r^-1))}, counts starting at 4 (its
     * smoothing).
     */
    static float[] subsamplingWeights(TripleSet train, int entityCount, int relationCount) {
        Map<Long, Integer> count = new HashMap<>();
        long rr = 2L * relationCount;
        for (int i = 0; i < train.size(); i++) {
            count.merge((long) train.head(i) * rr + train.relation(i), 1, Integer::sum);
            count.merge((long) train.tail(i) * rr + relationCount + train.relation(i), 1, Integer::sum);
        }
        float[] w = new float[train.size()];
        for (int i = 0; i < w.length; i++) {
            int a = 4 + count.get((long) train.head(i) * rr + train.relation(i));
            int b = 4 + count.get((long) train.tail(i) * rr + relationCount + train.relation(i));
            w[i] = (float) (1 / Math.sqrt(a + b));
        }
        return w;
    }

    static double sigmoid(double x) {
        if (x >= 0) {
            return 1 / (1 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** {@code log(1 + e^x)} = {@code -log sigma(-x)}, stable: {@code max(x, 0) + log(1 + e^-|x|)}. */
    static double softplus(double x) {
        return Math.max(x, 0) + Kernels.log1pUnit(Math.exp(-Math.abs(x)));
    }
}
