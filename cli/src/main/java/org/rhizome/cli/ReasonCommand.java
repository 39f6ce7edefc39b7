package org.rhizome.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.gnn.epignn.EpiGnnFile;
import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.graph.RhizomeException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rhizome reason}: a trained EpiGNN answers the query of each graph in a file. */
@Command(name = "reason",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Applies an EpiGNN model saved by 'rhizome train --model epignn' to relational-reasoning graphs (a CLUTRR "
                    + "or RCC-8/interval CSV): predicts the relation of each graph's query pair, prints the accuracy "
                    + "against the file's labels (per chain length k) and optionally writes every prediction as CSV "
                    + "(origin, k, label, predicted, correct).",
        })
final class ReasonCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "An EpiGNN model file.")
    Path model;

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "The graphs to answer.")
    Path input;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the predictions here (CSV).")
    Path out;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        EpiGnnFile.Trained trained;
        try {
            trained = EpiGnnFile.read(model);
        } catch (RhizomeException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        List<ReasoningExample> xs = EpiGnnTraining.read(input, trained);
        EpiGnnTraining.evaluate(o, trained, input, xs);
        if (out != null) {
            int[] predicted = new int[xs.size()];
            for (int from = 0; from < xs.size(); from += 256) {
                int[] part = trained.model().predict(xs.subList(from, Math.min(xs.size(), from + 256)));
                System.arraycopy(part, 0, predicted, from, part.length);
            }
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                w.write("origin,k,label,predicted,correct\n");
                for (int i = 0; i < xs.size(); i++) {
                    ReasoningExample x = xs.get(i);
                    w.write(String.format(Locale.ROOT, "%s,%d,%s,%s,%s%n", csv(x.origin()), x.hops(),
                            csv(trained.labels().label(x.label())), csv(trained.labels().label(predicted[i])),
                            predicted[i] == x.label()));
                }
            } catch (IOException e) {
                throw new CommandFailedException(ExitCodes.FAILURE, "cannot write " + out + ": " + e.getMessage(), e);
            }
            o.println("wrote " + xs.size() + " predictions to " + out.toAbsolutePath());
        }
        return ExitCodes.OK;
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
