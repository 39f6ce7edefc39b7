package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rhizome train and predict on a benchmark-layout folder the test writes. */
class TrainPredictCommandsTest {
    @TempDir
    Path dir;

    @Test
    void trainsSavesAndPredicts() throws Exception {
        // a ring: e_i next e_{i+1}; prev is its inverse. 30 entities.
        StringBuilder train = new StringBuilder();
        StringBuilder test = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            train.append("e").append(i).append("\tnext\te").append((i + 1) % 30).append("\r\n");
            (i % 5 == 0 ? test : train).append("e").append((i + 1) % 30).append("\tprev\te").append(i).append("\r\n");
        }
        Path data = Files.createDirectories(dir.resolve("ring"));
        Files.writeString(data.resolve("train.txt"), train);
        Files.writeString(data.resolve("valid.txt"), "");
        Files.writeString(data.resolve("test.txt"), test);
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
}
