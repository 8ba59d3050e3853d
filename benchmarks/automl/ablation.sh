#!/usr/bin/env bash
# What each piece after a search adds, measured on the Fashion-MNIST test set: one `ctk automl` run per seed with the
# portfolio, refit, ensemble and flip averaging all on, then every model it left behind is tested once with `ctk evaluate`:
# the best trial's own model, it flip-averaged, its refit, the ensemble of the trials' own models (and flip-averaged), and
# the exported best.zip (the chosen model with the refit in its main trial's place). A run without the portfolio is the
# same command with EXTRA=--no-portfolio. Runs are sequential (2 cores); the table is printed and written to $OUT/ablation.md.
# Usage: benchmarks/automl/ablation.sh [--budget 30m] [seeds...]   (default: seed 1)
#   CTK=/path/to/ctk  use that build instead of building Release; OUT=dir  where the runs go (default /tmp/ctk-ablation)
#   EXTRA="--no-portfolio"  more ctk automl options; a seed whose folder already holds best-trial.json is not run again.
set -euo pipefail
cd "$(dirname "$0")/../.."
benchmarks/cpu-features.sh
budget=30m
if [ "${1:-}" = --budget ]; then budget=$2; shift 2; fi
seeds=("${@:-1}"); seeds=(${seeds[*]})
if [ -z "${CTK:-}" ]; then dotnet build -c Release src/ClassifierToolkit.Cli -nologo -v quiet >/dev/null; CTK=src/ClassifierToolkit.Cli/bin/Release/net10.0/ctk; fi
out=${OUT:-/tmp/ctk-ablation}
mkdir -p "$out"
table="$out/ablation.md"
echo "| seed | model | test accuracy | bulk ms/image | MB |" > "$table"
echo "|---:|---|---:|---:|---:|" >> "$table"
for seed in "${seeds[@]}"; do
  run="$out/seed-$seed"
  if [ ! -f "$run/best-trial.json" ]; then
    rm -rf "$run"
    start=$(date +%s)
    # shellcheck disable=SC2086
    "$CTK" automl pipelines/fashion-mnist-automl.json --time-budget "$budget" --seed "$seed" --tta ${EXTRA:-} --output "$run" >"$run.log" 2>&1 || echo "seed $seed: ctk exited with $?"
    echo "seed $seed: $(( $(date +%s) - start )) s wall; $(grep -E '^Study ' "$run.log" || echo 'no summary line')"
  fi
  grep -E '^(Exported|Refit|Not refit)' "$run.log" || true
  best=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['trial'])" "$run/best-trial.json")
  declare -A models=(
    ["best trial $best, own model"]="$run/selection/trial-$best.zip"
    ["best trial $best + flip"]="$run/selection/trial-$best-flip.zip"
    ["best trial refit"]="$run/refit/model.zip"
    ["exported best.zip"]="$run/best.zip"
  )
  for ensemble in "$run"/selection/ensemble-of-*.zip; do
    [ -e "$ensemble" ] && models["$(basename "$ensemble" .zip) (trials' own models)"]="$ensemble"
  done
  for name in "${!models[@]}"; do
    model=${models[$name]}
    [ -f "$model" ] || continue
    report="$out/eval-$seed-$(basename "$(dirname "$model")")-$(basename "$model" .zip)"
    "$CTK" evaluate "$model" --data fashion-mnist --report-dir "$report" >/dev/null
    python3 - "$report/metrics.json" "$seed" "$name" >>"$table" <<'PY'
import json, sys
m = json.load(open(sys.argv[1]))
print(f"| {sys.argv[2]} | {sys.argv[3]} | {m['microAccuracy']:.4f} | {m['inferenceMsPerSample']:.3f} | {m['modelSizeBytes'] / 1e6:.1f} |")
PY
  done
  unset models
done
cat "$table"
