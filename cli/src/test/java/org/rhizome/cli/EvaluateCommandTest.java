package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.gnn.io.ModelFile;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.model.KgeModel;

/**
 * rhizome evaluate on a folder the test writes, with a DistMult model rhizome train saves; the printed MRR is checked
 * against a brute-force filtered evaluation written here (every entity scored with {@link KgeModel#score}).
 */
class EvaluateCommandTest {
    @TempDir
    Path dir;

    private Path data;
    private Path model;
    private final List<String[]> train = new ArrayList<>();
    private final List<String[]> valid = new ArrayList<>();
    private final List<String[]> test = new ArrayList<>();

    /** Four groups of eight entities, "near" links inside a group and a few "far" ones across. */
    @BeforeEach
    void trainAModel() throws IOException {
        SplittableRandom random = new SplittableRandom(23);
        List<String[]> all = new ArrayList<>();
        for (int a = 0; a < 32; a++) {
            for (int b = a + 1; b < 32; b++) {
                boolean same = a / 8 == b / 8;
                if (random.nextDouble() < (same ? 0.5 : 0.03)) {
                    all.add(new String[] {"e" + a, same ? "near" : "far", "e" + b});
                }
            }
        }
        for (int i = 0; i < all.size(); i++) {
            (i % 7 == 3 ? test : i % 11 == 5 ? valid : train).add(all.get(i));
        }
        data = Files.createDirectories(dir.resolve("groups"));
        write("train.txt", train);
        write("valid.txt", valid);
        write("test.txt", test);
        model = dir.resolve("groups.rzkge");
        Cli.Result t = Cli.run("--quiet", "train", "--data", data.toString(), "--model", "distmult", "--rank", "16",
                "--steps", "150", "--batch", "32", "--negatives", "4", "--lr", "0.05", "--threads", "1", "--out",
                model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
    }

    private void write(String file, List<String[]> triples) throws IOException {
        StringBuilder b = new StringBuilder();
        for (String[] t : triples) {
            b.append(String.join("\t", t)).append('\n');
        }
        Files.writeString(data.resolve(file), b);
    }

    /** Filtered realistic MRR over both directions, every candidate scored one by one. */
    private double bruteForceMrr(TrainedModel m, List<String[]> split) {
        return bruteForceMrr(m, split, false);
    }

    /**
     * The same; with {@code reciprocal}, a head query {@code (?, r, t)} is scored as the tail query
     * {@code (t, r^-1, ?)} of the relation named {@code r + "^-1"}.
     */
    private double bruteForceMrr(TrainedModel m, List<String[]> split, boolean reciprocal) {
        KgeModel k = m.model();
        Set<String> known = new HashSet<>();
        for (List<String[]> s : List.of(train, valid, test)) {
            for (String[] t : s) {
                known.add(String.join(" ", t));
            }
        }
        double sum = 0;
        int count = 0;
        for (String[] t : split) {
            int h = m.entities().find(t[0]).getAsInt();
            int r = m.relations().find(t[1]).getAsInt();
            int tl = m.entities().find(t[2]).getAsInt();
            int inverse = reciprocal ? m.relations().find(t[1] + "^-1").getAsInt() : -1;
            for (boolean tail : new boolean[] {true, false}) {
                float s = tail || !reciprocal ? k.score(h, r, tl) : k.score(tl, inverse, h);
                int greater = 0;
                int equal = 0;
                for (int e = 0; e < k.entityCount(); e++) {
                    String name = m.entities().name(e);
                    boolean isTruth = tail ? e == tl : e == h;
                    String triple = tail ? t[0] + " " + t[1] + " " + name : name + " " + t[1] + " " + t[2];
                    if (!isTruth && known.contains(triple)) {
                        continue;
                    }
                    float x = tail ? k.score(h, r, e) : reciprocal ? k.score(tl, inverse, e) : k.score(e, r, tl);
                    greater += x > s ? 1 : 0;
                    equal += x == s && !isTruth ? 1 : 0;
                }
                sum += 1.0 / (1 + greater + equal / 2.0);
                count++;
            }
        }
        return sum / count;
    }

    private static double realisticBothMrr(String out) {
        Matcher m = Pattern.compile("(?m)^both +realistic +(\\d\\.\\d{4}) ").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void printsTheFilteredMetricsOfTheSavedModel() {
        Cli.Result r = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--per-relation");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("DISTMULT, 32 entities, 2 relations, dimension 16; test split: " + test.size()
                + " triples").containsPattern("(?m)^tail +optimistic ").containsPattern("(?m)^head +pessimistic ")
                .contains("per relation").containsPattern("(?m)^far ").containsPattern("(?m)^near ")
                .contains("evaluated in");
        TrainedModel m = ModelFile.read(model);
        // kernel sums and score() round differently; 4 printed decimals
        assertThat(realisticBothMrr(r.out())).isCloseTo(bruteForceMrr(m, test), within(6e-4));
        Cli.Result v = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--split", "valid",
                "--threads", "2");
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(realisticBothMrr(v.out())).isCloseTo(bruteForceMrr(m, valid), within(6e-4));
    }

    /**
     * A model trained with {@code --reciprocal} (LibKGE's setting) has the relations and their reciprocals; evaluate
     * answers head queries through the reciprocals, as train's own evaluation did.
     */
    @Test
    void aModelTrainedWithReciprocalRelationsIsEvaluatedThroughThem() {
        Path reciprocal = dir.resolve("reciprocal.rzkge");
        Cli.Result t = Cli.run("train", "--data", data.toString(), "--model", "complex", "--rank", "8",
                "--steps", "150", "--batch", "32", "--negatives", "8", "--lr", "0.05", "--threads", "1",
                "--reciprocal", "--loss", "cross-entropy", "--init-range", "0.1", "--out", reciprocal.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        Matcher trained = Pattern.compile("test \\(filtered, realistic ties\\): MRR (\\d\\.\\d{3}),")
                .matcher(t.out());
        assertThat(trained.find()).as(t.out()).isTrue();
        TrainedModel m = ModelFile.read(reciprocal);
        assertThat(m.reciprocalBase()).isEqualTo(2);
        assertThat(m.config()).contains("\"reciprocal\" : true").contains("\"loss\" : \"cross-entropy\"")
                .contains("\"sides\" : \"tail\"");
        Cli.Result r = Cli.run("evaluate", "--model", reciprocal.toString(), "--data", data.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("COMPLEX, 32 entities, 4 relations");
        double printed = realisticBothMrr(r.out());
        assertThat(printed).isCloseTo(bruteForceMrr(m, test, true), within(6e-4));
        assertThat(printed).isCloseTo(Double.parseDouble(trained.group(1)), within(6e-4));
        Cli.Result mixed = Cli.run("train", "--data", data.toString(), "--reciprocal", "--sides", "random", "--out",
                dir.resolve("x.rzkge").toString());
        assertThat(mixed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mixed.err()).contains("--reciprocal trains tail queries only");
    }

    @Test
    void badInputIsRefusedWithTheReason() throws IOException {
        Cli.Result split = Cli.run("evaluate", "--model", model.toString(), "--data", data.toString(), "--split",
                "train");
        assertThat(split.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(split.err()).contains("--split must be test or valid");
        Cli.Result missing = Cli.run("evaluate", "--model", dir.resolve("none.rzkge").toString(), "--data",
                data.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        Path corrupt = Files.write(dir.resolve("corrupt.rzkge"), new byte[] {1, 2, 3, 4});
        Cli.Result bad = Cli.run("evaluate", "--model", corrupt.toString(), "--data", data.toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("train.txt"), "e1\tnear\te2\n");
        Files.writeString(other.resolve("valid.txt"), "");
        Files.writeString(other.resolve("test.txt"), "e1\tcousin of\te3\n");
        Cli.Result unknown = Cli.run("evaluate", "--model", model.toString(), "--data", other.toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("test.txt: triple 1 names the relation 'cousin of'")
                .contains("does not know");
    }
}
