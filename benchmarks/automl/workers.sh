#!/usr/bin/env bash
# One worker against two on one PostgreSQL study, on this machine: the same fixed search (the seed grid's 12 trials,
# 2 epochs each on full Fashion-MNIST) run with --concurrency 1 and then --concurrency 2 (the two cores split between
# the worker processes); prints wall time and trials per hour for each.
# Usage: benchmarks/automl/workers.sh [epochs]   (default 2)
#   CTK=/path/to/ctk  use that build instead of building Release; OUT=dir  where the runs go (default /tmp/ctk-workers)
#   EXTRA="--train-limit 1000"  a quick check of the script itself
#   CTK_TEST_POSTGRES=<connection string>  use that server; otherwise build/postgres-test-server.sh starts a throwaway one
set -euo pipefail
cd "$(dirname "$0")/../.."
benchmarks/cpu-features.sh
epochs=${1:-2}
if [ -z "${CTK:-}" ]; then dotnet build -c Release src/ClassifierToolkit.Cli -nologo -v quiet >/dev/null; CTK=src/ClassifierToolkit.Cli/bin/Release/net10.0/ctk; fi
if [ -z "${CTK_TEST_POSTGRES:-}" ]; then CTK_TEST_POSTGRES=$(build/postgres-test-server.sh start); trap 'build/postgres-test-server.sh stop' EXIT; fi
# psql reads libpq's key=value form, not Npgsql's Host=...;Username=...
libpq=$(python3 -c "import sys; m = {'host': 'host', 'port': 'port', 'database': 'dbname', 'username': 'user', 'password': 'password'}
print(' '.join(m[k.strip().lower()] + '=' + v for k, v in (p.split('=', 1) for p in sys.argv[1].split(';') if p) if k.strip().lower() in m))" "$CTK_TEST_POSTGRES")
out=${OUT:-/tmp/ctk-workers}
rm -rf "$out"; mkdir -p "$out"
stamp=$(date +%s)
for k in 1 2; do
  study="workers-$k-$stamp"
  start=$(date +%s.%N)
  "$CTK" automl pipelines/seed-grid.json --tuner grid --pruner none --epochs "$epochs" --concurrency "$k" \
    --storage "$CTK_TEST_POSTGRES" --study "$study" --output "$out/k$k" ${EXTRA:-} >"$out/k$k.log" 2>&1 || echo "concurrency $k: ctk exited with $?"
  end=$(date +%s.%N)
  # The span from the first trial's start to the last one's end, as the study records it.
  read -r complete span < <(psql "$libpq" -tA -F ' ' -c "select count(*) filter (where state = 'complete'),
    extract(epoch from max(finished) - min(started)) from trials where study = '$study'")
  python3 -c "import sys; k, n, span, s, e = sys.argv[1:]; print(f'workers {k}: {n} trials complete; trials ran for {float(span):.0f} s = {int(n) * 3600 / float(span):.1f} trials/hour; the whole command {float(e) - float(s):.0f} s')" \
    "$k" "$complete" "$span" "$start" "$end"
done
