package org.rhizome.retrieval.resolution;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Fits a {@link ResolutionPolicy} to labelled examples: the weights of its logistic model by L2-regularised logistic
 * regression over (new label, candidate) pairs, then the merge and review thresholds as the lowest scores that keep
 * the precision of the decisions at or above a target. Users can calibrate the resolver on labelled pairs of their
 * own domain with it; the defaults were made this way on the project's {@link VariantSet} tuning half.
 *
 * <p>Method: full-batch gradient descent on the mean log-loss plus {@code lambda/2 |w|^2} (the bias is not
 * penalised), a fixed step and iteration count, starting from zero: deterministic. Cost O(iterations * pairs *
 * features).
 */
public final class PolicyCalibration {
    private PolicyCalibration() {
    }

    /**
     * One labelled query: the candidates the resolver found (with features) and the IRI it should merge into, or
     * empty when it names no existing concept.
     */
    public record Example(List<Candidate> candidates, Optional<String> expected) {
        public Example {
            candidates = List.copyOf(candidates);
            Objects.requireNonNull(expected, "expected");
        }
    }

    /** The fitted model: weights and bias. */
    public record Model(double[] weights, double bias, double finalLoss) {
    }

    /**
     * Fits the logistic model to every (example, candidate) pair, labelled 1 when the candidate is the expected
     * concept.
     */
    public static Model fit(List<Example> examples, double lambda, int iterations, double step) {
        List<double[]> xs = new ArrayList<>();
        List<Integer> ys = new ArrayList<>();
        for (Example e : examples) {
            for (Candidate c : e.candidates()) {
                xs.add(c.features().vector());
                ys.add(e.expected().isPresent() && e.expected().get().equals(c.iri()) ? 1 : 0);
            }
        }
        if (xs.isEmpty()) {
            throw new IllegalArgumentException("no candidate pairs to fit");
        }
        int d = CandidateFeatures.SIZE;
        double[] w = new double[d];
        double b = 0;
        int n = xs.size();
        double loss = 0;
        for (int it = 0; it < iterations; it++) {
            double[] gw = new double[d];
            double gb = 0;
            loss = 0;
            for (int i = 0; i < n; i++) {
                double[] x = xs.get(i);
                double z = b;
                for (int j = 0; j < d; j++) {
                    z += w[j] * x[j];
                }
                double p = 1 / (1 + Math.exp(-z));
                int y = ys.get(i);
                loss += -(y == 1 ? Math.log(Math.max(p, 1e-15)) : Math.log(Math.max(1 - p, 1e-15)));
                double g = p - y;
                for (int j = 0; j < d; j++) {
                    gw[j] += g * x[j];
                }
                gb += g;
            }
            for (int j = 0; j < d; j++) {
                w[j] -= step * (gw[j] / n + lambda * w[j]);
            }
            b -= step * gb / n;
        }
        return new Model(w, b, loss / n);
    }

    /**
     * The lowest threshold in steps of 0.01 at which automatic decisions with this policy's model (and margin) keep
     * precision >= {@code targetPrecision} on the examples, or 0.99 if none does. Decisions with a score at or above
     * the threshold count as merges into the best candidate.
     */
    public static double threshold(List<Example> examples, ResolutionPolicy policy, double targetPrecision) {
        for (int t = 1; t <= 99; t++) {
            double th = t / 100.0;
            int tp = 0;
            int merged = 0;
            for (Example e : examples) {
                List<Candidate> rescored = rescore(e.candidates(), policy);
                if (rescored.isEmpty()) {
                    continue;
                }
                Candidate best = rescored.get(0);
                double second = rescored.size() > 1 ? rescored.get(1).logit() : Double.NEGATIVE_INFINITY;
                if (policy.withThresholds(th, Math.min(th, policy.reviewThreshold())).mayMerge(best, second)) {
                    merged++;
                    if (e.expected().isPresent() && e.expected().get().equals(best.iri())) {
                        tp++;
                    }
                }
            }
            if (merged > 0 && (double) tp / merged >= targetPrecision) {
                return th;
            }
        }
        return 0.99;
    }

    /**
     * Counts of the review band [t, merge) (plus the merges refused for want of margin): how many best candidates
     * fall in it, and how many of those are the expected concept.
     */
    public record Band(double threshold, int proposed, int right) {
        /** Share of right proposals (1 when there are none). */
        public double precision() {
            return proposed == 0 ? 1 : (double) right / proposed;
        }
    }

    /** The review band of threshold t under {@code policy} on the examples. */
    public static Band band(List<Example> examples, ResolutionPolicy policy, double t) {
        int right = 0;
        int proposed = 0;
        for (Example e : examples) {
            List<Candidate> rescored = rescore(e.candidates(), policy);
            if (rescored.isEmpty()) {
                continue;
            }
            Candidate top = rescored.get(0);
            double second = rescored.size() > 1 ? rescored.get(1).logit() : Double.NEGATIVE_INFINITY;
            boolean merged = policy.mayMerge(top, second);
            if (!merged && top.score() >= t) {
                proposed++;
                if (e.expected().isPresent() && e.expected().get().equals(top.iri())) {
                    right++;
                }
            }
        }
        return new Band(t, proposed, right);
    }

    /**
     * The review threshold below the policy's merge threshold: the lowest score t (steps of 0.01) whose review band
     * ({@link #band}) keeps at least {@code targetPrecision} of its proposals right, scanning down from the merge
     * threshold and stopping at the first t that falls short.
     */
    public static double reviewThreshold(List<Example> examples, ResolutionPolicy policy, double targetPrecision) {
        double best = policy.mergeThreshold();
        for (int t = (int) Math.floor(policy.mergeThreshold() * 100); t >= 1; t--) {
            Band b = band(examples, policy, t / 100.0);
            if (b.precision() < targetPrecision) {
                break;
            }
            best = t / 100.0;
        }
        return best;
    }

    /** The candidates scored by {@code policy}, best first. */
    public static List<Candidate> rescore(List<Candidate> candidates, ResolutionPolicy policy) {
        List<Candidate> out = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            out.add(policy.scored(c.iri(), c.label(), c.features()));
        }
        out.sort(java.util.Comparator.comparingDouble((Candidate c) -> -c.logit()).thenComparing(Candidate::iri));
        return out;
    }
}
