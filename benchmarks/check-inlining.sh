#!/usr/bin/env bash
# Short KGE training runs under -XX:+PrintInlining, reporting every Rhizome method that C2 refused to inline because
# the compilation had reached its node-count cutoff (NodeCountInliningCutoff). A Vector API helper refused there
# stays a call, every vector it takes or returns becomes a heap object, and the kernel runs several times slower
# with the same results: nothing but this check or a profile shows it (benchmarks/README.md, "Goal 4 on a Zen 4
# host"). Run it after changing a kernel or the trainer. Reads FB15k-237; skips cleanly when it is absent.
#
#   benchmarks/check-inlining.sh [DATA=../shared/datasets/FB15k-237] [WORK=/tmp/rhizome-inlining]
#
# Prints one block per configuration: its training and evaluation seconds (slowed by the logging; not a
# measurement), then the refused Rhizome methods with how often. Exits 1 if a refused method takes or returns a
# vector (found with javap: PanamaKernels' load, expNonPositive, log1pUnit, ...), 0 otherwise. Other refusals are
# listed but allowed: a kernel taking arrays compiles on its own, and a scalar helper called once per query
# (ScalarKernels.softmaxTail, adversarialTail) costs a call.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/datasets/FB15k-237}
WORK=${WORK:-/tmp/rhizome-inlining}
if [ ! -f "$DATA/train.txt" ]; then echo "{\"skipped\": \"no dataset at $DATA\"}"; exit 0; fi
mkdir -p "$WORK"
benchmarks/build-bench-classpath.sh "$WORK"
# the methods whose arguments or result are vectors: a call to one of them boxes
GNN_JAR=$(ls "$WORK"/cp/lib/rhizome-gnn-*.jar | grep -v tests | head -1)
VECTOR_METHODS=$(javap -p -cp "$GNN_JAR" org.rhizome.gnn.kernel.PanamaKernels | grep '(.*Vector\|Vector [a-zA-Z0-9_]*(' \
  | sed 's/(.*//' | awk '{print $NF}' | sort -u | tr '\n' ' ')
echo "vector-taking methods: $VECTOR_METHODS"
bad=0
check() {
  local name=$1; shift
  local log="$WORK/$name.log"
  java --add-modules jdk.incubator.vector -XX:+UnlockDiagnosticVMOptions -XX:+PrintInlining -Xmx6g \
    -cp "$WORK/cp/classes:$WORK/cp/lib/*" org.rhizome.benchmarks.gnn.KgeBenchmark data="$DATA" threads=2 "$@" \
    > "$log" 2> "$WORK/$name.err"
  echo "== $name: $(grep -o '"train_seconds": [0-9.]*' "$log" | head -1), $(grep -o '"eval_seconds": [0-9.]*' "$log" \
    | head -1)"
  local refused
  refused=$(grep 'NodeCountInliningCutoff' "$log" | grep -o 'org\.rhizome\.[A-Za-z0-9_.$]*::[A-Za-z0-9_]*' \
    | sort | uniq -c || true)
  if [ -n "$refused" ]; then
    echo "$refused"
    for m in $VECTOR_METHODS; do
      if echo "$refused" | grep -q "PanamaKernels::$m\$"; then bad=1; fi
    done
  fi
}
check rotate model=rotate dim=200 negatives=64 batch=256 steps=300 warmup=50
check rotate-chunked model=rotate dim=250 negatives=256 chunk=128 batch=1024 steps=100 warmup=20
check transe model=transe dim=200 negatives=64 batch=256 steps=300 warmup=50
check distmult-chunked model=distmult dim=400 negatives=1024 chunk=512 batch=1024 reg=1e-5 steps=200 warmup=50
check complex-chunked model=complex dim=200 negatives=256 chunk=256 batch=1024 steps=200 warmup=50
check transe-cross-entropy model=transe-l2 dim=128 negatives=192 batch=256 loss=cross-entropy reciprocal=true \
  steps=300 warmup=50
check distmult-dropout model=distmult dim=256 negatives=402 batch=2048 chunk=2048 loss=cross-entropy \
  reciprocal=true entity-dropout=0.4 relation-dropout=0.4 optimizer=adagrad lr=0.16 steps=100 warmup=20
check complex-1vsall model=complex dim=64 negatives=all sides=both batch=512 chunk=512 loss=cross-entropy \
  reciprocal=false optimizer=adagrad lr=0.5 steps=60 warmup=5
check distmult-kvsall model=distmult dim=256 negatives=kvsall batch=1024 chunk=1024 loss=cross-entropy \
  reciprocal=true subsampling=false optimizer=adagrad lr=0.3 steps=60 warmup=5
if [ "$bad" = 1 ]; then
  echo "a method taking or returning vectors was refused at the node-count cutoff: its vectors are boxed" >&2
  exit 1
fi
