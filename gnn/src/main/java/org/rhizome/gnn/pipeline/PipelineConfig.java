package org.rhizome.gnn.pipeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.sampling.LemonSampler;
import org.rhizome.gnn.training.TrainingConfig;

/**
 * Everything a link-prediction pipeline run needs, as one record that round-trips to JSON and YAML: the dataset,
 * the model and its training ({@link TrainingConfig}: loss, optimiser, schedule), the negative sampler, validation
 * with early stopping, and the threads. {@code rhizome train --config FILE} reads it; {@code --save-config FILE}
 * writes the resolved one; model files record it.
 *
 * <pre>
 * data: ../shared/datasets/UMLS      # a benchmark folder; absent: the store's statements, split by split-seed
 * split-seed: 42
 * threads: 2
 * reciprocal: false                  # true: also train (t, r^-1, h), answer head queries through r^-1 (sides: tail)
 * training:                          # absent keys keep the defaults shown
 *   model: rotate                    # transe (L1), transe-l2, distmult, complex, rotate
 *   rank: 100
 *   negatives: 64                    # 0: every entity, none sampled (LibKGE's 1vsAll; cross-entropy loss);
 *                                    # -1: every entity, every known answer a target (KvsAll; batch counts queries)
 *   head-negatives: 0                # negatives of a head query (reciprocal: an r^-1 triple); 0: as negatives
 *   batch: 256
 *   batches: with-replacement        # or shuffled (passes over the examples, as LibKGE's epochs)
 *   steps: 1000
 *   lr: 0.001
 *   lr-schedule: constant            # or plateau[:FACTOR:PATIENCE:THRESHOLD]: cut at validation plateaus (LibKGE)
 *   optimizer: adam                  # or adagrad
 *   loss: self-adversarial           # or margin, cross-entropy
 *   gamma: 6.0
 *   adv-temperature: 0.5
 *   regularization: 0.0              # the penalty's weight, DistMult and ComplEx
 *   relation-regularization: 0.0     # its weight on the relation table; absent: the same as regularization
 *   regularizer: l3                  # l3, n3 (ComplEx's nuclear 3-norm) or l2
 *   penalty-rows: touched            # or all (every row penalised and updated each step, as LibKGE)
 *   subsampling: true
 *   sides: alternate                 # or random, bernoulli, tail; with negatives 0: tail or both
 *   seed: 42
 *   chunk: 1                         # positives sharing one set of negatives (1: none shared)
 *   init-low: 0.0                    # uniform initialisation in [init-low, init-high]; both 0: the
 *   init-high: 0.0                   # reference's +-(gamma + 2) / rank
 *   entity-dropout: 0.0              # dropout on the entity rows a step looks up (not RotatE)
 *   relation-dropout: 0.0            # and on its relation rows
 *   dropout-masks: per-query         # or per-triple (every scored triple masked afresh: LibKGE's triple)
 *   initializer: uniform             # or xavier-normal (per table; init-low and init-high then 0; not RotatE)
 *   label-smoothing: 0.0             # KvsAll only: LibKGE's label smoothing
 * sampler:
 *   kind: uniform                    # or lemon
 *   entity-text: null                # lemon: id TAB label [TAB description]; default: data/text/entity2text.txt
 *   lemon-dimensions: 32
 *   lemon-clusters: 100
 *   lemon-nearest: 3
 *   lemon-anchor: kept               # or replaced
 *   lemon-uniform: 0.0               # share of negatives drawn uniformly instead
 * validation:
 *   every: 0                         # validation MRR every N steps, 0: none
 *   patience: 3                      # checks without improvement before stopping
 * </pre>
 *
 * Reading overlays the file on {@link #defaults()}: absent keys keep their default, an unknown key or a bad value is
 * refused with the file and the key's path named.
 *
 * @param data       the benchmark folder, or {@code null} for the store
 * @param splitSeed  the seed that splits a store's statements into train, valid and test
 * @param training   model, loss, optimiser and schedule
 * @param sampler    the negative sampler
 * @param validation validation checks and early stopping
 * @param threads    training and evaluation threads
 * @param reciprocal train with reciprocal relations ({@link #withReciprocal})
 */
public record PipelineConfig(String data, long splitSeed, TrainingConfig training, Sampler sampler,
        Validation validation, int threads, boolean reciprocal) {

    /**
     * The negative sampler: {@code uniform} (the training's {@code sides} decide head or tail, Bernoulli included) or
     * {@code lemon} ({@link LemonSampler}) with its options.
     *
     * @param kind       {@code uniform} or {@code lemon}
     * @param entityText the entity texts for LEMON, or {@code null} for the dataset's {@code text/entity2text.txt}
     *                   (a store's concept labels and descriptions)
     * @param dimensions LEMON's PCA dimensions
     * @param clusters   LEMON's k-means clusters
     * @param nearest    clusters a negative may come from
     * @param anchor     {@code kept} or {@code replaced}
     * @param uniform    the share of negatives drawn uniformly instead
     */
    public record Sampler(String kind, String entityText, int dimensions, int clusters, int nearest, String anchor,
            double uniform) {
        public Sampler {
            if (!"uniform".equals(kind) && !"lemon".equals(kind)) {
                throw new IllegalArgumentException("the sampler must be uniform or lemon, got '" + kind + "'");
            }
            LemonSampler.Anchor.parse(anchor);
            new LemonSampler.Options(dimensions, clusters, nearest, 10, 0, LemonSampler.Anchor.KEPT, uniform);
        }

        /** LEMON's options with {@code seed}. */
        public LemonSampler.Options lemonOptions(long seed) {
            return new LemonSampler.Options(dimensions, clusters, nearest, 10, seed, LemonSampler.Anchor.parse(anchor),
                    uniform);
        }
    }

    /**
     * Validation checks: the filtered validation MRR every {@code every} steps (0: none), stopping after
     * {@code patience} checks without improvement.
     */
    public record Validation(int every, int patience) {
        public Validation {
            if (every < 0 || patience < 1) {
                throw new IllegalArgumentException("validation every must be >= 0 and patience >= 1, got " + every
                        + " and " + patience);
            }
        }
    }

    public PipelineConfig {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(sampler, "sampler");
        Objects.requireNonNull(validation, "validation");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (reciprocal && !training.sides().equals("tail")) {
            throw new IllegalArgumentException("reciprocal relations answer head queries through tail queries: "
                    + "training.sides must be tail, got " + training.sides());
        }
        if (training.allEntities() && "lemon".equals(sampler.kind())) {
            throw new IllegalArgumentException("the lemon sampler draws negatives; training against all entities "
                    + "(training.negatives " + training.negatives() + ") draws none");
        }
    }

    /** Without reciprocal relations. */
    public PipelineConfig(String data, long splitSeed, TrainingConfig training, Sampler sampler, Validation validation,
            int threads) {
        this(data, splitSeed, training, sampler, validation, threads, false);
    }

    /** The defaults of {@code rhizome train}: RotatE at rank 100, 1,000 steps, uniform negatives, no validation. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(null, 42, TrainingConfig.defaults(ModelKind.ROTATE).withRank(100),
                new Sampler("uniform", null, 32, 100, 3, "kept", 0), new Validation(0, 3), 2);
    }

    public PipelineConfig withData(String d) {
        return new PipelineConfig(d, splitSeed, training, sampler, validation, threads, reciprocal);
    }

    public PipelineConfig withTraining(TrainingConfig t) {
        return new PipelineConfig(data, splitSeed, t, sampler, validation, threads, reciprocal);
    }

    public PipelineConfig withSampler(Sampler s) {
        return new PipelineConfig(data, splitSeed, training, s, validation, threads, reciprocal);
    }

    public PipelineConfig withValidation(Validation v) {
        return new PipelineConfig(data, splitSeed, training, sampler, v, threads, reciprocal);
    }

    public PipelineConfig withThreads(int n) {
        return new PipelineConfig(data, splitSeed, training, sampler, validation, n, reciprocal);
    }

    /**
     * With reciprocal relations: the dataset's training triples also as {@code (t, r^-1, h)}, tails corrupted only,
     * and head queries answered through the reciprocal relations (LibKGE's {@code reciprocal_relations_model}). Sets
     * the training's sides to {@code tail} when {@code on}.
     */
    public PipelineConfig withReciprocal(boolean on) {
        return new PipelineConfig(data, splitSeed, on ? training.withSides("tail") : training, sampler, validation,
                threads, on);
    }

    public PipelineConfig withSplitSeed(long s) {
        return new PipelineConfig(data, s, training, sampler, validation, threads, reciprocal);
    }

    // ------------------------------------------------------------------------------------------- JSON and YAML

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    /** This configuration as a JSON document (every key, so it shows what was resolved). */
    public String toJson() {
        return write(JSON);
    }

    /** This configuration as a YAML document (every key). */
    public String toYaml() {
        return write(YAML);
    }

    /** Writes this configuration to {@code file}: YAML for {@code .yaml}/{@code .yml}, else JSON. */
    public void write(Path file) {
        try {
            Files.writeString(file, isYaml(file) ? toYaml() : toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pipeline configuration " + file + ": " + e.getMessage(),
                    e);
        }
    }

    /** Reads {@code file} ({@code .yaml}/{@code .yml} as YAML, else JSON) over the defaults. */
    public static PipelineConfig read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the pipeline configuration " + file + ": "
                    + e.getMessage(), e);
        }
        return parse(text, isYaml(file), file.toString());
    }

    /**
     * Parses a JSON or YAML document over {@link #defaults()}.
     *
     * @param where names the document in errors
     * @throws IllegalArgumentException naming {@code where} and the key of an unknown key, a value of the wrong type
     *                                  or a value out of range
     */
    public static PipelineConfig parse(String text, boolean yaml, String where) {
        JsonNode given;
        try {
            given = (yaml ? YAML : JSON).readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where + ": not valid " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getOriginalMessage() + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")"), e);
        }
        ObjectNode merged = defaults().tree();
        if (given != null && !given.isNull() && !given.isMissingNode()) {
            if (!given.isObject()) {
                throw new IllegalArgumentException(where + ": the configuration must be a mapping of keys to values");
            }
            overlay(merged, (ObjectNode) given, "", where);
            JsonNode t = given.get("training");
            if (t != null && t.has("regularization") && !t.has("relation-regularization")) {
                // one weight given: both tables, as before the relation table had its own
                ((ObjectNode) merged.get("training")).set("relation-regularization", t.get("regularization"));
            }
        }
        try {
            return fromTree(merged, where);
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(where) ? e
                    : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private String write(ObjectMapper mapper) {
        try {
            return mapper.writeValueAsString(tree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode tree() {
        ObjectNode root = JSON.createObjectNode();
        if (data == null) {
            root.putNull("data");
        } else {
            root.put("data", data);
        }
        root.put("split-seed", splitSeed);
        root.put("threads", threads);
        root.put("reciprocal", reciprocal);
        TrainingConfig t = training;
        ObjectNode tr = root.putObject("training");
        tr.put("model", t.model().name().toLowerCase(Locale.ROOT).replace('_', '-').replace("transe-l1", "transe"));
        tr.put("rank", t.rank());
        tr.put("negatives", t.negatives());
        tr.put("batch", t.batch());
        tr.put("steps", t.steps());
        tr.put("lr", t.lr());
        tr.put("optimizer", t.optimizer());
        tr.put("loss", t.loss());
        tr.put("gamma", t.gamma());
        tr.put("adv-temperature", t.advTemperature());
        tr.put("regularization", t.regularization());
        tr.put("relation-regularization", t.relationRegularization());
        tr.put("subsampling", t.subsampling());
        tr.put("sides", t.sides());
        tr.put("seed", t.seed());
        tr.put("chunk", t.chunk());
        tr.put("regularizer", t.regularizer());
        tr.put("init-low", t.initLow());
        tr.put("init-high", t.initHigh());
        tr.put("entity-dropout", t.entityDropout());
        tr.put("relation-dropout", t.relationDropout());
        tr.put("initializer", t.initializer());
        tr.put("label-smoothing", t.labelSmoothing());
        tr.put("batches", t.batches());
        tr.put("dropout-masks", t.dropoutMasks());
        tr.put("penalty-rows", t.penaltyRows());
        tr.put("head-negatives", t.headNegatives());
        tr.put("lr-schedule", t.lrSchedule().toString());
        ObjectNode s = root.putObject("sampler");
        s.put("kind", sampler.kind());
        if (sampler.entityText() == null) {
            s.putNull("entity-text");
        } else {
            s.put("entity-text", sampler.entityText());
        }
        s.put("lemon-dimensions", sampler.dimensions());
        s.put("lemon-clusters", sampler.clusters());
        s.put("lemon-nearest", sampler.nearest());
        s.put("lemon-anchor", sampler.anchor());
        s.put("lemon-uniform", sampler.uniform());
        ObjectNode v = root.putObject("validation");
        v.put("every", validation.every());
        v.put("patience", validation.patience());
        return root;
    }

    /** Puts {@code given}'s values into {@code into}, refusing keys {@code into} does not have. */
    private static void overlay(ObjectNode into, ObjectNode given, String path, String where) {
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = path + e.getKey();
            JsonNode known = into.get(e.getKey());
            if (known == null) {
                Set<String> keys = new TreeSet<>();
                into.fieldNames().forEachRemaining(keys::add);
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; known keys"
                        + (path.isEmpty() ? "" : " of " + path.substring(0, path.length() - 1)) + ": " + keys);
            }
            if (known.isObject()) {
                if (!e.getValue().isObject()) {
                    throw new IllegalArgumentException(where + ": '" + key + "' must be a mapping");
                }
                overlay((ObjectNode) known, (ObjectNode) e.getValue(), key + ".", where);
            } else {
                into.set(e.getKey(), e.getValue());
            }
        }
    }

    private static PipelineConfig fromTree(ObjectNode n, String where) {
        JsonNode t = n.get("training");
        JsonNode s = n.get("sampler");
        JsonNode v = n.get("validation");
        TrainingConfig training;
        try {
            training = new TrainingConfig(ModelKind.parse(text(t, "training.model", where)),
                    integer(t, "rank", "training.", where), integer(t, "negatives", "training.", where),
                    integer(t, "batch", "training.", where), integer(t, "steps", "training.", where),
                    (float) number(t, "lr", "training.", where), text(t, "training.optimizer", where),
                    text(t, "training.loss", where), (float) number(t, "gamma", "training.", where),
                    (float) number(t, "adv-temperature", "training.", where),
                    (float) number(t, "regularization", "training.", where),
                    bool(t, "subsampling", "training.", where), text(t, "training.sides", where),
                    longValue(t, "seed", "training.", where), integer(t, "chunk", "training.", where),
                    text(t, "training.regularizer", where), (float) number(t, "init-low", "training.", where),
                    (float) number(t, "init-high", "training.", where),
                    (float) number(t, "entity-dropout", "training.", where),
                    (float) number(t, "relation-dropout", "training.", where),
                    text(t, "training.initializer", where),
                    (float) number(t, "label-smoothing", "training.", where),
                    (float) number(t, "relation-regularization", "training.", where),
                    text(t, "training.batches", where), text(t, "training.dropout-masks", where),
                    text(t, "training.penalty-rows", where), integer(t, "head-negatives", "training.", where),
                    org.rhizome.gnn.training.LearningRateSchedule.parse(text(t, "training.lr-schedule", where)));
        } catch (IllegalArgumentException e) {
            throw e.getMessage() != null && e.getMessage().startsWith(where) ? e
                    : new IllegalArgumentException(where + ": training: " + e.getMessage(), e);
        }
        JsonNode entityText = s.get("entity-text");
        Sampler sampler = new Sampler(text(s, "sampler.kind", where), entityText.isNull() ? null
                : text(s, "sampler.entity-text", where), integer(s, "lemon-dimensions", "sampler.", where),
                integer(s, "lemon-clusters", "sampler.", where), integer(s, "lemon-nearest", "sampler.", where),
                text(s, "sampler.lemon-anchor", where), number(s, "lemon-uniform", "sampler.", where));
        Validation validation = new Validation(integer(v, "every", "validation.", where),
                integer(v, "patience", "validation.", where));
        JsonNode data = n.get("data");
        return new PipelineConfig(data.isNull() ? null : text(n, "data", where), longValue(n, "split-seed", "", where),
                training, sampler, validation, integer(n, "threads", "", where), bool(n, "reciprocal", "", where));
    }

    private static JsonNode field(JsonNode parent, String name) {
        return parent.get(name.substring(name.lastIndexOf('.') + 1));
    }

    private static String text(JsonNode parent, String path, String where) {
        JsonNode x = field(parent, path);
        if (!x.isTextual()) {
            throw new IllegalArgumentException(where + ": '" + path + "' must be text, got " + x);
        }
        return x.asText();
    }

    private static int integer(JsonNode parent, String key, String prefix, String where) {
        JsonNode x = parent.get(key);
        if (!x.canConvertToInt() || !x.isIntegralNumber()) {
            throw new IllegalArgumentException(where + ": '" + prefix + key + "' must be an integer, got " + x);
        }
        return x.asInt();
    }

    private static long longValue(JsonNode parent, String key, String prefix, String where) {
        JsonNode x = parent.get(key);
        if (!x.canConvertToLong() || !x.isIntegralNumber()) {
            throw new IllegalArgumentException(where + ": '" + prefix + key + "' must be an integer, got " + x);
        }
        return x.asLong();
    }

    private static double number(JsonNode parent, String key, String prefix, String where) {
        JsonNode x = parent.get(key);
        if (!x.isNumber()) {
            throw new IllegalArgumentException(where + ": '" + prefix + key + "' must be a number, got " + x);
        }
        return x.asDouble();
    }

    private static boolean bool(JsonNode parent, String key, String prefix, String where) {
        JsonNode x = parent.get(key);
        if (!x.isBoolean()) {
            throw new IllegalArgumentException(where + ": '" + prefix + key + "' must be true or false, got " + x);
        }
        return x.asBoolean();
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }
}
