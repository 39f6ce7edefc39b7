package org.rhizome.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.snapshot.GraphSnapshot;
import org.rhizome.retrieval.subgraph.Direction;
import org.rhizome.retrieval.subgraph.GraphPath;
import org.rhizome.retrieval.subgraph.PathOptions;
import org.rhizome.retrieval.subgraph.PromptFormat;
import org.rhizome.retrieval.subgraph.SamplingOptions;
import org.rhizome.retrieval.subgraph.ShortestPaths;
import org.rhizome.retrieval.subgraph.WaypointPathSampler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code rhizome paths}: shortest, k shortest or sampled paths between two concepts. */
@Command(name = "paths",
        mixinStandardHelpOptions = true,
        versionProvider = Rhizome.Version.class,
        description = {
            "Paths between two concepts (labels or IRIs), one per line as A --relation--> B <--relation-- C.",
            "",
            "By default the k shortest simple paths (Yen's algorithm), walking edges in both directions. With "
                    + "--sample N, N distinct paths through seeded random waypoints, as used to connect two distant "
                    + "concepts for hypothesis generation."
        })
final class PathsCommand implements Callable<Integer> {
    @ParentCommand
    Rhizome root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FROM", description = "Start concept: label or IRI.")
    String from;

    @Parameters(index = "1", paramLabel = "TO", description = "End concept: label or IRI.")
    String to;

    @Option(names = "--k", paramLabel = "N", defaultValue = "3",
            description = "Shortest paths to list. Default: ${DEFAULT-VALUE}")
    int k;

    @Option(names = "--max-length", paramLabel = "L", defaultValue = "0",
            description = "Longest path in edges; 0 for no limit. Default: ${DEFAULT-VALUE}")
    int maxLength;

    @Option(names = "--direction", paramLabel = "DIR", defaultValue = "both",
            description = "both (edges may be walked backwards) or out. Default: ${DEFAULT-VALUE}")
    String direction;

    @Option(names = "--sample", paramLabel = "N", defaultValue = "0",
            description = "Sample N paths through random waypoints instead of listing the shortest.")
    int sample;

    @Option(names = "--waypoints", paramLabel = "W", defaultValue = "1",
            description = "Waypoints per sampled path. Default: ${DEFAULT-VALUE}")
    int waypoints;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Seed of the sampling. Default: ${DEFAULT-VALUE}")
    long seed;

    @Override
    public Integer call() {
        Direction dir = parseDirection(direction);
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeGraph kg = root.openStore(false)) {
            String a = RetrievalSupport.iriOf(kg, from);
            String b = RetrievalSupport.iriOf(kg, to);
            GraphSnapshot snap = GraphSnapshot.of(kg);
            int s = RetrievalSupport.idOf(snap, a, from);
            int t = RetrievalSupport.idOf(snap, b, to);
            List<GraphPath> paths;
            try {
                if (sample > 0) {
                    paths = new WaypointPathSampler(snap).sample(s, t, SamplingOptions.defaults(seed)
                            .withSamples(sample).withWaypoints(waypoints).withDirection(dir));
                } else {
                    PathOptions o = PathOptions.defaults().withDirection(dir);
                    if (maxLength > 0) {
                        o = o.withMaxLength(maxLength);
                    }
                    paths = new ShortestPaths(snap).kShortestPaths(s, t, k, o);
                }
            } catch (IllegalArgumentException e) {
                throw new CommandFailedException(ExitCodes.USAGE, e.getMessage(), e);
            }
            if (paths.isEmpty()) {
                out.println("no path from '" + from + "' to '" + to + "'"
                        + (dir == Direction.OUT ? " along edge directions (try --direction both)" : ""));
                return ExitCodes.OK;
            }
            for (GraphPath p : paths) {
                out.println(String.format(Locale.ROOT, "[%d] ", p.length()) + PromptFormat.path(snap, p));
            }
        }
        return ExitCodes.OK;
    }

    static Direction parseDirection(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "both":
                return Direction.BOTH;
            case "out":
                return Direction.OUT;
            case "in":
                return Direction.IN;
            default:
                throw new CommandFailedException(ExitCodes.USAGE, "unknown direction '" + word
                        + "'; expected both, out or in");
        }
    }
}
