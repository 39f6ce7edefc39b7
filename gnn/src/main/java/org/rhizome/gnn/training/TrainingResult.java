package org.rhizome.gnn.training;

import org.rhizome.gnn.model.KgeModel;

/**
 * A trained model and what training cost.
 *
 * @param model                 the model
 * @param config                the configuration it was trained with
 * @param seconds               wall time of the training steps (of a resumed run: since it resumed)
 * @param scoredTriplesPerSecond (positives + negatives) scored per second:
 *                              {@code steps * batch * (negatives + 1) / seconds}, counting the steps this run did
 *                              (a resumed run's since it resumed)
 * @param finalLoss             the loss of the last step
 * @param stepsRun              steps run (fewer than configured when validation stopped training early)
 * @param bestValidationMrr     the best validation MRR, whose parameters the model holds; NaN without validation
 * @param bestStep              the step of that check; 0 without validation
 */
public record TrainingResult(KgeModel model, TrainingConfig config, double seconds, double scoredTriplesPerSecond,
        double finalLoss, int stepsRun, double bestValidationMrr, int bestStep) {

    /** True if validation stopped training before the configured steps. */
    public boolean stoppedEarly() {
        return stepsRun < config.steps();
    }
}
