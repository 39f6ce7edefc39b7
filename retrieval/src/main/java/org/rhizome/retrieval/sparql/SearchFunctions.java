package org.rhizome.retrieval.sparql;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QueryBuildException;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.engine.ExecutionContext;
import org.apache.jena.sparql.engine.QueryIterator;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper;
import org.apache.jena.sparql.pfunction.PropFuncArg;
import org.apache.jena.sparql.pfunction.PropertyFunctionBase;
import org.rhizome.graph.sparql.PropertyFunctionArgs;
import org.rhizome.retrieval.search.ConceptSearcher;
import org.rhizome.retrieval.search.SearchHit;
import org.rhizome.retrieval.search.SearchMode;
import org.rhizome.retrieval.search.SearchRequest;

/** The property functions of {@link RetrievalFunctions}. */
final class SearchFunctions {
    private SearchFunctions() {
    }

    /** Shared argument handling: subject {@code ?c} or {@code (?c ?score)}; object a list of 1 to {@code max}. */
    abstract static class Base extends PropertyFunctionBase {
        private final String name;
        private final int maxArgs;
        private final String usage;

        Base(String name, int maxArgs, String usage) {
            this.name = name;
            this.maxArgs = maxArgs;
            this.usage = usage;
        }

        @Override
        public void build(PropFuncArg subject, Node predicate, PropFuncArg object, ExecutionContext cxt) {
            super.build(subject, predicate, object, cxt);
            if (subject.isList() && (subject.getArgListSize() < 1 || subject.getArgListSize() > 2)) {
                throw new QueryBuildException("rzf:" + name + ": the subject is ?concept or (?concept ?score); "
                        + usage);
            }
            int n = object.isList() ? object.getArgListSize() : 1;
            if (n < 1 || n > maxArgs) {
                throw new QueryBuildException("rzf:" + name + " takes 1 to " + maxArgs + " arguments, got " + n
                        + "; " + usage);
            }
        }

        @Override
        public QueryIterator exec(Binding binding, PropFuncArg subject, Node predicate, PropFuncArg object,
                ExecutionContext cxt) {
            Object s = cxt.getContext().get(RetrievalFunctions.SEARCHER);
            if (!(s instanceof ConceptSearcher searcher)) {
                throw new QueryExecException("rzf:" + name + ": no search index is attached to this dataset "
                        + "(open it with Retrieval, or run the query through rhizome with a built index)");
            }
            List<Node> args = PropertyFunctionArgs.values(object, binding, "rzf:" + name, usage);
            List<SearchHit> hits = run(searcher, args);
            Node conceptArg = subject.isList() ? subject.getArg(0) : subject.getArg();
            Node scoreArg = subject.isList() && subject.getArgListSize() > 1 ? subject.getArg(1) : null;
            List<Binding> out = new ArrayList<>(hits.size());
            for (SearchHit h : hits) {
                Node c = NodeFactory.createURI(h.iri());
                Node score = NodeFactory.createLiteralDT(Double.toString(h.score()), XSDDatatype.XSDdouble);
                BindingBuilder b = BindingBuilder.create(binding);
                if (!PropertyFunctionArgs.bind(b, binding, conceptArg, c)
                        || (scoreArg != null && !PropertyFunctionArgs.bind(b, binding, scoreArg, score))) {
                    continue;
                }
                out.add(b.build());
            }
            return QueryIterPlainWrapper.create(out.iterator(), cxt);
        }

        abstract List<SearchHit> run(ConceptSearcher searcher, List<Node> args);

        String text(List<Node> args, int i) {
            Node n = args.get(i);
            if (!n.isLiteral()) {
                throw new QueryExecException("rzf:" + name + ": argument " + (i + 1) + " must be a text literal, got "
                        + n + "; " + usage);
            }
            return n.getLiteralLexicalForm();
        }

        int k(List<Node> args, int i) {
            return PropertyFunctionArgs.k(args, i, 10, RetrievalFunctions.MAX_K, "rzf:" + name, usage);
        }
    }

    /** {@code rzf:search ("text" [k] [mode])}. */
    static final class Search extends Base {
        Search() {
            super("search", 3, "usage: ?concept rzf:search (\"text\" [k] [\"bm25\"|\"vector\"|\"hybrid\"])");
        }

        @Override
        List<SearchHit> run(ConceptSearcher searcher, List<Node> args) {
            SearchMode mode;
            try {
                mode = args.size() > 2 ? SearchMode.parse(text(args, 2)) : SearchMode.HYBRID;
            } catch (IllegalArgumentException e) {
                throw new QueryExecException("rzf:search: " + e.getMessage());
            }
            return searcher.search(SearchRequest.of(text(args, 0), mode, k(args, 1)));
        }
    }

    /** {@code rzf:similar (<iri> [k])}. */
    static final class Similar extends Base {
        Similar() {
            super("similar", 2, "usage: (?concept ?score) rzf:similar (<iri> [k])");
        }

        @Override
        List<SearchHit> run(ConceptSearcher searcher, List<Node> args) {
            Node n = args.get(0);
            if (!n.isURI()) {
                throw new QueryExecException("rzf:similar: argument 1 must be an IRI, got " + n);
            }
            try {
                return searcher.similarTo(n.getURI(), k(args, 1), Set.of());
            } catch (IllegalArgumentException e) {
                return List.of(); // a node that is not an indexed concept has no neighbours
            }
        }
    }

    /** {@code rzf:similarToText ("text" [k])}. */
    static final class SimilarToText extends Base {
        SimilarToText() {
            super("similarToText", 2, "usage: (?concept ?score) rzf:similarToText (\"text\" [k])");
        }

        @Override
        List<SearchHit> run(ConceptSearcher searcher, List<Node> args) {
            return searcher.similarToText(text(args, 0), k(args, 1), Set.of());
        }
    }
}
