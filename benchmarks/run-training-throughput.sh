#!/usr/bin/env bash
# Training throughput of the seed CNN on Fashion-MNIST: the toolkit's CLI against a bare TorchSharp loop
# and plain PyTorch, one after the other on this machine, then a table of images/s and their ratios.
#
# Usage: benchmarks/run-training-throughput.sh [--epochs N] [--limit N] [--threads N] [--rounds N]
#   --epochs   epochs for all three (default 1)
#   --rounds   run the three in turn this many times and report each one's median (default 3; shared machines are noisy)
#   --limit    training images for all three (default: the full 48,000; toolkit: --train-limit)
#   --threads  torch threads for the two peers (default: their own defaults, i.e. all cores)
set -euo pipefail

epochs=1
rounds=3
limit=""
threads=""
while (($#)); do
    case "$1" in
        --epochs) epochs="$2"; shift 2 ;;
        --limit) limit="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
        *) echo "unknown argument: $1" >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
source benchmarks/bench-common.sh
bench_cpu
python=/usr/bin/python3   # Debian's interpreter: the one that has python3-torch
work="$(mktemp -d -t ctk-throughput.XXXXXX)"
trap 'rm -rf "$work"' EXIT

peer_args=(--epochs "$epochs")
toolkit_args=(--epochs "$epochs")
if [[ -n "$limit" ]]; then peer_args+=(--limit "$limit"); toolkit_args+=(--train-limit "$limit"); fi
if [[ -n "$threads" ]]; then peer_args+=(--threads "$threads"); fi

# Other work on the machine skews every figure below, most of all with all cores in use by each run.
read -r load _ < /proc/loadavg
echo "== $(nproc) cores, load average $load, epochs $epochs${limit:+, limit $limit}"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
    echo "warning: 1-minute load average is $load; other work on the machine lowers the numbers" >&2
fi

echo "== building (Release)"
dotnet build -c Release benchmarks/BareTorchSharp -v quiet -nologo
toolkit_built=yes
dotnet build -c Release src/ClassifierToolkit.Cli -v quiet -nologo || toolkit_built=no

# Runs a step with its output shown and kept in $work/<name>.log; a failing step does not end the script.
run_step() {
    local name="$1"; shift
    echo "== $name: $*"
    if "$@" 2>&1 | tee "$work/$name.log"; then
        return 0
    fi
    echo "!! $name failed" >&2
    return 1
}

# Reads "RESULT key=value ..." and "RESULT_INFER ..." from a peer's log: images/s, seconds, ms/image, accuracy.
peer_figures() {
    "$python" - "$1" <<'EOF'
import sys
fields = {}
for line in open(sys.argv[1]):
    if line.startswith(("RESULT ", "RESULT_INFER ")):
        fields.update(pair.split("=", 1) for pair in line.split()[1:])
print(fields.get("images_per_sec", "-"), fields.get("seconds", "-"),
      fields.get("ms_per_image", "-"), fields.get("accuracy", "-"))
EOF
}

# Toolkit images/s counts the epochs' training seconds (validation excluded), as the peers time only their training loops.
toolkit_figures() {
    "$python" - "$1" <<'EOF'
import json, sys
m = json.load(open(sys.argv[1]))
seconds = sum(e.get("trainSeconds") or e["seconds"] for e in m["epochs"])
print(f'{m["trainImages"] * len(m["epochs"]) / seconds:.2f}', f"{seconds:.3f}",
      f'{m["inferenceMsPerSample"]:.4f}', f'{m.get("microAccuracy", float("nan")):.4f}')
EOF
}

# The three run in turn, round after round, so slow spells of a shared machine hit all of them alike.
toolkit_rows=(); bare_rows=(); pytorch_rows=()
for ((round = 1; round <= rounds; round++)); do
    echo "== round $round of $rounds"
    if [[ "$toolkit_built" == yes ]] && run_step toolkit dotnet run -c Release --no-build --project src/ClassifierToolkit.Cli -- \
            train pipelines/fashion-mnist-cnn.json "${toolkit_args[@]}" --report-dir "$work/toolkit" --output "$work/toolkit/model.zip"; then
        toolkit_rows+=("$(toolkit_figures "$work/toolkit/metrics.json")") || echo "!! toolkit: cannot read metrics.json" >&2
    elif [[ "$toolkit_built" == no ]]; then
        echo "!! toolkit: build failed, skipped" >&2
    fi
    run_step bare dotnet run -c Release --no-build --project benchmarks/BareTorchSharp -- "${peer_args[@]}" \
        && bare_rows+=("$(peer_figures "$work/bare.log")")
    run_step pytorch "$python" benchmarks/pytorch_cnn.py "${peer_args[@]}" \
        && pytorch_rows+=("$(peer_figures "$work/pytorch.log")")
done

# The row with the median images/s of each implementation's rounds.
median_row() {
    (($#)) || { echo "- - - -"; return; }
    printf '%s\n' "$@" | sort -g -k1,1 | sed -n "$(( ($# + 1) / 2 ))p"
}
toolkit="$(median_row "${toolkit_rows[@]}")"
bare="$(median_row "${bare_rows[@]}")"
pytorch="$(median_row "${pytorch_rows[@]}")"
for name in toolkit bare pytorch; do
    rows_name="${name}_rows[@]"
    echo "$name images/s per round: $(printf '%s ' "${!rows_name}" | awk '{ for (i = 1; i <= NF; i += 4) printf "%s ", $i }')"
done

"$python" - "$toolkit" "$bare" "$pytorch" <<'EOF'
import sys
names = ["toolkit (ctk train)", "bare TorchSharp", "PyTorch (python3-torch)"]
rows = [dict(zip(["ips", "seconds", "ms", "acc"], arg.split())) for arg in sys.argv[1:]]

def number(text):
    try:
        return float(text)
    except ValueError:
        return None

print()
print("medians over the rounds:")
print(f'{"implementation":<26}{"images/s":>10}{"train s":>10}{"infer ms/image":>16}{"test acc":>10}')
for name, row in zip(names, rows):
    print(f'{name:<26}{row["ips"]:>10}{row["seconds"]:>10}{row["ms"]:>16}{row["acc"]:>10}')
toolkit = number(rows[0]["ips"])
for label, peer in (("toolkit / bare TorchSharp", rows[1]), ("toolkit / PyTorch", rows[2])):
    other = number(peer["ips"])
    ratio = f"{toolkit / other:.3f}" if toolkit and other else "-"
    print(f"{label:<26}{ratio:>10}  (images/s)")
EOF
