package org.rhizome.graph.sparql;

import java.util.ArrayList;
import java.util.List;

import org.apache.jena.graph.Node;
import org.apache.jena.query.QueryExecException;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.sparql.pfunction.PropFuncArg;

/**
 * Argument handling shared by Rhizome's SPARQL property functions ({@code rzf:search}, {@code rzf:predictTails},
 * ...): reading an argument list with its variables resolved, binding results, and the {@code k} argument. Errors
 * are {@link QueryExecException}s that name the function, the argument and the usage.
 */
public final class PropertyFunctionArgs {
    private PropertyFunctionArgs() {
    }

    /**
     * The nodes of {@code args} (a list or a single node), each variable replaced by its value in {@code binding}.
     *
     * @throws QueryExecException if a variable is not bound
     */
    public static List<Node> values(PropFuncArg args, Binding binding, String function, String usage) {
        List<Node> out = new ArrayList<>();
        for (Node n : args.isList() ? args.getArgList() : List.of(args.getArg())) {
            Node v = n.isVariable() ? binding.get(Var.alloc(n)) : n;
            if (v == null) {
                throw new QueryExecException(function + ": argument " + n + " is not bound; " + usage);
            }
            out.add(v);
        }
        return out;
    }

    /**
     * Binds {@code arg} to {@code value} in {@code b} when it is a variable not bound in {@code parent}; otherwise
     * says whether its value (a constant, or the variable's binding) is {@code value}.
     */
    public static boolean bind(BindingBuilder b, Binding parent, Node arg, Node value) {
        if (arg.isVariable()) {
            Var v = Var.alloc(arg);
            Node bound = parent.get(v);
            if (bound != null) {
                return bound.sameValueAs(value);
            }
            b.add(v, value);
            return true;
        }
        return arg.sameValueAs(value);
    }

    /**
     * The integer argument {@code i} of {@code args}, {@code dflt} when the list is shorter.
     *
     * @throws QueryExecException if it is not an integer in {@code [1, max]}
     */
    public static int k(List<Node> args, int i, int dflt, int max, String function, String usage) {
        if (args.size() <= i) {
            return dflt;
        }
        Node n = args.get(i);
        Object v = n.isLiteral() ? n.getLiteralValue() : null;
        if (!(v instanceof Number num) || num.longValue() < 1 || num.longValue() > max
                || num.doubleValue() != num.longValue()) {
            throw new QueryExecException(function + ": k must be an integer in [1, " + max + "], got " + n + "; "
                    + usage);
        }
        return num.intValue();
    }
}
