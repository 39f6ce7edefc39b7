package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.rhizome.gnn.data.DatasetException;
import org.rhizome.gnn.data.FilterIndex;
import org.rhizome.gnn.data.KgDataset;
import org.rhizome.gnn.data.TripleSet;
import org.rhizome.gnn.evaluation.EvaluationResult;
import org.rhizome.gnn.evaluation.RankEvaluator;
import org.rhizome.gnn.evaluation.RankMetrics;
import org.rhizome.gnn.evaluation.Side;
import org.rhizome.gnn.evaluation.TieBreak;
import org.rhizome.gnn.io.TrainedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome evaluate}: the filtered rank metrics of a saved KG-embedding model on a dataset's test split. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Evaluates a model saved by rhizome train (TransE, DistMult, ComplEx, RotatE) with the filtered "
                    + "rank protocol: for every triple of the split, the tail query (h, r, ?) and the head query "
                    + "(?, r, t) rank the true entity among all entities, leaving out the other true answers known "
                    + "in train, valid and test. Prints MRR, MR and Hits@1/3/10 for head, tail and both "
                    + "directions with optimistic, realistic and pessimistic ties (realistic, both directions is "
                    + "the number papers report), and optionally per relation.",
            "",
            "Data: --data DIR (train.txt, valid.txt, test.txt), or else the store's statements split as "
                    + "rhizome train splits them (same --seed). Every entity and relation of the data must be one "
                    + "the model knows."
        })
final class EvaluateCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by rhizome train.")
    Path model;

    @Option(names = "--data", paramLabel = "DIR", description = "A benchmark folder; default: the store.")
    Path data;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "test",
            description = "test or valid. Default: ${DEFAULT-VALUE}")
    String split;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "The split seed of a store (as given to rhizome train). Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "2", description = "Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--per-relation", description = "Also print realistic MRR and Hits@10 per relation.")
    boolean perRelation;

    @Override
    public Integer call() {
        PrintWriter o = spec.commandLine().getOut();
        if (threads < 1) {
            throw new CommandFailedException(ExitCodes.USAGE, "--threads must be at least 1, got " + threads);
        }
        TrainedModel m = ModelIds.read(model);
        KgDataset ds;
        try {
            ds = ModelIds.inModelIds(TrainCommand.dataset(root, data, seed), m, data, model);
        } catch (DatasetException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        TripleSet queries = switch (split.toLowerCase(Locale.ROOT)) {
            case "test" -> ds.test();
            case "valid" -> ds.valid();
            default -> throw new CommandFailedException(ExitCodes.USAGE, "--split must be test or valid, got "
                    + split);
        };
        if (queries.size() == 0) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, "the " + split + " split has no triples");
        }
        o.printf(Locale.US, "model: %s, %,d entities, %,d relations, dimension %d; %s split: %,d triples%n",
                m.model().kind(), m.model().entityCount(), m.model().relationCount(), m.model().dim(), split,
                queries.size());
        o.flush();
        long start = System.nanoTime();
        EvaluationResult r = new RankEvaluator().evaluate(m.scorer(), queries, FilterIndex.of(ds), threads);
        double seconds = (System.nanoTime() - start) / 1e9;
        TextTable table = new TextTable("direction", "ties", "MRR", "MR", "Hits@1", "Hits@3", "Hits@10", "ranks");
        for (Side side : new Side[] {Side.BOTH, Side.TAIL, Side.HEAD}) {
            for (TieBreak tie : new TieBreak[] {TieBreak.REALISTIC, TieBreak.OPTIMISTIC, TieBreak.PESSIMISTIC}) {
                RankMetrics x = r.metrics(side, tie);
                table.row(name(side), name(tie), f4(x.mrr()), String.format(Locale.US, "%.1f", x.mr()), f4(x.hits1()),
                        f4(x.hits3()), f4(x.hits10()), String.format(Locale.US, "%,d", x.count()));
            }
        }
        table.print(o, "");
        if (perRelation) {
            List<Map.Entry<String, RankMetrics>> rel = new ArrayList<>();
            r.perRelation().forEach((id, x) -> rel.add(Map.entry(m.relations().name(id), x)));
            rel.sort(Map.Entry.comparingByKey());
            TextTable per = new TextTable("relation", "MRR", "Hits@10", "ranks");
            for (Map.Entry<String, RankMetrics> e : rel) {
                per.row(e.getKey(), f4(e.getValue().mrr()), f4(e.getValue().hits10()),
                        String.format(Locale.US, "%,d", e.getValue().count()));
            }
            o.println("per relation (realistic ties, both directions):");
            per.print(o, "");
        }
        o.printf(Locale.US, "evaluated in %.2f s on %d thread%s (filtered: train, valid and test)%n", seconds,
                threads, threads == 1 ? "" : "s");
        return ExitCodes.OK;
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String f4(double v) {
        return String.format(Locale.US, "%.4f", v);
    }
}
