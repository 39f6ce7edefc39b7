package org.rhizome.retrieval.resolution;

import java.util.Arrays;

/**
 * How the resolver turns features into a decision: a logistic model {@code score = 1 / (1 + exp(-(w . f + b)))}
 * over {@link CandidateFeatures#vector()}, then thresholds. The best candidate is merged when its score reaches
 * {@code mergeThreshold} and its log-odds beat the runner-up's by at least {@code margin} (otherwise a homonym pair
 * such as the two senses of "Python" would be settled by a coin flip; the margin is on the log-odds scale because
 * both senses may score 0.999...); it goes to review when its score reaches {@code reviewThreshold}; otherwise the
 * label is a new concept. One rule is not learnt: a candidate whose parenthetical qualifier contradicts the new
 * label's ("Trojan Horse (mythology)" vs "Trojan horse (computing)") is never merged automatically, at most
 * reviewed, because qualifiers exist precisely to tell such senses apart.
 *
 * @param weights          one weight per feature, in {@link CandidateFeatures#NAMES} order
 * @param bias             the model's intercept
 * @param mergeThreshold   score at or above which the best candidate is merged (given the margin)
 * @param reviewThreshold  score at or above which the best candidate is proposed for review
 * @param margin           minimum log-odds lead of the best candidate over the runner-up for a merge
 * @param candidatesPerList how many candidates each retrieval list (keys, BM25 with fuzzy terms, kNN) contributes
 */
public record ResolutionPolicy(double[] weights, double bias, double mergeThreshold, double reviewThreshold,
        double margin, int candidatesPerList) {

    public ResolutionPolicy {
        if (weights.length != CandidateFeatures.SIZE) {
            throw new IllegalArgumentException("need " + CandidateFeatures.SIZE + " weights, got " + weights.length);
        }
        weights = weights.clone();
        if (!(mergeThreshold > 0 && mergeThreshold <= 1) || !(reviewThreshold > 0 && reviewThreshold <= mergeThreshold)) {
            throw new IllegalArgumentException("thresholds must satisfy 0 < review (" + reviewThreshold
                    + ") <= merge (" + mergeThreshold + ") <= 1");
        }
        if (!(margin >= 0)) {
            throw new IllegalArgumentException("margin must be >= 0, got " + margin);
        }
        if (candidatesPerList < 1) {
            throw new IllegalArgumentException("candidatesPerList must be >= 1, got " + candidatesPerList);
        }
    }

    /**
     * The defaults, measured on the project's labelled name-variant set (see {@code benchmarks/README.md}, "Entity
     * resolution"): weights fitted by L2-regularised logistic regression on its tuning half, merge threshold the
     * lowest that kept precision at or above 0.95 on the tuning half, review threshold the lowest at which at least
     * 0.80 of the proposals in the review band were right on the tuning half; the margin is fixed at 1 (the best
     * candidate's odds at least e times the runner-up's), not fitted. On the held-out half: precision 0.983, recall
     * 0.677 (exact-key matching alone: 1.000, 0.246). Reproduce with {@code ResolutionBenchmark} in
     * {@code benchmarks/}.
     */
    public static ResolutionPolicy defaults() {
        return DEFAULTS;
    }

    private static final ResolutionPolicy DEFAULTS = new ResolutionPolicy(
            // fitted by ResolutionBenchmark on the tuning half (lambda 1e-3, 20000 steps of 1.0), rounded
            new double[] {-0.201, 0.319, 1.441, 0.786, 0.769, 1.388, 2.876, -0.566, -1.201, -2.379, -0.129}, -4.025,
            0.47, 0.33, 1.0, 20);

    /** The score of a feature vector, in [0, 1]. */
    public double score(CandidateFeatures f) {
        return 1.0 / (1.0 + Math.exp(-logit(f)));
    }

    /** The log-odds of a feature vector: {@code w . f + b}. */
    public double logit(CandidateFeatures f) {
        double[] x = f.vector();
        double z = bias;
        for (int i = 0; i < x.length; i++) {
            z += weights[i] * x[i];
        }
        return z;
    }

    /** The candidate with this policy's score. */
    public Candidate scored(String iri, String label, CandidateFeatures f) {
        double z = logit(f);
        return new Candidate(iri, label, 1.0 / (1.0 + Math.exp(-z)), z, f);
    }

    /**
     * True if {@code best} may be merged: its score reaches the merge threshold, its log-odds lead the runner-up's
     * ({@code secondLogit}, or negative infinity when there is none) by the margin, and no qualifier contradicts.
     */
    public boolean mayMerge(Candidate best, double secondLogit) {
        return best.score() >= mergeThreshold && best.logit() - secondLogit >= margin
                && best.features().qualifierConflict() == 0;
    }

    /** This policy with other thresholds. */
    public ResolutionPolicy withThresholds(double merge, double review) {
        return new ResolutionPolicy(weights, bias, merge, review, margin, candidatesPerList);
    }

    /** This policy with another margin. */
    public ResolutionPolicy withMargin(double m) {
        return new ResolutionPolicy(weights, bias, mergeThreshold, reviewThreshold, m, candidatesPerList);
    }

    /** This policy with another model. */
    public ResolutionPolicy withModel(double[] w, double b) {
        return new ResolutionPolicy(w, b, mergeThreshold, reviewThreshold, margin, candidatesPerList);
    }

    @Override
    public double[] weights() {
        return weights.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ResolutionPolicy p && Arrays.equals(weights, p.weights) && bias == p.bias
                && mergeThreshold == p.mergeThreshold && reviewThreshold == p.reviewThreshold && margin == p.margin
                && candidatesPerList == p.candidatesPerList;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(weights) * 31 + Double.hashCode(bias);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("ResolutionPolicy[");
        for (int i = 0; i < weights.length; i++) {
            sb.append(CandidateFeatures.NAMES[i]).append('=').append(String.format(java.util.Locale.ROOT, "%.3f",
                    weights[i])).append(", ");
        }
        return sb.append(String.format(java.util.Locale.ROOT, "bias=%.3f, merge>=%.3f, review>=%.3f, margin=%.3f]",
                bias, mergeThreshold, reviewThreshold, margin)).toString();
    }
}
