package org.rhizome.gnn.sparql;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunctionBase;
import org.apache.jena.sparql.pfunction.PropertyFunctionRegistry;
import org.apache.jena.sparql.util.Symbol;
import org.rhizome.gnn.io.TrainedModel;
import org.rhizome.graph.sparql.PropertyFunctionArgs;

/**
 * Link prediction in SPARQL: a trained KG-embedding model attached to a dataset ({@link #attach}) answers two
 * property functions in Rhizome's function namespace {@value #NS} (prefix {@code rzf:}, as the search functions):
 *
 * <ul>
 *   <li>{@code (?tail ?score) rzf:predictTails (<head> <relation> [k])}: the model's k best tails of
 *       {@code (head, relation, ?)}, best first;</li>
 *   <li>{@code (?head ?score) rzf:predictHeads (<relation> <tail> [k])}: its k best heads of
 *       {@code (?, relation, tail)}.</li>
 * </ul>
 * The subject may also be the entity variable alone. k defaults to 10 and is capped at {@value #MAX_K}. Entities
 * and relations are matched by name: an IRI node by its IRI (a model trained on a store names its entities and
 * relations by IRI), a literal by its text (the identifiers of a benchmark folder). Answers that are absolute IRIs
 * come back as IRIs, the others as plain literals; scores are {@code xsd:double}, higher is more plausible. The
 * entity of the query is never its own answer; known answers are not removed (the ranking is raw: filter them in
 * the query, e.g. {@code FILTER NOT EXISTS}). An entity or relation the model does not know gives no answer.
 */
public final class PredictionFunctions {
    /** The namespace of Rhizome's SPARQL functions. */
    public static final String NS = "https://rhizome.dev/fn#";
    /** Largest k a query may ask for. */
    public static final int MAX_K = 1000;
    /** Context key of the attached model. */
    public static final Symbol MODEL = Symbol.create(NS + "predictionModel");

    private static final AtomicBoolean REGISTERED = new AtomicBoolean();
    private static final Pattern ABSOLUTE_IRI = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:[^\\s<>\"{}|\\\\^`]+");

    private PredictionFunctions() {
    }

    /** Registers the property functions in Jena's global registry (once; later calls do nothing). */
    public static void register() {
        if (REGISTERED.compareAndSet(false, true)) {
            PropertyFunctionRegistry reg = PropertyFunctionRegistry.get();
            reg.put(NS + "predictTails", uri -> new Predict(false));
            reg.put(NS + "predictHeads", uri -> new Predict(true));
        }
    }

    /** Makes {@code model} answer the functions in queries over {@code dataset}. */
    public static void attach(Dataset dataset, TrainedModel model) {
        register();
        dataset.getContext().set(MODEL, Objects.requireNonNull(model, "model"));
    }

    /** Removes the model attached to {@code dataset}, if it is {@code model}. */
    public static void detach(Dataset dataset, TrainedModel model) {
        if (dataset.getContext().get(MODEL) == model) {
            dataset.getContext().remove(MODEL);
        }
    }

    /** {@code rzf:predictTails} and {@code rzf:predictHeads}. */
    static final class Predict extends PropertyFunctionBase {
        private final boolean heads;
        private final String name;
        private final String usage;

        Predict(boolean heads) {
            this.heads = heads;
            this.name = heads ? "rzf:predictHeads" : "rzf:predictTails";
            this.usage = heads ? "usage: (?head ?score) rzf:predictHeads (<relation> <tail> [k])"
                    : "usage: (?tail ?score) rzf:predictTails (<head> <relation> [k])";
        }

        @Override
        public void build(PropFuncArg subject, Node predicate, PropFuncArg object, ExecutionContext cxt) {
            super.build(subject, predicate, object, cxt);
            if (subject.isList() && (subject.getArgListSize() < 1 || subject.getArgListSize() > 2)) {
                throw new QueryBuildException(name + ": the subject is ?entity or (?entity ?score); " + usage);
            }
            int n = object.isList() ? object.getArgListSize() : 1;
            if (n < 2 || n > 3) {
                throw new QueryBuildException(name + " takes 2 or 3 arguments, got " + n + "; " + usage);
            }
        }

        @Override
        public QueryIterator exec(Binding binding, PropFuncArg subject, Node predicate, PropFuncArg object,
                ExecutionContext cxt) {
            if (!(cxt.getContext().get(MODEL) instanceof TrainedModel model)) {
                throw new QueryExecException(name + ": no link-prediction model is attached to this dataset (run "
                        + "the query with rhizome query --model FILE or rhizome serve --model FILE, or attach one "
                        + "with PredictionFunctions.attach)");
            }
            List<Node> args = PropertyFunctionArgs.values(object, binding, name, usage);
            String first = name(args.get(0), 1);
            String second = name(args.get(1), 2);
            int k = PropertyFunctionArgs.k(args, 2, 10, MAX_K, name, usage);
            List<TrainedModel.Prediction> predictions = heads ? model.predictHeads(first, second, k)
                    : model.predictTails(first, second, k);
            Node entityArg = subject.isList() ? subject.getArg(0) : subject.getArg();
            Node scoreArg = subject.isList() && subject.getArgListSize() > 1 ? subject.getArg(1) : null;
            List<Binding> out = new ArrayList<>(predictions.size());
            for (TrainedModel.Prediction p : predictions) {
                Node entity = ABSOLUTE_IRI.matcher(p.name()).matches() ? NodeFactory.createURI(p.name())
                        : NodeFactory.createLiteralString(p.name());
                Node score = NodeFactory.createLiteralDT(Double.toString(p.score()), XSDDatatype.XSDdouble);
                BindingBuilder b = BindingBuilder.create(binding);
                if (PropertyFunctionArgs.bind(b, binding, entityArg, entity)
                        && (scoreArg == null || PropertyFunctionArgs.bind(b, binding, scoreArg, score))) {
                    out.add(b.build());
                }
            }
            return QueryIterPlainWrapper.create(out.iterator(), cxt);
        }

        /** An entity or relation argument: an IRI's IRI or a literal's text. */
        private String name(Node n, int position) {
            if (n.isURI()) {
                return n.getURI();
            }
            if (n.isLiteral()) {
                return n.getLiteralLexicalForm();
            }
            throw new QueryExecException(name + ": argument " + position + " must be an IRI or a literal, got " + n
                    + "; " + usage);
        }
    }
}
