package org.rhizome.gnn.epignn;

import java.util.List;

import org.rhizome.gnn.reasoning.ReasoningExample;
import org.rhizome.gnn.tensor.Ops;
import org.rhizome.gnn.tensor.Tensor;

/**
 * EpiGNNs trained alike from different seeds, answering together: a class's score is the sum of the members' scores.
 * The scores of both margin objectives are log-likelihood-like (minus a cross-entropy), so the sum ranks classes by
 * the product of the members' likelihoods; for the log-cosine objective it multiplies the cosines.
 *
 * <p>This is not part of EpiGNN as the paper defines it, which trains one model. It is here because on CLUTRR's
 * {@code data_089907f8} split (training chains of 2 and 3 edges) seeds that reach the same hold-out accuracy
 * generalise very differently to long chains, and the members' long-chain errors mostly differ
 * ({@code benchmarks/README.md}, "EpiGNN"); the sum cancels much of that spread at the cost of one training run per
 * member.
 */
public final class EpiGnnEnsemble implements RelationScorer {
    private final List<EpiGnn> members;

    /** Members with the same relation labels and the same configuration except the seed. */
    public EpiGnnEnsemble(List<EpiGnn> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one model");
        }
        EpiGnn first = members.get(0);
        for (EpiGnn m : members) {
            if (m.relations() != first.relations()) {
                throw new IllegalArgumentException("ensemble members know " + first.relations() + " and "
                        + m.relations() + " relation labels");
            }
            if (!m.config().withSeed(0).equals(first.config().withSeed(0))) {
                throw new IllegalArgumentException("ensemble members differ in more than their seed: "
                        + first.config() + " and " + m.config());
            }
        }
        this.members = List.copyOf(members);
    }

    /** One model on its own. */
    public static EpiGnnEnsemble of(EpiGnn model) {
        return new EpiGnnEnsemble(List.of(model));
    }

    public List<EpiGnn> members() {
        return members;
    }

    /** The members' shared configuration, with the first member's seed. */
    public EpiGnnConfig config() {
        return members.get(0).config();
    }

    @Override
    public int relations() {
        return members.get(0).relations();
    }

    @Override
    public Tensor score(List<ReasoningExample> examples) {
        return Tensor.noGrad(() -> {
            Tensor sum = members.get(0).score(examples);
            for (int i = 1; i < members.size(); i++) {
                sum = Ops.add(sum, members.get(i).score(examples));
            }
            return sum;
        });
    }
}
