/**
 * Benchmarks of the agent's growth loop against the scripted OpenAI-compatible server: the loop's own cost per
 * iteration at several graph sizes, and the throughput of parallel branches against a slow server
 * ({@link org.rhizome.benchmarks.agent.GrowthLoopBenchmark}, run by {@code benchmarks/run-growth-bench.sh}).
 */
package org.rhizome.benchmarks.agent;
