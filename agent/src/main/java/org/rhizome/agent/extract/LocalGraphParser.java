package org.rhizome.agent.extract;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Turns an LLM answer into a validated {@link LocalGraph}, tolerant of how models write but strict about what gets
 * into the store.
 *
 * <p><b>Finding the JSON.</b> The answer may be the JSON object alone, or hold it in a fenced code block, or put
 * prose before and after it (the prose becomes the reasoning). Candidates are tried in that order; the first that
 * parses wins. Comments, trailing commas and single quotes are tolerated. An answer that ends inside the object is
 * reported as truncated.
 *
 * <p><b>The expected shape</b> ({@link #FORMAT} is what the prompt shows the model):
 * <pre>{@code
 * {"reasoning": "...",
 *  "nodes": [{"id": "n1", "label": "...", "description": "...", "type": "..."}],
 *  "edges": [{"source": "n1", "relation": "...", "target": "n2"}],
 *  "follow_up_question": "..."}
 * }</pre>
 * Edges name their ends by node id or by label. Aliases accepted: {@code name} for {@code label}, {@code types} (an
 * array) for {@code type}, {@code from}/{@code to} and {@code head}/{@code tail} for the ends, {@code label}/
 * {@code predicate} for {@code relation}, {@code followUp}/{@code next_question} for the question.
 *
 * <p><b>Validation</b> refuses (with every problem listed, each saying where): no nodes; more nodes or edges than
 * the {@link ExtractionRules}; a label that is empty, too long, or holds control characters (tabs and line breaks
 * count as spaces) or markup ({@code <...>},
 * {@code &...;}); an edge whose end names no node; a relation outside the allowed set. It fixes silently but with a
 * warning: whitespace and Unicode form of labels (NFKC), duplicate nodes (same label, case-insensitive; later ones
 * become references to the first), duplicate edges and self-loops (dropped), over-long descriptions (cut).
 */
public final class LocalGraphParser {
    /** The JSON shape shown to the model. */
    public static final String FORMAT = """
            {"reasoning": "your step-by-step reasoning, in prose",
             "nodes": [{"id": "n1", "label": "concept name", "description": "one sentence", "type": "kind of thing"}],
             "edges": [{"source": "n1", "relation": "relation in a few words", "target": "n2"}],
             "follow_up_question": "the most interesting question to ask next"}""";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .build();
    private static final Pattern FENCE = Pattern.compile("```[a-zA-Z]*\\s*\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern MARKUP = Pattern.compile("<[/!a-zA-Z?][^>]*>|&[a-zA-Z#][a-zA-Z0-9]*;");

    private final ExtractionRules rules;

    public LocalGraphParser(ExtractionRules rules) {
        this.rules = Objects.requireNonNull(rules, "rules");
    }

    /** The rules in force. */
    public ExtractionRules rules() {
        return rules;
    }

    /**
     * Parses and validates one answer.
     *
     * @throws ExtractionException listing every problem when the answer cannot be used
     */
    public LocalGraph parse(String answer) {
        Objects.requireNonNull(answer, "answer");
        String text = answer.startsWith("\uFEFF") ? answer.substring(1) : answer;
        if (text.isBlank()) {
            throw new ExtractionException("the answer is empty");
        }
        Located found = locate(text);
        JsonNode root = found.json;
        if (!root.isObject()) {
            throw new ExtractionException("the answer's JSON is not an object with \"nodes\" and \"edges\"");
        }
        String reasoning = text(root, "reasoning", "thoughts", "thinking").orElse(found.prose).strip();
        return validate(root, reasoning);
    }

    private record Located(JsonNode json, String prose) {}

    private static Located locate(String text) {
        String first = null;
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            try {
                return new Located(JSON.readTree(trimmed), "");
            } catch (JsonProcessingException e) {
                first = describe(e, trimmed);
            }
        }
        Matcher m = FENCE.matcher(text);
        while (m.find()) {
            String body = m.group(1).strip();
            if (body.startsWith("{")) {
                try {
                    return new Located(JSON.readTree(body), (text.substring(0, m.start()) + " "
                            + text.substring(m.end())).strip());
                } catch (JsonProcessingException e) {
                    if (first == null) {
                        first = describe(e, body);
                    }
                }
            }
        }
        // prose around a bare object: try each balanced {...} span, outermost first, at most a few
        int tries = 0;
        for (int start = text.indexOf('{'); start >= 0 && tries < 8; start = text.indexOf('{', start + 1)) {
            int end = matchingBrace(text, start);
            if (end < 0) {
                if (first == null) {
                    first = "the answer ends inside a JSON object that starts at character " + start
                            + " (truncated output?)";
                }
                break;
            }
            tries++;
            String span = text.substring(start, end + 1);
            try {
                JsonNode n = JSON.readTree(span);
                if (n.isObject() && (n.has("nodes") || n.has("edges"))) {
                    return new Located(n, (text.substring(0, start) + " " + text.substring(end + 1)).strip());
                }
            } catch (JsonProcessingException e) {
                if (first == null) {
                    first = describe(e, span);
                }
            }
            start = end;
        }
        throw new ExtractionException(first != null ? first
                : "no JSON object with \"nodes\" and \"edges\" found in the answer (" + text.length() + " characters)");
    }

    /** Index of the brace closing the one at {@code start}, skipping strings; -1 if the text ends first. */
    private static int matchingBrace(String s, int start) {
        int depth = 0;
        boolean inString = false;
        char quote = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                if (--depth == 0) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static String describe(JsonProcessingException e, String span) {
        String msg = e.getOriginalMessage();
        if (msg != null && (msg.contains("end-of-input") || msg.contains("Unexpected end"))) {
            return "the JSON ends before it is complete (truncated output?)";
        }
        if (e instanceof JsonParseException && e.getLocation() != null) {
            return "malformed JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + firstLine(msg);
        }
        return "malformed JSON: " + firstLine(msg);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private LocalGraph validate(JsonNode root, String reasoning) {
        List<String> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        JsonNode nodesJson = root.get("nodes");
        if (nodesJson == null || !nodesJson.isArray() || nodesJson.isEmpty()) {
            throw new ExtractionException("the answer has no nodes: \"nodes\" must be a non-empty array");
        }
        if (nodesJson.size() > rules.maxNodes()) {
            problems.add("the answer has " + nodesJson.size() + " nodes; at most " + rules.maxNodes()
                    + " are accepted");
        }
        List<LocalGraph.Node> nodes = new ArrayList<>();
        Map<String, Integer> byKey = new HashMap<>(); // ids and lower-cased labels -> node index
        int n = 0;
        for (JsonNode nj : nodesJson) {
            n++;
            if (problems.size() > 20) {
                break;
            }
            if (!nj.isObject()) {
                problems.add("node " + n + " is not an object");
                continue;
            }
            Optional<String> rawLabel = text(nj, "label", "name");
            if (rawLabel.isEmpty()) {
                problems.add("node " + n + " has no \"label\"");
                continue;
            }
            String label = cleanLabel(rawLabel.get(), "node " + n + " label", rules.maxLabelChars(), problems);
            if (label == null) {
                continue;
            }
            List<String> types = new ArrayList<>();
            JsonNode tj = nj.has("types") ? nj.get("types") : nj.get("type");
            if (tj != null && !tj.isNull()) {
                for (JsonNode t : tj.isArray() ? tj : List.of(tj)) {
                    if (t.isTextual() && !t.asText().isBlank()) {
                        String type = cleanLabel(t.asText(), "node " + n + " type", rules.maxLabelChars(), problems);
                        if (type != null) {
                            types.add(type);
                        }
                    }
                }
            }
            Optional<String> description = text(nj, "description", "definition").map(d -> clean(d)).filter(
                    d -> !d.isBlank());
            if (description.isPresent() && description.get().length() > rules.maxDescriptionChars()) {
                description = Optional.of(cut(description.get(), rules.maxDescriptionChars()));
                warnings.add("node " + n + ": description cut to " + rules.maxDescriptionChars() + " characters");
            }
            String key = label.toLowerCase(Locale.ROOT);
            Integer existing = byKey.get(key);
            int index;
            if (existing != null && nodes.get(existing).label().equalsIgnoreCase(label)) {
                index = existing;
                warnings.add("node " + n + " repeats \"" + label + "\"; merged with the first");
            } else {
                index = nodes.size();
                nodes.add(new LocalGraph.Node(label, description, types));
                byKey.put(key, index);
            }
            Optional<String> id = text(nj, "id");
            if (id.isPresent()) {
                byKey.putIfAbsent("#id:" + id.get().strip(), index);
            }
        }
        List<LocalGraph.Edge> edges = new ArrayList<>();
        JsonNode edgesJson = root.get("edges");
        if (edgesJson == null) {
            edgesJson = root.get("relations");
        }
        if (edgesJson != null && !edgesJson.isNull() && !edgesJson.isArray()) {
            problems.add("\"edges\" must be an array");
        } else if (edgesJson != null && edgesJson.size() > rules.maxEdges()) {
            problems.add("the answer has " + edgesJson.size() + " edges; at most " + rules.maxEdges()
                    + " are accepted");
        } else if (edgesJson != null) {
            Set<LocalGraph.Edge> seen = new LinkedHashSet<>();
            int e = 0;
            for (JsonNode ej : edgesJson) {
                e++;
                if (problems.size() > 20) {
                    break;
                }
                if (!ej.isObject()) {
                    problems.add("edge " + e + " is not an object");
                    continue;
                }
                Integer s = end(ej, byKey, e, "source", problems, "source", "from", "head", "subject");
                Integer t = end(ej, byKey, e, "target", problems, "target", "to", "tail", "object");
                Optional<String> rawRel = text(ej, "relation", "label", "predicate", "type");
                if (rawRel.isEmpty()) {
                    problems.add("edge " + e + " has no \"relation\"");
                    continue;
                }
                String rel = cleanLabel(rawRel.get(), "edge " + e + " relation", rules.maxRelationChars(), problems);
                if (rel == null || s == null || t == null) {
                    continue;
                }
                if (rules.allowedRelations().isPresent() && rules.allowedRelations().get().stream()
                        .noneMatch(a -> normaliseSpace(a).equalsIgnoreCase(rel))) {
                    problems.add("edge " + e + " uses relation \"" + rel + "\", which is not allowed; allowed: "
                            + rules.allowedRelations().get());
                    continue;
                }
                if (s.equals(t)) {
                    warnings.add("edge " + e + " links \"" + nodes.get(s).label() + "\" to itself; dropped");
                    continue;
                }
                if (!seen.add(new LocalGraph.Edge(s, rel, t))) {
                    warnings.add("edge " + e + " repeats an earlier edge; dropped");
                }
            }
            edges.addAll(seen);
        }
        if (!problems.isEmpty()) {
            throw new ExtractionException(problems);
        }
        Optional<String> followUp = text(root, "follow_up_question", "followUp", "follow_up", "next_question",
                "followUpQuestion").map(LocalGraphParser::clean).filter(q -> !q.isBlank())
                .map(q -> q.length() > 500 ? cut(q, 500) : q);
        return new LocalGraph(nodes, edges, reasoning, followUp, warnings);
    }

    private static Integer end(JsonNode ej, Map<String, Integer> byKey, int e, String what, List<String> problems,
            String... names) {
        Optional<String> ref = text(ej, names);
        if (ref.isEmpty()) {
            problems.add("edge " + e + " has no \"" + what + "\"");
            return null;
        }
        String r = ref.get().strip();
        Integer i = byKey.get("#id:" + r);
        if (i == null) {
            i = byKey.get(normaliseSpace(Normalizer.normalize(r, Normalizer.Form.NFKC)).toLowerCase(Locale.ROOT));
        }
        if (i == null) {
            problems.add("edge " + e + " " + what + " \"" + abbreviate(r) + "\" is neither a node id nor a node label");
        }
        return i;
    }

    /** A label fit to store, or null with the problem added. */
    private static String cleanLabel(String raw, String where, int max, List<String> problems) {
        String s = Normalizer.normalize(raw, Normalizer.Form.NFKC);
        if (hasControl(s)) {
            problems.add(where + " \"" + abbreviate(printable(s)) + "\" contains control characters");
            return null;
        }
        if (MARKUP.matcher(s).find()) {
            problems.add(where + " \"" + abbreviate(s) + "\" contains markup; labels must be plain text");
            return null;
        }
        s = normaliseSpace(s);
        if (s.isEmpty()) {
            problems.add(where + " is empty");
            return null;
        }
        if (s.length() > max) {
            problems.add(where + " is " + s.length() + " characters long; at most " + max + " are accepted");
            return null;
        }
        return s;
    }

    private static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean whitespace = c == '\t' || c == '\n' || c == '\r';
            if ((Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) && !whitespace) {
                return true;
            }
        }
        return false;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                    ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    private static String clean(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append(Character.isISOControl(c) || Character.getType(c) == Character.FORMAT ? ' ' : c);
        }
        return normaliseSpace(Normalizer.normalize(b.toString(), Normalizer.Form.NFKC));
    }

    private static String normaliseSpace(String s) {
        return s.strip().replaceAll("\\s+", " ");
    }

    private static String cut(String s, int max) {
        int sp = s.lastIndexOf(' ', max - 1);
        return (sp > max / 2 ? s.substring(0, sp) : s.substring(0, max - 1)) + "…";
    }

    private static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private static Optional<String> text(JsonNode o, String... names) {
        for (String name : names) {
            JsonNode v = o.get(name);
            if (v != null && v.isValueNode() && !v.isNull()) {
                return Optional.of(v.asText());
            }
        }
        return Optional.empty();
    }
}
