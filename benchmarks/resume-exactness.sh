#!/usr/bin/env bash
# Kill-and-resume exactness: for each pipeline, one uninterrupted run and one run killed with SIGKILL during epoch 4
# and continued with `ctk train --resume`; prints whether the two model.zip files are byte-identical.
# Usage: benchmarks/resume-exactness.sh [pipeline names...]   (default: fashion-mnist-cnn-plus fashion-mnist-resnet-small fashion-mnist-vit)
set -euo pipefail
cd "$(dirname "$0")/.."
source benchmarks/bench-common.sh
bench_cpu
dotnet build -c Release src/ClassifierToolkit.Cli -nologo -v quiet >/dev/null
ctk=(dotnet src/ClassifierToolkit.Cli/bin/Release/net10.0/ctk.dll)
out=${OUT:-/tmp/ctk-resume-exactness}
rm -rf "$out"; mkdir -p "$out"
common=(--train-limit 8000 --test-limit 1000 --epochs 5 --set training.checkpointEvery=1)
for name in "${@:-fashion-mnist-cnn-plus fashion-mnist-resnet-small fashion-mnist-vit}"; do
  for p in $name; do
    "${ctk[@]}" train "pipelines/$p.json" "${common[@]}" --output "$out/$p-a/model.zip" >"$out/$p-a.log" 2>&1
    "${ctk[@]}" train "pipelines/$p.json" "${common[@]}" --output "$out/$p-b/model.zip" >"$out/$p-b.log" 2>&1 &
    pid=$!
    until grep -q "^epoch 3:" "$out/$p-b.log" 2>/dev/null; do sleep 0.5; done
    sleep 3  # well inside epoch 4
    kill -9 "$pid"; wait "$pid" 2>/dev/null || true
    killed_at=$(grep -c "^epoch [0-9]*:" "$out/$p-b.log")
    "${ctk[@]}" train --resume "$out/$p-b" >"$out/$p-b-resume.log" 2>&1
    resumed_from=$(grep -o "^epoch [0-9]*:" "$out/$p-b-resume.log" | head -1)
    # Compare every entry of the two .zip files (the zip's own entry timestamps are the save time, not the model).
    rm -rf "$out/a" "$out/b"; mkdir -p "$out/a" "$out/b"
    (cd "$out/a" && unzip -qo "$out/$p-a/model.zip"); (cd "$out/b" && unzip -qo "$out/$p-b/model.zip")
    if diff -rq "$out/a" "$out/b" >/dev/null; then same="identical (every entry)"; else same=DIFFERENT; fi
    echo "$p: killed after $killed_at finished epochs; resume began at '$resumed_from'; model $same"
  done
done
