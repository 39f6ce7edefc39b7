package org.rhizome.gnn.io;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.rhizome.graph.Iris;
import org.rhizome.graph.KnowledgeGraph;
import org.rhizome.graph.Source;
import org.rhizome.graph.SourceKind;

/**
 * Writes a model's predictions back into the store as predicted statements, apart from the asserted ones: for one
 * relation, every entity that already heads an asserted statement of it gets its {@code k} best tails that are not
 * asserted already (and not itself), each with its plausibility (the tail's percentile among all entities, realistic
 * ties) as the statement's confidence. They go into one named graph per model and relation,
 * {@code <base>prediction/<model>/<relation slug>}, a source of kind prediction with status predicted naming the
 * model; writing again replaces that graph, so predictions never pile up and asserted statements are never touched.
 */
public final class PredictionWriter {
    private PredictionWriter() {}

    /** What was written. */
    public record Written(String graph, int heads, int statements) {}

    /**
     * Writes the predictions of {@code m} for {@code relationIri}.
     *
     * @param modelName the model's identity (recorded as the source's model and in the graph IRI)
     * @throws IllegalArgumentException if the model does not know the relation
     */
    public static Written write(KnowledgeGraph kg, TrainedModel m, String modelName, String relationIri, int k) {
        Objects.requireNonNull(kg, "kg");
        OptionalInt r = m.relations().find(relationIri);
        if (r.isEmpty()) {
            throw new IllegalArgumentException("the model knows no relation " + relationIri);
        }
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1");
        }
        Node rel = NodeFactory.createURI(relationIri);
        // heads of asserted statements of the relation, and their asserted tails
        List<Triple> asserted = kg.find(Node.ANY, rel, Node.ANY, 0, Integer.MAX_VALUE);
        java.util.Map<String, Set<String>> known = new java.util.LinkedHashMap<>();
        for (Triple t : asserted) {
            if (t.getSubject().isURI() && t.getObject().isURI()) {
                known.computeIfAbsent(t.getSubject().getURI(), x -> new HashSet<>()).add(t.getObject().getURI());
            }
        }
        int n = m.model().entityCount();
        float[] s = new float[n];
        List<Triple> out = new ArrayList<>();
        List<Double> conf = new ArrayList<>();
        int heads = 0;
        for (java.util.Map.Entry<String, Set<String>> e : known.entrySet()) {
            OptionalInt h = m.entities().find(e.getKey());
            if (h.isEmpty()) {
                continue;
            }
            heads++;
            m.model().scoreTails(h.getAsInt(), r.getAsInt(), s);
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Float.compare(s[b], s[a]) != 0 ? Float.compare(s[b], s[a])
                    : Integer.compare(a, b));
            int taken = 0;
            for (int i = 0; i < n && taken < k; i++) {
                String tail = m.entities().name(order[i]);
                if (order[i] == h.getAsInt() || e.getValue().contains(tail)) {
                    continue;
                }
                out.add(Triple.create(NodeFactory.createURI(e.getKey()), rel, NodeFactory.createURI(tail)));
                conf.add(TrainedModel.percentile(s, order[i]));
                taken++;
            }
        }
        String graph = kg.baseNamespace() + "prediction/" + Iris.slug(modelName) + "/"
                + Iris.slug(relationIri.substring(Math.max(relationIri.lastIndexOf('/'),
                        relationIri.lastIndexOf('#')) + 1));
        Source source = Source.builder(SourceKind.PREDICTION, modelName + "/" + relationIri).model(modelName)
                .note("top " + k + " predicted tails per head of " + relationIri).graphIri(graph).build();
        kg.replace(source, w -> {
            for (int i = 0; i < out.size(); i++) {
                Triple t = out.get(i);
                w.add(t.getSubject(), t.getPredicate(), t.getObject(), conf.get(i));
            }
        });
        return new Written(graph, heads, out.size());
    }
}
