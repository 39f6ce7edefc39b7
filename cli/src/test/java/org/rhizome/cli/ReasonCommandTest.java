package org.rhizome.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rhizome.gnn.epignn.EpiGnnFile;
import org.rhizome.gnn.reasoning.AlgebraGenerator;
import org.rhizome.gnn.reasoning.KinshipGenerator;
import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.reasoning.RelationAlgebra;

/** rhizome train --model epignn and rhizome reason, on files the test writes. */
class ReasonCommandTest {
    @TempDir
    Path dir;

    /** Writes examples in EpiGNN's algebra CSV form. */
    private static Path algebraCsv(Path file, List<ReasoningExample> xs, List<String> labels) throws IOException {
        StringBuilder b = new StringBuilder(",edges,edge_labels,query_edge,query_label\n");
        for (int i = 0; i < xs.size(); i++) {
            ReasoningExample x = xs.get(i);
            List<String> edges = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int e = 0; e < x.edges(); e++) {
                edges.add("(" + x.src()[e] + ", " + x.dst()[e] + ")");
                names.add("'" + labels.get(x.relation()[e]) + "'");
            }
            b.append(i).append(",\"[").append(String.join(", ", edges)).append("]\",\"[")
                    .append(String.join(", ", names)).append("]\",\"(").append(x.source()).append(", ")
                    .append(x.target()).append(")\",").append(labels.get(x.label())).append('\n');
        }
        Files.writeString(file, b);
        return file;
    }

    @Test
    void trainsOnGeneratedRcc8ThenAnswersAFile() throws IOException {
        RelationAlgebra rcc = RelationAlgebra.rcc8();
        Path test = algebraCsv(dir.resolve("test_rcc8_k_3_b_2.csv"),
                new AlgebraGenerator(rcc, new Random(9)).generate(3, 2, 5), rcc.labels());
        Path model = dir.resolve("rcc8.rzepi");
        Cli.Result t = Cli.run("train", "--model", "epignn", "--generate", "rcc8", "--generate-count", "4",
                "--epochs", "2", "--test", test.toString(), "--out", model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("generated RCC-8: k = 2..4, b = 1..3, 4 per relation each", "288 graphs",
                "8 facets of 4, 9 rounds, min aggregation, margin objective", "epoch 2/2",
                "test test_rcc8_k_3_b_2.csv: accuracy");
        assertThat(model).isRegularFile();

        Path preds = dir.resolve("preds.csv");
        Cli.Result r = Cli.run("reason", "--model", model.toString(), "--input", test.toString(), "--out",
                preds.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(preds);
        assertThat(lines).hasSize(41);
        assertThat(lines.get(0)).isEqualTo("origin,k,label,predicted,correct");
        long right = lines.stream().skip(1).filter(l -> l.endsWith(",true")).count();
        Matcher m = Pattern.compile("accuracy (\\d\\.\\d{4}) over 40").matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        assertThat(Double.parseDouble(m.group(1))).isCloseTo(right / 40.0,
                org.assertj.core.api.Assertions.within(1e-4));
        // the same accuracy as train --test reported for the same model
        assertThat(t.out()).contains("accuracy " + m.group(1) + " over 40");
    }

    @Test
    void trainsAnEnsembleThatReasonReadsBack() throws IOException {
        RelationAlgebra rcc = RelationAlgebra.rcc8();
        Path test = algebraCsv(dir.resolve("test_rcc8_k_3_b_1.csv"),
                new AlgebraGenerator(rcc, new Random(5)).generate(3, 1, 4), rcc.labels());
        Path model = dir.resolve("ens.rzepi");
        Cli.Result t = Cli.run("--quiet", "train", "--model", "epignn", "--generate", "rcc8", "--generate-count",
                "3", "--epochs", "1", "--ensemble", "2", "--seed", "7", "--test", test.toString(), "--out",
                model.toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("an ensemble of 2 models, seeds 7 to 8", "model 1/2 (seed 7): trained in",
                "model 2/2 (seed 8): trained in");
        assertThat(EpiGnnFile.read(model).model().members()).extracting(m -> m.config().seed())
                .containsExactly(7L, 8L);
        Matcher m = Pattern.compile("accuracy (\\d\\.\\d{4}) over 32").matcher(t.out());
        assertThat(m.find()).as(t.out()).isTrue();
        Cli.Result r = Cli.run("reason", "--model", model.toString(), "--input", test.toString(), "--out",
                dir.resolve("p.csv").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("accuracy " + m.group(1) + " over 32");

        Cli.Result none = Cli.run("train", "--model", "epignn", "--generate", "rcc8", "--ensemble", "0", "--out",
                dir.resolve("z").toString());
        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("--ensemble must be at least 1, got 0");
    }

    @Test
    void trainsOnAClutrrFormFile() throws IOException {
        List<ReasoningExample> xs = new KinshipGenerator(new Random(3)).generate(30, 2);
        List<String> names = KinshipGenerator.RELATIONS;
        StringBuilder b = new StringBuilder(",id,story,story_edges,edge_types,query_edge,target,task_name\n");
        for (int i = 0; i < xs.size(); i++) {
            ReasoningExample x = xs.get(i);
            b.append(i).append(",x").append(i).append(",\"A story, with a comma\",\"[(0, 1), (1, 2)]\",\"['")
                    .append(names.get(x.relation()[0])).append("', '").append(names.get(x.relation()[1]))
                    .append("']\",\"(0, 2)\",").append(names.get(x.label())).append(",task_1.2\n");
        }
        Path file = Files.writeString(dir.resolve("kin_train.csv"), b);
        Cli.Result t = Cli.run("--quiet", "train", "--model", "epignn", "--reasoning", file.toString(), "--epochs",
                "1", "--out", dir.resolve("k.rzepi").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("30 graphs", "product aggregation, margin objective");
    }

    @Test
    void badInputIsRefusedByName() throws IOException {
        Cli.Result both = Cli.run("train", "--model", "epignn", "--reasoning", "a.csv", "--generate", "rcc8", "--out",
                dir.resolve("x").toString());
        assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(both.err()).contains("takes one of --reasoning FILE");

        Path broken = Files.writeString(dir.resolve("broken.csv"), ",edges,edge_labels,query_edge,query_label\n"
                + "0,\"[(0, 1)]\",\"['EC']\",\"(0, 1)\",EC\n1,\"[(0 1)]\",\"['EC']\",\"(0, 1)\",EC\n");
        Cli.Result bad = Cli.run("train", "--model", "epignn", "--reasoning", broken.toString(), "--out",
                dir.resolve("y").toString());
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(bad.err()).contains("broken.csv:3");

        Path notAModel = Files.writeString(dir.resolve("model.bin"), "hello");
        Cli.Result wrong = Cli.run("reason", "--model", notAModel.toString(), "--input", broken.toString());
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(wrong.err()).contains("not an EpiGNN model file");

        Cli.Result mixed = Cli.run("train", "--model", "rotate", "--generate", "rcc8", "--out",
                dir.resolve("z").toString());
        assertThat(mixed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(mixed.err()).contains("are for --model epignn");
    }

    /** Relation prediction on a benchmark-layout folder the test writes: a family graph with derived relations. */
    @Test
    void learnsRelationPredictionOnAKnowledgeGraphFolder() throws IOException {
        Random random = new Random(2);
        List<String> parents = new ArrayList<>();
        List<String> derived = new ArrayList<>();
        int people = 0;
        for (int f = 0; f < 12; f++) {
            int g = people++;
            int a = people++;
            int b = people++;
            parents.add("p" + g + "\tparent\tp" + a);
            parents.add("p" + g + "\tparent\tp" + b);
            derived.add("p" + a + "\tsibling\tp" + b);
            derived.add("p" + b + "\tsibling\tp" + a);
            for (int k : new int[] {a, b}) {
                int c = people++;
                parents.add("p" + k + "\tparent\tp" + c);
                derived.add("p" + g + "\tgrandparent\tp" + c);
            }
        }
        java.util.Collections.shuffle(derived, random);
        int held = derived.size() / 5;
        List<String> train = new ArrayList<>(parents);
        train.addAll(derived.subList(2 * held, derived.size()));
        Path folder = Files.createDirectories(dir.resolve("family"));
        Files.writeString(folder.resolve("train.txt"), String.join("\n", train) + "\n");
        Files.writeString(folder.resolve("valid.txt"), String.join("\n", derived.subList(held, 2 * held)) + "\n");
        Files.writeString(folder.resolve("test.txt"), String.join("\n", derived.subList(0, held)) + "\n");
        Cli.Result t = Cli.run("--quiet", "train", "--model", "epignn", "--data", folder.toString(), "--epochs", "3",
                "--out", dir.resolve("family.rzepi").toString());
        assertThat(t.exitCode()).as(t.err()).isZero();
        assertThat(t.out()).contains("training statements as queries", "6 relation labels")
                .containsPattern("test \\(h, \\?, t\\) over " + held
                        + " statements: accuracy \\(Hits@1\\) \\d\\.\\d{4}, "
                        + "MRR \\d\\.\\d{4}; 0 had no path");
    }
}
