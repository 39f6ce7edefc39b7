package org.rhizome.graph.io;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFFormat;

/**
 * The file formats Rhizome imports and exports: every RDF syntax Jena's RIOT reads, plus TSV triples
 * ({@code head<TAB>relation<TAB>tail}, the layout of the link-prediction benchmarks). Any of them may be gzip'd
 * ({@code .gz} suffix).
 */
public enum Format {
    TURTLE("turtle", Lang.TURTLE, RDFFormat.TURTLE_BLOCKS, "ttl"),
    NTRIPLES("ntriples", Lang.NTRIPLES, RDFFormat.NTRIPLES, "nt"),
    NQUADS("nquads", Lang.NQUADS, RDFFormat.NQUADS, "nq"),
    TRIG("trig", Lang.TRIG, RDFFormat.TRIG_BLOCKS, "trig"),
    JSONLD("jsonld", Lang.JSONLD, RDFFormat.JSONLD, "jsonld", "json"),
    RDFXML("rdfxml", Lang.RDFXML, RDFFormat.RDFXML_PLAIN, "rdf", "owl", "xml"),
    TSV("tsv", null, null, "tsv", "txt");

    private final String name;
    private final Lang lang;
    private final RDFFormat writeFormat;
    private final List<String> extensions;

    Format(String name, Lang lang, RDFFormat writeFormat, String... extensions) {
        this.name = name;
        this.lang = lang;
        this.writeFormat = writeFormat;
        this.extensions = List.of(extensions);
    }

    /** The name used on the command line ({@code --format}). */
    public String cliName() {
        return name;
    }

    /** The RIOT language, or empty for TSV. */
    public Optional<Lang> lang() {
        return Optional.ofNullable(lang);
    }

    RDFFormat writeFormat() {
        return writeFormat;
    }

    /** File name extensions (without the dot) that select this format. */
    public List<String> extensions() {
        return extensions;
    }

    /** True for formats that carry named graphs (N-Quads, TriG, JSON-LD). */
    public boolean isQuads() {
        return this == NQUADS || this == TRIG || this == JSONLD;
    }

    /** True if writing this format streams (constant memory); RDF/XML and JSON-LD build the graph in memory. */
    public boolean isStreaming() {
        return this != RDFXML && this != JSONLD;
    }

    /** True when {@code file}'s name ends in {@code .gz}. */
    public static boolean isGzip(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz");
    }

    /**
     * The format of {@code file}: {@code explicit} when given (a CLI name or an extension), else from the file
     * name's extension ({@code .gz} stripped).
     *
     * @throws IllegalArgumentException naming the valid choices when neither tells
     */
    public static Format of(Path file, Optional<String> explicit) {
        if (explicit.isPresent()) {
            return byName(explicit.get()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown format '" + explicit.get() + "'; valid: " + choices()));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".gz")) {
            name = name.substring(0, name.length() - 3);
        }
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        return byName(ext).orElseThrow(() -> new IllegalArgumentException("cannot tell the format of " + file
                + " from its name; give --format (" + choices() + ")"));
    }

    /** The format with this CLI name or extension. */
    public static Optional<Format> byName(String nameOrExtension) {
        String n = nameOrExtension.toLowerCase(Locale.ROOT);
        for (Format f : values()) {
            if (f.name.equals(n) || f.extensions.contains(n)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** The valid CLI names, comma-separated. */
    public static String choices() {
        return Arrays.stream(values()).map(Format::cliName).collect(Collectors.joining(", "));
    }
}
