#!/usr/bin/env bash
# Builds the benchmarks module (offline, tests skipped) under the build lock and copies its classes and jars to
# WORK/cp/classes and WORK/cp/lib, so that a later build cannot change what a long benchmark run executes.
# Run from the repository root:  benchmarks/build-bench-classpath.sh WORK
set -euo pipefail
WORK=$1
flock /tmp/rhizome-mvn.lock bash -c '
  set -euo pipefail
  mvn -B -o -q -pl benchmarks -am install -DskipTests
  rm -rf "$1/cp" && mkdir -p "$1/cp/lib"
  cp -r benchmarks/target/classes "$1/cp/classes"
  # the classpath file has no final newline: read its last entry too
  tr ":" "\n" < benchmarks/target/bench.classpath | while read -r jar || [ -n "$jar" ]; do cp "$jar" "$1/cp/lib/"; done
' _ "$WORK"
