package org.rhizome.gnn.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KgeModelTest {
    /** Central finite differences in double precision of the score, against the hand-derived gradient. */
    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void gradientsMatchFiniteDifferences(ModelKind kind) {
        int dim = 8;
        KgeModel m = KgeModel.random(kind, 5, 3, dim, 0.8f, 7);
        int h = 1;
        int r = 2;
        int t = 3;
        float[] gh = new float[dim];
        float[] gr = new float[m.relationWidth()];
        float[] gt = new float[dim];
        float coeff = 1.7f;
        m.gradient(h, r, t, coeff, gh, gr, gt);
        float eps = 1e-3f;
        for (int k = 0; k < dim; k++) {
            assertThat(gh[k]).as(kind + " head " + k).isCloseTo(coeff * numeric(m, m.entities(), h * dim + k, h, r, t,
                    eps), within(2e-2f));
            assertThat(gt[k]).as(kind + " tail " + k).isCloseTo(coeff * numeric(m, m.entities(), t * dim + k, h, r, t,
                    eps), within(2e-2f));
        }
        for (int k = 0; k < m.relationWidth(); k++) {
            assertThat(gr[k]).as(kind + " relation " + k).isCloseTo(coeff * numeric(m, m.relations(),
                    r * m.relationWidth() + k, h, r, t, eps), within(2e-2f));
        }
    }

    private static float numeric(KgeModel m, float[] table, int i, int h, int r, int t, float eps) {
        float x = table[i];
        table[i] = x + eps;
        double plus = m.score(h, r, t);
        table[i] = x - eps;
        double minus = m.score(h, r, t);
        table[i] = x;
        return (float) ((plus - minus) / (2 * eps));
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void scoringAllEntitiesAgreesWithScoringEachTriple(ModelKind kind) {
        KgeModel m = KgeModel.random(kind, 37, 4, 10, 0.5f, 11);
        float[] tails = new float[37];
        float[] heads = new float[37];
        m.scoreTails(5, 2, tails);
        m.scoreHeads(2, 9, heads);
        for (int e = 0; e < 37; e++) {
            assertThat(tails[e]).isCloseTo(m.score(5, 2, e), within(1e-4f));
            assertThat(heads[e]).isCloseTo(m.score(e, 2, 9), within(1e-4f));
        }
    }

    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void queryVectorsScoreCandidatesLikeWholeTriples(ModelKind kind) {
        KgeModel m = KgeModel.random(kind, 12, 3, 10, 0.7f, 19);
        float[] q = new float[10];
        float[] cos = new float[5];
        float[] sin = new float[5];
        m.rotation(1, cos, sin);
        for (boolean head : new boolean[] {false, true}) {
            m.query(4, 1, 7, head, q, cos, sin);
            for (int e = 0; e < 12; e++) {
                float whole = head ? m.score(e, 1, 7) : m.score(4, 1, e);
                assertThat(m.scoreCandidate(q, e)).as(kind + (head ? " head " : " tail ") + e)
                        .isCloseTo(whole, within(1e-4f));
            }
        }
        // and the gradient with precomputed rotations equals the one computing them
        float[] a = new float[10];
        float[] b = new float[m.relationWidth()];
        float[] c = new float[10];
        float[] a2 = new float[10];
        float[] b2 = new float[m.relationWidth()];
        float[] c2 = new float[10];
        m.gradient(4, 1, 7, 0.9f, a, b, c);
        m.gradient(4, 1, 7, 0.9f, a2, b2, c2, cos, sin);
        for (int k = 0; k < 10; k++) {
            assertThat(a2[k]).isCloseTo(a[k], within(1e-5f));
            assertThat(c2[k]).isCloseTo(c[k], within(1e-5f));
        }
        for (int k = 0; k < b.length; k++) {
            assertThat(b2[k]).isCloseTo(b[k], within(1e-5f));
        }
    }

    /**
     * The trainer's factored gradient (each candidate's part through the shared query, then the query's gradient
     * carried back once) against the per-triple gradient, itself checked by finite differences above.
     */
    @ParameterizedTest
    @EnumSource(ModelKind.class)
    void gradientThroughTheQueryEqualsThePerTripleGradient(ModelKind kind) {
        int dim = 10;
        KgeModel m = KgeModel.random(kind, 12, 3, dim, 0.7f, 23);
        int rw = m.relationWidth();
        float[] q = new float[dim];
        float[] cos = new float[dim / 2];
        float[] sin = new float[dim / 2];
        m.rotation(2, cos, sin);
        int h = 4;
        int t = 7;
        int[] candidates = {7, 4, 0, 11, 3};
        float[] coeffs = {-0.8f, 0.3f, 0.25f, 0.11f, 0.05f};
        for (boolean head : new boolean[] {false, true}) {
            // expected: sum over candidates of coeff * grad s(triple with the candidate in the corrupted slot)
            float[] expEnt = new float[12 * dim];
            float[] expRel = new float[3 * rw];
            float[] gh = new float[dim];
            float[] gr = new float[rw];
            float[] gt = new float[dim];
            for (int c = 0; c < candidates.length; c++) {
                java.util.Arrays.fill(gh, 0f);
                java.util.Arrays.fill(gr, 0f);
                java.util.Arrays.fill(gt, 0f);
                int hh = head ? candidates[c] : h;
                int tt = head ? t : candidates[c];
                m.gradient(hh, 2, tt, coeffs[c], gh, gr, gt);
                for (int k = 0; k < dim; k++) {
                    expEnt[hh * dim + k] += gh[k];
                    expEnt[tt * dim + k] += gt[k];
                }
                for (int k = 0; k < rw; k++) {
                    expRel[2 * rw + k] += gr[k];
                }
            }
            float[] gotEnt = new float[12 * dim];
            float[] gotRel = new float[3 * rw];
            float[] dq = new float[dim];
            m.query(h, 2, t, head, q, cos, sin);
            for (int c = 0; c < candidates.length; c++) {
                m.candidateGradient(q, candidates[c], coeffs[c], dq, gotEnt, candidates[c] * dim);
            }
            m.queryBackward(h, 2, t, head, dq, gotEnt, (head ? t : h) * dim, gotRel, 2 * rw, cos, sin);
            for (int i = 0; i < expEnt.length; i++) {
                assertThat(gotEnt[i]).as(kind + (head ? " head " : " tail ") + "entity float " + i)
                        .isCloseTo(expEnt[i], within(1e-5f));
            }
            for (int i = 0; i < expRel.length; i++) {
                assertThat(gotRel[i]).as(kind + (head ? " head " : " tail ") + "relation float " + i)
                        .isCloseTo(expRel[i], within(1e-5f));
            }
        }
    }

    @Test
    void handComputedScores() {
        // TransE L1 and L2 on 2-d rows: h = (1, 2), r = (0.5, -1), t = (2, 0): h + r - t = (-0.5, 1)
        float[] ent = {1, 2, 2, 0};
        float[] rel = {0.5f, -1};
        assertThat(new KgeModel(ModelKind.TRANSE_L1, 2, 1, 2, ent, rel).score(0, 0, 1)).isCloseTo(-1.5f,
                within(1e-6f));
        assertThat(new KgeModel(ModelKind.TRANSE_L2, 2, 1, 2, ent, rel).score(0, 0, 1)).isCloseTo(
                (float) -Math.sqrt(1.25), within(1e-6f));
        // DistMult: 1*0.5*2 + 2*(-1)*0 = 1
        assertThat(new KgeModel(ModelKind.DISTMULT, 2, 1, 2, ent, rel).score(0, 0, 1)).isCloseTo(1f, within(1e-6f));
        // ComplEx rank 1: h = 1 + 2i, r = 0.5 - i, t = 2 + 0i: Re(h r conj t) = Re((1+2i)(0.5-i)) * 2 = (0.5+2)*2 = 5
        assertThat(new KgeModel(ModelKind.COMPLEX, 2, 1, 2, ent, rel).score(0, 0, 1)).isCloseTo(5f, within(1e-5f));
        // RotatE rank 1: h = 1 + 0i rotated by pi/2 is i; t = 0 + 1i: distance 0; t = 1 + 0i: distance sqrt 2
        float[] ent2 = {1, 0, 0, 1, 1, 0};
        float[] phase = {(float) (Math.PI / 2)};
        KgeModel rot = new KgeModel(ModelKind.ROTATE, 3, 1, 2, ent2, phase);
        assertThat(rot.score(0, 0, 1)).isCloseTo(0f, within(1e-6f));
        assertThat(rot.score(0, 0, 2)).isCloseTo((float) -Math.sqrt(2), within(1e-6f));
    }

    @Test
    void distMultCannotTellARelationFromItsInverse() {
        KgeModel m = KgeModel.random(ModelKind.DISTMULT, 10, 2, 16, 1f, 3);
        for (int a = 0; a < 10; a++) {
            for (int b = 0; b < 10; b++) {
                // equal up to float rounding (the kernel multiplies in another order)
                assertThat(m.score(a, 1, b)).isCloseTo(m.score(b, 1, a), within(1e-6f));
            }
        }
    }
}
