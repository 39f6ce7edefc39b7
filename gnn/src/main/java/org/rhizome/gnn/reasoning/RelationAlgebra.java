package org.rhizome.gnn.reasoning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A finite relation algebra given by its base relations and their composition table: {@code compose(a, b)} is the
 * set (a bit mask over the base relations) of relations that can hold between x and z when x a y and y b z.
 *
 * <p>Two algebras are built in: RCC-8 (Randell, Cui &amp; Cohn 1992), whose table is the standard one (the reference
 * code of EpiGNN writes its three universal entries DC;DC, PO;PO and NTPP;NTPPI as empty sets; here they are the
 * universal relation, which is correct and with which closure reproduces every label of the published test files),
 * and Allen's interval algebra, whose table is <em>computed</em> here by enumerating every ordering of the endpoints of
 * three intervals rather than typed in.
 *
 * <p>{@link #closure(ReasoningExample)} labels a graph by algebraic closure along its paths: processing nodes in
 * topological order from the source, each node's relation set is the intersection over its incoming edges of the
 * composition of the predecessor's set with the edge's relation.
 */
public final class RelationAlgebra {
    private final String name;
    private final List<String> labels;
    private final int identity;
    private final int[][] table;

    private RelationAlgebra(String name, List<String> labels, int identity, int[][] table) {
        this.name = name;
        this.labels = List.copyOf(labels);
        this.identity = identity;
        this.table = table;
    }

    /** The algebra's name. */
    public String name() {
        return name;
    }

    /** The base relations, in id order. */
    public List<String> labels() {
        return labels;
    }

    /** The number of base relations. */
    public int size() {
        return labels.size();
    }

    /** The id of the identity relation (EQ, =). */
    public int identity() {
        return identity;
    }

    /** The mask of every base relation. */
    public int universal() {
        return (1 << labels.size()) - 1;
    }

    /** {@code a ; b} as a mask. */
    public int compose(int a, int b) {
        return table[a][b];
    }

    /** The composition of two masks: the union of the compositions of their members. */
    public int composeSets(int as, int bs) {
        int out = 0;
        for (int a = 0; a < labels.size(); a++) {
            if ((as & (1 << a)) == 0) {
                continue;
            }
            for (int b = 0; b < labels.size(); b++) {
                if ((bs & (1 << b)) != 0) {
                    out |= table[a][b];
                }
            }
        }
        return out;
    }

    /** The converse of each base relation ({@code x r y} iff {@code y conv(r) x}), found from the table. */
    public int converse(int r) {
        for (int c = 0; c < labels.size(); c++) {
            if ((table[r][c] & (1 << identity)) != 0) {
                return c;
            }
        }
        throw new IllegalStateException(name + ": no converse for " + labels.get(r));
    }

    /** A vocabulary of this algebra's labels. */
    public Vocabulary vocabulary() {
        return Vocabulary.of(labels);
    }

    /**
     * The relation set between the example's source and target entailed by path composition (edges read
     * {@code src r dst}); {@code 0} means inconsistent. Requires every node to be reachable from the source along
     * edges and the graph to be acyclic; refuses otherwise.
     */
    public int closure(ReasoningExample x) {
        int n = x.nodes();
        int[] inDegree = new int[n];
        for (int e = 0; e < x.edges(); e++) {
            inDegree[x.dst()[e]]++;
        }
        int[] set = new int[n];
        Arrays.fill(set, universal());
        set[x.source()] = 1 << identity;
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (inDegree[v] == 0) {
                order[tail++] = v;
            }
        }
        while (head < tail) {
            int u = order[head++];
            for (int e = 0; e < x.edges(); e++) {
                if (x.src()[e] == u) {
                    int v = x.dst()[e];
                    set[v] &= composeSets(set[u], 1 << x.relation()[e]);
                    if (--inDegree[v] == 0) {
                        order[tail++] = v;
                    }
                }
            }
        }
        if (tail != n) {
            throw new IllegalArgumentException(x.origin() + ": the graph has a cycle; closure needs a DAG");
        }
        return set[x.target()];
    }

    /** The ids in a mask. */
    public List<String> names(int mask) {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < labels.size(); r++) {
            if ((mask & (1 << r)) != 0) {
                out.add(labels.get(r));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------------- RCC-8

    /** RCC-8: DC, EC, PO, TPP, NTPP, TPPI, NTPPI, EQ. */
    public static RelationAlgebra rcc8() {
        List<String> l = List.of("DC", "EC", "PO", "TPP", "NTPP", "TPPI", "NTPPI", "EQ");
        int all = 255;
        // rows a, columns b: a ; b, bit i = l.get(i)
        int[][] t = {
            {all, 31, 31, 31, 31, 1, 1, 1},
            {103, 175, 31, 30, 28, 3, 1, 2},
            {103, 103, all, 28, 28, 103, 103, 4},
            {1, 3, 31, 24, 16, 175, 103, 8},
            {1, 1, 31, 16, 16, 31, all, 16},
            {103, 102, 100, 172, 28, 96, 64, 32},
            {103, 100, 100, 100, 252, 64, 64, 64},
            {1, 2, 4, 8, 16, 32, 64, 128},
        };
        return new RelationAlgebra("RCC-8", l, 7, t);
    }

    // ---------------------------------------------------------------------------------------------- intervals

    /** Allen's interval algebra, labels as EpiGNN's files write them: {@code < > = m mi o oi s si d di f fi}. */
    public static RelationAlgebra intervalAlgebra() {
        List<String> l = List.of("<", ">", "=", "m", "mi", "o", "oi", "s", "si", "d", "di", "f", "fi");
        int size = l.size();
        int[][] t = new int[size][size];
        // three intervals with endpoints among 6 points cover every relative order of their 6 endpoints
        int points = 6;
        List<int[]> intervals = new ArrayList<>();
        for (int a = 0; a < points; a++) {
            for (int b = a + 1; b < points; b++) {
                intervals.add(new int[] {a, b});
            }
        }
        for (int[] x : intervals) {
            for (int[] y : intervals) {
                int r1 = l.indexOf(allen(x, y));
                for (int[] z : intervals) {
                    t[r1][l.indexOf(allen(y, z))] |= 1 << l.indexOf(allen(x, z));
                }
            }
        }
        return new RelationAlgebra("interval algebra", l, l.indexOf("="), t);
    }

    /** Allen's relation of interval {@code x} to interval {@code y}. */
    static String allen(int[] x, int[] y) {
        int xs = x[0];
        int xe = x[1];
        int ys = y[0];
        int ye = y[1];
        if (xe < ys) {
            return "<";
        }
        if (ye < xs) {
            return ">";
        }
        if (xs == ys && xe == ye) {
            return "=";
        }
        if (xe == ys) {
            return "m";
        }
        if (ye == xs) {
            return "mi";
        }
        if (xs == ys) {
            return xe < ye ? "s" : "si";
        }
        if (xe == ye) {
            return xs > ys ? "f" : "fi";
        }
        if (xs > ys && xe < ye) {
            return "d";
        }
        if (xs < ys && xe > ye) {
            return "di";
        }
        return xs < ys ? "o" : "oi";
    }
}
