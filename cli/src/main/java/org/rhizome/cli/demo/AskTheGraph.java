package org.rhizome.cli.demo;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.tdb2.TDB2;
import org.rhizome.cli.TextTable;
import org.rhizome.graph.KnowledgeGraph;

/**
 * Demo step: three SPARQL SELECT queries over the union of the store's named graphs (the concepts with the most
 * relation statements; everything linked to Alan Turing; chains of influence), each printed with its results as a
 * small table of labels.
 */
public final class AskTheGraph implements DemoStep {
    static final String PREFIXES = """
            PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
            PREFIX rz:   <https://rhizome.dev/ns#>
            PREFIX rel:  <https://rhizome.dev/id/relation/>
            """;

    /** The 5 concepts that take part in the most relation statements, as subject or object. */
    static final String TOP_CONCEPTS = """
            SELECT ?concept (COUNT(*) AS ?statements) WHERE {
              ?relation a rz:RelationType .
              { ?c ?relation ?other } UNION { ?other ?relation ?c }
              ?c a rz:Concept ; rdfs:label ?concept .
            } GROUP BY ?c ?concept ORDER BY DESC(?statements) ?concept LIMIT 5
            """;

    /** Every relation statement with Alan Turing at either end. */
    static final String AROUND_TURING = """
            SELECT ?subject ?relation ?object WHERE {
              ?hub rdfs:label "Alan Turing" .
              ?r a rz:RelationType ; rdfs:label ?relation .
              { ?hub ?r ?o . BIND(?hub AS ?s) } UNION { ?s ?r ?hub . BIND(?hub AS ?o) }
              ?s rdfs:label ?subject . ?o rdfs:label ?object .
            } ORDER BY ?relation ?subject ?object
            """;

    /** Two-step chains of rel:influenced. */
    static final String INFLUENCE_CHAINS = """
            SELECT ?first ?second ?third WHERE {
              ?a rel:influenced ?b . ?b rel:influenced ?c .
              ?a rdfs:label ?first . ?b rdfs:label ?second . ?c rdfs:label ?third .
            } ORDER BY ?first ?second ?third LIMIT 8
            """;

    @Override
    public String title() {
        return "Ask the graph";
    }

    @Override
    public void run(DemoContext ctx) {
        PrintWriter out = ctx.out();
        out.println("  SPARQL SELECTs over the union of the named graphs (what 'rhizome query --union' does), with");
        out.println("  the prefixes rdfs:, rz: <https://rhizome.dev/ns#> and rel: <https://rhizome.dev/id/relation/>.");

        out.println();
        out.println("  Which concepts take part in the most relation statements?");
        printQuery(out, TOP_CONCEPTS);
        table(select(ctx.kg(), TOP_CONCEPTS), "concept", "statements").print(out, "    ");

        out.println();
        out.println("  What is Alan Turing linked to, in either direction? (same subject and relation grouped)");
        printQuery(out, AROUND_TURING);
        grouped(select(ctx.kg(), AROUND_TURING)).print(out, "    ");

        out.println();
        out.println("  Who influenced whom, two steps deep?");
        printQuery(out, INFLUENCE_CHAINS);
        table(select(ctx.kg(), INFLUENCE_CHAINS), "first", "second", "third").print(out, "    ");
    }

    private static void printQuery(PrintWriter out, String query) {
        for (String line : query.strip().split("\n")) {
            out.println("    | " + line);
        }
    }

    /**
     * Runs a SELECT (with {@link #PREFIXES}) over the union of the named graphs and returns each row's values as
     * text: lexical forms of literals, IRIs in full.
     */
    static List<Map<String, String>> select(KnowledgeGraph kg, String query) {
        return kg.read(() -> {
            List<Map<String, String>> rows = new ArrayList<>();
            try (QueryExecution qe = QueryExecution.dataset(kg.dataset()).query(PREFIXES + query)
                    .set(TDB2.symUnionDefaultGraph, true).build()) {
                ResultSet rs = qe.execSelect();
                List<String> vars = rs.getResultVars();
                while (rs.hasNext()) {
                    QuerySolution s = rs.next();
                    Map<String, String> row = new LinkedHashMap<>();
                    for (String v : vars) {
                        RDFNode n = s.get(v);
                        row.put(v, n == null ? "" : n.isLiteral() ? n.asLiteral().getLexicalForm() : n.toString());
                    }
                    rows.add(row);
                }
            }
            return rows;
        });
    }

    private static TextTable table(List<Map<String, String>> rows, String... columns) {
        TextTable t = new TextTable(columns);
        for (Map<String, String> r : rows) {
            t.row(java.util.Arrays.stream(columns).map(r::get).toArray());
        }
        return t;
    }

    /** Rows (subject, relation, object) with the same subject and relation merged: objects joined by commas. */
    private static TextTable grouped(List<Map<String, String>> rows) {
        Map<List<String>, List<String>> objects = new LinkedHashMap<>();
        Map<List<String>, List<String>> subjects = new LinkedHashMap<>();
        // Group outgoing statements by (subject, relation) and incoming ones by (relation, object).
        for (Map<String, String> r : rows) {
            String s = r.get("subject");
            String rel = r.get("relation");
            String o = r.get("object");
            if (s.equals("Alan Turing")) {
                objects.computeIfAbsent(List.of(s, rel), k -> new ArrayList<>()).add(o);
            } else {
                subjects.computeIfAbsent(List.of(rel, o), k -> new ArrayList<>()).add(s);
            }
        }
        TextTable t = new TextTable("subject", "relation", "object");
        objects.forEach((k, v) -> {
            List<String> lines = wrap(v, WRAP);
            for (int i = 0; i < lines.size(); i++) {
                t.row(i == 0 ? k.get(0) : "", i == 0 ? k.get(1) : "", lines.get(i));
            }
        });
        subjects.forEach((k, v) -> {
            List<String> lines = wrap(v, WRAP);
            for (int i = 0; i < lines.size(); i++) {
                t.row(lines.get(i), i == 0 ? k.get(0) : "", i == 0 ? k.get(1) : "");
            }
        });
        return t;
    }

    /** Width at which a comma-separated list of labels continues on the next table row. */
    private static final int WRAP = 48;

    /** Joins {@code items} with ", " into lines of at most {@code width} characters (longer items stand alone). */
    static List<String> wrap(List<String> items, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            String item = items.get(i) + (i < items.size() - 1 ? "," : "");
            if (line.length() > 0 && line.length() + 1 + item.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(item);
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
