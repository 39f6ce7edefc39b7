package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.MergeRecord;
import org.rhizome.retrieval.Retrieval;
import org.rhizome.retrieval.resolution.Candidate;
import org.rhizome.retrieval.resolution.CandidateFeatures;
import org.rhizome.retrieval.resolution.EntityResolver.NewConcept;
import org.rhizome.retrieval.resolution.Resolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome resolve}: which existing concept does a label name? */
@Command(name = "resolve",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Entity resolution: does LABEL name a concept already in the store, and which one? Prints the "
                    + "candidates with their evidence (exact/normalised name, word order, edit similarity, stems, "
                    + "acronym, label and text embedding cosines, qualifier and type conflicts, unmatched words) "
                    + "and the decision of the default policy: MERGE, REVIEW or NEW.",
            "",
            "With --merge-existing IRI, resolves that existing concept against the others and, if the decision is "
                    + "MERGE, merges it into the match (recorded; rhizome can undo merges through the Java API)."
        })
final class ResolveCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LABEL", arity = "0..1", description = "The new label.")
    String label;

    @Option(names = "--description", paramLabel = "TEXT", description = "A description of the new concept.")
    String description;

    @Option(names = "--type", paramLabel = "TYPE", description = "Its type (class label or IRI); repeatable.")
    List<String> types = List.of();

    @Option(names = "--merge-existing", paramLabel = "IRI",
            description = "Resolve this existing concept and merge it if it is a duplicate.")
    String mergeExisting;

    @Option(names = "--top", paramLabel = "N", defaultValue = "5",
            description = "Candidates to show. Default: ${DEFAULT-VALUE}")
    int top;

    @Override
    public Integer call() {
        if ((label == null) == (mergeExisting == null)) {
            throw new CommandFailedException(ExitCodes.USAGE, "give either a LABEL or --merge-existing IRI");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeGraph kg = root.openStore(false);
                Retrieval r = RetrievalSupport.open(kg, root, spec.commandLine().getErr(), true)) {
            if (mergeExisting != null) {
                String iri = RetrievalSupport.iriOf(kg, mergeExisting);
                if (r.index().get(iri).isEmpty()) {
                    throw new CommandFailedException(ExitCodes.BAD_INPUT, iri + " is not an indexed concept");
                }
                Resolution res = r.resolver().resolveExisting(iri);
                print(out, res);
                if (res.decision() == Resolution.Decision.MERGE) {
                    Candidate best = res.best().orElseThrow();
                    MergeRecord m = kg.merge(best.iri(), iri, best.score());
                    out.println("merged " + m.merged() + " into " + m.kept() + " (merge " + m.node().getURI() + ")");
                } else {
                    out.println("not merged");
                }
                return ExitCodes.OK;
            }
            Resolution res = r.resolver().resolve(new NewConcept(label, Optional.ofNullable(description),
                    RetrievalSupport.typeIris(kg, types)));
            print(out, res);
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, Resolution res) {
        out.println("decision: " + res.decision() + res.best().map(b -> " -> " + b.label() + " <" + b.iri() + "> "
                + "(score " + RetrievalSupport.fmt(b.score()) + ")").orElse(""));
        if (res.candidates().isEmpty()) {
            return;
        }
        TextTable t = new TextTable("candidate", "score", "name", "words", "edit", "acronym", "label cos",
                "text cos", "unmatched", "conflict");
        for (Candidate c : res.candidates().subList(0, Math.min(top, res.candidates().size()))) {
            CandidateFeatures f = c.features();
            String conflict = (f.qualifierConflict() > 0 ? "qualifier " : "") + (f.typeConflict() > 0 ? "type " : "")
                    + (f.qualifierUnsupported() > 0 ? "qualifier-unsupported" : "");
            t.row(c.label(), RetrievalSupport.fmt(c.score()), f.exactName() > 0 ? "equal" : "-",
                    f.sameWords() > 0 ? "same" : "-", RetrievalSupport.fmt(f.lexical()), f.acronym() > 0 ? "yes" : "-",
                    RetrievalSupport.fmt(f.labelCosine()), RetrievalSupport.fmt(f.textCosine()),
                    RetrievalSupport.fmt(f.unmatchedWords()), conflict.isBlank() ? "-" : conflict.strip());
        }
        t.print(out, "  ");
    }
}
