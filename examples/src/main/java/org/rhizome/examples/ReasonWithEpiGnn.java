package org.rhizome.examples;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.rhizome.gnn.epignn.EpiGnnConfig;
import org.rhizome.gnn.epignn.EpiGnnFile;
import org.rhizome.gnn.epignn.EpiGnnTrainer;
import org.rhizome.gnn.reasoning.AlgebraGenerator;
import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.reasoning.RelationAlgebra;

/**
 * Systematic relational reasoning with EpiGNN: graphs of RCC-8 relations between regions (b parallel chains of k
 * edges from a source region to a target region, labelled with the one relation algebraic closure entails) are
 * generated for k = 2, 3; EpiGNN learns to compose relations from them and is then asked about chains up to k = 6,
 * longer than any it saw. The model is saved and read back.
 *
 * <p>Run: {@code mvn -q -pl examples -am package -DskipTests && java --add-modules jdk.incubator.vector -cp
 * "examples/target/classes:$(cat examples/target/examples.classpath)" org.rhizome.examples.ReasonWithEpiGnn [DIR]}
 */
public final class ReasonWithEpiGnn {
    private ReasonWithEpiGnn() {}

    /** What the example did: accuracy per chain length on fresh graphs, and the reloaded model's agreement. */
    public record Outcome(Map<Integer, Double> accuracyByHops, double holdOut, boolean reloadedAgrees) {}

    public static void main(String[] args) throws Exception {
        run(Path.of(args.length > 0 ? args[0] : "rhizome-data/epignn-example"), System.out);
    }

    public static Outcome run(Path dir, PrintStream out) throws Exception {
        RelationAlgebra rcc8 = RelationAlgebra.rcc8();
        AlgebraGenerator generator = new AlgebraGenerator(rcc8, new Random(1));
        List<ReasoningExample> train = new ArrayList<>();
        for (int k = 2; k <= 3; k++) {
            for (int b = 1; b <= 2; b++) {
                train.addAll(generator.generate(k, b, 60));
            }
        }
        out.printf("training on %d generated RCC-8 graphs (k = 2, 3; b = 1, 2)%n", train.size());
        EpiGnnConfig config = EpiGnnConfig.rcc8().withEpochs(15);
        EpiGnnTrainer.Result r = EpiGnnTrainer.train(train, rcc8.size(), config, e -> out.printf(Locale.ROOT,
                "  epoch %d: loss %.4f, hold-out accuracy %.3f%n", e.epoch(), e.meanLoss(), e.validAccuracy()));

        List<ReasoningExample> test = new ArrayList<>();
        AlgebraGenerator fresh = new AlgebraGenerator(rcc8, new Random(2));
        for (int k = 2; k <= 6; k++) {
            test.addAll(fresh.generate(k, 1, 25));
        }
        Map<Integer, Double> byK = EpiGnnTrainer.accuracyByHops(r.model(), test, 256);
        byK.forEach((k, acc) -> out.printf(Locale.ROOT, "chains of %d relations: accuracy %.3f%n", k, acc));

        Files.createDirectories(dir);
        Path file = dir.resolve("rcc8.rzepi");
        EpiGnnFile.write(new EpiGnnFile.Trained(r.model(), rcc8.vocabulary()), file);
        EpiGnnFile.Trained back = EpiGnnFile.read(file);
        boolean agrees = java.util.Arrays.equals(back.model().predict(test), r.model().predict(test));
        ReasoningExample one = test.get(test.size() - 1);
        out.printf("saved %s; reloaded model answers %s for a %d-edge chain labelled %s%n", file,
                back.labels().label(back.model().predict(List.of(one))[0]), one.edges(),
                back.labels().label(one.label()));
        return new Outcome(byK, r.bestValidAccuracy(), agrees);
    }
}
