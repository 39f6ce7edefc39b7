package org.rhizome.gnn.training;

import java.util.Objects;

import org.rhizome.gnn.model.ModelKind;

/**
 * How to train a {@link org.rhizome.gnn.model.KgeModel}: the RotatE reference code's scheme by default, with its
 * batches drawn with replacement as the benchmarks' PyTorch reference draws them (the RotatE authors' code shuffles:
 * {@link #SHUFFLED}).
 *
 * @param model      the interaction function
 * @param rank       embedding size: reals per row for TransE and DistMult, complex coordinates for ComplEx and
 *                   RotatE (their entity rows hold {@code 2 * rank} floats)
 * @param negatives  negatives per positive, or {@link #ALL_ENTITIES}: every entity is a candidate and none is
 *                   sampled (LibKGE's {@code 1vsAll}): the softmax cross-entropy of the positive against all
 *                   entities, the positive counted once; or {@link #KVS_ALL}: every entity a candidate and every
 *                   known answer of the query a target (LibKGE's {@code KvsAll})
 * @param batch      positives per step (chosen as {@code batches} says); queries with {@link #KVS_ALL}
 * @param steps      optimiser steps
 * @param lr         learning rate
 * @param optimizer  {@code adam} or {@code adagrad} (both row-wise sparse)
 * @param loss       {@code self-adversarial} (logistic loss with negatives weighted by a softmax of their scores at
 *                   temperature {@code advTemperature}; temperature 0 is the plain mean), {@code margin} (margin
 *                   ranking: mean over negatives of {@code max(0, gamma - s(pos) + s(neg))}) or {@code cross-entropy}
 *                   (softmax cross-entropy of the positive against itself and its negatives,
 *                   {@code -s(pos) + log sum exp(s)}: LibKGE's {@code kl} loss with negative sampling)
 * @param gamma      the margin: added to the scores of distance models in the logistic loss, the ranking margin in
 *                   the margin loss
 * @param advTemperature self-adversarial temperature
 * @param regularization the weight of the {@code regularizer} penalty ({@code lambda} times the penalty over the
 *                   table's size in floats); applied to the rows of each step only (every row, when every entity is a
 *                   candidate) unless {@code penaltyRows} says all; on the entity table, and on the relation table
 *                   unless {@code relationRegularization} says otherwise
 * @param subsampling weight each positive by {@code 1/sqrt(count(h, r) + count(t, r^-1))} as the reference does
 * @param sides      which side to corrupt: {@code alternate} (heads in even steps, tails in odd, as the reference),
 *                   {@code random} (a coin per positive), {@code bernoulli} (Wang et al. 2014) or {@code tail}
 *                   (always the tail: for training with reciprocal relations, where the training triples hold each
 *                   {@code (h, r, t)} also as {@code (t, r^-1, h)}, so tail queries of both cover head queries, as
 *                   in LibKGE's {@code reciprocal_relations_model}); with {@link #ALL_ENTITIES} only {@code tail}
 *                   or {@code both} (each positive as a tail query and as a head query, LibKGE's {@code 1vsAll}
 *                   without reciprocal relations)
 * @param seed       random seed (initialisation, batches, negatives): single-threaded training is deterministic
 * @param chunk      positives that share one set of negatives (DGL-KE's chunks): 1 draws negatives per positive,
 *                   as the reference does; with {@code c > 1} each run of {@code c} consecutive positives of a batch
 *                   shares the {@code negatives} drawn for its first one, which turns scoring into a matrix product
 *                   and the negatives' gradients into {@code negatives} rows per chunk instead of per positive
 * @param regularizer which penalty {@code regularization} weighs: {@code l3} (the reference's), {@code n3} (ComplEx's
 *                   nuclear 3-norm) or {@code l2} ({@link Regularizer})
 * @param initLow    lower bound of the uniform initialisation of both tables ({@link #initLow()} and
 *                   {@link #initHigh()} both 0: the RotatE reference code's {@code [-(gamma + 2) / rank,
 *                   (gamma + 2) / rank]}, {@link #initRange()}); LibKGE's {@code uniform_} with only {@code a} set is
 *                   {@code [a, 1]}
 * @param initHigh   upper bound
 * @param entityDropout   dropout on every entity row a step looks up (heads, tails and negatives; each float kept
 *                   with probability {@code 1 - p} and scaled by {@code 1 / (1 - p)}), as LibKGE's embedders do; 0:
 *                   none. Not for RotatE.
 * @param relationDropout the same on relation rows
 * @param initializer how the tables start: {@link #UNIFORM} (every float uniform in {@code [initLow, initHigh]}) or
 *                   {@link #XAVIER_NORMAL} (each table normal with mean 0 and standard deviation
 *                   {@code sqrt(2 / (rows + floats per row))}, PyTorch's {@code xavier_normal_} with gain 1 on the
 *                   table as one matrix, which LibKGE's embedders use; the range must then be left at 0, and RotatE,
 *                   whose relation rows are phases, cannot use it)
 * @param labelSmoothing with {@link #KVS_ALL} only: LibKGE's label smoothing of the targets (see {@link #KVS_ALL});
 *                   0 for none
 * @param relationRegularization the penalty's weight on the relation table (the constructors without it use
 *                   {@code regularization}, as {@link #withRegularization} does); LibKGE tunes the two apart
 * @param batches    how a step's examples are chosen: {@link #WITH_REPLACEMENT} (each drawn uniformly, as the
 *                   benchmarks' PyTorch reference {@code ../shared/bench/torch_kge.py} draws them; the constructors
 *                   without this component choose it) or {@link #SHUFFLED} (passes over the examples, each pass a
 *                   fresh permutation, as LibKGE's, PyKEEN's and the RotatE authors' data loaders give them)
 * @param dropoutMasks with dropout, how often a row looked up twice in a step is masked afresh:
 *                   {@link #MASKS_PER_QUERY} (the constructors without this component choose it) or
 *                   {@link #MASKS_PER_TRIPLE}
 * @param penaltyRows which rows the weight penalty reaches each step: {@link #PENALTY_TOUCHED_ROWS} (the
 *                   constructors without this component choose it) or {@link #PENALTY_ALL_ROWS}
 * @param headNegatives negatives per head query, where {@code negatives} counts those of a tail query:
 *                   {@link #SAME_NEGATIVES} (the constructors without this component choose it) for
 *                   {@code negatives} on both sides. A head query is a positive whose head is corrupted, or, with
 *                   reciprocal relations (sides {@code tail}), a training triple {@code (t, r^-1, h)}, which asks
 *                   for the head of {@code (h, r, t)} ({@link Trainer#reciprocalRelationsFrom}). LibKGE's
 *                   {@code num_samples.s} beside {@code num_samples.o}. Needs sampled negatives. In chunks, a
 *                   chunk's head queries share negatives of this count and its tail queries the others
 * @param lrSchedule how the learning rate changes: {@link LearningRateSchedule#CONSTANT} (the constructors without
 *                   this component choose it) or cut at plateaus of the validation MRR
 *                   ({@link LearningRateSchedule#plateau}, LibKGE's {@code ReduceLROnPlateau}; needs validation)
 */
public record TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr,
        String optimizer, String loss, float gamma, float advTemperature, float regularization, boolean subsampling,
        String sides, long seed, int chunk, String regularizer, float initLow, float initHigh, float entityDropout,
        float relationDropout, String initializer, float labelSmoothing, float relationRegularization,
        String batches, String dropoutMasks, String penaltyRows, int headNegatives,
        LearningRateSchedule lrSchedule) {

    /** {@link #initializer()}: every float uniform in the initialisation range. */
    public static final String UNIFORM = "uniform";

    /** {@link #initializer()}: PyTorch's {@code xavier_normal_} per table. */
    public static final String XAVIER_NORMAL = "xavier-normal";

    /**
     * {@link #batches()}: each example of a step drawn uniformly with replacement, independently of every other; over
     * {@code n / batch} steps about {@code 1/e} (37%) of the {@code n} examples are not drawn at all.
     */
    public static final String WITH_REPLACEMENT = "with-replacement";

    /**
     * {@link #batches()}: shuffled passes. The examples form one stream of passes, each pass a permutation of all
     * examples drawn afresh from the seed and the pass number; step {@code s} takes the stream's positions
     * {@code (s - 1) * batch} to {@code s * batch - 1}, so every example is seen once per pass. A batch may straddle
     * two passes: LibKGE and PyKEEN end each epoch with a short batch instead, which this keeps out so that every step
     * has {@link #batch()} examples (the difference is at most one batch per pass).
     */
    public static final String SHUFFLED = "shuffled";

    /**
     * {@link #dropoutMasks()}: each positive's query rows (its head or tail and its relation) are masked once and
     * shared by the positive and its negatives, each negative's row masked on its own; with chunks, each row once per
     * chunk. LibKGE's {@code batch} and {@code 1vsAll}/{@code KvsAll} scoring, which embed a query once per positive.
     */
    public static final String MASKS_PER_QUERY = "per-query";

    /**
     * {@link #dropoutMasks()}: every scored triple, the positive and each of its negatives, looks up all three of its
     * rows afresh through masks of its own, so the query's rows are masked {@code negatives + 1} times. LibKGE's
     * {@code triple} implementation of negative sampling (which it picks for TransE), which embeds every scored
     * triple on its own. Needs sampled negatives, chunks of one and dropout.
     */
    public static final String MASKS_PER_TRIPLE = "per-triple";

    /**
     * {@link #penaltyRows()}: the penalty reaches the rows a step looks up (the RotatE reference code's L3 on the
     * batch's rows); a row the step does not touch is left as it is.
     */
    public static final String PENALTY_TOUCHED_ROWS = "touched";

    /**
     * {@link #penaltyRows()}: every step adds the penalty's gradient to every row of both tables and applies the
     * optimiser to every row, touched or not, as LibKGE does (its embedders' gradients are dense and its unweighted
     * penalty covers the whole table). With Adagrad this is not the small change the weight suggests: at the t-th step
     * that only the penalty reaches a float, the float moves about {@code lr / sqrt(t)} towards 0, whatever the weight
     * (LibKGE's own WN18RR TransE trials reach validation MRR .20-.23 with entity weights near 1e-7 and .18-.19 with
     * weights below 2e-9). Costs a pass over both tables per step.
     */
    public static final String PENALTY_ALL_ROWS = "all";

    /** {@link #headNegatives()}: a head query has as many negatives as a tail query, {@link #negatives()}. */
    public static final int SAME_NEGATIVES = 0;

    /**
     * Dropout masks {@linkplain #MASKS_PER_QUERY per query}, the penalty on the
     * {@linkplain #PENALTY_TOUCHED_ROWS touched rows}.
     */
    public TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr, String optimizer,
            String loss, float gamma, float advTemperature, float regularization, boolean subsampling, String sides,
            long seed, int chunk, String regularizer, float initLow, float initHigh, float entityDropout,
            float relationDropout, String initializer, float labelSmoothing, float relationRegularization,
            String batches) {
        this(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature, regularization,
                subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout, relationDropout,
                initializer, labelSmoothing, relationRegularization, batches, MASKS_PER_QUERY,
                PENALTY_TOUCHED_ROWS, SAME_NEGATIVES, LearningRateSchedule.CONSTANT);
    }

    /** Batches drawn {@linkplain #WITH_REPLACEMENT with replacement}. */
    public TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr, String optimizer,
            String loss, float gamma, float advTemperature, float regularization, boolean subsampling, String sides,
            long seed, int chunk, String regularizer, float initLow, float initHigh, float entityDropout,
            float relationDropout, String initializer, float labelSmoothing, float relationRegularization) {
        this(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature, regularization,
                subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout, relationDropout,
                initializer, labelSmoothing, relationRegularization, WITH_REPLACEMENT);
    }

    /** Uniform initialisation, no label smoothing, the penalty's weight the same on both tables. */
    public TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr, String optimizer,
            String loss, float gamma, float advTemperature, float regularization, boolean subsampling, String sides,
            long seed, int chunk, String regularizer, float initLow, float initHigh, float entityDropout,
            float relationDropout) {
        this(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature, regularization,
                subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout, relationDropout,
                UNIFORM, 0f, regularization);
    }

    /** The penalty's weight the same on both tables. */
    public TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr, String optimizer,
            String loss, float gamma, float advTemperature, float regularization, boolean subsampling, String sides,
            long seed, int chunk, String regularizer, float initLow, float initHigh, float entityDropout,
            float relationDropout, String initializer, float labelSmoothing) {
        this(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature, regularization,
                subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout, relationDropout,
                initializer, labelSmoothing, regularization);
    }

    /** Without dropout. */
    public TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr, String optimizer,
            String loss, float gamma, float advTemperature, float regularization, boolean subsampling, String sides,
            long seed, int chunk, String regularizer, float initLow, float initHigh) {
        this(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature, regularization,
                subsampling, sides, seed, chunk, regularizer, initLow, initHigh, 0f, 0f, UNIFORM, 0f);
    }

    /** With the reference code's initialisation range. */
    public TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr, String optimizer,
            String loss, float gamma, float advTemperature, float regularization, boolean subsampling, String sides,
            long seed, int chunk, String regularizer) {
        this(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature, regularization,
                subsampling, sides, seed, chunk, regularizer, 0f, 0f);
    }

    /** With the reference's L3 penalty. */
    public TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr, String optimizer,
            String loss, float gamma, float advTemperature, float regularization, boolean subsampling, String sides,
            long seed, int chunk) {
        this(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature, regularization,
                subsampling, sides, seed, chunk, "l3");
    }

    /** Negatives per positive (no chunks). */
    public TrainingConfig(ModelKind model, int rank, int negatives, int batch, int steps, float lr, String optimizer,
            String loss, float gamma, float advTemperature, float regularization, boolean subsampling, String sides,
            long seed) {
        this(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature, regularization,
                subsampling, sides, seed, 1, "l3");
    }

    /**
     * {@link #negatives()} meaning every entity, none sampled: LibKGE's {@code 1vsAll} training. Needs the
     * {@code cross-entropy} loss and sides {@code tail} or {@code both}; always runs the chunked path, whose
     * matrix products then score each chunk against the whole entity table.
     */
    public static final int ALL_ENTITIES = 0;

    /**
     * {@link #negatives()} meaning every entity, none sampled, and every known answer a target: LibKGE's
     * {@code KvsAll} (PyKEEN's LCWA). A step's examples are not triples but queries: the distinct
     * {@code (head, relation)} pairs of the training triples, each asking for its tails (sides {@code tail}), and
     * with sides {@code both} also the distinct {@code (relation, tail)} pairs asking for their heads; {@link #batch()}
     * counts queries, chosen as {@link #batches()} says, like triples are. Each query's loss is the cross-entropy of
     * the softmax over all entities against the target distribution {@code y = l / sum(l)} with labels
     * {@code l_e = (1 - labelSmoothing) [e is a known answer] + (labelSmoothing > 0 ? 1 / entities : 0)}: LibKGE's
     * {@code kl} loss with its label smoothing (ConvE's formula, then normalised), exactly. The loss reported is that
     * cross-entropy, {@code -sum_e y_e log p_e} (LibKGE's KL divergence minus the targets' entropy, a constant).
     * Needs the {@code cross-entropy} loss and no subsampling.
     */
    public static final int KVS_ALL = -1;

    public TrainingConfig {
        Objects.requireNonNull(model, "model");
        if (rank < 1 || negatives < KVS_ALL || batch < 1 || steps < 0 || !(lr > 0)) {
            throw new IllegalArgumentException("rank, batch and lr must be positive, negatives >= 0 (0: all "
                    + "entities; -1: all entities, every known answer a target), steps >= 0");
        }
        String what = negatives == KVS_ALL ? "training against all entities with every known answer a target "
                + "(negatives -1, KvsAll)" : "training against all entities (negatives 0, 1vsAll)";
        if (negatives <= ALL_ENTITIES && !loss.equals("cross-entropy")) {
            throw new IllegalArgumentException(what + " needs the cross-entropy loss, got " + loss);
        }
        if (negatives <= ALL_ENTITIES && !sides.equals("tail") && !sides.equals("both")) {
            throw new IllegalArgumentException(what + " scores tail queries (sides tail) or tail and head queries "
                    + "(sides both), not " + sides);
        }
        if (negatives > ALL_ENTITIES && sides.equals("both")) {
            throw new IllegalArgumentException("sides both is for training against all entities (negatives 0 or "
                    + "-1); with sampled negatives use alternate, random, bernoulli or tail");
        }
        if (negatives == KVS_ALL && subsampling) {
            throw new IllegalArgumentException(what + " draws queries, not triples: subsampling, which weighs "
                    + "triples, cannot go with it");
        }
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (labelSmoothing > 0 && negatives != KVS_ALL) {
            throw new IllegalArgumentException("label smoothing is for KvsAll training (negatives -1), not for "
                    + (negatives == ALL_ENTITIES ? "1vsAll" : "sampled negatives"));
        }
        Objects.requireNonNull(initializer, "initializer");
        if (!initializer.equals(UNIFORM) && !initializer.equals(XAVIER_NORMAL)) {
            throw new IllegalArgumentException("the initializer must be " + UNIFORM + " or " + XAVIER_NORMAL
                    + ", got " + initializer);
        }
        if (initializer.equals(XAVIER_NORMAL) && (initLow != 0f || initHigh != 0f)) {
            throw new IllegalArgumentException("an initialisation range [" + initLow + ", " + initHigh + "] is for "
                    + "the uniform initializer; " + XAVIER_NORMAL + " sets its own scale");
        }
        if (initializer.equals(XAVIER_NORMAL) && model == ModelKind.ROTATE) {
            throw new IllegalArgumentException(XAVIER_NORMAL + " is not for RotatE (its relation rows are phases, "
                    + "initialised uniformly in [-pi, pi])");
        }
        if (!optimizer.equals("adam") && !optimizer.equals("adagrad")) {
            throw new IllegalArgumentException("optimizer must be adam or adagrad, got " + optimizer);
        }
        if (!loss.equals("self-adversarial") && !loss.equals("margin") && !loss.equals("cross-entropy")) {
            throw new IllegalArgumentException("loss must be self-adversarial, margin or cross-entropy, got " + loss);
        }
        if (!sides.equals("alternate") && !sides.equals("random") && !sides.equals("bernoulli")
                && !sides.equals("tail") && !sides.equals("both")) {
            throw new IllegalArgumentException("sides must be alternate, random, bernoulli, tail or both, got "
                    + sides);
        }
        if (!Float.isFinite(initLow) || !Float.isFinite(initHigh) || initLow > initHigh
                || (initLow == initHigh && initLow != 0f)) {
            throw new IllegalArgumentException("the initialisation range must be finite with low < high (both 0: the "
                    + "reference's), got [" + initLow + ", " + initHigh + "]");
        }
        if (model == ModelKind.ROTATE && initLow != -initHigh) {
            throw new IllegalArgumentException("RotatE's initialisation range must be symmetric (it sets the phase "
                    + "scale), got [" + initLow + ", " + initHigh + "]");
        }
        if (!(entityDropout >= 0 && entityDropout < 1) || !(relationDropout >= 0 && relationDropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + entityDropout + " (entities) and "
                    + relationDropout + " (relations)");
        }
        if (model == ModelKind.ROTATE && (entityDropout > 0 || relationDropout > 0)) {
            throw new IllegalArgumentException("dropout is not supported for RotatE (its relation rows are phases)");
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be >= 1, got " + chunk);
        }
        Regularizer.parse(regularizer);
        Objects.requireNonNull(batches, "batches");
        if (!batches.equals(WITH_REPLACEMENT) && !batches.equals(SHUFFLED)) {
            throw new IllegalArgumentException("batches must be " + WITH_REPLACEMENT + " or " + SHUFFLED + ", got "
                    + batches);
        }
        Objects.requireNonNull(dropoutMasks, "dropoutMasks");
        if (!dropoutMasks.equals(MASKS_PER_QUERY) && !dropoutMasks.equals(MASKS_PER_TRIPLE)) {
            throw new IllegalArgumentException("dropout masks must be " + MASKS_PER_QUERY + " or " + MASKS_PER_TRIPLE
                    + ", got " + dropoutMasks);
        }
        if (dropoutMasks.equals(MASKS_PER_TRIPLE)) {
            if (!(entityDropout > 0 || relationDropout > 0)) {
                throw new IllegalArgumentException("dropout masks " + MASKS_PER_TRIPLE + " need entity or relation "
                        + "dropout (without it they change nothing)");
            }
            if (negatives <= ALL_ENTITIES || chunk != 1) {
                throw new IllegalArgumentException("dropout masks " + MASKS_PER_TRIPLE + " are for sampled negatives "
                        + "drawn per positive (chunk 1), got negatives " + negatives + " and chunk " + chunk);
            }
        }
        Objects.requireNonNull(penaltyRows, "penaltyRows");
        if (!penaltyRows.equals(PENALTY_TOUCHED_ROWS) && !penaltyRows.equals(PENALTY_ALL_ROWS)) {
            throw new IllegalArgumentException("penalty rows must be " + PENALTY_TOUCHED_ROWS + " or "
                    + PENALTY_ALL_ROWS + ", got " + penaltyRows);
        }
        if (headNegatives < 0) {
            throw new IllegalArgumentException("head negatives must be >= 0 (0: as many as negatives), got "
                    + headNegatives);
        }
        if (headNegatives != SAME_NEGATIVES && headNegatives != negatives) {
            if (negatives <= ALL_ENTITIES) {
                throw new IllegalArgumentException("head negatives are a count of sampled negatives; training "
                        + "against all entities (negatives " + negatives + ") samples none");
            }
        }
        Objects.requireNonNull(lrSchedule, "lrSchedule");
        if (!(regularization >= 0) || !(relationRegularization >= 0)) {
            throw new IllegalArgumentException("regularization must be >= 0, got " + regularization
                    + " (entities) and " + relationRegularization + " (relations)");
        }
    }

    /** The reference scheme at rank 50: 64 negatives, batch 256, Adam 1e-3, gamma 6, temperature 0.5. */
    public static TrainingConfig defaults(ModelKind model) {
        return new TrainingConfig(model, 50, 64, 256, 1000, 1e-3f, "adam", "self-adversarial", 6f, 0.5f, 0f, true,
                "alternate", 42L);
    }

    /**
     * Whether every entity is a candidate and none is sampled: {@link #ALL_ENTITIES} (LibKGE's 1vsAll) or
     * {@link #KVS_ALL}.
     */
    public boolean allEntities() {
        return negatives <= ALL_ENTITIES;
    }

    /** Whether every known answer of a query is a target ({@link #KVS_ALL}, LibKGE's KvsAll). */
    public boolean kvsAll() {
        return negatives == KVS_ALL;
    }

    /** Floats per entity row. */
    public int entityWidth() {
        return model.isComplex() ? 2 * rank : rank;
    }

    /** The reference code's initialisation half-width, {@code (gamma + 2) / rank}. */
    public float initRange() {
        return (gamma + 2f) / rank;
    }

    /** The initialisation's bounds: {@link #initLow()} and {@link #initHigh()}, or the reference's when both are 0. */
    public float[] initBounds() {
        return initLow == 0f && initHigh == 0f ? new float[] {-initRange(), initRange()}
                : new float[] {initLow, initHigh};
    }

    public TrainingConfig withModel(ModelKind m) {
        return new TrainingConfig(m, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    public TrainingConfig withRank(int r) {
        return new TrainingConfig(model, r, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    public TrainingConfig withSteps(int s) {
        return new TrainingConfig(model, rank, negatives, batch, s, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    public TrainingConfig withBatch(int b, int neg) {
        return new TrainingConfig(model, rank, neg, b, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    public TrainingConfig withLearningRate(float rate, String opt) {
        return new TrainingConfig(model, rank, negatives, batch, steps, rate, opt, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    /**
     * This configuration trained against every entity ({@link #ALL_ENTITIES}, LibKGE's 1vsAll): the cross-entropy
     * loss, and sides {@code tail} (with reciprocal relations) or {@code both}; nothing is sampled, so no count of
     * head negatives.
     */
    public TrainingConfig withAllEntities(String s) {
        return new TrainingConfig(model, rank, ALL_ENTITIES, batch, steps, lr, optimizer, "cross-entropy", gamma,
                advTemperature, regularization, subsampling, s, seed, chunk, regularizer, initLow, initHigh,
                entityDropout, relationDropout, initializer, 0f, relationRegularization, batches, dropoutMasks,
                penaltyRows, SAME_NEGATIVES, lrSchedule);
    }

    /**
     * This configuration trained KvsAll ({@link #KVS_ALL}): the cross-entropy loss, no subsampling, sides
     * {@code tail} (with reciprocal relations) or {@code both}, and the given label smoothing; no count of head
     * negatives.
     */
    public TrainingConfig withKvsAll(String s, float smoothing) {
        return new TrainingConfig(model, rank, KVS_ALL, batch, steps, lr, optimizer, "cross-entropy", gamma,
                advTemperature, regularization, false, s, seed, chunk, regularizer, initLow, initHigh,
                entityDropout, relationDropout, initializer, smoothing, relationRegularization, batches,
                dropoutMasks, penaltyRows, SAME_NEGATIVES, lrSchedule);
    }

    /** Tables initialised by {@code init}: {@link #UNIFORM} (in the range) or {@link #XAVIER_NORMAL}. */
    public TrainingConfig withInitializer(String init) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout,
                relationDropout, init, labelSmoothing, relationRegularization, batches, dropoutMasks, penaltyRows,
                headNegatives, lrSchedule);
    }

    public TrainingConfig withLoss(String l, float g, float temperature) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, l, g, temperature,
                regularization, subsampling, sides, seed, chunk, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    public TrainingConfig withRegularizer(String r) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, r, initLow, initHigh, entityDropout, relationDropout,
                initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    /** The penalty's weight {@code lambda} on both tables. */
    public TrainingConfig withRegularization(float lambda) {
        return withRegularization(lambda, lambda);
    }

    /** The penalty's weight {@code entities} on the entity table, {@code relations} on the relation table. */
    public TrainingConfig withRegularization(float entities, float relations) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                entities, subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout,
                relationDropout, initializer, labelSmoothing, relations, batches, dropoutMasks, penaltyRows,
                headNegatives, lrSchedule);
    }

    public TrainingConfig withSides(String s) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, s, seed, chunk, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    public TrainingConfig withChunk(int c) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, c, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    /**
     * An initialisation range as written on a command line: {@code R} for {@code [-R, R]}, {@code A,B} for
     * {@code [A, B]}.
     *
     * @throws IllegalArgumentException naming the text if it is neither
     */
    public static float[] parseInitRange(String text) {
        String[] parts = text.split(",", -1);
        try {
            if (parts.length == 1) {
                float r = Float.parseFloat(parts[0].trim());
                return new float[] {-r, r};
            }
            if (parts.length == 2) {
                return new float[] {Float.parseFloat(parts[0].trim()), Float.parseFloat(parts[1].trim())};
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("an initialisation range must be R or A,B (numbers), got '" + text + "'");
    }

    /**
     * Negatives as written on a command line: a count, {@code all} ({@link #ALL_ENTITIES}) or {@code kvsall}
     * ({@link #KVS_ALL}).
     *
     * @throws IllegalArgumentException naming the text if it is none of these
     */
    public static int parseNegatives(String text) {
        String v = text.strip();
        if (v.equalsIgnoreCase("all")) {
            return ALL_ENTITIES;
        }
        if (v.equalsIgnoreCase("kvsall")) {
            return KVS_ALL;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException("negatives must be a count, all or kvsall, got '" + text + "'");
    }

    /**
     * The initialisation as written on a command line: {@code xavier-normal} ({@link #XAVIER_NORMAL}), or a range
     * for {@link #parseInitRange} (uniform).
     */
    public TrainingConfig withInit(String spec) {
        if (spec.strip().equalsIgnoreCase(XAVIER_NORMAL)) {
            return withInit(0f, 0f).withInitializer(XAVIER_NORMAL);
        }
        float[] b = parseInitRange(spec);
        return withInit(b[0], b[1]);
    }

    /** Initial parameters uniform in {@code [-halfWidth, halfWidth]}. */
    public TrainingConfig withInit(float halfWidth) {
        return withInit(-halfWidth, halfWidth);
    }

    /** Initial parameters uniform in {@code [low, high]} (both 0: the reference's range). */
    public TrainingConfig withInit(float low, float high) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer, low, high, entityDropout,
                relationDropout, UNIFORM, labelSmoothing, relationRegularization, batches, dropoutMasks, penaltyRows,
                headNegatives, lrSchedule);
    }

    public TrainingConfig withDropout(float entities, float relations) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entities, relations,
                initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }

    /** Whether a step looks up dropped-out copies of the rows ({@link #entityDropout}, {@link #relationDropout}). */
    public boolean dropout() {
        return entityDropout > 0 || relationDropout > 0;
    }

    /** Batches {@linkplain #WITH_REPLACEMENT drawn with replacement} or from {@linkplain #SHUFFLED shuffled passes}. */
    public TrainingConfig withBatches(String b) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout,
                relationDropout, initializer, labelSmoothing, relationRegularization, b, dropoutMasks, penaltyRows,
                headNegatives, lrSchedule);
    }

    /** Dropout masks {@linkplain #MASKS_PER_QUERY per query} or {@linkplain #MASKS_PER_TRIPLE per scored triple}. */
    public TrainingConfig withDropoutMasks(String masks) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout,
                relationDropout, initializer, labelSmoothing, relationRegularization, batches, masks, penaltyRows,
                headNegatives, lrSchedule);
    }

    /** The penalty on the {@linkplain #PENALTY_TOUCHED_ROWS touched rows} or on {@linkplain #PENALTY_ALL_ROWS all}. */
    public TrainingConfig withPenaltyRows(String rows) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout,
                relationDropout, initializer, labelSmoothing, relationRegularization, batches, dropoutMasks, rows,
                headNegatives, lrSchedule);
    }

    /** {@code n} negatives per head query ({@link #SAME_NEGATIVES}: as many as per tail query). */
    public TrainingConfig withHeadNegatives(int n) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout,
                relationDropout, initializer, labelSmoothing, relationRegularization, batches, dropoutMasks,
                penaltyRows, n, lrSchedule);
    }

    /** The learning rate changed as {@code schedule} says ({@link LearningRateSchedule}). */
    public TrainingConfig withLrSchedule(LearningRateSchedule schedule) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, seed, chunk, regularizer, initLow, initHigh, entityDropout,
                relationDropout, initializer, labelSmoothing, relationRegularization, batches, dropoutMasks,
                penaltyRows, headNegatives, schedule);
    }

    /** Whether head queries have a count of negatives of their own ({@link #headNegatives()}). */
    public boolean separateHeadNegatives() {
        return headNegatives != SAME_NEGATIVES && headNegatives != negatives;
    }

    /** Negatives per query on the given side: {@link #headNegatives()} (unless the same) or {@link #negatives()}. */
    public int negativesFor(boolean headQuery) {
        return headQuery && headNegatives != SAME_NEGATIVES ? headNegatives : negatives;
    }

    /** Whether every row is penalised and updated every step ({@link #PENALTY_ALL_ROWS}). */
    public boolean penaltyAllRows() {
        return penaltyRows.equals(PENALTY_ALL_ROWS);
    }

    /** Whether every scored triple is masked on its own ({@link #MASKS_PER_TRIPLE}). */
    public boolean masksPerTriple() {
        return dropoutMasks.equals(MASKS_PER_TRIPLE);
    }

    /** Whether batches come from {@linkplain #SHUFFLED shuffled passes}. */
    public boolean shuffled() {
        return batches.equals(SHUFFLED);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(model, rank, negatives, batch, steps, lr, optimizer, loss, gamma, advTemperature,
                regularization, subsampling, sides, s, chunk, regularizer,
                initLow, initHigh, entityDropout, relationDropout, initializer, labelSmoothing,
                relationRegularization, batches, dropoutMasks, penaltyRows, headNegatives, lrSchedule);
    }
}
