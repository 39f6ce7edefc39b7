package org.rhizome.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.gnn.reader.ReaderFile;
import org.rhizome.gnn.reader.Subgraph;
import org.rhizome.graph.Concept;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.RhizomeException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rhizome predict}: top-k tails (or heads) from a trained model. */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = "The k most plausible tails of (HEAD, RELATION, ?) or heads of (?, RELATION, TAIL) by a trained "
                + "model. HEAD/TAIL and RELATION are names as in the model (IRIs for a store model, identifiers for a "
                + "benchmark model); for a store model, a concept's label and a relation's label work too.")
final class PredictCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by rhizome train.")
    Path model;

    @Option(names = "--head", paramLabel = "ENTITY", description = "Predict tails of this head.")
    String head;

    @Option(names = "--tail", paramLabel = "ENTITY", description = "Predict heads of this tail.")
    String tail;

    @Option(names = "--relation", paramLabel = "RELATION", required = true, description = "The relation.")
    String relation;

    @Option(names = "--k", paramLabel = "N", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--write",
            description = "Instead of printing: for every head of an asserted RELATION statement in the store, write "
                    + "the k best tails not asserted yet as predicted statements (status predicted, the model named, "
                    + "plausibility as confidence) into <base>prediction/<model>/<relation>, replacing earlier "
                    + "predictions of the same model and relation.")
    boolean write;

    @Option(names = "--explain", description = "For a KG-R3 model: also print the retrieved subgraph the reader read "
            + "(the evidence behind its answers).")
    boolean explain;

    @Override
    public Integer call() {
        if (write ? head != null || tail != null : (head == null) == (tail == null)) {
            throw new CommandFailedException(ExitCodes.USAGE, write ? "--write predicts for every head: leave out "
                    + "--head and --tail" : "give either --head or --tail (or --write)");
        }
        if (ReaderFile.looksLike(model)) {
            return predictWithReader();
        }
        if (explain) {
            throw new CommandFailedException(ExitCodes.USAGE, "--explain is for KG-R3 models (rhizome train --model "
                    + "kgr3)");
        }
        TrainedModel m = ModelIds.read(model);
        if (write) {
            String rel = resolveRelation(m, relation);
            try (KnowledgeGraph kg = root.openStore(false)) {
                org.rhizome.gnn.io.PredictionWriter.Written w = org.rhizome.gnn.io.PredictionWriter.write(kg, m,
                        model.getFileName().toString(), rel, k);
                spec.commandLine().getOut().printf(Locale.US, "wrote %,d predicted statements for %,d heads into "
                        + "<%s> (asserted statements untouched; rhizome export --include predicted exports them)%n",
                        w.statements(), w.heads(), w.graph());
            }
            return ExitCodes.OK;
        }
        String entity = resolveEntity(m, head != null ? head : tail);
        String rel = resolveRelation(m, relation);
        List<TrainedModel.Prediction> ps = head != null ? m.predictTails(entity, rel, k)
                : m.predictHeads(rel, entity, k);
        PrintWriter o = spec.commandLine().getOut();
        TextTable t = new TextTable("#", head != null ? "tail" : "head", "score");
        int i = 0;
        KnowledgeGraph kg = storeExists() ? root.openStore(false) : null;
        try {
            for (TrainedModel.Prediction p : ps) {
                String shown = kg == null ? p.name()
                        : kg.concept(p.name()).map(Concept::label).orElse(p.name());
                t.row(++i, shown, String.format(Locale.ROOT, "%.3f", p.score()));
            }
        } finally {
            if (kg != null) {
                kg.close();
            }
        }
        t.print(o, "");
        return ExitCodes.OK;
    }

    private int predictWithReader() {
        if (write) {
            throw new CommandFailedException(ExitCodes.USAGE, "--write is for KG-embedding models");
        }
        ReaderFile.Trained r;
        try {
            r = ReaderFile.read(model);
        } catch (RhizomeException e) {
            throw new CommandFailedException(ExitCodes.BAD_INPUT, e.getMessage(), e);
        }
        String name = head != null ? head : tail;
        int entity = r.entities().find(name).orElseThrow(() -> new CommandFailedException(ExitCodes.BAD_INPUT,
                "the model knows no entity '" + name + "'"));
        int rel = r.relations().find(relation).orElseThrow(() -> new CommandFailedException(ExitCodes.BAD_INPUT,
                "the model knows no relation '" + relation + "'"));
        // a head query (?, r, t) is read as the tail query (t, r^-1, ?)
        int asked = head != null ? rel : rel + r.relations().size();
        PrintWriter o = spec.commandLine().getOut();
        TextTable t = new TextTable("#", head != null ? "tail" : "head", "score");
        int i = 0;
        List<ReaderFile.Trained.Prediction> answers = r.predictTails(entity, asked, k);
        for (ReaderFile.Trained.Prediction p : answers) {
            t.row(++i, p.name(), String.format(Locale.ROOT, "%.3f", p.score()));
        }
        t.print(o, "");
        if (explain) {
            Subgraph s = r.evidence(entity, asked);
            o.printf(Locale.ROOT, "evidence: the %d entities and %d statements retrieved around %s%n",
                    s.entities().length, s.src().length, name);
            for (int e = 0; e < s.src().length; e++) {
                o.println("  " + statement(r, s, e));
            }
            if (!answers.isEmpty()) {
                List<ReaderFile.Trained.Path> paths = r.attendedPaths(entity, asked, answers.get(0).entity(), 3);
                o.println(paths.isEmpty() ? "no retrieved path leads to " + answers.get(0).name()
                        : "paths to " + answers.get(0).name() + " by the query's attention (last layer, mean over "
                                + "their statements):");
                for (ReaderFile.Trained.Path p : paths) {
                    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %.3f ", p.attention()));
                    for (int j = 0; j < p.edges().length; j++) {
                        line.append(j == 0 ? "" : " ; ").append(statement(r, s, p.edges()[j]));
                    }
                    o.println(line);
                }
            }
        }
        return ExitCodes.OK;
    }

    private static String statement(ReaderFile.Trained r, Subgraph s, int e) {
        return r.entities().name(s.entities()[s.src()[e]]) + " --" + r.relations().name(s.relation()[e]) + "--> "
                + r.entities().name(s.entities()[s.dst()[e]]);
    }

    private String resolveEntity(TrainedModel m, String name) {
        if (m.entities().find(name).isPresent()) {
            return name;
        }
        if (storeExists()) {
            try (KnowledgeGraph kg = root.openStore(false)) {
                java.util.Optional<Concept> c = kg.findConceptByLabel(name);
                if (c.isPresent() && m.entities().find(c.get().iri()).isPresent()) {
                    return c.get().iri();
                }
            }
        }
        throw new CommandFailedException(ExitCodes.BAD_INPUT, "the model knows no entity '" + name + "'");
    }

    private String resolveRelation(TrainedModel m, String name) {
        if (m.relations().find(name).isPresent()) {
            return name;
        }
        if (storeExists()) {
            try (KnowledgeGraph kg = root.openStore(false)) {
                String iri = kg.relationIri(name);
                if (m.relations().find(iri).isPresent()) {
                    return iri;
                }
            }
        }
        throw new CommandFailedException(ExitCodes.BAD_INPUT, "the model knows no relation '" + name + "'");
    }

    private boolean storeExists() {
        return java.nio.file.Files.isDirectory(root.storeDir());
    }
}
