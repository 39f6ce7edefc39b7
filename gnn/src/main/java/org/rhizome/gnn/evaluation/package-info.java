/**
 * Filtered rank evaluation of link prediction: a model answers head and tail queries through
 * {@link org.rhizome.gnn.evaluation.LinkScorer}; {@link org.rhizome.gnn.evaluation.RankEvaluator} ranks the true
 * entity among all candidates minus the other known answers, with optimistic, pessimistic and realistic tie
 * handling, and reports MRR, mean rank and Hits@1/3/10 per side and per relation
 * ({@link org.rhizome.gnn.evaluation.EvaluationResult}), or hands back every query's ranks for per-entity analyses
 * ({@link org.rhizome.gnn.evaluation.QueryRanks}).
 */
package org.rhizome.gnn.evaluation;
