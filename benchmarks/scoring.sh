#!/usr/bin/env bash
# Scoring speed of a saved classifier (benchmarks/Scoring): the toolkit's batched ONNX Runtime path and serving pool
# against plain ML.NET on the same model and the 10,000 Fashion-MNIST test images, in one process: the model alone,
# end to end from PNG files, single-image latency, and a multi-threaded soak test of the pool. Builds Release, exports
# the test images as PNG files once (kept in ctk's cache folder), then runs.
#
# Usage: benchmarks/scoring.sh [--model PATH] [--repeats N] [--soak P] [--threads N] [--limit N] [--latency-count N]
#                              [--only model|e2e|latency|soak ...] [--images DIR]
#   Every option goes to the Scoring app unchanged (defaults: the shipped model, 3 repeats, 5 soak passes on 4 threads,
#   2,000 single predictions per latency run, all images); --images defaults to the exported test PNGs.
set -euo pipefail

for arg in "$@"; do
    if [[ "$arg" == -h || "$arg" == --help ]]; then sed -n '2,11p' "$0"; exit 0; fi
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
bench_cpu
bench_warn_if_busy
echo "== building (Release)"
bench_build benchmarks/Scoring
images=()
if [[ " $* " != *" --images "* ]]; then
    [[ -x "${CTK[0]}" ]] || bench_build src/ClassifierToolkit.Cli   # only the one-time PNG export needs ctk
    images=(--images "$(bench_test_pngs)")
fi
dotnet benchmarks/Scoring/bin/Release/net10.0/Scoring.dll "${images[@]}" "$@"
