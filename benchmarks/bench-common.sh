# Shared by the benchmarks/*.sh scripts; sourced, not run. Expects the repository root as the working directory.

# The built ctk, run as its own process (not `dotnet run`, which would put an SDK process between us and the app).
CTK=("$PWD/src/ClassifierToolkit.Cli/bin/Release/net10.0/ctk")

# Builds the given projects in Release.
bench_build() {
    local project
    for project in "$@"; do
        dotnet build -c Release "$project" -v quiet -nologo
    done
}

# Every figure of these benchmarks depends on idle cores; says so when the machine is busy.
bench_warn_if_busy() {
    local load
    read -r load _ < /proc/loadavg
    echo "== $(nproc) cores, load average $load"
    if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
        echo "warning: 1-minute load average is $load; other work on the machine lowers the numbers" >&2
    fi
}

# Prints the folder holding one Fashion-MNIST split (train or test) as PNG files in class folders (ctk data
# export-images), exporting them on the first call. It lives in ctk's cache folder (the same rule as
# PngExportCache.DefaultRoot), and is written beside its final name and renamed into place, so a killed export is never
# taken for a complete one.
bench_pngs() {
    local split="$1"
    local cache="${CTK_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/classifier-toolkit}"
    local folder="$cache/benchmarks/fashion-mnist-$split-png"
    if [[ ! -f "$folder/.complete" ]]; then
        echo "== exporting the Fashion-MNIST $split images as PNG files to $folder" >&2
        rm -rf "$folder.$$.tmp"
        "${CTK[@]}" data export-images fashion-mnist "$folder.$$.tmp" --split "$split" >&2
        touch "$folder.$$.tmp/.complete"
        rm -rf "$folder"
        mv "$folder.$$.tmp" "$folder"
    fi
    echo "$folder"
}

# The 10,000 test images (see bench_pngs).
bench_test_pngs() { bench_pngs test; }

# The value of key in the last "RESULT key=value ..." line of a log, or "-".
bench_result_field() {
    awk -v key="$2" '/^RESULT / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) value = kv[2] } }
        END { print (value == "" ? "-" : value) }' "$1"
}

# Figures mean little without the machine: the CPU and its features first (benchmarks/cpu-features.sh).
bench_cpu() { benchmarks/cpu-features.sh; }
