package org.rhizome.gnn.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

/**
 * Entity texts from a tab-separated file, one entity per line: {@code id TAB label [TAB description ...]}, as the
 * benchmark sets ship them (FB15k-237's and WN18RR's {@code text/entity2text.txt}, CoDEx's entity text table). Lines
 * starting with {@code #} and blank lines are skipped; the text is the label, followed by ". " and the description
 * when a third column is present and not blank (later columns are ignored). Entities of the dataset without a line
 * get no text; lines naming entities the dataset does not have are ignored.
 */
public final class EntityTexts {
    private EntityTexts() {}

    /**
     * The texts of {@code entities} named by IRI in {@code kg} (a dataset from a store snapshot): each concept's label
     * and description as the search index embeds them ({@link org.rhizome.embeddings.ConceptText}), {@code null}
     * for a name that is not a concept.
     */
    public static String[] fromStore(org.rhizome.graph.KnowledgeGraph kg, IdMap entities) {
        String[] out = new String[entities.size()];
        for (int e = 0; e < out.length; e++) {
            out[e] = kg.concept(entities.name(e))
                    .map(c -> org.rhizome.embeddings.ConceptText.of(c.label(), c.description())).orElse(null);
        }
        return out;
    }

    /**
     * Reads the texts of {@code entities} from {@code file}.
     *
     * @return one text per entity id, {@code null} where there is none
     * @throws DatasetException if the file cannot be read or a line has no tab, naming the line
     */
    public static String[] read(Path file, IdMap entities) {
        String[] out = new String[entities.size()];
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = in.readLine()) != null) {
                n++;
                if (n == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t", -1);
                if (cols.length < 2) {
                    throw new DatasetException(file.toString(), n, file + ":" + n
                            + ": expected id TAB text, found no tab in '"
                            + (line.length() > 80 ? line.substring(0, 80) + "..." : line) + "'");
                }
                OptionalInt id = entities.find(cols[0].strip());
                if (id.isEmpty()) {
                    continue;
                }
                String label = cols[1].strip();
                String description = cols.length > 2 ? cols[2].strip() : "";
                String text = description.isEmpty() ? label
                        : label.isEmpty() ? description : label + ". " + description;
                out[id.getAsInt()] = text.isEmpty() ? null : text;
            }
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot read entity texts from " + file + ": " + e.getMessage(),
                    e);
        }
        return out;
    }
}
