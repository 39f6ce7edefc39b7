/**
 * Benchmarks: the side-by-side harness comparing Rhizome with reference tools run from the same jars on the same
 * machine ({@link org.rhizome.benchmarks.ImportBenchmark}), and JMH benchmarks. Never part of {@code mvn verify}'s
 * pass/fail; results are recorded in {@code benchmarks/README.md}.
 */
package org.rhizome.benchmarks;
