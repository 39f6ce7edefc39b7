#!/usr/bin/env bash
# EpiGNN: accuracy on CLUTRR, RCC-8 and interval algebra (EpiGnnBenchmark, EpiGnnAlgebraBenchmark) and training time
# per epoch side by side with the PyTorch reference of the same model (benchmarks/epignn/epignn_torch.py, Debian's
# python3-torch under /usr/bin/python3), same data, batch, optimiser and threads, one after the other.
#
#   benchmarks/run-epignn-bench.sh [WHAT="timing clutrr algebra"] [EPOCHS=60] [SEEDS=42,43,44] [COUNT=200]
#
# Each run holds /tmp/rhizome-mvn.lock so no build runs beside it. Prints JSON lines; skips cleanly when the datasets
# or torch are absent.
set -euo pipefail
cd "$(dirname "$0")/.."
WHAT=${WHAT:-"timing clutrr algebra"}
EPOCHS=${EPOCHS:-60}
SEEDS=${SEEDS:-42,43,44}
COUNT=${COUNT:-200}
TIMING_EPOCHS=${TIMING_EPOCHS:-5}
WORK=${WORK:-/tmp/rhizome-epignn-bench}
LOCK=/tmp/rhizome-mvn.lock
C=../shared/datasets/clutrr
mkdir -p "$WORK"
benchmarks/build-bench-classpath.sh "$WORK"
J="java --add-modules jdk.incubator.vector -Xmx6g -cp $WORK/cp/classes:$WORK/cp/lib/*"
for what in $WHAT; do
  case $what in
    timing)
      # the same 5 epochs of CLUTRR db9b8f04 training (margin objective, batch 128, 2 threads) in both
      if [ -d "$C/data_db9b8f04" ]; then
        flock "$LOCK" $J org.rhizome.benchmarks.gnn.EpiGnnBenchmark data=$C/data_db9b8f04 epochs=$TIMING_EPOCHS \
          seeds=42 2>/dev/null | grep '^{'
        if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
          flock "$LOCK" /usr/bin/python3 benchmarks/epignn/epignn_torch.py --train "$C/data_db9b8f04/1.2,1.3,1.4_train.csv" \
            --epochs $TIMING_EPOCHS --objective margin --threads 2 2>/dev/null | grep '^{'
        else
          echo '{"skipped": "no torch for /usr/bin/python3"}'
        fi
      else
        echo "{\"skipped\": \"no dataset at $C\"}"
      fi ;;
    clutrr)
      # then where the wrong answers fall: order-dependent chains, graphs with an edge and its inverse, the rest
      for d in data_db9b8f04 data_089907f8; do
        [ -d "$C/$d" ] || { echo "{\"skipped\": \"no dataset at $C/$d\"}"; continue; }
        rm -f "$WORK/errors-$d.tsv"
        flock "$LOCK" $J org.rhizome.benchmarks.gnn.EpiGnnBenchmark data=$C/$d epochs=$EPOCHS seeds=$SEEDS \
          errors="$WORK/errors-$d.tsv" 2>/dev/null | grep '^{'
        /usr/bin/python3 benchmarks/epignn/clutrr_ambiguity.py "$C/$d" --errors "$WORK/errors-$d.tsv"
      done ;;
    algebra)
      flock "$LOCK" $J org.rhizome.benchmarks.gnn.EpiGnnAlgebraBenchmark data=../shared/datasets/epignn-rcc8 \
        algebra=rcc8 count=$COUNT epochs=30 seeds=42 2>/dev/null | grep '^{'
      flock "$LOCK" $J org.rhizome.benchmarks.gnn.EpiGnnAlgebraBenchmark \
        data=../shared/datasets/epignn-interval-algebra algebra=interval count=$((COUNT / 2)) epochs=30 seeds=42 \
        2>/dev/null | grep '^{' ;;
  esac
done
