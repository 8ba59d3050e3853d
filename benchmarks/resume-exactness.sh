#!/usr/bin/env bash
# Kill-and-resume exactness: for each pipeline, one uninterrupted run and one run killed with SIGKILL during epoch 4
# and continued with `ctk train --resume`; prints whether the two model.zip files are byte-identical.
# Usage: benchmarks/resume-exactness.sh [pipeline names...]   (default: fashion-mnist-cnn-plus fashion-mnist-resnet-small fashion-mnist-vit)
set -euo pipefail
cd "$(dirname "$0")/.."
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
    if cmp -s "$out/$p-a/model.zip" "$out/$p-b/model.zip"; then same=identical; else same=DIFFERENT; fi
    echo "$p: killed after $killed_at finished epochs; resume began at '$resumed_from'; model.zip $same"
  done
done
