package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rhizome diagnose on a small benchmark-layout folder the test writes, with a model rhizome train saves. */
class DiagnoseCommandTest {
    @TempDir
    Path dir;

    private Path data;
    private Path model;
    private List<String> test;

    /**
     * Four groups of eight entities: dense "near" links inside a group, a few "far" links between groups; every
     * seventh triple held out for test, every eleventh for validation. A small RotatE model is trained on it.
     */
    @BeforeEach
    void trainAModel() throws IOException {
        SplittableRandom random = new SplittableRandom(17);
        List<String> all = new ArrayList<>();
        for (int a = 0; a < 32; a++) {
            for (int b = a + 1; b < 32; b++) {
                boolean same = a / 8 == b / 8;
                if (random.nextDouble() < (same ? 0.5 : 0.03)) {
                    all.add("g" + a / 8 + "n" + a % 8 + "\t" + (same ? "near" : "far") + "\tg" + b / 8 + "n" + b % 8);
                }
            }
        }
        List<String> train = new ArrayList<>();
        List<String> valid = new ArrayList<>();
        test = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            (i % 7 == 3 ? test : i % 11 == 5 ? valid : train).add(all.get(i));
        }
        data = write(dir.resolve("groups"), train, valid, test);
        model = dir.resolve("groups.rzkge");
        Cli.Result t = Cli.run("--quiet", "train", "--data", data.toString(), "--model", "rotate", "--rank", "8",
                "--steps", "100", "--batch", "32", "--negatives", "4", "--lr", "0.05", "--threads", "1", "--out",
                model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
    }

    private static Path write(Path folder, List<String> train, List<String> valid, List<String> test)
            throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("train.txt"), String.join("\n", train) + "\n");
        Files.writeString(folder.resolve("valid.txt"), String.join("\n", valid) + "\n");
        Files.writeString(folder.resolve("test.txt"), String.join("\n", test) + "\n");
        return folder;
    }

    @Test
    void printsTheCorrelationsAndWritesTheReportFolder() throws IOException {
        Path out = dir.resolve("report");
        Cli.Result r = Cli.run("--quiet", "diagnose", "--model", model.toString(), "--data", data.toString(), "--out",
                out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).isEmpty(); // --quiet: no step lines
        assertThat(r.out()).contains("test split, K=1, ATC d=64 seed 1028").contains("32 entities")
                .contains("pearson").contains("spearman").containsPattern("(?m)^  tc_te +-?\\d\\.\\d{4} ")
                .containsPattern("(?m)^  atc_te ").containsPattern("(?m)^  tc_tr ")
                .containsPattern("(?m)^  train_degree ").contains("report: 7 files in ");
        // one CSV row per entity of the test triples
        TreeSet<String> entities = new TreeSet<>();
        for (String line : test) {
            String[] f = line.split("\t");
            entities.add(f[0]);
            entities.add(f[2]);
        }
        List<String> csv = Files.readAllLines(out.resolve("nodes.csv"));
        assertThat(csv.get(0)).isEqualTo("node,name,train_degree,tc_te,atc_te,tc_tr,mrr,ranks");
        assertThat(csv.subList(1, csv.size())).extracting(l -> l.split(",")[1])
                .containsExactlyInAnyOrderElementsOf(entities);
        // every test triple gives one rank to each end
        assertThat(csv.subList(1, csv.size()).stream().mapToInt(l -> Integer.parseInt(l.split(",")[7])).sum())
                .isEqualTo(2 * test.size());
        assertThat(Files.readString(out.resolve("report.json"))).contains("\"split\": \"test\"")
                .contains("\"queryTriples\": " + test.size());
        assertThat(Files.readString(out.resolve("mrr-vs-tc-te.svg"))).startsWith("<?xml").contains("<svg");
        assertThat(out.resolve("report.txt")).isNotEmptyFile();

        // the same dataset with the training lines in another order gives other ids when read; the command maps
        // them to the model's, so the per-entity results are the same
        List<String> train = Files.readAllLines(data.resolve("train.txt"));
        Collections.reverse(train);
        Path reordered = write(dir.resolve("reordered"), train, Files.readAllLines(data.resolve("valid.txt")), test);
        Path out2 = dir.resolve("report2");
        Cli.Result again = Cli.run("--quiet", "diagnose", "--model", model.toString(), "--data",
                reordered.toString(), "--out", out2.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(Files.readString(out2.resolve("nodes.csv"))).isEqualTo(Files.readString(out.resolve("nodes.csv")));
    }

    @Test
    void theValidationSplitDeeperTreesAndStepLines() {
        Path out = dir.resolve("valid-report");
        Cli.Result r = Cli.run("diagnose", "--model", model.toString(), "--data", data.toString(), "--split", "valid",
                "--k", "2", "--dim", "16", "--credit", "query", "--skip-undefined", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("validation split, K=2, ATC d=16").contains("tc_val").contains("atc_val")
                .contains("entities with an undefined value left out").contains("entity asked about");
        assertThat(r.errLines()).containsExactly("diagnosing: ranking", "diagnosing: TC", "diagnosing: ATC",
                "diagnosing: correlations");
        assertThat(out.resolve("mrr-vs-tc-val.svg")).isNotEmptyFile();
    }

    @Test
    void badArgumentsAndInputsAreReported() throws IOException {
        Cli.Result train = Cli.run("diagnose", "--model", model.toString(), "--data", data.toString(), "--split",
                "train");
        assertThat(train.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(train.err()).contains("split must be test or valid");
        Cli.Result k = Cli.run("diagnose", "--model", model.toString(), "--data", data.toString(), "--k", "0");
        assertThat(k.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(k.err()).contains("hops (K) must be at least 1, got 0");
        Cli.Result credit = Cli.run("diagnose", "--model", model.toString(), "--data", data.toString(), "--credit",
                "both");
        assertThat(credit.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(credit.err()).contains("unknown attribution 'both'");

        Path other = write(dir.resolve("other"), List.of("a\tnear\tb"), List.of(), List.of("g0n1\tnear\tg0n2"));
        Cli.Result unknown = Cli.run("diagnose", "--model", model.toString(), "--data", other.toString(), "--out",
                dir.resolve("x").toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("train.txt: triple 1 names the entity 'a'").contains("does not know");

        Cli.Result missing = Cli.run("diagnose", "--model", dir.resolve("none.rzkge").toString(), "--data",
                data.toString());
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        Cli.Result noData = Cli.run("diagnose", "--model", model.toString(), "--data", dir.resolve("nope").toString());
        assertThat(noData.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(noData.err()).contains("does not exist");
    }
}
