package org.rhizome.gnn.reasoning;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.rhizome.gnn.data.DatasetException;

/**
 * Readers for the relational-reasoning benchmark files:
 * <ul>
 *   <li><b>CLUTRR</b> in graph form (Sinha et al. 2019, the splits distributed with CTP): a CSV whose columns
 *       {@code story_edges} (a Python list of node pairs), {@code edge_types} (relation names aligned with it),
 *       {@code query_edge} (a pair), {@code target} (the relation to predict) and {@code task_name}
 *       ({@code task_1.k}, k the chain length) are used; every other column (the story text) is ignored.</li>
 *   <li><b>RCC-8 and interval algebra</b> as EpiGNN distributes them: columns {@code edges}, {@code edge_labels},
 *       {@code query_edge}, {@code query_label}; k and b are read from a file name {@code ..._k_K_b_B.csv} when it
 *       has one.</li>
 * </ul>
 * Nodes are the integers of the file; a graph has {@code max id + 1} nodes. A malformed row is refused with the
 * file, the line and what was wrong.
 */
public final class ReasoningCsv {
    private static final Pattern TASK = Pattern.compile("task_\\d+\\.(\\d+)");
    private static final Pattern KB = Pattern.compile("_k_(\\d+)_b_(\\d+)");

    private ReasoningCsv() {}

    /** Reads a CLUTRR graph CSV, mapping labels through {@code vocabulary}. */
    public static List<ReasoningExample> readClutrr(Path file, Vocabulary vocabulary) {
        return read(file, vocabulary, "story_edges", "edge_types", "query_edge", "target", -1, 1);
    }

    /** Reads an EpiGNN RCC-8 or interval-algebra CSV, mapping labels through {@code vocabulary}. */
    public static List<ReasoningExample> readAlgebra(Path file, Vocabulary vocabulary) {
        Matcher m = KB.matcher(file.getFileName().toString());
        int k = -1;
        int b = -1;
        if (m.find()) {
            k = Integer.parseInt(m.group(1));
            b = Integer.parseInt(m.group(2));
        }
        return read(file, vocabulary, "edges", "edge_labels", "query_edge", "query_label", k, b);
    }

    /**
     * Reads either format, told apart by the header: a {@code story_edges} column means CLUTRR, an
     * {@code edge_labels} column the algebra files.
     */
    public static List<ReasoningExample> readAny(Path file, Vocabulary vocabulary) {
        String header;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            header = r.readLine();
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot read " + file + ": " + e.getMessage(), e);
        }
        if (header == null) {
            throw new DatasetException(file.toString(), file + " is empty", null);
        }
        if (header.contains("story_edges")) {
            return readClutrr(file, vocabulary);
        }
        if (header.contains("edge_labels")) {
            return readAlgebra(file, vocabulary);
        }
        throw new DatasetException(file.toString(), file + ": neither a CLUTRR graph CSV (story_edges, edge_types, "
                + "query_edge, target) nor an algebra CSV (edges, edge_labels, query_edge, query_label); header: "
                + header, null);
    }

    private static List<ReasoningExample> read(Path file, Vocabulary vocabulary, String edgesCol, String labelsCol,
            String queryCol, String targetCol, int fileHops, int fileBranches) {
        if (!Files.isRegularFile(file)) {
            throw new DatasetException(file.toString(), "no such file: " + file, null);
        }
        List<ReasoningExample> out = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Csv csv = new Csv(reader);
            List<String> header = csv.next();
            if (header == null) {
                throw new DatasetException(file.toString(), file + " is empty", null);
            }
            Map<String, Integer> col = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                col.put(header.get(i).strip(), i);
            }
            for (String needed : List.of(edgesCol, labelsCol, queryCol, targetCol)) {
                if (!col.containsKey(needed)) {
                    throw new DatasetException(file.toString(),
                            file + ": no column '" + needed + "' in the header " + header, null);
                }
            }
            Integer taskCol = col.get("task_name");
            List<String> row;
            while ((row = csv.next()) != null) {
                String where = file.getFileName() + ":" + csv.recordLine();
                if (row.size() == 1 && row.get(0).isBlank()) {
                    continue;
                }
                if (row.size() != header.size()) {
                    throw new DatasetException(file.toString(), csv.recordLine(), where + ": " + row.size()
                            + " fields where the header has " + header.size());
                }
                try {
                    int[][] edges = PyLiteral.pairList(row.get(col.get(edgesCol)));
                    List<String> labels = PyLiteral.stringList(row.get(col.get(labelsCol)));
                    int[] query = PyLiteral.pair(row.get(col.get(queryCol)));
                    String target = row.get(col.get(targetCol)).strip();
                    if (labels.size() != edges.length) {
                        throw new IllegalArgumentException(edges.length + " edges but " + labels.size() + " labels");
                    }
                    int hops = fileHops;
                    if (taskCol != null) {
                        Matcher m = TASK.matcher(row.get(taskCol));
                        if (m.matches()) {
                            hops = Integer.parseInt(m.group(1));
                        }
                    }
                    int n = Math.max(query[0], query[1]);
                    int[] src = new int[edges.length];
                    int[] dst = new int[edges.length];
                    int[] rel = new int[edges.length];
                    for (int e = 0; e < edges.length; e++) {
                        if (edges[e][0] < 0 || edges[e][1] < 0) {
                            throw new IllegalArgumentException("negative node id in edge " + e);
                        }
                        src[e] = edges[e][0];
                        dst[e] = edges[e][1];
                        rel[e] = vocabulary.id(labels.get(e), where);
                        n = Math.max(n, Math.max(src[e], dst[e]));
                    }
                    if (query[0] < 0 || query[1] < 0) {
                        throw new IllegalArgumentException("negative node id in the query");
                    }
                    out.add(new ReasoningExample(n + 1, src, dst, rel, query[0], query[1],
                            vocabulary.id(target, where), hops, fileBranches, where));
                } catch (IllegalArgumentException e) {
                    throw new DatasetException(file.toString(), csv.recordLine(), where + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new DatasetException(file.toString(), "cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new DatasetException(file.toString(), file + ": " + e.getMessage(), e);
        }
        return out;
    }
}
