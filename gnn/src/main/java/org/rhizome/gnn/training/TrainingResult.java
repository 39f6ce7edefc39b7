package org.rhizome.gnn.training;

import org.rhizome.gnn.model.KgeModel;

/**
 * A trained model and what training cost.
 *
 * @param model                 the model
 * @param config                the configuration it was trained with
 * @param seconds               wall time of the training steps
 * @param scoredTriplesPerSecond (positives + negatives) scored per second:
 *                              {@code steps * batch * (negatives + 1) / seconds}
 * @param finalLoss             the loss of the last step
 */
public record TrainingResult(KgeModel model, TrainingConfig config, double seconds, double scoredTriplesPerSecond,
        double finalLoss) {}
