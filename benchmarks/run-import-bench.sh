#!/usr/bin/env bash
# Side-by-side import benchmark: Rhizome's importer vs Jena's tdb2.tdbloader (same jars, same machine, same input),
# then the snapshot build. Each run is a fresh JVM and a fresh TDB2 directory; times are medians of RUNS runs.
# Usage: benchmarks/run-import-bench.sh [RUNS=3] [GENERATED_TRIPLES=5000000] [DATASETS=../shared/datasets] [TOOLS]
# TOOLS: comma-separated subset of rhizome,tdbloader,tdbloader-graph,snapshot (default: all).
# FB15k-237 is read from DATASETS when present and skipped otherwise. Work files go to ${WORK:-/tmp/rhizome-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
GEN=${2:-5000000}
DATASETS=${3:-../shared/datasets}
mvn -B -q -DskipTests -pl benchmarks -am package
java -Xmx2g -cp "benchmarks/target/classes:$(cat benchmarks/target/bench.classpath)" \
  org.rhizome.benchmarks.ImportBenchmark "${WORK:-/tmp/rhizome-bench}" "$RUNS" "$GEN" "$DATASETS" ${4:-rhizome,tdbloader,tdbloader-graph,snapshot}
