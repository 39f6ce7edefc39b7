package org.rhizome.gnn.model;

import java.util.Objects;
import java.util.SplittableRandom;

import org.rhizome.gnn.evaluation.DotProductScorer;
import org.rhizome.gnn.kernel.Kernels;

/**
 * A knowledge-graph embedding model: an entity table and a relation table (row-major {@code float[]}s) and an
 * interaction function ({@link ModelKind}) that scores a triple; higher is more plausible.
 *
 * <ul>
 *   <li>TransE (Bordes et al. 2013): {@code s = -||h + r - t||_p}, p = 1 or 2; entity and relation rows of
 *       {@code dim} reals.</li>
 *   <li>DistMult (Yang et al. 2015): {@code s = sum_k h_k r_k t_k}.</li>
 *   <li>ComplEx (Trouillon et al. 2016): {@code s = Re(sum_k h_k r_k conj(t_k))}; rows of {@code 2*rank} floats,
 *       real parts then imaginary parts ({@code dim = 2*rank}).</li>
 *   <li>RotatE (Sun et al. 2019): {@code s = -sum_k |h_k e^{i theta_k} - t_k|}; entity rows of {@code 2*rank}
 *       floats as for ComplEx, relation rows of {@code rank} phases.</li>
 * </ul>
 *
 * The margin {@code gamma} of TransE and RotatE lives in the loss, not in the score. {@link #gradient} adds the
 * exact partial derivatives of {@code coeff * s} (derived by hand; checked against finite differences in the tests).
 * At a zero distance (TransE L2, RotatE) the subgradient 0 is used.
 *
 * <p>Scoring is thread-safe; training threads write rows without locks (Hogwild), which is what
 * {@code org.rhizome.gnn.training} does.
 */
public final class KgeModel implements DotProductScorer {
    private final ModelKind kind;
    private final int entityCount;
    private final int relationCount;
    private final int dim;
    private final float[] ent;
    private final float[] rel;
    private final Kernels kernels;
    private float phaseScale = 1f;

    /**
     * @param kind          the interaction
     * @param entityCount   entities
     * @param relationCount relations (reciprocals included if used)
     * @param dim           floats per entity row (for ComplEx and RotatE: twice the complex rank)
     * @param ent           the entity table, {@code entityCount * dim} floats (used, not copied)
     * @param rel           the relation table, {@code relationCount * kind.relationWidth(dim)} floats
     */
    public KgeModel(ModelKind kind, int entityCount, int relationCount, int dim, float[] ent, float[] rel) {
        this.kind = Objects.requireNonNull(kind, "kind");
        if (entityCount < 1 || relationCount < 1 || dim < 1) {
            throw new IllegalArgumentException("entity count, relation count and dimension must be positive");
        }
        if (kind.isComplex() && dim % 2 != 0) {
            throw new IllegalArgumentException(kind + " needs an even dimension (real and imaginary halves), got "
                    + dim);
        }
        if (ent.length != (long) entityCount * dim || rel.length != (long) relationCount * kind.relationWidth(dim)) {
            throw new IllegalArgumentException("table sizes do not match the counts and dimension");
        }
        this.entityCount = entityCount;
        this.relationCount = relationCount;
        this.dim = dim;
        this.ent = ent;
        this.rel = rel;
        this.kernels = Kernels.get();
    }

    /**
     * A model with random initial tables, every float uniform in {@code [-scale, scale]}, from {@code seed}. For
     * RotatE the phase scale is set to {@code pi / scale}, so the initial phases are uniform in {@code [-pi, pi]}
     * (the RotatE reference code's parametrisation).
     */
    public static KgeModel random(ModelKind kind, int entityCount, int relationCount, int dim, float scale,
            long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] e = new float[Math.multiplyExact(entityCount, dim)];
        float[] r = new float[Math.multiplyExact(relationCount, kind.relationWidth(dim))];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
        }
        KgeModel m = new KgeModel(kind, entityCount, relationCount, dim, e, r);
        return kind == ModelKind.ROTATE ? m.withPhaseScale((float) (Math.PI / scale)) : m;
    }

    /**
     * A model with every float uniform in {@code [low, high]}, from {@code seed}; a symmetric range is
     * {@link #random(ModelKind, int, int, int, float, long)} exactly (the same draws). RotatE needs a symmetric
     * range (its phase scale is {@code pi / high}).
     *
     * @throws IllegalArgumentException if {@code low >= high}, or the range is not symmetric for RotatE
     */
    public static KgeModel random(ModelKind kind, int entityCount, int relationCount, int dim, float low, float high,
            long seed) {
        if (!(low < high)) {
            throw new IllegalArgumentException("the initialisation range needs low < high, got [" + low + ", " + high
                    + "]");
        }
        if (low == -high) {
            return random(kind, entityCount, relationCount, dim, high, seed);
        }
        if (kind == ModelKind.ROTATE) {
            throw new IllegalArgumentException("RotatE needs a symmetric initialisation range, got [" + low + ", "
                    + high + "]");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] e = new float[Math.multiplyExact(entityCount, dim)];
        float[] r = new float[Math.multiplyExact(relationCount, kind.relationWidth(dim))];
        double width = (double) high - low;
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) (low + rnd.nextDouble() * width);
        }
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (low + rnd.nextDouble() * width);
        }
        return new KgeModel(kind, entityCount, relationCount, dim, e, r);
    }

    /**
     * A model whose two tables are each drawn as PyTorch's {@code xavier_normal_} (gain 1) draws a matrix: every float
     * normal with mean 0 and standard deviation {@code sqrt(2 / (rows + floats per row))} of its own table, from
     * {@code seed}. This is LibKGE's {@code xavier_normal_} initialisation of its lookup embedders (an embedding
     * table is a {@code rows x dim} weight, fan-in {@code dim}, fan-out {@code rows}), so the entity table of a large
     * graph starts far smaller than the relation table. Not for RotatE, whose relation rows are phases.
     *
     * @throws IllegalArgumentException for RotatE
     */
    public static KgeModel xavierNormal(ModelKind kind, int entityCount, int relationCount, int dim, long seed) {
        if (kind == ModelKind.ROTATE) {
            throw new IllegalArgumentException("RotatE's relation rows are phases: initialise it uniformly");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int rw = kind.relationWidth(dim);
        float[] e = new float[Math.multiplyExact(entityCount, dim)];
        float[] r = new float[Math.multiplyExact(relationCount, rw)];
        fillNormal(e, Math.sqrt(2.0 / ((double) entityCount + dim)), rnd);
        fillNormal(r, Math.sqrt(2.0 / ((double) relationCount + rw)), rnd);
        return new KgeModel(kind, entityCount, relationCount, dim, e, r);
    }

    private static void fillNormal(float[] table, double std, SplittableRandom rnd) {
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) (rnd.nextGaussian() * std);
        }
    }

    /**
     * RotatE only: the relation rows hold {@code theta / phaseScale} (the RotatE reference code stores phases scaled
     * to the entity initialisation range, {@code phaseScale = pi / range}, which sets how far one optimiser step
     * turns a phase). Default 1: rows are the phases.
     */
    public KgeModel withPhaseScale(float scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("phase scale must be positive");
        }
        this.phaseScale = scale;
        return this;
    }

    public float phaseScale() {
        return phaseScale;
    }

    public ModelKind kind() {
        return kind;
    }

    @Override
    public int entityCount() {
        return entityCount;
    }

    public int relationCount() {
        return relationCount;
    }

    /** Floats per entity row. */
    public int dim() {
        return dim;
    }

    /** Floats per relation row. */
    public int relationWidth() {
        return kind.relationWidth(dim);
    }

    /** The entity table (live: training writes it). */
    public float[] entities() {
        return ent;
    }

    /** The relation table (live). */
    public float[] relations() {
        return rel;
    }

    /** The score of {@code (h, r, t)}. */
    public float score(int h, int r, int t) {
        int ho = h * dim;
        int to = t * dim;
        int ro = r * kind.relationWidth(dim);
        return switch (kind) {
            case TRANSE_L1 -> kernels.transE(ent, ho, rel, ro, to, dim, true);
            case TRANSE_L2 -> kernels.transE(ent, ho, rel, ro, to, dim, false);
            case DISTMULT -> kernels.distMult(ent, ho, rel, ro, to, dim);
            case COMPLEX -> kernels.complEx(ent, ho, rel, ro, to, dim / 2);
            case ROTATE -> -rotatEDistance(ho, ro, to);
        };
    }

    private float rotatEDistance(int ho, int ro, int to) {
        int n = dim / 2;
        float sum = 0;
        for (int k = 0; k < n; k++) {
            float theta = rel[ro + k] * phaseScale;
            float c = (float) Math.cos(theta);
            float s = (float) Math.sin(theta);
            float u = ent[ho + k] * c - ent[ho + n + k] * s - ent[to + k];
            float v = ent[ho + k] * s + ent[ho + n + k] * c - ent[to + n + k];
            sum += (float) Math.sqrt(u * u + v * v);
        }
        return sum;
    }

    /**
     * Adds {@code coeff * d s(h, r, t) / d theta} into the gradient rows {@code gh} (head), {@code gr} (relation)
     * and {@code gt} (tail), each starting at offset 0 ({@code dim}, {@link #relationWidth()}, {@code dim} floats).
     * When head and tail are the same entity, the caller adds both {@code gh} and {@code gt} to its row.
     */
    public void gradient(int h, int r, int t, float coeff, float[] gh, float[] gr, float[] gt) {
        gradient(h, r, t, coeff, gh, gr, gt, null, null);
    }

    /**
     * {@link #gradient(int, int, int, float, float[], float[], float[])} with, for RotatE, the cosines and sines of
     * relation {@code r}'s phases already computed ({@link #rotation}); null to compute them.
     */
    public void gradient(int h, int r, int t, float coeff, float[] gh, float[] gr, float[] gt, float[] cos,
            float[] sin) {
        gradient(h, r, t, coeff, gh, 0, gr, 0, gt, 0, cos, sin);
    }

    /**
     * {@link #gradient(int, int, int, float, float[], float[], float[], float[], float[])} added into
     * {@code gh[gho..gho + dim)}, {@code gr[gro..gro + relationWidth)} and {@code gt[gto..gto + dim)}; the arrays
     * may be the same (a trainer's gradient slab), and {@code h == t} adds both parts into one row.
     */
    public void gradient(int h, int r, int t, float coeff, float[] gh, int gho, float[] gr, int gro, float[] gt,
            int gto, float[] cos, float[] sin) {
        int ho = h * dim;
        int to = t * dim;
        int ro = r * kind.relationWidth(dim);
        switch (kind) {
            case TRANSE_L1 -> {
                for (int k = 0; k < dim; k++) {
                    float d = ent[ho + k] + rel[ro + k] - ent[to + k];
                    float g = d > 0 ? -coeff : d < 0 ? coeff : 0f; // d(-|d|)/dd = -sign(d)
                    gh[gho + k] += g;
                    gr[gro + k] += g;
                    gt[gto + k] -= g;
                }
            }
            case TRANSE_L2 -> {
                // the norm as the score computes it (a serial scalar sum here took a tenth of a per-triple step)
                double norm = -kernels.transE(ent, ho, rel, ro, to, dim, false);
                if (norm == 0) {
                    return;
                }
                float c = (float) (-coeff / norm); // d(-||d||)/dd = -d / ||d||
                kernels.transEL2Gradient(ent, ho, rel, ro, to, c, gh, gho, gr, gro, gt, gto, dim);
            }
            case DISTMULT -> {
                for (int k = 0; k < dim; k++) {
                    float hk = ent[ho + k];
                    float rk = rel[ro + k];
                    float tk = ent[to + k];
                    gh[gho + k] += coeff * rk * tk;
                    gr[gro + k] += coeff * hk * tk;
                    gt[gto + k] += coeff * hk * rk;
                }
            }
            case COMPLEX -> {
                int n = dim / 2;
                for (int k = 0; k < n; k++) {
                    float hr = ent[ho + k];
                    float hi = ent[ho + n + k];
                    float rr = rel[ro + k];
                    float ri = rel[ro + n + k];
                    float tr = ent[to + k];
                    float ti = ent[to + n + k];
                    // s = hr rr tr + hi rr ti + hr ri ti - hi ri tr
                    gh[gho + k] += coeff * (rr * tr + ri * ti);
                    gh[gho + n + k] += coeff * (rr * ti - ri * tr);
                    gr[gro + k] += coeff * (hr * tr + hi * ti);
                    gr[gro + n + k] += coeff * (hr * ti - hi * tr);
                    gt[gto + k] += coeff * (hr * rr - hi * ri);
                    gt[gto + n + k] += coeff * (hi * rr + hr * ri);
                }
            }
            case ROTATE -> {
                int n = dim / 2;
                for (int k = 0; k < n; k++) {
                    float hr = ent[ho + k];
                    float hi = ent[ho + n + k];
                    float tr = ent[to + k];
                    float ti = ent[to + n + k];
                    float c;
                    float s;
                    if (cos != null) {
                        c = cos[k];
                        s = sin[k];
                    } else {
                        float theta = rel[ro + k] * phaseScale;
                        c = (float) Math.cos(theta);
                        s = (float) Math.sin(theta);
                    }
                    float u = hr * c - hi * s - tr;
                    float v = hr * s + hi * c - ti;
                    float d = (float) Math.sqrt(u * u + v * v);
                    if (d == 0f) {
                        continue;
                    }
                    // score = -d; ds/du = -u/d, ds/dv = -v/d
                    float gu = -coeff * u / d;
                    float gv = -coeff * v / d;
                    gh[gho + k] += gu * c + gv * s;
                    gh[gho + n + k] += -gu * s + gv * c;
                    gt[gto + k] -= gu;
                    gt[gto + n + k] -= gv;
                    // du/dtheta = -hr s - hi c = -(v + ti); dv/dtheta = hr c - hi s = u + tr
                    gr[gro + k] += phaseScale * (gu * (-hr * s - hi * c) + gv * (hr * c - hi * s));
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** The cosines and sines of relation {@code r}'s phases (RotatE), into {@code cos[0..rank)} and {@code sin}. */
    public void rotation(int r, float[] cos, float[] sin) {
        int n = dim / 2;
        int ro = r * n;
        for (int k = 0; k < n; k++) {
            double theta = rel[ro + k] * phaseScale;
            cos[k] = (float) Math.cos(theta);
            sin[k] = (float) Math.sin(theta);
        }
    }

    /**
     * The query vector of {@code (h, r, ?)} (or of {@code (?, r, t)} when {@code head}) such that the score of a
     * candidate entity is {@link #scoreCandidate}{@code (q, candidate)}: {@code h + r} or {@code t - r} (TransE),
     * {@code h * r} or {@code t * r} (DistMult), the complex products (ComplEx), the rotated head or the counter-
     * rotated tail (RotatE, with {@code cos}/{@code sin} from {@link #rotation}, ignored by the other models).
     * Scoring many candidates of one query this way computes the relation's part once.
     */
    public void query(int h, int r, int t, boolean head, float[] q, float[] cos, float[] sin) {
        int fo = (head ? t : h) * dim;
        int ro = r * kind.relationWidth(dim);
        int n = dim / 2;
        switch (kind) {
            case TRANSE_L1, TRANSE_L2 -> {
                for (int k = 0; k < dim; k++) {
                    q[k] = head ? ent[fo + k] - rel[ro + k] : ent[fo + k] + rel[ro + k];
                }
            }
            case DISTMULT -> {
                for (int k = 0; k < dim; k++) {
                    q[k] = ent[fo + k] * rel[ro + k];
                }
            }
            case COMPLEX -> {
                for (int k = 0; k < n; k++) {
                    float ar = ent[fo + k];
                    float ai = ent[fo + n + k];
                    float rr = rel[ro + k];
                    float ri = rel[ro + n + k];
                    if (head) {
                        q[k] = rr * ar + ri * ai;
                        q[n + k] = rr * ai - ri * ar;
                    } else {
                        q[k] = ar * rr - ai * ri;
                        q[n + k] = ar * ri + ai * rr;
                    }
                }
            }
            case ROTATE -> {
                for (int k = 0; k < n; k++) {
                    float ar = ent[fo + k];
                    float ai = ent[fo + n + k];
                    if (head) {
                        q[k] = ar * cos[k] + ai * sin[k];
                        q[n + k] = -ar * sin[k] + ai * cos[k];
                    } else {
                        q[k] = ar * cos[k] - ai * sin[k];
                        q[n + k] = ar * sin[k] + ai * cos[k];
                    }
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /**
     * The gradient of {@link #scoreCandidate}{@code (q, e)} for one candidate entity {@code e}, scaled by
     * {@code coeff}: adds {@code coeff * ds/dq} into {@code dq[0..dim)} and {@code coeff * ds/de} into
     * {@code ge[geo..geo + dim)}. With {@link #queryBackward} this gives the gradient of a triple's score through its
     * query: a positive and its negatives share the query, so their query gradients are summed first and carried back
     * to the anchor entity and the relation once ({@link #gradient} does it per triple). Equal to {@link #gradient} up
     * to rounding (tested).
     */
    public void candidateGradient(float[] q, int e, float coeff, float[] dq, float[] ge, int geo) {
        int eo = e * dim;
        switch (kind) {
            case DISTMULT, COMPLEX -> { // s = q . e
                kernels.axpy(coeff, ent, eo, dq, 0, dim);
                kernels.axpy(coeff, q, 0, ge, geo, dim);
            }
            case TRANSE_L1 -> kernels.l1Gradient(coeff, q, ent, eo, dq, ge, geo, dim); // s = -sum |q - e|
            case TRANSE_L2 -> { // s = -||q - e||
                float sq = kernels.l2DistanceSquared(q, 0, ent, eo, dim);
                if (sq == 0f) {
                    return;
                }
                kernels.l2Gradient((float) (coeff / Math.sqrt(sq)), q, ent, eo, dq, ge, geo, dim);
            }
            // s = -sum_k |q_k - e_k|, complex coordinates
            case ROTATE -> kernels.complexModulusGradient(coeff, q, ent, eo, dq, ge, geo, dim / 2);
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /**
     * Carries a gradient {@code dq} with respect to the query of {@link #query}{@code (h, r, t, head)} back to the
     * query's anchor entity (the tail when {@code head}, else the head), added into {@code ga[gao..gao + dim)}, and to
     * the relation, added into {@code gr[gro..gro + relationWidth)}. {@code cos}/{@code sin} are the relation's
     * rotation for RotatE ({@link #rotation}), unused otherwise.
     */
    public void queryBackward(int h, int r, int t, boolean head, float[] dq, float[] ga, int gao, float[] gr, int gro,
            float[] cos, float[] sin) {
        int ao = (head ? t : h) * dim;
        int ro = r * kind.relationWidth(dim);
        int n = dim / 2;
        switch (kind) {
            case TRANSE_L1, TRANSE_L2 -> { // q = a + r (tail query) or a - r (head query)
                kernels.axpy(1f, dq, 0, ga, gao, dim);
                kernels.axpy(head ? -1f : 1f, dq, 0, gr, gro, dim);
            }
            case DISTMULT -> { // q = a * r
                for (int k = 0; k < dim; k++) {
                    ga[gao + k] += dq[k] * rel[ro + k];
                    gr[gro + k] += dq[k] * ent[ao + k];
                }
            }
            case COMPLEX -> {
                for (int k = 0; k < n; k++) {
                    float ar = ent[ao + k];
                    float ai = ent[ao + n + k];
                    float rr = rel[ro + k];
                    float ri = rel[ro + n + k];
                    float qr = dq[k];
                    float qi = dq[n + k];
                    if (head) { // head query: re = rr ar + ri ai, im = rr ai - ri ar
                        ga[gao + k] += qr * rr - qi * ri;
                        ga[gao + n + k] += qr * ri + qi * rr;
                        gr[gro + k] += qr * ar + qi * ai;
                        gr[gro + n + k] += qr * ai - qi * ar;
                    } else { // q = a r: re = ar rr - ai ri, im = ar ri + ai rr
                        ga[gao + k] += qr * rr + qi * ri;
                        ga[gao + n + k] += -qr * ri + qi * rr;
                        gr[gro + k] += qr * ar + qi * ai;
                        gr[gro + n + k] += -qr * ai + qi * ar;
                    }
                }
            }
            case ROTATE -> {
                for (int k = 0; k < n; k++) {
                    float ar = ent[ao + k];
                    float ai = ent[ao + n + k];
                    float c = cos[k];
                    float s = sin[k];
                    float qr = dq[k];
                    float qi = dq[n + k];
                    if (head) { // q = a rotated by -theta: re = ar c + ai s, im = -ar s + ai c
                        ga[gao + k] += qr * c - qi * s;
                        ga[gao + n + k] += qr * s + qi * c;
                        gr[gro + k] += phaseScale * (qr * (-ar * s + ai * c) + qi * (-ar * c - ai * s));
                    } else { // q = a rotated by theta: re = ar c - ai s, im = ar s + ai c
                        ga[gao + k] += qr * c + qi * s;
                        ga[gao + n + k] += -qr * s + qi * c;
                        gr[gro + k] += phaseScale * (qr * (-ar * s - ai * c) + qi * (ar * c - ai * s));
                    }
                }
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /** The score of candidate entity {@code e} for the query vector {@code q} ({@link #query}). */
    public float scoreCandidate(float[] q, int e) {
        int eo = e * dim;
        return switch (kind) {
            case TRANSE_L1 -> -kernels.l1Distance(q, 0, ent, eo, dim);
            case TRANSE_L2 -> (float) -Math.sqrt(kernels.l2DistanceSquared(q, 0, ent, eo, dim));
            case DISTMULT, COMPLEX -> kernels.dot(q, 0, ent, eo, dim);
            case ROTATE -> -kernels.complexModulusDistance(q, 0, ent, eo, dim / 2);
        };
    }

    /** DistMult and ComplEx: a candidate's score is the dot product of the query vector with its row. */
    @Override
    public boolean dotProducts() {
        return kind == ModelKind.DISTMULT || kind == ModelKind.COMPLEX;
    }

    @Override
    public int vectorLength() {
        return dim;
    }

    @Override
    public float[] candidateVectors() {
        return ent;
    }

    @Override
    public void tailQuery(int head, int relation, float[] q, int off) {
        dotQuery(head, relation, 0, false, q, off);
    }

    @Override
    public void headQuery(int relation, int tail, float[] q, int off) {
        dotQuery(0, relation, tail, true, q, off);
    }

    private void dotQuery(int h, int r, int t, boolean head, float[] q, int off) {
        if (!dotProducts() && !complexModuli()) {
            throw new UnsupportedOperationException(kind + " scores are neither dot products nor complex moduli");
        }
        System.arraycopy(queryVector(h, r, t, head), 0, q, off, dim);
    }

    /** {@link #query} into a new array, with RotatE's rotation of {@code r} computed first. */
    private float[] queryVector(int h, int r, int t, boolean head) {
        float[] q = new float[dim];
        float[] cos = null;
        float[] sin = null;
        if (kind == ModelKind.ROTATE) {
            cos = new float[dim / 2];
            sin = new float[dim / 2];
            rotation(r, cos, sin);
        }
        query(h, r, t, head, q, cos, sin);
        return q;
    }

    /** RotatE: a candidate's score is minus the complex-modulus distance of its row to the query vector. */
    @Override
    public boolean complexModuli() {
        return kind == ModelKind.ROTATE;
    }

    @Override
    public void scoreTails(int h, int r, float[] out) {
        scoreAll(h, r, 0, false, out);
    }

    @Override
    public void scoreHeads(int r, int t, float[] out) {
        scoreAll(0, r, t, true, out);
    }

    /** Every entity as the tail of {@code (h, r, ?)} (or head of {@code (?, r, t)}): the query vector, one kernel. */
    private void scoreAll(int h, int r, int t, boolean head, float[] out) {
        float[] q = queryVector(h, r, t, head);
        switch (kind) {
            case TRANSE_L1 -> distanceAll(q, out, true);
            case TRANSE_L2 -> distanceAll(q, out, false);
            case DISTMULT, COMPLEX -> kernels.dotAll(q, ent, entityCount, dim, out);
            case ROTATE -> {
                kernels.complexModulusDistanceAll(q, ent, entityCount, dim / 2, out);
                negate(out);
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private void distanceAll(float[] q, float[] out, boolean l1) {
        if (l1) {
            kernels.l1DistanceAll(q, ent, entityCount, dim, out);
        } else {
            kernels.l2DistanceAll(q, ent, entityCount, dim, out);
        }
        negate(out);
    }

    private void negate(float[] out) {
        for (int e = 0; e < entityCount; e++) {
            out[e] = -out[e];
        }
    }
}
