#!/usr/bin/env bash
# Side by side: Rhizome's KGE training and evaluation (KgeBenchmark) and the PyTorch reference
# (../shared/bench/torch_kge.py, Debian's python3-torch under /usr/bin/python3), same dataset, model, dimension,
# negatives, batch, learning rate, steps and threads, one after the other on this machine.
#
#   benchmarks/run-kge-bench.sh [DATA=../shared/datasets/UMLS] [STEPS=300] [MODELS="rotate complex distmult transe"]
#       [EVAL_BATCH=64]
#
# EVAL_BATCH is the reference's --eval-batch (queries scored per broadcast). It does not change its results, only its
# speed: on FB15k-237 at dimension 400, PyTorch 1.13 broadcasts [B,1,d] x [1,n,d] about 20x slower per query for B = 8
# or 64 than for B = 1 (50 against 2.2 ms), so use EVAL_BATCH=1 on the large datasets. Even so, its RotatE
# evaluation on FB15k-237 takes about 6 hours (its stacked norm costs ~0.5 s per query): for that run use
# benchmarks/torch_kge_staged.py, which runs the same reference in stages that can span sittings.
# Each run holds /tmp/rhizome-mvn.lock so no build runs beside it. Prints one JSON line per run; skips cleanly when
# the dataset or torch is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=${DATA:-../shared/datasets/UMLS}
STEPS=${STEPS:-300}
MODELS=${MODELS:-"rotate complex distmult transe"}
THREADS=${THREADS:-2}
EVAL_BATCH=${EVAL_BATCH:-64}
WORK=${WORK:-/tmp/rhizome-kge-bench}
LOCK=/tmp/rhizome-mvn.lock
if [ ! -d "$DATA" ]; then echo "{\"skipped\": \"no dataset at $DATA\"}"; exit 0; fi
mkdir -p "$WORK"
benchmarks/build-bench-classpath.sh "$WORK"
# the reference configuration of torch_kge.py's example: gamma 6, temperature 0.5, Adam 1e-3, batch 256, 64 negatives
for m in $MODELS; do
  case $m in
    rotate) DIM=200; GAMMA=6; REG=0 ;;
    transe) DIM=200; GAMMA=6; REG=0 ;;
    complex) DIM=200; GAMMA=6; REG=0 ;;
    distmult) DIM=400; GAMMA=6; REG=0 ;;
  esac
  ARGS="model=$m dim=$DIM negatives=64 gamma=$GAMMA adv-temp=0.5 lr=1e-3 batch=256 steps=$STEPS threads=$THREADS reg=$REG"
  flock "$LOCK" java --add-modules jdk.incubator.vector -Xmx4g -cp "$WORK/cp/classes:$WORK/cp/lib/*" \
    org.rhizome.benchmarks.gnn.KgeBenchmark data="$DATA" $ARGS 2>/dev/null | grep '^{'
  if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
    flock "$LOCK" /usr/bin/python3 ../shared/bench/torch_kge.py --data "$DATA" --model "$m" --dim $DIM --negatives 64 \
      --gamma $GAMMA --adv-temp 0.5 --lr 1e-3 --batch 256 --steps "$STEPS" --threads "$THREADS" --reg $REG \
      --eval-batch "$EVAL_BATCH" 2>/dev/null \
      | grep '"summary"'
  else
    echo '{"skipped": "torch not installed: apt-get install python3-torch"}'
  fi
done
