#!/usr/bin/env bash
# Side-by-side graph-analytics benchmark: Rhizome (AnalyticsBenchmark) against igraph and NetworkX
# (../shared/bench/graph_ref.py) on the same simple undirected graphs, then benchmarks/compare-analytics.py's tables.
#
# Usage: benchmarks/run-analytics-bench.sh [REPS=3]
#   REPS: Rhizome's timed repetitions per measure and the number of igraph (and, where affordable, NetworkX) runs.
# Environment: WORK (default /tmp/rhizome-analytics-bench: generated graphs, copied classpath, results),
#   DATASETS (default ../shared/datasets/graphs), GRAPH_REF (default ../shared/bench/graph_ref.py),
#   SIZES (default "1e5 1e6 4e6": generated graph sizes to run), JAVA_OPTS (default -Xmx8g).
# Every build and every timed or CPU-heavy step holds /tmp/rhizome-mvn.lock, one step at a time, so no other build
# runs during a measurement and other builds can run between steps. Datasets that are absent are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
REPS=${1:-3}
WORK=${WORK:-/tmp/rhizome-analytics-bench}
DATASETS=${DATASETS:-../shared/datasets/graphs}
REF=${GRAPH_REF:-../shared/bench/graph_ref.py}
SIZES=${SIZES:-1e5 1e6 4e6}
JAVA_OPTS=${JAVA_OPTS:--Xmx8g}
PY=/usr/bin/python3          # Debian's python: it sees python3-networkx and python3-igraph
LOCK=/tmp/rhizome-mvn.lock
SEEDS=3                      # community detection: best modularity of seeds 0..SEEDS-1 (all three tools)
IG_MAX_BC=20000              # exact betweenness (Rhizome and igraph) only up to this many nodes: O(n m)
NX_MAX_BC=8000               # NetworkX betweenness only up to this many nodes (Wiki-Vote's 7,115 take ~6 min)
LEIDEN_LIMIT=${LEIDEN_LIMIT:-600}  # seconds for one Rhizome Leiden run on the 4x10^6-edge graphs
START=$SECONDS
locked() { flock "$LOCK" "$@"; }

# 1. Build once, then copy the classes and jars so that later builds by others cannot change what runs.
mkdir -p "$WORK"
build_and_copy() {
  mvn -B -q -o -pl benchmarks -am package -Dmaven.test.skip=true || return 1
  rm -rf "$WORK/cp" && mkdir -p "$WORK/cp/lib"
  cp -r benchmarks/target/classes "$WORK/cp/classes"
  tr ':' '\n' < benchmarks/target/bench.classpath | while read -r jar; do cp "$jar" "$WORK/cp/lib/"; done
}
export -f build_and_copy
export WORK
for attempt in 1 2 3 4 5; do
  if locked bash -c build_and_copy; then break; fi
  if [ "$attempt" = 5 ]; then echo "build failed 5 times; giving up" >&2; exit 1; fi
  echo "build failed (someone's half-written file?); retrying in 60 s" >&2; sleep 60
done
CP="$WORK/cp/classes:$WORK/cp/lib/*"
BUILT="commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- graph-store benchmarks || echo ' + uncommitted changes')"
echo "built $BUILT at $(date '+%Y-%m-%d %H:%M')"
# Runs the harness from the copy, holding the lock.
bench() { locked java $JAVA_OPTS -cp "$CP" org.rhizome.benchmarks.analytics.AnalyticsBenchmark "$@"; }

# 2. Generated graphs (written once, cached in $WORK/graphs): mean degree 10 for both families.
#    BA: n nodes, 5 edges per new node. SBM: blocks of 2,000 nodes, expected 8 neighbours inside the block
#    (p_in = 8/1999) and 2 outside (p_out = 2/(n - 2000)).
mkdir -p "$WORK/graphs" "$WORK/results"
declare -A BA_N=([1e5]=20000 [1e6]=200000 [4e6]=800000)
declare -A SBM_B=([1e5]=10 [1e6]=100 [4e6]=400)
declare -A POW=([1e5]="10^5" [1e6]="10^6" [4e6]="4x10^6")
for size in $SIZES; do
  n=${BA_N[$size]}
  f="$WORK/graphs/ba-n$n-m5-s1.txt"
  [ -s "$f" ] || { bench generate-ba "$n" 5 1 "$f.tmp" && mv "$f.tmp" "$f"; }
  b=${SBM_B[$size]}
  pin=$(awk 'BEGIN { printf "%.10g", 8 / 1999 }')
  pout=$(awk -v b="$b" 'BEGIN { printf "%.10g", 2 / (b * 2000 - 2000) }')
  f="$WORK/graphs/sbm-${b}x2000-s2.txt"
  [ -s "$f" ] || { bench generate-sbm "${b}x2000" "$pin" "$pout" 2 "$f.tmp" && mv "$f.tmp" "$f"; }
done

# 3. One graph: Rhizome, then graph_ref.py's igraph IG_RUNS times, then NetworkX NX_RUNS times (0: not run), all
#    with SEEDS_HERE seeds for community detection.
run_graph() {
  local name=$1 label=$2 file=$3 ig_runs=$4 nx_runs=$5 seeds=$6
  local dir="$WORK/results/$name"
  if [ ! -f "$file" ]; then
    echo "skipped $label: $file not found"
    return 0
  fi
  rm -rf "$dir" && mkdir -p "$dir/dump"
  echo "$label" > "$dir/label.txt"
  echo "== $label ($(date +%H:%M:%S))"
  bench run "$file" "$dir/rhizome.json" --reps "$REPS" --seeds "$seeds" --threads 1,2 \
    --max-betweenness-nodes "$IG_MAX_BC" --dump-dir "$dir/dump"
  for i in $(seq 1 "$ig_runs"); do
    locked "$PY" "$REF" "$file" --libs igraph --seeds "$seeds" --max-betweenness-nodes "$IG_MAX_BC" \
      --dump-dir "$dir/dump" > "$dir/igraph-$i.json"
  done
  for i in $(seq 1 "$nx_runs"); do
    locked "$PY" "$REF" "$file" --libs networkx --seeds "$seeds" --max-betweenness-nodes "$NX_MAX_BC" \
      > "$dir/networkx-$i.json"
  done
}

# The largest graphs: only the measures that scale. Rhizome's Leiden runs in its own JVM under LEIDEN_LIMIT
# seconds (one seed); igraph through igraph-growth.py (graph_ref.py's calls without Louvain and NetworkX).
run_growth_graph() {
  local name=$1 label=$2 file=$3
  local dir="$WORK/results/$name"
  if [ ! -f "$file" ]; then
    echo "skipped $label: $file not found"
    return 0
  fi
  rm -rf "$dir" && mkdir -p "$dir/dump"
  echo "$label" > "$dir/label.txt"
  echo "== $label ($(date +%H:%M:%S))"
  bench run "$file" "$dir/rhizome.json" --reps "$REPS" --seeds 1 \
    --measures components,clustering,assortativity,max_core,pagerank --dump-dir "$dir/dump"
  local rc=0
  # timeout inside flock: it signals java itself, and waiting for the lock does not count against the limit.
  flock "$LOCK" timeout "$LEIDEN_LIMIT" java $JAVA_OPTS -cp "$CP" org.rhizome.benchmarks.analytics.AnalyticsBenchmark \
    run "$file" "$dir/rhizome-leiden.json" --reps 1 --seeds 1 --measures leiden || rc=$?
  if [ "$rc" = 124 ]; then
    echo "$LEIDEN_LIMIT" > "$dir/rhizome-leiden.timeout"
    echo "Rhizome's Leiden stopped after $LEIDEN_LIMIT s"
  elif [ "$rc" != 0 ]; then
    return "$rc"
  fi
  locked "$PY" benchmarks/igraph-growth.py "$file" --graph-ref "$REF" --reps "$REPS" --seeds 1 \
    --dump-dir "$dir/dump" > "$dir/igraph-1.json"
}

# Datasets: NetworkX once only where its betweenness takes minutes (facebook ~3 min, Wiki-Vote ~6 min).
run_graph karate "karate" "$DATASETS/karate/karate.edgelist" "$REPS" "$REPS" "$SEEDS"
run_graph ca-grqc "CA-GrQc" "$DATASETS/CA-GrQc/CA-GrQc.txt" "$REPS" "$REPS" "$SEEDS"
run_graph facebook "facebook_combined" "$DATASETS/facebook_combined/facebook_combined.txt" "$REPS" 1 "$SEEDS"
run_graph wiki-vote "Wiki-Vote (undirected)" "$DATASETS/Wiki-Vote/Wiki-Vote.txt" "$REPS" 1 "$SEEDS"
# Generated graphs:
#  10^5 edges: everything, 3 seeds; igraph and NetworkX REPS runs each (NetworkX without betweenness: 20,000 nodes).
#  10^6 edges: one seed (igraph's Louvain takes 266 s per run on BA 10^6); igraph once on BA and REPS times on SBM;
#              NetworkX not run (its Louvain alone would take well over ten minutes).
#  4x10^6 edges: the measures that scale only (run_growth_graph).
GRAPHS="karate,ca-grqc,facebook,wiki-vote"
GROWTH_BA="" ; GROWTH_SBM=""
for size in $SIZES; do
  n=${BA_N[$size]}; b=${SBM_B[$size]}
  ba="$WORK/graphs/ba-n$n-m5-s1.txt"; sbm="$WORK/graphs/sbm-${b}x2000-s2.txt"
  ba_label="BA n=$n m=5 (${POW[$size]} edges)"; sbm_label="SBM ${b}x2000 (${POW[$size]} edges)"
  case $size in
    1e5) run_graph "ba-$size" "$ba_label" "$ba" "$REPS" "$REPS" "$SEEDS"
         run_graph "sbm-$size" "$sbm_label" "$sbm" "$REPS" "$REPS" "$SEEDS" ;;
    1e6) run_graph "ba-$size" "$ba_label" "$ba" 1 0 1
         run_graph "sbm-$size" "$sbm_label" "$sbm" "$REPS" 0 1 ;;
    *)   run_growth_graph "ba-$size" "$ba_label" "$ba"
         run_growth_graph "sbm-$size" "$sbm_label" "$sbm" ;;
  esac
  GRAPHS="$GRAPHS,ba-$size,sbm-$size"
  GROWTH_BA="${GROWTH_BA:+$GROWTH_BA,}ba-$size"; GROWTH_SBM="${GROWTH_SBM:+$GROWTH_SBM,}sbm-$size"
done

# 4. Tables.
"$PY" benchmarks/compare-analytics.py "$WORK/results" --graphs "$GRAPHS" --growth "$GROWTH_BA" --growth "$GROWTH_SBM" \
  | tee "$WORK/results.md"
echo
echo "Rhizome $BUILT; $(java -version 2>&1 | head -1); igraph and NetworkX: $("$PY" -c 'import igraph, networkx; print(igraph.__version__, networkx.__version__)')"
echo "total runtime: $(( (SECONDS - START) / 60 )) min $(( (SECONDS - START) % 60 )) s (tables in $WORK/results.md)"
