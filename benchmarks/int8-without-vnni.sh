#!/usr/bin/env bash
# Is int8 right on a CPU without VNNI? ONNX Runtime's int8 kernels for AVX2 multiply uint8 activations by int8 weights and
# add each pair of products in 16 bits (vpmaddubsw), which can saturate; with VNNI they accumulate in 32 bits. This
# quantizes a model twice (--weights full: 8-bit weights; --weights reduced: 7-bit, what ctk quantize picks without VNNI),
# then scores fp32 and both int8 networks on the Fashion-MNIST test images natively and under QEMU's user-mode emulation
# of a Haswell CPU (AVX2, FMA; no AVX-512, no VNNI), where ONNX Runtime dispatches its AVX2 kernels. The scorer is a small
# C program on ONNX Runtime's C API (Int8Kernels/score.c, the library of the NuGet package the toolkit uses): the .NET
# runtime crashes under QEMU's user mode. Prints accuracy, agreement with fp32 and a logit checksum per model and CPU
# (fp32's checksum differs in its last digits between the two: proof that other kernels ran). Emulation gives
# results, not speed.
#
# Needs gcc and Debian's qemu-user (installed when missing and run as root).
# Usage: benchmarks/int8-without-vnni.sh [--limit N] [--count N] [model.zip]   (default: models/fashion-mnist-cnn.zip, 10,000 images)
set -euo pipefail

limit=10000 count=500 model=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --limit) limit="$2"; shift 2 ;;
        --count) count="$2"; shift 2 ;;
        -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) model="$1"; shift ;;
    esac
done
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
model="${model:-models/fashion-mnist-cnn.zip}"
if ! command -v qemu-x86_64 >/dev/null; then
    [[ "$(id -u)" == 0 ]] || { echo "error: needs qemu-x86_64 (apt-get install qemu-user)" >&2; exit 1; }
    apt-get install -y -qq qemu-user >/dev/null
fi
bench_build src/ClassifierToolkit.Cli
bench_cpu
work="$(mktemp -d -t ctk-int8-avx2.XXXXXX)"
trap 'rm -rf "$work"' EXIT

ort="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')/microsoft.ml.onnxruntime"
ort="$ort/$(ls "$ort" | sort -V | tail -1)"
mkdir -p "$work/lib"
ln -s "$ort/runtimes/linux-x64/native/libonnxruntime.so" "$work/lib/libonnxruntime.so.1"
gcc -O2 -Wall -o "$work/score" benchmarks/Int8Kernels/score.c -I"$ort/build/native/include" -L"$ort/runtimes/linux-x64/native" -lonnxruntime
echo "== ONNX Runtime from $ort"

for weights in full reduced; do
    echo "== ctk quantize $model --weights $weights"
    "${CTK[@]}" quantize "$model" --calibration fashion-mnist --count "$count" --weights "$weights" -o "$work/int8-$weights.zip" | grep -E "Weights|agreement"
done
python3 - "$work" "$model" <<'PY'
import gzip, sys, zipfile
work, model = sys.argv[1], sys.argv[2]
for name, path in (("fp32", model), ("int8-full", f"{work}/int8-full.zip"), ("int8-reduced", f"{work}/int8-reduced.zip")):
    with zipfile.ZipFile(path) as z:
        entry = next(e for e in z.namelist() if e.endswith("/OnnxModel"))
        open(f"{work}/{name}.onnx", "wb").write(z.read(entry)[4:])  # ML.NET stores a 4-byte length first
for split in ("images-idx3", "labels-idx1"):
    open(f"{work}/t10k-{split}", "wb").write(gzip.open(f"/usr/share/datasets/fashion-mnist/t10k-{split}-ubyte.gz").read())
PY
export LD_LIBRARY_PATH="$work/lib"
for name in fp32 int8-full int8-reduced; do
    "$work/score" "$work/$name.onnx" "$work/t10k-images-idx3" "$work/t10k-labels-idx1" "$limit" > "$work/$name.native"
    qemu-x86_64 -cpu Haswell-v4 -E LD_LIBRARY_PATH="$work/lib" "$work/score" "$work/$name.onnx" "$work/t10k-images-idx3" "$work/t10k-labels-idx1" "$limit" \
        2> >(grep -v "TCG doesn't support" >&2) > "$work/$name.haswell"
    for cpu in native haswell; do
        agreement=$(paste -d' ' <(head -n "$limit" "$work/fp32.native") <(head -n "$limit" "$work/$name.$cpu") | awk '$1 == $2 { a++ } END { printf "%.4f", a / NR }')
        echo "$(tail -1 "$work/$name.$cpu" | sed "s/^RESULT /RESULT model=$name cpu=$cpu /") agreement_with_fp32=$agreement"
    done
done
