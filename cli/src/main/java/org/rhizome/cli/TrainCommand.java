package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.gnn.data.DatasetException;
import org.rhizome.gnn.data.EntityTexts;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.SplitOptions;
import org.rhizome.gnn.epignn.EpiGnn;
import org.rhizome.gnn.epignn.EpiGnnConfig;
import org.rhizome.gnn.epignn.EpiGnnEnsemble;
import org.rhizome.gnn.epignn.EpiGnnFile;
import org.rhizome.gnn.epignn.EpiGnnTrainer;
import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.io.ModelFile;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.model.ModelKind;
import org.rhizome.gnn.pipeline.KgePipeline;
import org.rhizome.gnn.pipeline.PipelineConfig;
import org.rhizome.gnn.reader.GraphReader;
import org.rhizome.gnn.reader.KHopRetriever;
import org.rhizome.gnn.reader.PprRetriever;
import org.rhizome.gnn.reader.ReaderFile;
import org.rhizome.gnn.reader.ReaderTrainer;
import org.rhizome.gnn.reader.SubgraphRetriever;
import org.rhizome.gnn.sampling.LemonSampler;
import org.rhizome.gnn.sampling.NegativeSampler;
import org.rhizome.gnn.training.LearningRateSchedule;
import org.rhizome.gnn.training.Trainer;
import org.rhizome.gnn.training.TrainingConfig;
import org.rhizome.gnn.training.TrainingListener;
import org.rhizome.gnn.training.TrainingState;
import org.rhizome.gnn.training.Validation;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.RhizomeException;
import org.rhizome.graph.snapshot.GraphSnapshot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome train}: a KG-embedding model from a benchmark folder or the store. */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Trains a knowledge-graph embedding model (TransE, DistMult, ComplEx, RotatE) with the RotatE reference "
                    + "code's scheme (self-adversarial negatives, Adam), evaluates it on the test split with filtered "
                    + "ranks (realistic ties), and saves it. Data: a folder of train.txt/valid.txt/test.txt "
                    + "(--data), or the store's statements split 90/5/5 by seed.",
            "With --model epignn: trains EpiGNN (systematic relational reasoning) on relation-labelled graphs with a "
                    + "query pair, from a CLUTRR or RCC-8/interval-algebra CSV (--reasoning) or generated "
                    + "(--generate), reports hold-out and --test accuracy (per chain length k) and saves the model "
                    + "for rhizome reason; or, with --data DIR or on the store, learns relation prediction "
                    + "(h, ?, t) on a knowledge graph from the paths between h and t, and reports test accuracy "
                    + "and MRR.",
            "With --model kgr3: trains the KG-R3 retrieve-and-read reader on --data DIR or the store: a subgraph "
                    + "retrieved around each query's head (--retriever) read by graph-masked Transformer layers, "
                    + "which the query cross-attends (--reader cross) or joins (--reader joint); "
                    + "reports the retriever's answer recall and filtered test metrics; rhizome predict reads the "
                    + "model (--explain prints the retrieved evidence).",
        })
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "DIR", description = "A benchmark folder (train.txt, valid.txt, test.txt).")
    Path data;

    @Option(names = "--model", paramLabel = "KIND", defaultValue = "rotate",
            description = "transe-l1, transe-l2, distmult, complex, rotate, epignn or kgr3. Default: "
                    + "${DEFAULT-VALUE}")
    String model;

    @Option(names = "--rank", paramLabel = "N", defaultValue = "100",
            description = "Embedding size (complex coordinates for ComplEx and RotatE). Default: ${DEFAULT-VALUE}")
    int rank;

    @Option(names = "--negatives", paramLabel = "N|all|kvsall", defaultValue = "64", description = "Negatives per "
            + "positive; all: every entity is a candidate and none is sampled (LibKGE's 1vsAll; needs --loss "
            + "cross-entropy and --sides tail or both); kvsall: every entity a candidate and every known answer of a "
            + "query a target (LibKGE's KvsAll; --batch then counts queries; the same needs). Default: "
            + "${DEFAULT-VALUE}")
    String negatives;

    @Option(names = "--lr-schedule", paramLabel = "constant|plateau[:F:P:T]|decay:F:A:G[:restart]", description =
            "How the learning rate changes: constant; plateau:FACTOR:PATIENCE:THRESHOLD, which multiplies it by "
            + "FACTOR after more than PATIENCE validation checks in a row without a relative improvement of "
            + "THRESHOLD (PyTorch's ReduceLROnPlateau as LibKGE uses it; plateau alone is plateau:0.95:5:0.0001; "
            + "needs --valid-every); or decay:FACTOR:AFTER:GROWTH[:restart], which multiplies it by FACTOR after step "
            + "AFTER and again each time the step count has grown GROWTH-fold, restart also starting the optimiser "
            + "afresh there (the RotatE reference code's schedule is decay:0.1:STEPS/2:3:restart). Default: constant.")
    String lrSchedule;

    @Option(names = "--head-negatives", paramLabel = "N", description = "Negatives per head query, where --negatives "
            + "counts a tail query's; with --reciprocal, per reciprocal triple (t, r^-1, h), which stands for the head "
            + "query of (h, r, t): LibKGE's num_samples.s beside num_samples.o. Sampled negatives only; in chunks "
            + "(--chunk), a chunk's head queries share N negatives and its tail queries the others. Default: as "
            + "many as --negatives.")
    Integer headNegatives;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--batches", paramLabel = "with-replacement|shuffled", description = "How each step's examples "
            + "are chosen: with-replacement (each drawn uniformly, as the benchmarks' PyTorch reference) or shuffled "
            + "(passes over the training examples in a fresh order each pass, as LibKGE's, PyKEEN's and the RotatE "
            + "authors' epochs). Default: with-replacement.")
    String batches;

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

    @Option(names = "--regularization", paramLabel = "L", description = "Weight of the --regularizer penalty on the "
            + "rows each step touches (every row with --penalty-rows all). Default: 0")
    float regularization;

    @Option(names = "--relation-regularization", paramLabel = "L", description = "The penalty's weight on the "
            + "relation table, where it differs (LibKGE tunes the two apart). Default: --regularization's.")
    Float relationRegularization;

    @Option(names = "--regularizer", paramLabel = "l3|n3|l2", description = "l3 (the reference's), n3 (ComplEx's "
            + "nuclear 3-norm) or l2. Default: l3")
    String regularizer = "l3";

    @Option(names = "--chunk", paramLabel = "C", description = "Positives sharing one set of negatives (DistMult and "
            + "ComplEx then score a chunk as one matrix product). Default: 1, negatives per positive.")
    int chunk = 1;

    @Option(names = "--loss", paramLabel = "KIND", description = "self-adversarial (the RotatE reference's), margin, "
            + "or cross-entropy (softmax over the positive and its negatives: LibKGE's kl loss). Default: "
            + "self-adversarial.")
    String loss;

    @Option(names = "--optimizer", paramLabel = "adam|adagrad", description = "Row-wise sparse Adam or Adagrad. "
            + "Default: adam.")
    String optimizer;

    @Option(names = "--sides", paramLabel = "KIND", description = "Which side negatives corrupt: alternate (by step, "
            + "as the RotatE reference), random, bernoulli (Wang et al. 2014) or tail; with --negatives all, tail or "
            + "both (every positive as a tail and as a head query). Default: alternate.")
    String sides;

    @Option(names = "--init-range", paramLabel = "R|A,B|xavier-normal", description = "Initial parameters uniform in "
            + "[-R, R], or in [A, B] (LibKGE's uniform_ with only a set is [a, 1]), or xavier-normal: each table "
            + "normal with standard deviation sqrt(2 / (rows + floats per row)), PyTorch's xavier_normal_ (not "
            + "RotatE). Default: +-(gamma + 2) / rank, the RotatE reference's.")
    String initRange;

    @Option(names = "--label-smoothing", paramLabel = "E", description = "With --negatives kvsall: LibKGE's label "
            + "smoothing of the targets (ConvE's formula, then normalised). Default: 0.")
    Float labelSmoothing;

    @Option(names = "--entity-dropout", paramLabel = "P", description = "Dropout on the entity rows each step "
            + "looks up (LibKGE's embedder dropout; not RotatE). Default: 0.")
    Float entityDropout;

    @Option(names = "--relation-dropout", paramLabel = "P", description = "Dropout on the relation rows. Default: 0.")
    Float relationDropout;

    @Option(names = "--dropout-masks", paramLabel = "per-query|per-triple", description = "With dropout: per-query "
            + "(a positive's head or tail and relation masked once for it and its negatives) or per-triple (every "
            + "scored triple, the positive and each negative, masked afresh: LibKGE's triple implementation, which it "
            + "uses for TransE; sampled negatives with --chunk 1 only). Default: per-query.")
    String dropoutMasks;

    @Option(names = "--penalty-rows", paramLabel = "touched|all", description = "Which rows the weight penalty "
            + "(--regularization) reaches each step: touched (the rows the step looks up, as the RotatE reference "
            + "code) or all (every row penalised and updated each step, as LibKGE's dense embedders; with Adagrad "
            + "this shrinks rarely seen rows much more than the weight suggests). Default: touched.")
    String penaltyRows;

    @Option(names = "--reciprocal", description = "Train with reciprocal relations: each training triple also as "
            + "(t, r^-1, h), tails corrupted only (sets --sides tail), head queries answered through r^-1, as LibKGE's "
            + "reciprocal_relations_model. A resumed run needs it again.")
    boolean reciprocal;

    @Option(names = "--config", paramLabel = "FILE", description = "A pipeline configuration for the KG-embedding "
            + "models (JSON, or YAML for .yaml/.yml; keys in the README); options given on the command line "
            + "override its values.")
    Path config;

    @Option(names = "--save-config", paramLabel = "FILE", description = "Writes the resolved pipeline configuration "
            + "(JSON, or YAML for .yaml/.yml) before training: --config reads it back.")
    Path saveConfig;

    @Option(names = "--save-state", paramLabel = "FILE", description = "Writes the whole training state (parameters, "
            + "optimiser state, step) every --save-every steps and after the last, for --resume.")
    Path saveState;

    @Option(names = "--save-every", paramLabel = "N", description = "Steps between --save-state writes. Default: a "
            + "tenth of the steps.")
    Integer saveEvery;

    @Option(names = "--resume", paramLabel = "FILE", description = "Continues the run a --save-state file recorded, "
            + "exactly where it stopped (same data; the training configuration is the state's, --steps may extend "
            + "it).")
    Path resume;

    @Option(names = "--valid-every", paramLabel = "N", defaultValue = "0",
            description = "Check the filtered MRR on the validation split every N steps, keep the best check's model "
                    + "and stop early when checks stop improving (0: no checks). Default: ${DEFAULT-VALUE}")
    int validEvery;

    @Option(names = "--patience", paramLabel = "P", defaultValue = "3",
            description = "with --valid-every: checks without improvement before stopping. Default: ${DEFAULT-VALUE}")
    int patience;

    @Option(names = "--checkpoint", paramLabel = "FILE",
            description = "with --valid-every: write the best model so far to FILE at every improvement (atomic), "
                    + "so a crash keeps it; it is a model file like --out's (to continue training, use --save-state).")
    Path checkpoint;

    @Option(names = "--sampler", paramLabel = "uniform|lemon", defaultValue = "uniform",
            description = "Negative sampling of the embedding models: uniform, or lemon (negatives from the k-means "
                    + "clusters of MiniLM text embeddings nearest the kept entity, filtered against the training "
                    + "triples). Default: ${DEFAULT-VALUE}")
    String sampler;

    @Option(names = "--entity-text", paramLabel = "FILE",
            description = "lemon: entity texts, id TAB label [TAB description] per line (default with --data: "
                    + "DIR/text/entity2text.txt); for a store, the concepts' labels and descriptions, their vectors "
                    + "cached in the store (retrieval/embeddings).")
    Path entityText;

    @Option(names = "--embedding-cache", paramLabel = "DIR",
            description = "lemon with --data: where text vectors are cached (default ~/.cache/rhizome/embeddings).")
    Path embeddingCache;

    @Option(names = "--lemon-clusters", paramLabel = "K", defaultValue = "100",
            description = "lemon: k-means clusters. Default: ${DEFAULT-VALUE}")
    int lemonClusters;

    @Option(names = "--lemon-dims", paramLabel = "D", defaultValue = "32",
            description = "lemon: PCA dimensions before clustering. Default: ${DEFAULT-VALUE}")
    int lemonDims;

    @Option(names = "--lemon-anchor", paramLabel = "kept|replaced", defaultValue = "kept",
            description = "lemon: negatives from the clusters nearest the entity the negative keeps, or nearest the "
                    + "one it replaces (the true answer). Default: ${DEFAULT-VALUE}")
    String lemonAnchor;

    @Option(names = "--lemon-uniform", paramLabel = "P", defaultValue = "0",
            description = "lemon: the share of negatives drawn uniformly instead, in [0, 1]. Default: "
                    + "${DEFAULT-VALUE}")
    double lemonUniform;

    @Option(names = "--lemon-nearest", paramLabel = "N", defaultValue = "3",
            description = "lemon: clusters nearest the kept entity that negatives come from. Default: "
                    + "${DEFAULT-VALUE}")
    int lemonNearest;

    @Option(names = "--reasoning", paramLabel = "FILE",
            description = "epignn: the training CSV (CLUTRR graph form or EpiGNN's RCC-8/interval form).")
    Path reasoning;

    @Option(names = "--generate", paramLabel = "KIND",
            description = "epignn: train on generated graphs instead: rcc8, interval (k = 2..4 edges, b = 1..3 "
                    + "branches, labelled by algebraic closure) or kinship (chains of 2 and 3 family relations).")
    String generate;

    @Option(names = "--generate-count", paramLabel = "N", defaultValue = "200",
            description = "epignn: graphs per relation and (k, b) for rcc8/interval, chains per length for kinship. "
                    + "Default: ${DEFAULT-VALUE}")
    int generateCount;

    @Option(names = "--test", paramLabel = "FILE", description = "epignn: a file to report accuracy on "
            + "(repeatable).")
    List<Path> tests = new ArrayList<>();

    @Option(names = "--epochs", paramLabel = "N", description = "epignn: passes over the training graphs "
            + "(preset: 100 for CLUTRR, 40 for the algebras and kinship).")
    Integer epochs;

    @Option(names = "--facets", paramLabel = "M", description = "epignn: facets per state (preset 8).")
    Integer facets;

    @Option(names = "--facet-size", paramLabel = "N", description = "epignn: length of each facet (preset 8; 4 "
            + "for RCC-8).")
    Integer facetSize;

    @Option(names = "--layers", paramLabel = "L", description = "epignn: message-passing rounds (preset 9).")
    Integer layers;

    @Option(names = "--aggregation", paramLabel = "product|min", description = "epignn: preset product for "
            + "CLUTRR/kinship, min for the algebras.")
    String aggregation;

    @Option(names = "--objective", paramLabel = "cosine|margin", description = "epignn: preset margin; cosine is "
            + "the log-cosine cross-entropy of the reference's CLUTRR configuration.")
    String objective;

    @Option(names = "--ensemble", paramLabel = "N", defaultValue = "1", description = "epignn: train N models "
            + "from seeds --seed, --seed + 1, ... and answer with the sum of their class scores; saved together in "
            + "one file. Default: ${DEFAULT-VALUE}")
    int ensemble;

    @Option(names = "--max-queries", paramLabel = "N", defaultValue = "20000",
            description = "epignn with --data: at most N training statements (a seeded sample) become training "
                    + "queries. Default: ${DEFAULT-VALUE}")
    int maxQueries;

    @Option(names = "--path-length", paramLabel = "L", defaultValue = "3",
            description = "epignn with --data: each query's subgraph holds the paths of at most L statements "
                    + "between its two entities. Default: ${DEFAULT-VALUE}")
    int pathLength;

    @Option(names = "--retriever", paramLabel = "KIND", defaultValue = "khop",
            description = "kgr3: khop (breadth-first around the head, relation-blind) or ppr (entities reached by "
                    + "the relation paths mined for the query's relation, then personalised PageRank from the head). "
                    + "Default: ${DEFAULT-VALUE}")
    String retrieverKind;

    @Option(names = "--reader", paramLabel = "KIND", defaultValue = "cross",
            description = "kgr3: cross (the subgraph encoded alone, then the query [CLS, relation] cross-attends to "
                    + "it, as in the paper) or joint (one query token inside the subgraph's masked self-attention, "
                    + "the first reader). Default: ${DEFAULT-VALUE}")
    String readerKind;

    @Option(names = "--hops", paramLabel = "K", defaultValue = "2",
            description = "kgr3 with --retriever khop: hops around the query's head. Default: ${DEFAULT-VALUE}")
    int hops;

    @Option(names = "--fan-out", paramLabel = "N", defaultValue = "8",
            description = "kgr3: edges followed out of each entity (khop: a seeded sample; ppr: along each mined "
                    + "path, where the default is 32). Default: ${DEFAULT-VALUE}")
    int fanOut;

    @Option(names = "--max-entities", paramLabel = "N", defaultValue = "16",
            description = "kgr3: entities per retrieved subgraph. Default: ${DEFAULT-VALUE}")
    int maxEntities;

    @Option(names = "--max-edges", paramLabel = "N", defaultValue = "48",
            description = "kgr3: edges per retrieved subgraph. Default: ${DEFAULT-VALUE}")
    int maxEdges;

    @Option(names = "--init", paramLabel = "B", description = "epignn: initial logits uniform in [-B, B); 0 for "
            + "Xavier bounds (preset 1).")
    Float init;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if ((config != null || saveConfig != null || saveState != null || resume != null)
                && ("epignn".equalsIgnoreCase(model) || "kgr3".equalsIgnoreCase(model))) {
            throw new CommandFailedException(ExitCodes.USAGE, "--config, --save-config, --save-state and --resume are "
                    + "for the KG-embedding models (transe, distmult, complex, rotate)");
        }
        if (resume != null) {
            var given = spec.commandLine().getParseResult();
            for (String option : List.of("--config", "--model", "--rank", "--negatives", "--batch", "--lr", "--gamma",
                    "--temperature", "--seed", "--chunk", "--regularization", "--relation-regularization",
                    "--regularizer", "--loss", "--optimizer", "--sides", "--init-range", "--entity-dropout",
                    "--relation-dropout", "--label-smoothing", "--batches", "--dropout-masks",
                    "--penalty-rows", "--head-negatives", "--lr-schedule")) {
                if (given.hasMatchedOption(option)) {
                    throw new CommandFailedException(ExitCodes.USAGE, "--resume takes the training configuration "
                            + "from the state; " + option + " cannot change it (only --steps can extend it)");
                }
            }
        }
        if ("epignn".equalsIgnoreCase(model)) {
            return trainEpiGnn(o);
        }
        if ("kgr3".equalsIgnoreCase(model)) {
            return trainReader(o);
        }
        if (reasoning != null || generate != null || !tests.isEmpty()) {
            throw new CommandFailedException(ExitCodes.USAGE,
                    "--reasoning, --generate and --test are for --model epignn");
        }
        TrainingState state = resume == null ? null : readState(resume);
        PipelineConfig pc = pipelineConfig();
        if (state != null) {
            pc = pc.withTraining(state.config().withSteps(spec.commandLine().getParseResult()
                    .hasMatchedOption("--steps") ? steps : state.config().steps())).withSplitSeed(state.config()
                    .seed());
        }
        TrainingConfig c = pc.training();
        if (state != null && c.steps() < state.step()) {
            throw new CommandFailedException(ExitCodes.USAGE, "the training state is at step " + state.step()
                    + "; --steps " + c.steps() + " would end before it");
        }
        if (saveConfig != null) {
            try {
                pc.write(saveConfig);
            } catch (java.io.UncheckedIOException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
            }
            o.println("configuration saved to " + saveConfig.toAbsolutePath());
        }
        Path dataPath = pc.data() == null ? null : Path.of(pc.data());
        KgDataset ds = dataset(root, dataPath, pc.splitSeed());
        o.printf(Locale.US, "dataset: %,d entities, %,d relations, %,d / %,d / %,d train / valid / test triples%n",
                ds.entityCount(), ds.relationCount(), ds.train().size(), ds.valid().size(), ds.test().size());
        o.flush();
        NegativeSampler negatives = "lemon".equals(pc.sampler().kind()) ? lemon(o, ds, pc, dataPath) : null;
        Validation validation = validation(ds, pc);
        int steps = c.steps();
        if (state != null) {
            o.printf(Locale.US, "resuming from step %,d of %,d (%s)%n", state.step(), c.steps(), resume);
        }
        int every = saveEvery != null ? saveEvery : Math.max(1, c.steps() / 10);
        if (saveEvery != null && saveEvery < 1) {
            throw new CommandFailedException(ExitCodes.USAGE, "--save-every must be at least 1, got " + saveEvery);
        }
        java.util.function.Consumer<Trainer> setup = trainer -> {
            if (saveState != null) {
                trainer.saveState(saveState, every);
            }
            if (state != null) {
                trainer.resume(state);
            }
        };
        KgePipeline.Result r;
        try {
            r = KgePipeline.run(ds, pc, negatives, validation, new TrainingListener() {
                @Override
                public void progress(int step, int all, double loss) {
                    if (!root.quiet()) {
                        o.printf(Locale.US, "  step %,d/%,d loss %.4f%n", step, all, loss);
                        o.flush();
                    }
                }

                @Override
                public void validated(int step, double mrr, double best) {
                    if (!root.quiet()) {
                        o.printf(Locale.US, "  step %,d: validation MRR %.4f%s%n", step, mrr,
                                mrr == best ? " (best)" : String.format(Locale.US, " (best %.4f)", best));
                        o.flush();
                    }
                }

                @Override
                public void learningRateChanged(int step, double lr) {
                    if (!root.quiet()) {
                        o.printf(Locale.US, "  step %,d: learning rate cut to %.6g%n", step, lr);
                        o.flush();
                    }
                }
            }, Math.max(1, steps / 10), setup);
        } catch (IllegalArgumentException e) {
            if (state == null) {
                throw e;
            }
            throw new CommandFailedException(ExitCodes.BAD_INPUT, "cannot resume from " + resume + ": "
                    + e.getMessage(), e);
        }
        if (validation != null) {
            o.printf(Locale.US, "%s; kept the model of step %,d (validation MRR %.4f)%n", r.training().stoppedEarly()
                    ? String.format(Locale.US, "stopped early at step %,d of %,d: %d checks without improvement",
                            r.training().stepsRun(), steps, pc.validation().patience())
                    : String.format(Locale.US, "ran all %,d steps", steps), r.training().bestStep(),
                    r.training().bestValidationMrr());
        }
        ModelFile.write(r.model(), out);
        RankMetrics m = r.test().metrics(Side.BOTH, TieBreak.REALISTIC);
        o.printf(Locale.US, "trained %s in %.1f s (%,.0f scored triples/s); test (filtered, realistic ties): "
                + "MRR %.3f, MR %.1f, Hits@1 %.3f, Hits@3 %.3f, Hits@10 %.3f over %,d ranks, evaluated in %.2f s%n",
                c.model(), r.training().seconds(), r.training().scoredTriplesPerSecond(), m.mrr(), m.mr(), m.hits1(),
                m.hits3(), m.hits10(), m.count(), r.evalSeconds());
        o.println("saved " + out.toAbsolutePath());
        return ExitCodes.OK;
    }

    /** The validation the configuration asks for, or null; refuses a dataset without validation triples. */
    private Validation validation(KgDataset ds, PipelineConfig pc) {
        if (pc.validation().every() <= 0) {
            if (checkpoint != null) {
                throw new CommandFailedException(ExitCodes.USAGE, "--checkpoint needs --valid-every N");
            }
            if (pc.training().lrSchedule().isPlateau()) {
                throw new CommandFailedException(ExitCodes.USAGE, "--lr-schedule " + pc.training().lrSchedule()
                        + " follows the validation MRR: it needs --valid-every N");
            }
            return null;
        }
        if (ds.valid().size() == 0) {
            throw new CommandFailedException(ExitCodes.USAGE, "--valid-every needs validation triples; this dataset "
                    + "has none");
        }
        Validation v = Validation.of(ds.valid(), FilterIndex.of(ds), pc.validation().every(),
                pc.validation().patience());
        if (checkpoint != null) {
            String config = pc.toJson();
            v = v.withOnBest((model, step) -> ModelFile.write(new TrainedModel(model, ds.entities(), ds.relations(),
                    config), checkpoint));
        }
        return v;
    }

    /** A training state file for --resume; a missing or bad file is bad input. */
    private static TrainingState readState(Path file) {
        try {
            return TrainingState.read(file);
        } catch (RhizomeException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
    }

    /** {@link TrainingConfig#parseNegatives}, its error naming the option. */
    static int parseNegatives(String text) {
        try {
            return TrainingConfig.parseNegatives(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + e.getMessage(), e);
        }
    }

    /**
     * The pipeline configuration: {@code --config}'s (or the defaults, which are this command's option defaults),
     * then every option given on the command line over it.
     */
    PipelineConfig pipelineConfig() {
        PipelineConfig pc;
        try {
            pc = config != null ? PipelineConfig.read(config) : PipelineConfig.defaults();
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        var given = spec.commandLine().getParseResult();
        try {
            TrainingConfig t = pc.training();
            if (given.hasMatchedOption("--model")) {
                t = t.withModel(ModelKind.parse(model));
            }
            if (given.hasMatchedOption("--rank")) {
                t = t.withRank(rank);
            }
            if (sides != null && reciprocal && !sides.equalsIgnoreCase("tail")) {
                throw new IllegalArgumentException("--reciprocal trains tail queries only; --sides " + sides
                        + " cannot go with it");
            }
            // negatives, loss, sides, subsampling and label smoothing constrain each other (all entities need the
            // cross-entropy loss and sides tail or both; KvsAll draws queries, which subsampling cannot weigh), so
            // they are set together
            int neg = given.hasMatchedOption("--negatives") ? parseNegatives(negatives) : t.negatives();
            t = new TrainingConfig(t.model(), t.rank(), neg,
                    given.hasMatchedOption("--batch") ? batch : t.batch(), t.steps(), t.lr(), t.optimizer(),
                    loss != null ? loss.toLowerCase(Locale.ROOT) : t.loss(),
                    given.hasMatchedOption("--gamma") ? gamma : t.gamma(),
                    given.hasMatchedOption("--temperature") ? temperature : t.advTemperature(), t.regularization(),
                    t.subsampling() && neg != TrainingConfig.KVS_ALL,
                    sides != null ? sides.toLowerCase(Locale.ROOT) : t.sides(), t.seed(), t.chunk(),
                    t.regularizer(), t.initLow(), t.initHigh(), t.entityDropout(), t.relationDropout(),
                    t.initializer(), labelSmoothing != null ? labelSmoothing
                            : neg == TrainingConfig.KVS_ALL ? t.labelSmoothing() : 0f, t.relationRegularization(),
                    t.batches(), t.dropoutMasks(), t.penaltyRows(), t.headNegatives(), t.lrSchedule());
            if (given.hasMatchedOption("--steps")) {
                t = t.withSteps(steps);
            }
            if (batches != null) {
                t = t.withBatches(batches.toLowerCase(Locale.ROOT));
            }
            t = t.withLearningRate(given.hasMatchedOption("--lr") ? lr : t.lr(),
                    optimizer != null ? optimizer.toLowerCase(Locale.ROOT) : t.optimizer());
            if (initRange != null) {
                t = t.withInit(initRange);
            }
            t = t.withDropout(entityDropout != null ? entityDropout : t.entityDropout(),
                    relationDropout != null ? relationDropout : t.relationDropout());
            if (given.hasMatchedOption("--chunk")) {
                t = t.withChunk(chunk);
            }
            if (given.hasMatchedOption("--regularization")) {
                t = t.withRegularization(regularization);
            }
            if (relationRegularization != null) {
                t = t.withRegularization(t.regularization(), relationRegularization);
            }
            if (given.hasMatchedOption("--regularizer")) {
                t = t.withRegularizer(regularizer.toLowerCase(Locale.ROOT));
            }
            if (dropoutMasks != null) {
                t = t.withDropoutMasks(dropoutMasks.toLowerCase(Locale.ROOT));
            }
            if (penaltyRows != null) {
                t = t.withPenaltyRows(penaltyRows.toLowerCase(Locale.ROOT));
            }
            if (headNegatives != null) {
                t = t.withHeadNegatives(headNegatives);
            }
            if (lrSchedule != null) {
                t = t.withLrSchedule(LearningRateSchedule.parse(lrSchedule));
            }
            if (given.hasMatchedOption("--seed")) {
                t = t.withSeed(seed);
                pc = pc.withSplitSeed(seed);
            }
            pc = reciprocal ? pc.withReciprocal(false).withTraining(t).withReciprocal(true) : pc.withTraining(t);
            if (data != null) {
                pc = pc.withData(data.toString());
            }
            if (given.hasMatchedOption("--threads")) {
                pc = pc.withThreads(threads);
            }
            pc = pc.withValidation(new PipelineConfig.Validation(
                    given.hasMatchedOption("--valid-every") ? validEvery : pc.validation().every(),
                    given.hasMatchedOption("--patience") ? patience : pc.validation().patience()));
            PipelineConfig.Sampler s = pc.sampler();
            pc = pc.withSampler(new PipelineConfig.Sampler(
                    given.hasMatchedOption("--sampler") ? sampler.toLowerCase(Locale.ROOT) : s.kind(),
                    entityText != null ? entityText.toString() : s.entityText(),
                    given.hasMatchedOption("--lemon-dims") ? lemonDims : s.dimensions(),
                    given.hasMatchedOption("--lemon-clusters") ? lemonClusters : s.clusters(),
                    given.hasMatchedOption("--lemon-nearest") ? lemonNearest : s.nearest(),
                    given.hasMatchedOption("--lemon-anchor") ? lemonAnchor : s.anchor(),
                    given.hasMatchedOption("--lemon-uniform") ? lemonUniform : s.uniform()));
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
        }
        return pc;
    }

    /** The LEMON sampler over the entities' texts, embedded with the cached in-process MiniLM. */
    private LemonSampler lemon(PrintWriter o, KgDataset ds, PipelineConfig pc, Path data) {
        PipelineConfig.Sampler options = pc.sampler();
        String[] texts;
        if (data != null) {
            Path f = options.entityText() != null ? Path.of(options.entityText())
                    : data.resolve("text").resolve("entity2text.txt");
            if (!Files.isRegularFile(f)) {
                throw new CommandFailedException(ExitCodes.USAGE, "--sampler lemon needs entity texts: " + f
                        + " does not exist (give --entity-text FILE)");
            }
            try {
                texts = EntityTexts.read(f, ds.entities());
            } catch (DatasetException e) {
                throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
            }
        } else {
            if (options.entityText() != null) {
                throw new CommandFailedException(ExitCodes.USAGE, "--entity-text goes with --data; a store's "
                        + "concepts give their labels and descriptions");
            }
            try (KnowledgeGraph kg = root.openStore(false)) {
                texts = EntityTexts.fromStore(kg, ds.entities());
            }
        }
        int have = 0;
        for (String t : texts) {
            have += t == null ? 0 : 1;
        }
        o.printf(Locale.US, "lemon: embedding the texts of %,d of %,d entities (MiniLM, cached)...%n", have,
                texts.length);
        o.flush();
        long t0 = System.nanoTime();
        // a store's own embedding cache (shared with its search index); for a benchmark folder, the user's cache
        Path cache = data == null ? root.storeDir().resolve("retrieval").resolve("embeddings")
                : embeddingCache != null ? embeddingCache
                : Path.of(System.getProperty("user.home"), ".cache", "rhizome", "embeddings");
        float[][] vectors = LemonSampler.textVectors(texts, cache);
        try {
            LemonSampler s = new LemonSampler(vectors, FilterIndex.of(ds.train()),
                    options.lemonOptions(pc.training().seed()));
            o.printf(Locale.US, "lemon: %d clusters of %d-dimensional PCA projections, negatives from the %d nearest"
                    + " the %s entity%s (%.1f s)%n", options.clusters(), s.options().dimensions(), options.nearest(),
                    s.options().anchor().name().toLowerCase(Locale.ROOT), options.uniform() > 0
                            ? String.format(Locale.US, ", %.0f%% drawn uniformly instead", 100 * options.uniform())
                            : "", (System.nanoTime() - t0) / 1e9);
            return s;
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, "--sampler lemon: " + e.getMessage(), e);
        }
    }

    private int trainEpiGnn(PrintWriter o) {
        if (ensemble < 1) {
            throw new CommandFailedException(ExitCodes.USAGE, "--ensemble must be at least 1, got " + ensemble);
        }
        EpiGnnTraining.KgData kg = null;
        EpiGnnTraining.Data d;
        if (data != null && (reasoning != null || generate != null)) {
            throw new CommandFailedException(ExitCodes.USAGE,
                    "--data (relation prediction on a knowledge graph) does not go with --reasoning or --generate");
        }
        if (reasoning == null && generate == null) {
            // relation prediction on a benchmark folder, or on the store's statements split by seed
            KgDataset ds = dataset(root, data, seed);
            try {
                kg = EpiGnnTraining.loadKg(ds, maxQueries, pathLength, seed);
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
            }
            d = kg.train();
        } else {
            d = EpiGnnTraining.load(reasoning, generate, generateCount, seed);
        }
        var parse = spec.commandLine().getParseResult();
        EpiGnnConfig c = EpiGnnTraining.configure(d.preset(), epochs, facets, facetSize, layers, aggregation,
                objective, init, parse.hasMatchedOption("--lr") ? lr : null,
                parse.hasMatchedOption("--batch") ? batch : null, seed);
        o.printf(Locale.US, "data: %s: %,d graphs, %d relation labels%n", d.description(), d.examples().size(),
                d.vocabulary().size());
        o.printf(Locale.US, "EpiGNN: %d facets of %d, %d rounds, %s aggregation, %s objective, AdamW lr %s, batch %d, "
                + "%d epochs, %.0f%% held out%n", c.facets(), c.facetSize(), c.layers(),
                c.aggregation().name().toLowerCase(Locale.ROOT), c.objective().name().toLowerCase(Locale.ROOT),
                c.learningRate(), c.batchSize(), c.epochs(), c.validFraction() * 100);
        if (ensemble > 1) {
            o.printf(Locale.US, "an ensemble of %d models, seeds %d to %d%n", ensemble, seed, seed + ensemble - 1);
        }
        o.flush();
        List<EpiGnn> members = new ArrayList<>();
        for (int i = 0; i < ensemble; i++) {
            EpiGnnConfig mc = c.withSeed(seed + i);
            String who = ensemble > 1 ? String.format(Locale.US, "model %d/%d (seed %d): ", i + 1, ensemble,
                    mc.seed()) : "";
            long start = System.nanoTime();
            EpiGnnTrainer.Result r = EpiGnnTrainer.train(d.examples(), d.vocabulary().size(), mc, e -> {
                if (!root.quiet()) {
                    o.printf(Locale.US, "  %sepoch %d/%d loss %.4f hold-out accuracy %.4f (%.1f s)%n", who,
                            e.epoch(), mc.epochs(), e.meanLoss(), e.validAccuracy(), e.millis() / 1000.0);
                    o.flush();
                }
            });
            o.printf(Locale.US, "%strained in %.1f s; best hold-out accuracy %.4f at epoch %d (kept)%n", who,
                    (System.nanoTime() - start) / 1e9, r.bestValidAccuracy(), r.bestEpoch());
            o.flush();
            members.add(r.model());
        }
        EpiGnnFile.Trained trained = new EpiGnnFile.Trained(new EpiGnnEnsemble(members), d.vocabulary());
        EpiGnnFile.write(trained, out);
        if (kg != null) {
            EpiGnnTraining.evaluateKg(o, trained, kg);
        }
        EpiGnnTraining.evaluate(o, trained, tests);
        o.println("saved " + out.toAbsolutePath());
        return ExitCodes.OK;
    }

    private int trainReader(PrintWriter o) {
        if (reasoning != null || generate != null) {
            throw new CommandFailedException(ExitCodes.USAGE, "--model kgr3 trains on --data DIR or the store");
        }
        KgDataset ds = dataset(root, data, seed);
        var parse = spec.commandLine().getParseResult();
        ReaderTrainer.Config c;
        SubgraphRetriever retriever;
        try {
            c = new ReaderTrainer.Config(parse.hasMatchedOption("--rank") ? rank : 64, 4,
                    layers != null ? layers : 2, epochs != null ? epochs : 5,
                    parse.hasMatchedOption("--batch") ? batch : 64, parse.hasMatchedOption("--lr") ? lr : 1e-3f,
                    0.1f, 0.1f, seed, switch (readerKind) {
                        case "cross" -> GraphReader.Architecture.CROSS;
                        case "joint" -> GraphReader.Architecture.JOINT;
                        default -> throw new IllegalArgumentException("--reader must be cross or joint, got "
                                + readerKind);
                    });
            retriever = switch (retrieverKind) {
                case "khop" -> new KHopRetriever(ds.train(), ds.entityCount(), ds.relationCount(), hops, fanOut,
                        maxEntities, maxEdges);
                case "ppr" -> {
                    PprRetriever.Options po = PprRetriever.Options.defaults(maxEntities, maxEdges).withSeed(seed);
                    yield new PprRetriever(ds.train(), ds.entityCount(), ds.relationCount(),
                            parse.hasMatchedOption("--fan-out") ? po.withFanOut(fanOut) : po);
                }
                default -> throw new IllegalArgumentException("--retriever must be khop or ppr, got "
                        + retrieverKind);
            };
        } catch (IllegalArgumentException e) {
            throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
        }
        o.printf(Locale.US, "dataset: %,d entities, %,d relations, %,d / %,d / %,d train / valid / test triples%n",
                ds.entityCount(), ds.relationCount(), ds.train().size(), ds.valid().size(), ds.test().size());
        o.printf(Locale.US, "reader: %s, width %d, %d layers per stack; retriever: %s; answer recall on test %.4f%n",
                c.architecture().name().toLowerCase(Locale.ROOT), c.model(), c.layers(), retriever.describe(),
                retriever.recall(ds.test(), seed));
        o.flush();
        long start = System.nanoTime();
        GraphReader reader = ReaderTrainer.train(ds.train(), ds.entityCount(), ds.relationCount(), retriever, c, e -> {
            if (!root.quiet()) {
                o.printf(Locale.US, "  epoch %d/%d loss %.4f (%.1f s)%n", e.epoch(), c.epochs(), e.meanLoss(),
                        e.millis() / 1000.0);
                o.flush();
            }
        }, ConsoleProgress.forConsole(spec.commandLine().getErr(), root.quiet()));
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        RankMetrics m = new org.rhizome.gnn.evaluation.RankEvaluator().evaluate(
                ReaderTrainer.scorer(reader, retriever, ds.entityCount(), ds.relationCount()), ds.test(),
                org.rhizome.gnn.data.FilterIndex.of(ds), threads).metrics(Side.BOTH, TieBreak.REALISTIC);
        ReaderFile.write(new ReaderFile.Trained(reader, c, retriever, ds.train(), ds.entities(), ds.relations()), out);
        o.printf(Locale.US, "trained the KG-R3 reader in %.1f s; test (filtered, realistic ties): MRR %.3f, Hits@1 "
                + "%.3f, Hits@10 %.3f over %,d ranks%n", trainSeconds, m.mrr(), m.hits1(), m.hits10(), m.count());
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
