package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.rhizome.cli.TextTable;
import org.rhizome.gnn.epignn.EpiGnnConfig;
import org.rhizome.gnn.epignn.EpiGnnFile;
import org.rhizome.gnn.epignn.EpiGnnTrainer;
import org.rhizome.gnn.reasoning.AlgebraGenerator;
import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.reasoning.RelationAlgebra;

/**
 * Demo step: EpiGNN learns to compose RCC-8 spatial relations from generated chains of 2 and 3 relations, is asked
 * about chains of up to 6 it never saw, and is saved as {@code <demo dir>/rcc8.rzepi}.
 */
public final class ReasonOverChains implements DemoStep {
    @Override
    public String title() {
        return "Reason over relation chains (EpiGNN)";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        RelationAlgebra rcc8 = RelationAlgebra.rcc8();
        AlgebraGenerator gen = new AlgebraGenerator(rcc8, new Random(1));
        List<ReasoningExample> train = new ArrayList<>();
        for (int k = 2; k <= 3; k++) {
            for (int b = 1; b <= 2; b++) {
                train.addAll(gen.generate(k, b, 60));
            }
        }
        EpiGnnConfig c = EpiGnnConfig.rcc8().withEpochs(15);
        out.printf(Locale.ROOT, "  %,d generated RCC-8 graphs (b = 1-2 parallel chains of k = 2-3 relations between "
                + "two regions, labelled by algebraic closure); EpiGNN, %d facets of %d, %d rounds, %d epochs%n",
                train.size(), c.facets(), c.facetSize(), c.layers(), c.epochs());
        out.flush();
        long start = System.nanoTime();
        EpiGnnTrainer.Result r = EpiGnnTrainer.train(train, rcc8.size(), c, null);
        out.printf(Locale.ROOT, "  trained in %.1f s; hold-out accuracy %.3f (8 balanced classes: chance 0.125)%n",
                (System.nanoTime() - start) / 1e9, r.bestValidAccuracy());
        List<ReasoningExample> test = new ArrayList<>();
        AlgebraGenerator fresh = new AlgebraGenerator(rcc8, new Random(2));
        for (int k = 2; k <= 6; k++) {
            test.addAll(fresh.generate(k, 1, 20));
        }
        Map<Integer, Double> byK = EpiGnnTrainer.accuracyByHops(r.model(), test, 256);
        TextTable t = new TextTable("chain length k", "accuracy", "seen in training");
        byK.forEach((k, acc) -> t.row(k, String.format(Locale.ROOT, "%.3f", acc), k <= 3 ? "yes" : "no"));
        t.print(out, "    ");
        Path file = ctx.dataDir().resolve("rcc8.rzepi");
        EpiGnnFile.write(new EpiGnnFile.Trained(r.model(), rcc8.vocabulary()), file);
        out.println("  saved " + file + " (try: rhizome reason --model " + file
                + " --input ../shared/datasets/epignn-rcc8/test_rcc8_k_9_b_1.csv)");
    }
}
