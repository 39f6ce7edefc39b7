package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rhizome train and predict on a benchmark-layout folder the test writes. */
class TrainPredictCommandsTest {
    @TempDir
    Path dir;

    @Test
    void trainsSavesAndPredicts() throws Exception {
        Path data = ring("ring", 30, 5, "\r\n");
        Path model = dir.resolve("ring.rzkge");
        Cli.Result t = Cli.run("--quiet", "train", "--data", data.toString(), "--model", "rotate", "--rank", "16",
                "--steps", "300", "--batch", "32", "--negatives", "8", "--lr", "0.05", "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("dataset: 30 entities, 2 relations, 54 / 0 / 6").contains("saved ");
        // RotatE learns that prev is the inverse of next: the held-out prev triples rank near the top
        java.util.regex.Matcher mrr = java.util.regex.Pattern.compile("realistic ties\\): MRR (\\d\\.\\d{3})")
                .matcher(t.out());
        assertThat(mrr.find()).isTrue();
        assertThat(Double.parseDouble(mrr.group(1))).isGreaterThan(0.5);
        assertThat(model).isNotEmptyFile();
        Cli.Result p = Cli.run("predict", "--model", model.toString(), "--head", "e3", "--relation", "next", "--k",
                "3");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.outLines()).hasSize(5); // header, rule, 3 rows
        Cli.Result unknown = Cli.run("predict", "--model", model.toString(), "--head", "nobody", "--relation", "next");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("no entity 'nobody'");
        Files.writeString(dir.resolve("broken.rzkge"), "not a model");
        Cli.Result broken = Cli.run("predict", "--model", dir.resolve("broken.rzkge").toString(), "--head", "e1",
                "--relation", "next");
        assertThat(broken.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(broken.err()).contains("not a Rhizome model file");
        Cli.Result badData = Cli.run("train", "--data", dir.resolve("missing").toString(), "--out", "x.rzkge");
        assertThat(badData.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
    }

    /**
     * --save-config writes what the flags resolved to; --config reads it back and trains the same model (one thread:
     * deterministic); a flag given with --config overrides the file; bad files are refused naming the key.
     */
    @Test
    void trainsAgainstEveryEntityAndSavesThatInItsConfiguration() throws Exception {
        Path data = ring("ring-all", 30, 5, "\n");
        Path yaml = dir.resolve("all.yaml");
        Cli.Result t = Cli.run("--quiet", "train", "--data", data.toString(), "--model", "complex", "--rank", "16",
                "--steps", "300", "--batch", "32", "--negatives", "all", "--loss", "cross-entropy", "--sides", "both",
                "--optimizer", "adagrad", "--lr", "0.05", "--save-config", yaml.toString(), "--out",
                dir.resolve("all.rzkge").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(testMrr(t.out())).isGreaterThan(0.5); // random: about 0.13 over 30 entities
        assertThat(Files.readString(yaml)).contains("negatives: 0").contains("sides: both");
        Cli.Result wrongLoss = Cli.run("train", "--data", data.toString(), "--negatives", "all", "--out",
                dir.resolve("x.rzkge").toString());
        assertThat(wrongLoss.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongLoss.err()).contains("needs the cross-entropy loss");
        Cli.Result typo = Cli.run("train", "--data", data.toString(), "--negatives", "every", "--out",
                dir.resolve("x.rzkge").toString());
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("--negatives must be a count, all or kvsall, got 'every'");
    }

    /**
     * KvsAll with label smoothing and the xavier_normal_ initialisation from the command line: it learns the ring,
     * and the saved configuration says how it was trained (and trains the same model again).
     */
    @Test
    void trainsKvsAllFromXavierNormalAndSavesThatInItsConfiguration() throws Exception {
        Path data = ring("ring-kvs", 30, 5, "\n");
        Path yaml = dir.resolve("kvs.yaml");
        Cli.Result t = Cli.run("--quiet", "train", "--data", data.toString(), "--model", "complex", "--rank", "16",
                "--steps", "300", "--batch", "32", "--negatives", "kvsall", "--label-smoothing", "0.05", "--loss",
                "cross-entropy", "--sides", "both", "--init-range", "xavier-normal", "--optimizer", "adagrad", "--lr",
                "0.1", "--regularizer", "l2", "--regularization", "0.001", "--relation-regularization", "0",
                "--batches", "shuffled", "--save-config", yaml.toString(), "--out",
                dir.resolve("kvs.rzkge").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(testMrr(t.out())).as(t.out()).isGreaterThan(0.5); // random: about 0.13
        assertThat(Files.readString(yaml)).contains("negatives: -1").contains("label-smoothing: 0.05")
                .contains("initializer: xavier-normal").contains("subsampling: false")
                .contains("regularization: 0.001").contains("relation-regularization: 0.0")
                .contains("batches: shuffled");
        Cli.Result again = Cli.run("--quiet", "train", "--config", yaml.toString(), "--out",
                dir.resolve("kvs2.rzkge").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("kvs2.rzkge")))
                .isEqualTo(Files.readAllBytes(dir.resolve("kvs.rzkge")));
        Cli.Result smoothing = Cli.run("train", "--data", data.toString(), "--label-smoothing", "0.1", "--out",
                dir.resolve("x.rzkge").toString());
        assertThat(smoothing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(smoothing.err()).contains("label smoothing is for KvsAll");
    }

    /**
     * Dropout masks per scored triple (LibKGE's triple implementation) from the command line: the model learns the
     * ring, the saved configuration records the masks and trains the same model again, and masks per triple without
     * dropout are refused as a usage error.
     */
    @Test
    void trainsWithDropoutMasksPerTripleAndSavesThemInItsConfiguration() throws Exception {
        Path data = ring("ring-masks", 24, 4, "\n");
        Path yaml = dir.resolve("masks.yaml");
        Cli.Result t = Cli.run("--quiet", "train", "--data", data.toString(), "--model", "complex", "--rank", "8",
                "--steps", "200", "--batch", "16", "--negatives", "4", "--lr", "0.05", "--entity-dropout", "0.2",
                "--dropout-masks", "per-triple", "--save-config", yaml.toString(), "--out",
                dir.resolve("masks.rzkge").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(testMrr(t.out())).as(t.out()).isGreaterThan(0.5); // random: about 0.13
        assertThat(Files.readString(yaml)).contains("dropout-masks: per-triple").contains("entity-dropout: 0.2");
        Cli.Result again = Cli.run("--quiet", "train", "--config", yaml.toString(), "--out",
                dir.resolve("masks2.rzkge").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("masks2.rzkge")))
                .isEqualTo(Files.readAllBytes(dir.resolve("masks.rzkge")));
        Cli.Result bare = Cli.run("train", "--data", data.toString(), "--dropout-masks", "per-triple", "--out",
                dir.resolve("y.rzkge").toString());
        assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("need entity or relation dropout");
    }

    /**
     * Head queries with negatives of their own (LibKGE's num_samples.s) from the command line, with reciprocal
     * relations: the model learns the ring, the saved configuration records the count and trains the same model
     * again, a different count trains another, also in shared chunks, and a count on a resumed run is refused.
     */
    @Test
    void trainsWithHeadNegativesOfTheirOwnAndSavesThemInItsConfiguration() throws Exception {
        Path data = ring("ring-heads", 24, 4, "\n");
        Path yaml = dir.resolve("heads.yaml");
        String[] common = {"--quiet", "train", "--data", data.toString(), "--model", "complex", "--rank", "8",
            "--steps", "200", "--batch", "16", "--negatives", "6", "--lr", "0.05", "--reciprocal", "--loss",
            "cross-entropy", "--init-range", "0.1"};
        Cli.Result t = Cli.run(concat(common, new String[0], "--head-negatives", "2", "--save-config",
                yaml.toString(), "--out", dir.resolve("heads.rzkge").toString()));
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(testMrr(t.out())).as(t.out()).isGreaterThan(0.5); // random: about 0.13
        assertThat(Files.readString(yaml)).contains("head-negatives: 2").contains("negatives: 6");
        Cli.Result again = Cli.run("--quiet", "train", "--config", yaml.toString(), "--out",
                dir.resolve("heads2.rzkge").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("heads2.rzkge")))
                .isEqualTo(Files.readAllBytes(dir.resolve("heads.rzkge")));
        Cli.Result six = Cli.run(concat(common, new String[0], "--out", dir.resolve("six.rzkge").toString()));
        assertThat(six.exitCode()).as(six.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("six.rzkge")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("heads.rzkge")));
        Cli.Result chunked = Cli.run(concat(common, new String[0], "--head-negatives", "2", "--chunk", "4", "--out",
                dir.resolve("c.rzkge").toString()));
        assertThat(chunked.exitCode()).as(chunked.err()).isZero();
        assertThat(testMrr(chunked.out())).as(chunked.out()).isGreaterThan(0.5);
        Cli.Result chunkedSix = Cli.run(concat(common, new String[0], "--chunk", "4", "--out",
                dir.resolve("c6.rzkge").toString()));
        assertThat(chunkedSix.exitCode()).as(chunkedSix.err()).isZero();
        assertThat(Files.readAllBytes(dir.resolve("c.rzkge")))
                .isNotEqualTo(Files.readAllBytes(dir.resolve("c6.rzkge")));
        Cli.Result resumed = Cli.run("train", "--data", data.toString(), "--resume", dir.resolve("s").toString(),
                "--head-negatives", "2", "--out", dir.resolve("r.rzkge").toString());
        assertThat(resumed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(resumed.err()).contains("--head-negatives cannot change it");
    }

    /**
     * The learning rate cut at validation plateaus from the command line: with a threshold no check can beat, every
     * check after the first is a plateau, so the rate halves at each; the saved configuration records the schedule;
     * without validation checks it is refused.
     */
    @Test
    void cutsTheLearningRateAtValidationPlateaus() throws Exception {
        Path data = ring("ring-lr", 24, 4, "\n");
        Files.copy(data.resolve("test.txt"), data.resolve("valid.txt"), StandardCopyOption.REPLACE_EXISTING);
        Path yaml = dir.resolve("lr.yaml");
        Cli.Result t = Cli.run("train", "--data", data.toString(), "--model", "distmult", "--rank", "8", "--steps",
                "60", "--batch", "16", "--negatives", "4", "--lr", "0.05", "--valid-every", "20", "--patience", "10",
                "--lr-schedule", "plateau:0.5:0:1000", "--save-config", yaml.toString(), "--out",
                dir.resolve("lr.rzkge").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("step 40: learning rate cut to 0.0250000")
                .contains("step 60: learning rate cut to 0.0125000").doesNotContain("step 20: learning rate");
        assertThat(Files.readString(yaml)).contains("lr-schedule:").contains("plateau:0.5:0:1000.0");
        Cli.Result bare = Cli.run("train", "--data", data.toString(), "--lr-schedule", "plateau", "--out",
                dir.resolve("z.rzkge").toString());
        assertThat(bare.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bare.err()).contains("needs --valid-every");
        Cli.Result bad = Cli.run("train", "--data", data.toString(), "--lr-schedule", "cosine", "--out",
                dir.resolve("z.rzkge").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("constant, plateau");
    }

    @Test
    void aSavedConfigurationTrainsTheSameModelAndFlagsOverrideIt() throws Exception {
        Path data = ring("ring", 24, 4, "\n");
        Path yaml = dir.resolve("ring.yaml");
        Cli.Result first = Cli.run("--quiet", "train", "--data", data.toString(), "--model", "distmult", "--rank", "8",
                "--steps", "120", "--batch", "16", "--negatives", "4", "--lr", "0.05", "--threads", "1", "--seed", "5",
                "--save-config", yaml.toString(), "--out", dir.resolve("a.rzkge").toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        String saved = Files.readString(yaml);
        assertThat(saved).contains("model: distmult").contains("rank: 8").contains("steps: 120")
                .contains("threads: 1").contains("seed: 5").contains("data: " + data);
        Cli.Result again = Cli.run("--quiet", "train", "--config", yaml.toString(), "--out",
                dir.resolve("b.rzkge").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(metrics(again.out())).isEqualTo(metrics(first.out()));
        assertThat(Files.readAllBytes(dir.resolve("b.rzkge"))).isEqualTo(Files.readAllBytes(dir.resolve("a.rzkge")));
        Path json = dir.resolve("more-steps.json");
        Cli.Result override = Cli.run("--quiet", "train", "--config", yaml.toString(), "--steps", "200",
                "--save-config", json.toString(), "--out", dir.resolve("c.rzkge").toString());
        assertThat(override.exitCode()).as(override.err()).isZero();
        assertThat(Files.readString(json)).contains("\"steps\" : 200").contains("\"rank\" : 8");
        Files.writeString(dir.resolve("typo.yaml"), "training:\n  stpes: 10\n");
        Cli.Result typo = Cli.run("train", "--config", dir.resolve("typo.yaml").toString(), "--out", "x.rzkge");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(typo.err()).contains("typo.yaml").contains("unknown key 'training.stpes'");
        Cli.Result epi = Cli.run("train", "--model", "epignn", "--config", yaml.toString(), "--out", "x.rzep");
        assertThat(epi.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(epi.err()).contains("are for the KG-embedding models");
    }

    /**
     * --save-state then --resume with more --steps gives the model file a straight run of that many steps gives, byte
     * for byte; the training configuration comes from the state and cannot be changed.
     */
    @Test
    void aSavedStateResumesExactly() throws Exception {
        Path data = ring("ring", 24, 4, "\n");
        String train = Files.readString(data.resolve("train.txt"));
        String[] common = {"--quiet", "train", "--data", data.toString(), "--threads", "2"};
        String[] model = {"--model", "complex", "--rank", "8", "--batch", "16", "--negatives", "4", "--lr", "0.05"};
        Path straight = dir.resolve("straight.rzkge");
        Cli.Result s = Cli.run(concat(common, model, "--steps", "90", "--out", straight.toString()));
        assertThat(s.exitCode()).as(s.err()).isZero();
        Path state = dir.resolve("run.rzstate");
        Cli.Result first = Cli.run(concat(common, model, "--steps", "40", "--save-state", state.toString(),
                "--save-every", "15", "--out", dir.resolve("first.rzkge").toString()));
        assertThat(first.exitCode()).as(first.err()).isZero();
        Path resumed = dir.resolve("resumed.rzkge");
        Cli.Result r = Cli.run(concat(common, new String[0], "--resume", state.toString(), "--steps", "90", "--out",
                resumed.toString()));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("resuming from step 40 of 90");
        assertThat(Files.readAllBytes(resumed)).isEqualTo(Files.readAllBytes(straight));

        Cli.Result changed = Cli.run(concat(common, new String[0], "--resume", state.toString(), "--rank", "16",
                "--out", "x.rzkge"));
        assertThat(changed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(changed.err()).contains("--rank cannot change it");
        Cli.Result missing = Cli.run(concat(common, new String[0], "--resume", dir.resolve("none").toString(),
                "--out", "x.rzkge"));
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("train.txt"), train.substring(train.indexOf("\n") + 1)); // one triple less
        Files.writeString(other.resolve("valid.txt"), "");
        Files.copy(data.resolve("test.txt"), other.resolve("test.txt"));
        Cli.Result otherData = Cli.run("--quiet", "train", "--data", other.toString(), "--resume", state.toString(),
                "--out", dir.resolve("y.rzkge").toString());
        assertThat(otherData.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(otherData.err()).contains("cannot resume from").contains("other training triples");
    }

    private static String[] concat(String[] a, String[] b, String... rest) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length + rest.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        System.arraycopy(rest, 0, out, a.length + b.length, rest.length);
        return out;
    }

    /**
     * A benchmark folder with a ring of {@code n} entities: {@code e_i next e_{i+1}}, and {@code prev}, its inverse,
     * held out for test at every {@code testEvery}-th entity; no validation triples; lines end with {@code eol}.
     */
    private Path ring(String name, int n, int testEvery, String eol) throws java.io.IOException {
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int i = 0; i < n; i++) {
            train.append("e").append(i).append("\tnext\te").append((i + 1) % n).append(eol);
            (i % testEvery == 0 ? test : train).append("e").append((i + 1) % n).append("\tprev\te").append(i)
                    .append(eol);
        }
        Path data = Files.createDirectories(dir.resolve(name));
        Files.writeString(data.resolve("train.txt"), train);
        Files.writeString(data.resolve("valid.txt"), "");
        Files.writeString(data.resolve("test.txt"), test);
        return data;
    }

    /** The filtered test MRR (realistic ties) in train's summary. */
    private static double testMrr(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("realistic ties\\): MRR (\\d\\.\\d{3})")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** The test metrics part of train's summary line (the timings differ between runs). */
    private static String metrics(String out) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("test \\(filtered, realistic ties\\): (MRR .*) over")
                .matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return m.group(1);
    }

    @Test
    void validationStopsEarlyKeepsTheBestAndWritesACheckpoint() throws Exception {
        // the ring of next/prev; a third of the prev triples are validation, a third test
        StringBuilder train = new StringBuilder();
        StringBuilder valid = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            train.append("e").append(i).append("\tnext\te").append((i + 1) % 30).append('\n');
            (i % 3 == 0 ? valid : i % 3 == 1 ? test : train).append("e").append((i + 1) % 30).append("\tprev\te")
                    .append(i).append('\n');
        }
        Path data = Files.createDirectories(dir.resolve("ring-valid"));
        Files.writeString(data.resolve("train.txt"), train);
        Files.writeString(data.resolve("valid.txt"), valid);
        Files.writeString(data.resolve("test.txt"), test);
        Path model = dir.resolve("v.rzkge");
        Path ck = dir.resolve("ck.rzkge");
        Cli.Result t = Cli.run("train", "--data", data.toString(), "--model", "rotate", "--rank", "16", "--steps",
                "20000", "--batch", "32", "--negatives", "8", "--lr", "0.05", "--threads", "1", "--valid-every", "50",
                "--patience", "2", "--checkpoint", ck.toString(), "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).containsPattern("step 50: validation MRR \\d\\.\\d{4}")
                .containsPattern("stopped early at step [\\d,]+ of 20,000: 2 checks without improvement; kept the "
                        + "model of step [\\d,]+ \\(validation MRR \\d\\.\\d{4}\\)");
        assertThat(ck).isNotEmptyFile();
        Cli.Result p = Cli.run("predict", "--model", ck.toString(), "--head", "e3", "--relation", "next", "--k", "1");
        assertThat(p.exitCode()).as(p.err()).isZero();
        Cli.Result noValid = Cli.run("train", "--data", data.toString(), "--checkpoint", ck.toString(), "--out",
                model.toString());
        assertThat(noValid.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(noValid.err()).contains("--checkpoint needs --valid-every");
        Files.writeString(data.resolve("valid.txt"), "");
        Cli.Result empty = Cli.run("train", "--data", data.toString(), "--valid-every", "10", "--out",
                model.toString());
        assertThat(empty.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(empty.err()).contains("needs validation triples");
    }

    @Test
    void trainsWithLemonNegativesFromEntityTexts() throws Exception {
        // the ring again, its entities named as planets and fruits in two halves
        StringBuilder train = new StringBuilder();
        StringBuilder texts = new StringBuilder("# id, label, description\n");
        String[] planets = {"Mercury", "Venus", "Earth", "Mars", "Jupiter", "Saturn", "Uranus", "Neptune"};
        String[] fruits = {"apple", "pear", "plum", "cherry", "banana", "mango", "peach", "grape"};
        for (int i = 0; i < 16; i++) {
            train.append("e").append(i).append("\tnext\te").append((i + 1) % 16).append("\n");
            texts.append("e").append(i).append('\t').append(i < 8 ? planets[i] : fruits[i - 8]).append('\t')
                    .append(i < 8 ? "a planet of the solar system" : "a fruit").append('\n');
        }
        Path data = Files.createDirectories(dir.resolve("named"));
        Files.writeString(data.resolve("train.txt"), train);
        Files.writeString(data.resolve("valid.txt"), "");
        Files.writeString(data.resolve("test.txt"), "e1\tnext\te2\n");
        Path model = dir.resolve("lemon.rzkge");
        String[] args = {"train", "--data", data.toString(), "--model", "distmult", "--rank", "8", "--steps",
            "20", "--batch", "8", "--negatives", "4", "--sampler", "lemon", "--lemon-clusters", "2", "--lemon-dims",
            "4", "--lemon-nearest", "1", "--embedding-cache", dir.resolve("cache").toString(), "--out",
            model.toString()};
        Cli.Result missing = Cli.run(args);
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missing.err()).contains("needs entity texts").contains("entity2text.txt");
        Files.createDirectories(data.resolve("text"));
        Files.writeString(data.resolve("text").resolve("entity2text.txt"), texts);
        Cli.Result t = Cli.run(args);
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("lemon: embedding the texts of 16 of 16 entities")
                .contains("lemon: 2 clusters of 4-dimensional PCA projections, negatives from the 1 nearest the kept "
                        + "entity")
                .contains("saved ");
        assertThat(dir.resolve("cache")).isNotEmptyDirectory();
        Cli.Result badOption = Cli.run("train", "--data", data.toString(), "--sampler", "hard", "--out",
                model.toString());
        assertThat(badOption.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badOption.err()).contains("sampler must be uniform or lemon");
    }

    @Test
    void aStoreModelWritesItsPredictionsBackAsPredictedStatements() throws Exception {
        String store = dir.resolve("store").toString();
        Path ttl = java.nio.file.Files.writeString(dir.resolve("ring.ttl"), ringTurtle());
        assertThat(Cli.run("--store", store, "--quiet", "import", ttl.toString()).exitCode()).isZero();
        Path model = dir.resolve("store.rzkge");
        Cli.Result t = Cli.run("--store", store, "--quiet", "train", "--model", "rotate", "--rank", "8", "--steps",
                "50", "--batch", "16", "--negatives", "4", "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        Cli.Result before = Cli.run("--store", store, "stats");
        Cli.Result w = Cli.run("--store", store, "predict", "--model", model.toString(), "--relation", "next",
                "--write", "--k", "2");
        assertThat(w.exitCode()).as(w.err()).isZero();
        assertThat(w.out())
                .containsPattern("wrote \\d+ predicted statements for \\d+ heads into <.*prediction/store_rzkge/next>");
        // the asserted statements are untouched
        Cli.Result after = Cli.run("--store", store, "stats");
        assertThat(line(after.out(), "statements")).isEqualTo(line(before.out(), "statements"));
        Cli.Result bad = Cli.run("--store", store, "predict", "--model", model.toString(), "--relation", "next",
                "--write", "--head", "x");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);

        // the same model in SPARQL: rzf:predictTails gives the model's own top 3, with its scores
        String c = "https://rhizome.dev/id/concept/";
        String r = "https://rhizome.dev/id/relation/next";
        Cli.Result q = Cli.run("--store", store, "query", "--model", model.toString(), "--format", "csv",
                "PREFIX rzf: <https://rhizome.dev/fn#> SELECT ?t ?s WHERE { (?t ?s) rzf:predictTails (<" + c + "e3> <"
                        + r + "> 3) }");
        assertThat(q.exitCode()).as(q.err()).isZero();
        List<String> expected = new ArrayList<>();
        for (var p : org.rhizome.gnn.io.ModelFile.read(model).predictTails(c + "e3", r, 3)) {
            expected.add(p.name() + "," + p.score());
        }
        assertThat(q.outLines().subList(1, q.outLines().size())).containsExactlyElementsOf(expected);
        Cli.Result noModel = Cli.run("--store", store, "query", "PREFIX rzf: <https://rhizome.dev/fn#> SELECT ?t "
                + "WHERE { ?t rzf:predictTails (<" + c + "e3> <" + r + ">) }");
        assertThat(noModel.exitCode()).isNotZero();
        assertThat(noModel.err()).contains("no link-prediction model is attached");
    }

    private static String line(String out, String key) {
        return out.lines().filter(l -> l.strip().startsWith(key + " ")).findFirst().orElseThrow();
    }

    private static String ringTurtle() {
        StringBuilder b = new StringBuilder("@prefix ex: <https://rhizome.dev/id/concept/> .\n"
                + "@prefix rel: <https://rhizome.dev/id/relation/> .\n");
        for (int i = 0; i < 20; i++) {
            b.append("ex:e").append(i).append(" rel:next ex:e").append((i + 1) % 20).append(" .\n");
        }
        return b.toString();
    }
}
