package org.rhizome.graph.analytics.export;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/** The graph-exchange formats {@link GraphExporter} writes. */
public enum GraphFormat {
    /** GraphML (namespace {@code http://graphml.graphdrawing.org/xmlns}): Cytoscape, Gephi, networkx, yEd. */
    GRAPHML(".graphml"),
    /** GEXF 1.2draft: Gephi, networkx, sigma.js/graphology (see {@link GraphExporter} for why not 1.3). */
    GEXF(".gexf");

    private final String extension;

    GraphFormat(String extension) {
        this.extension = extension;
    }

    /** The file name extension, with its dot: {@code .graphml} or {@code .gexf}. */
    public String extension() {
        return extension;
    }

    /**
     * The format a file name's extension selects, ignoring case.
     *
     * @throws IllegalArgumentException if the name ends in neither {@code .graphml} nor {@code .gexf}
     */
    public static GraphFormat fromFileName(Path file) {
        Objects.requireNonNull(file, "file");
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        for (GraphFormat f : values()) {
            if (lower.endsWith(f.extension)) {
                return f;
            }
        }
        throw new IllegalArgumentException("cannot tell the graph format of '" + file + "': the supported extensions are "
                + Arrays.stream(values()).map(GraphFormat::extension).collect(Collectors.joining(", ")));
    }
}
