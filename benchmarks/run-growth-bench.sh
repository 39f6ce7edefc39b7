#!/usr/bin/env bash
# Growth loop benchmark (GrowthLoopBenchmark): the loop's own cost per iteration at 10^3, 10^4 and 10^5 concepts
# against the scripted OpenAI-compatible server answering at once, and the throughput of 8 parallel branches against
# the same server answering after 500 ms. One JVM; the stores live in a temporary directory, deleted at the end.
#
# Usage: benchmarks/run-growth-bench.sh [key=value ...]   (passed to GrowthLoopBenchmark; see its javadoc)
#   e.g. sizes=1e3,1e4 reps=1   or   minilmMax=0 (no MiniLM series)
# Environment: JAVA_OPTS [--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g],
#   WORK [/tmp/rhizome-growth-bench]: the copied classpath and the log; SKIP_BUILD=1 reuses $WORK/cp.
# The build and the measurement each hold /tmp/rhizome-mvn.lock (no Maven build runs while measuring).
# Default run: about 10-15 minutes on the project's 2-vCPU machine.
set -euo pipefail
cd "$(dirname "$0")/.."
WORK=${WORK:-/tmp/rhizome-growth-bench}
JAVA_OPTS=${JAVA_OPTS:---add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g}
LOCK=/tmp/rhizome-mvn.lock
mkdir -p "$WORK"

# Build once and copy the classes and jars aside, so a later build by someone else cannot change what runs.
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  benchmarks/build-bench-classpath.sh "$WORK"
fi
BUILT="commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- agent graph-store retrieval embeddings benchmarks \
  || echo ' + uncommitted changes')"
LOG="$WORK/growth-$(date +%Y%m%d-%H%M%S).txt"
echo "built $BUILT; $(nproc) CPUs; $(java -version 2>&1 | head -1); $(date '+%Y-%m-%d %H:%M'); log $LOG" | tee "$LOG"
# shellcheck disable=SC2086
flock "$LOCK" java $JAVA_OPTS -cp "$WORK/cp/classes:$WORK/cp/lib/*" org.rhizome.benchmarks.agent.GrowthLoopBenchmark \
  "$@" 2>"$WORK/stderr.txt" | tee -a "$LOG"
