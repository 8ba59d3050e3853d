#!/usr/bin/env bash
# Prints the CPU model and the features that decide the toolkit's speed, by the names ctk's reports use (AVX2, AVX-512,
# AVX-512 BF16, AMX, AVX-512 VNNI, AVX-VNNI), and oneDNN's ISA cap when one is set (libtorch then runs only the kernels
# below it). Every benchmark prints this first: figures mean little without the machine they came from.
set -euo pipefail
model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
flags=" $(awk -F': ' '/^flags/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true) "
names=()
for flag in avx2:AVX2 avx512f:AVX-512 avx512_bf16:"AVX-512 BF16" amx_bf16:AMX avx512_vnni:"AVX-512 VNNI" avx_vnni:AVX-VNNI; do
    [[ "$flags" == *" ${flag%%:*} "* ]] && names+=("${flag#*:}")
done
joined=$(printf '%s, ' "${names[@]}")
joined=${joined%, }
echo "== CPU: ${model:-unknown} (${joined:-no AVX2}); $(nproc) cores"
if [[ -n "${ONEDNN_MAX_CPU_ISA:-}" ]]; then
    echo "== ONEDNN_MAX_CPU_ISA=$ONEDNN_MAX_CPU_ISA ATEN_CPU_CAPABILITY=${ATEN_CPU_CAPABILITY:-}: libtorch limited to these kernels"
fi
