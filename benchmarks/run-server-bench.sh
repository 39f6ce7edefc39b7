#!/usr/bin/env bash
# SPARQL endpoint load benchmark: RhizomeServer (ServerOptions.defaults(), safety on) against standalone Fuseki from
# the same jars, over copies of one TDB2 store of a generated 10^6-statement graph, driven by LoadClient over HTTP.
#
# Usage: benchmarks/run-server-bench.sh [ROUNDS=4]
# Environment (defaults in brackets):
#   CLIENTS ["1 8 64"]  concurrent virtual users per run      WARMUP [20] / DURATION [40]  seconds per run
#   STATEMENTS [1000000], KG_SEED [42]: the graph              SEED [1]: the query sequence
#   METHOD [GET] (or POST: form-encoded)                       PORT [3399]
#   MIX [full] (or light: label look-ups only, a diagnostic of the per-request cost)
#   CHECK [500]: queries compared between the servers first (0: skip)
#   RZ_TIMEOUT / RZ_MAX_ROWS: Rhizome's query timeout (s) and result cap, if not the defaults (10 s, 10,000 rows)
#   WORK [/tmp/rhizome-server-bench]: store, copied classpath, logs, results; SKIP_BUILD=1 reuses $WORK/cp
#   JAVA_OPTS [--add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g], for every JVM
#   MODE [sequential] or interleaved: both servers run side by side (ports PORT and PORT+1, a store copy each) and
#     InterleavedLoad switches the same users between them every SLICE [6] s (SETTLE [1] s of it not counted), PAIRS
#     [24] pairs per client count after WARMUP; ROUNDS is ignored. PAIR ["rhizome fuseki"] names the two servers;
#     "fuseki fuseki-b" (two standalone Fusekis) is the A/A test of the method's own spread.
#
# The store is generated and imported with Rhizome's Importer once ($WORK/store-*, reused while it exists). For each
# client count and round, one locked stretch runs both servers back to back (the order alternates between rounds, so
# use an even ROUNDS to balance it): copy the store (and sync), start the server JVM, wait for /$/ping, run the
# client JVM, stop the server, delete the copy.
# Everything that builds or measures holds /tmp/rhizome-mvn.lock; one stretch lasts about 2 x (WARMUP + DURATION +
# 10) seconds. Results: one line per run in $RESULTS, and the Markdown tables printed at the end (ServerBenchReport).
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${1:-4}
CLIENTS=${CLIENTS:-"1 8 64"}
WARMUP=${WARMUP:-20}
DURATION=${DURATION:-40}
STATEMENTS=${STATEMENTS:-1000000}
KG_SEED=${KG_SEED:-42}
SEED=${SEED:-1}
METHOD=${METHOD:-GET}
MIX=${MIX:-full}
PORT=${PORT:-3399}
CHECK=${CHECK:-500}
WORK=${WORK:-/tmp/rhizome-server-bench}
JAVA_OPTS=${JAVA_OPTS:---add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED -Xmx4g}
LOCK=/tmp/rhizome-mvn.lock
mkdir -p "$WORK/logs"
RESULTS=${RESULTS:-$WORK/results-$(date +%Y%m%d-%H%M%S).tsv}
START=$SECONDS

exec 9>>"$LOCK"              # fd 9 carries the lock; no child keeps it (9>&- on every java)
lock() { flock 9; }
unlock() { flock -u 9; }

# 1. Build once and copy the classes and jars, so a later build by someone else cannot change what runs.
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  lock
  mvn -B -o -q -pl benchmarks -am install -DskipTests 9>&-
  rm -rf "$WORK/cp" && mkdir -p "$WORK/cp/lib"
  cp -r benchmarks/target/classes "$WORK/cp/classes"
  tr ':' '\n' < benchmarks/target/bench.classpath | while read -r jar; do cp "$jar" "$WORK/cp/lib/"; done
  unlock
fi
CP="$WORK/cp/classes:$WORK/cp/lib/*"
BUILT="commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- graph-store benchmarks || echo ' + uncommitted changes')"
jrun() { java $JAVA_OPTS -cp "$CP" "$@" 9>&-; }

# 2. The store: generated and imported once.
STORE="$WORK/store-$STATEMENTS-s$KG_SEED"
if [ ! -f "$STORE.done" ]; then
  rm -rf "$STORE"
  lock
  jrun org.rhizome.benchmarks.server.SyntheticKg "$WORK/kg-$STATEMENTS-s$KG_SEED.nt" "$STORE" "$STATEMENTS" "$KG_SEED"
  unlock
  touch "$STORE.done"
fi

# 3. Servers over fresh copies of the store. A kind is rhizome or fuseki, optionally suffixed -b for a second one.
declare -A PIDS URLS
start_server() { # kind log [port]
  local kind=$1 log=$2 port=${3:-$PORT} copy="$WORK/run-$1"
  if curl -s -o /dev/null "http://127.0.0.1:$port/\$/ping"; then
    echo "port $port is already in use" >&2
    exit 1
  fi
  rm -rf "$copy"
  cp -r "$STORE" "$copy"
  sync  # write the copy back now, not during the measurement (the first run of a pair paid for it otherwise)
  if [ "${kind%-b}" = rhizome ]; then
    java $JAVA_OPTS -cp "$CP" org.rhizome.benchmarks.server.RhizomeServerMain "$copy" "$port" ${RZ_TIMEOUT:-} \
      ${RZ_MAX_ROWS:-} > "$log" 2>&1 9>&- &
    URLS[$kind]="http://127.0.0.1:$port/rhizome/sparql"
  else
    java $JAVA_OPTS -cp "$CP" org.rhizome.benchmarks.server.FusekiServerMain "$copy" "$port" > "$log" 2>&1 9>&- &
    URLS[$kind]="http://127.0.0.1:$port/ds/sparql"
  fi
  PIDS[$kind]=$!  # the JVM itself (a simple command in the background), so kill reaches it
  URL=${URLS[$kind]}
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/\$/ping"; then
      return 0
    fi
    if ! kill -0 "${PIDS[$kind]}" 2>/dev/null; then
      echo "$kind server died at start-up; its log:" >&2
      cat "$log" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "$kind server did not answer /\$/ping within 120 s" >&2
  exit 1
}
stop_server() { # kind
  if [ -n "${PIDS[$1]:-}" ]; then
    kill "${PIDS[$1]}" 2>/dev/null || true
    wait "${PIDS[$1]}" 2>/dev/null || true
    unset "PIDS[$1]"
  fi
  rm -rf "$WORK/run-$1"
}
cleanup() {
  for kind in "${!PIDS[@]}"; do stop_server "$kind"; done
  rm -rf "$WORK"/run-*
}
trap cleanup EXIT
client() { jrun org.rhizome.benchmarks.server.LoadClient --url "$URL" --statements "$STATEMENTS" --kg-seed "$KG_SEED" \
  --seed "$SEED" --method "$METHOD" --mix "$MIX" "$@"; }

echo "built $BUILT; $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')); \
$(java -version 2>&1 | head -1); $(date '+%Y-%m-%d %H:%M')"
echo "store $STORE ($(du -sh "$STORE" | cut -f1)); results in $RESULTS"

# 4. Both servers answer the same: the first CHECK queries of the measured sequence, one at a time, digests compared.
if [ "$CHECK" -gt 0 ]; then
  lock
  declare -A DIGEST
  for kind in rhizome fuseki; do
    start_server "$kind" "$WORK/logs/check-$kind.log"
    line=$(client --check "$CHECK" --server "$kind" | tee -a "$WORK/logs/check.txt" | grep '^CHECK')
    echo "$line"
    DIGEST[$kind]=$(echo "$line" | cut -d' ' -f2)
    stop_server "$kind"
  done
  unlock
  if [ "${DIGEST[rhizome]}" != "${DIGEST[fuseki]}" ]; then
    echo "the servers gave different answers to the same queries (see $WORK/logs/check.txt)" >&2
    exit 1
  fi
  echo "same answers from both servers on the first $CHECK queries"
fi

# 5a. Interleaved: both servers up together, the same users switched between them slice by slice.
if [ "${MODE:-sequential}" = interleaved ]; then
  read -r A B <<< "${PAIR:-rhizome fuseki}"
  PAIRS_FILE=${RESULTS%.tsv}-pairs.tsv
  lock
  start_server "$A" "$WORK/logs/$A-interleaved.log" "$PORT"
  start_server "$B" "$WORK/logs/$B-interleaved.log" $((PORT + 1))
  for c in $CLIENTS; do
    jrun org.rhizome.benchmarks.server.InterleavedLoad --url-a "${URLS[$A]}" --name-a "$A" --url-b "${URLS[$B]}" \
      --name-b "$B" --clients "$c" --warmup "$WARMUP" --slice "${SLICE:-6}" --settle "${SETTLE:-1}" \
      --pairs "${PAIRS:-24}" --seed "$SEED" --statements "$STATEMENTS" --kg-seed "$KG_SEED" --method "$METHOD" \
      --mix "$MIX" --out "$PAIRS_FILE" | tee "$WORK/logs/interleaved-$A-$B-$MIX-c$c.txt"
  done
  stop_server "$A"
  stop_server "$B"
  unlock
  echo "built $BUILT; $(date '+%Y-%m-%d %H:%M'); interleaved $A/$B; $METHOD; mix $MIX; per-pair rows in $PAIRS_FILE;" \
    "total $(( (SECONDS - START) / 60 )) min"
  exit 0
fi

# 5. The measurement: per client count and round, one locked stretch with both servers (order alternating).
for c in $CLIENTS; do
  for r in $(seq 1 "$ROUNDS"); do
    if [ $((r % 2)) = 1 ]; then order="rhizome fuseki"; else order="fuseki rhizome"; fi
    lock
    for kind in $order; do
      start_server "$kind" "$WORK/logs/$kind-c$c-r$r.log"
      out="$WORK/logs/client-$kind-c$c-r$r.txt"
      client --clients "$c" --warmup "$WARMUP" --duration "$DURATION" --server "$kind" --round "$r" \
        --out "$RESULTS" > "$out"
      head -1 "$out"
      grep '^  error' "$out" || true
      stop_server "$kind"
    done
    unlock
  done
done

# 6. The tables.
echo
echo "built $BUILT; $(date '+%Y-%m-%d %H:%M'); $ROUNDS rounds; warm-up $WARMUP s, measured $DURATION s; $METHOD;" \
  "mix $MIX;" \
  "total $(( (SECONDS - START) / 60 )) min"
echo
jrun org.rhizome.benchmarks.server.ServerBenchReport "$RESULTS" "$(awk -v t="${RZ_TIMEOUT:-10}" 'BEGIN { print t * 1000 }')" "$METHOD"
