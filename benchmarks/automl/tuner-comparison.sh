#!/usr/bin/env bash
# CFO, TPE and random on the same search, budget and seed, one after the other (never side by side: 2 cores), then one
# best-so-far PNG and a table (`ctk automl compare`), with each study's leaderboard, plots and best trial copied into benchmarks/automl/<tuner>/.
# Usage: benchmarks/automl/tuner-comparison.sh [--budget 30m] [tuners...]   (default: cfo tpe random)
#   CTK=/path/to/ctk  use that build instead of building Release; OUT=dir  where the runs go (default /tmp/ctk-tuners)
#   A tuner whose run folder already holds a finished study (best-trial.json) is not run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
benchmarks/cpu-features.sh
budget=30m
if [ "${1:-}" = --budget ]; then budget=$2; shift 2; fi
tuners=("${@:-cfo tpe random}"); tuners=(${tuners[*]})
if [ -z "${CTK:-}" ]; then dotnet build -c Release src/ClassifierToolkit.Cli -nologo -v quiet >/dev/null; CTK=src/ClassifierToolkit.Cli/bin/Release/net10.0/ctk; fi
out=${OUT:-/tmp/ctk-tuners}
search=pipelines/fashion-mnist-automl.json
mkdir -p "$out"
for tuner in "${tuners[@]}"; do
  if [ -f "$out/$tuner/best-trial.json" ]; then echo "$tuner: already run in $out/$tuner"; continue; fi
  rm -rf "$out/$tuner"
  start=$(date +%s)
  "$CTK" automl "$search" --time-budget "$budget" --tuner "$tuner" --seed 1 --output "$out/$tuner" >"$out/$tuner.log" 2>&1 || echo "$tuner: ctk exited with $?"
  echo "$tuner: $(( $(date +%s) - start )) s wall; $(grep -E '^Study ' "$out/$tuner.log" || echo 'no summary line')"
  grep -E "test accuracy" "$out/$tuner.log" || true
done
dest=benchmarks/automl
"$CTK" automl compare "${tuners[@]/#/$out/}" --study fashion-mnist-automl -o "$dest/best_so_far_tuners.png"
for tuner in "${tuners[@]}"; do
  mkdir -p "$dest/$tuner"
  cp "$out/$tuner"/{leaderboard.md,leaderboard.csv,best_so_far.png,parameters.png,best-trial.json,best-pipeline.json} "$dest/$tuner/"
done
