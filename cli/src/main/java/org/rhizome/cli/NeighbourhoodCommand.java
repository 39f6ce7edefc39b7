package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.retrieval.subgraph.FanOut;
import org.rhizome.retrieval.subgraph.KHopNeighbourhood;
import org.rhizome.retrieval.subgraph.KHopOptions;
import org.rhizome.retrieval.subgraph.PersonalisedPageRank;
import org.rhizome.retrieval.subgraph.PromptFormat;
import org.rhizome.retrieval.subgraph.RelationFilter;
import org.rhizome.retrieval.subgraph.ScoredNode;
import org.rhizome.retrieval.subgraph.Subgraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome neighbourhood}: the k-hop subgraph around concepts, or their personalised PageRank. */
@Command(name = "neighbourhood",
        aliases = "neighborhood",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "The subgraph within --hops edges of one or more concepts (labels or IRIs), one statement per line as "
                    + "head --relation--> tail, ready for a prompt. --fan-out caps the edges each node expands per "
                    + "hop (highest-degree neighbours first); --relation keeps only some relations.",
            "",
            "With --ppr K, prints instead the K concepts with the highest personalised PageRank from the given ones."
        })
final class NeighbourhoodCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "NODE", arity = "1..*", description = "Seed concepts: labels or IRIs.")
    List<String> nodes;

    @Option(names = "--hops", paramLabel = "H", defaultValue = "1", description = "Hops. Default: ${DEFAULT-VALUE}")
    int hops;

    @Option(names = "--fan-out", paramLabel = "N", defaultValue = "0",
            description = "Edges expanded per node and hop (highest degree first); 0 for all. Default: "
                    + "${DEFAULT-VALUE}")
    int fanOut;

    @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "500",
            description = "Stop growing at this many nodes. Default: ${DEFAULT-VALUE}")
    int maxNodes;

    @Option(names = "--relation", paramLabel = "REL",
            description = "Only edges of this relation (label or IRI); repeatable.")
    List<String> relations = List.of();

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "both",
            description = "both, out or in. Default: ${DEFAULT-VALUE}")
    String direction;

    @Option(names = "--ppr", paramLabel = "K", defaultValue = "0",
            description = "Print the K top concepts by personalised PageRank instead.")
    int ppr;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeGraph kg = root.openStore(false)) {
            GraphSnapshot snap = GraphSnapshot.of(kg);
            int[] seeds = new int[nodes.size()];
            for (int i = 0; i < seeds.length; i++) {
                seeds[i] = RetrievalSupport.idOf(snap, RetrievalSupport.iriOf(kg, nodes.get(i)), nodes.get(i));
            }
            try {
                if (ppr > 0) {
                    PersonalisedPageRank.Result r = new PersonalisedPageRank(snap,
                            PersonalisedPageRank.Options.defaults().withExcludeSeeds(true)).topK(seeds, ppr);
                    TextTable t = new TextTable("#", "concept", "ppr", "iri");
                    int i = 0;
                    for (ScoredNode n : r.top()) {
                        t.row(++i, snap.entityLabel(n.node()), String.format(Locale.ROOT, "%.6f", n.score()),
                                snap.entityIri(n.node()));
                    }
                    t.print(out, "");
                    return ExitCodes.OK;
                }
                KHopOptions o = KHopOptions.defaults().withHops(hops).withMaxNodes(maxNodes)
                        .withDirection(PathsCommand.parseDirection(direction));
                if (fanOut > 0) {
                    o = o.withFanOut(FanOut.highestDegree(fanOut));
                }
                if (!relations.isEmpty()) {
                    int[] rel = new int[relations.size()];
                    for (int i = 0; i < rel.length; i++) {
                        String r = relations.get(i);
                        String iri = r.contains("://") ? r : kg.relationIri(r);
                        rel[i] = snap.relationId(iri).orElseThrow(() -> new CommandFailedException(
                                ExitCodes.BAD_INPUT, "no statement uses the relation '" + r + "' (" + iri + ")"));
                    }
                    o = o.withRelations(RelationFilter.only(rel));
                }
                Subgraph sub = new KHopNeighbourhood(snap).expand(seeds, o);
                String lines = PromptFormat.subgraph(snap, sub);
                if (!lines.isEmpty()) {
                    out.println(lines.stripTrailing());
                }
                out.println("(" + sub.nodeCount() + " concepts, " + sub.edgeCount() + " statements)");
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
            }
        }
        return ExitCodes.OK;
    }
}
