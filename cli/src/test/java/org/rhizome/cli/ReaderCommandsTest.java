package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rhizome train --model kgr3 and rhizome predict --explain on a folder the test writes. */
class ReaderCommandsTest {
    @TempDir
    Path dir;

    @Test
    void trainsTheReaderAndExplainsAPrediction() throws IOException {
        // groups a -r1-> b -r2-> c with (a, r3, c); a third of the r3 statements are the test split
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int g = 0; g < 30; g++) {
            train.add("a" + g + "\tr1\tb" + g);
            train.add("b" + g + "\tr2\tc" + g);
            (g % 3 == 0 ? test : train).add("a" + g + "\tr3\tc" + g);
        }
        Path folder = folder("paths", train, test);
        Path model = dir.resolve("paths.rzr3");
        Cli.Result t = Cli.run("--quiet", "train", "--model", "kgr3", "--data", folder.toString(), "--rank", "32",
                "--epochs", "25", "--batch", "32", "--lr", "0.005", "--threads", "1", "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("reader: cross, width 32, 2 layers per stack", "answer recall on test 1.0000")
                .containsPattern("test \\(filtered, realistic ties\\): MRR (0\\.\\d{3}|1\\.000)");
        assertThat(model).isRegularFile();

        Cli.Result p = Cli.run("predict", "--model", model.toString(), "--head", "a3", "--relation", "r3", "--k", "3",
                "--explain");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out()).contains("evidence: the 3 entities and 2 statements retrieved around a3",
                "a3 --r1--> b3", "b3 --r2--> c3");
        // the held-out answer is among the reader's top 3
        assertThat(p.out().substring(0, p.out().indexOf("evidence"))).contains("c3");
        assertThat(p.out()).containsPattern("paths to \\S+ by the query's attention|no retrieved path leads to");
        if (p.out().contains("paths to c3")) {
            assertThat(p.out()).containsPattern("(?m)^  0\\.\\d{3} a3 --r1--> b3 ; b3 --r2--> c3$");
        }

        Cli.Result heads = Cli.run("predict", "--model", model.toString(), "--tail", "b3", "--relation", "r1");
        assertThat(heads.exitCode()).as(heads.err()).isZero();
        assertThat(heads.out()).contains("head");

        Cli.Result unknown = Cli.run("predict", "--model", model.toString(), "--head", "zz", "--relation", "r3");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("no entity 'zz'");
    }

    @Test
    void trainsWithThePprRetrieverAndKeepsItInTheModelFile() throws IOException {
        // groups a -r1-> b -r2-> c and a -r4-> d -r4-> e, with (a, r3, c); the budget of 3 entities fits only the path
        List<String> train = new ArrayList<>();
        List<String> test = new ArrayList<>();
        for (int g = 0; g < 30; g++) {
            train.add("a" + g + "\tr1\tb" + g);
            train.add("b" + g + "\tr2\tc" + g);
            train.add("a" + g + "\tr4\td" + g);
            train.add("d" + g + "\tr4\te" + g);
            (g % 3 == 0 ? test : train).add("a" + g + "\tr3\tc" + g);
        }
        Path folder = folder("ppr", train, test);
        Path model = dir.resolve("ppr.rzr3");
        Cli.Result t = Cli.run("--quiet", "train", "--model", "kgr3", "--data", folder.toString(), "--retriever", "ppr",
                "--max-entities", "3", "--max-edges", "4", "--rank", "16", "--epochs", "2", "--batch", "32",
                "--threads", "1", "--reader", "joint", "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("reader: joint, width 16", "retriever: ppr+paths: <= 3 entities and 4 edges",
                "answer recall on test 1.0000");
        Cli.Result p = Cli.run("predict", "--model", model.toString(), "--head", "a3", "--relation", "r3", "--explain");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(p.out()).contains("evidence: the 3 entities and 2 statements retrieved around a3",
                "a3 --r1--> b3", "b3 --r2--> c3");

        Cli.Result bad = Cli.run("train", "--model", "kgr3", "--data", folder.toString(), "--retriever", "magic",
                "--out", dir.resolve("x.rzr3").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("--retriever must be khop or ppr, got magic");
        Cli.Result badReader = Cli.run("train", "--model", "kgr3", "--data", folder.toString(), "--reader", "deep",
                "--out", dir.resolve("y.rzr3").toString());
        assertThat(badReader.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(badReader.err()).contains("--reader must be cross or joint, got deep");
        assertThat(dir.resolve("y.rzr3")).doesNotExist();
    }

    /** A benchmark-layout folder (train.txt, an empty valid.txt, test.txt) of tab-separated triples. */
    private Path folder(String name, List<String> train, List<String> test) throws IOException {
        Path folder = Files.createDirectories(dir.resolve(name));
        Files.writeString(folder.resolve("train.txt"), String.join("\n", train) + "\n");
        Files.writeString(folder.resolve("valid.txt"), "");
        Files.writeString(folder.resolve("test.txt"), String.join("\n", test) + "\n");
        return folder;
    }
}
