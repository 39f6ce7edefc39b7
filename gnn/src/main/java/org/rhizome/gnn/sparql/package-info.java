/**
 * Link prediction in SPARQL: {@code rzf:predictTails} and {@code rzf:predictHeads}, answered by a trained model
 * attached to the queried dataset ({@link org.rhizome.gnn.sparql.PredictionFunctions}).
 */
package org.rhizome.gnn.sparql;
