#!/usr/bin/env bash
# The seed study's grid (pipelines/seed-grid.json: 12 full trials), SIGKILLed in the middle of a trial and continued with
# --resume; prints the trials by state before and after, checks that no finished trial was lost or run again, then scores
# every trial's model on the 10,000 test images and writes the 12-row table to benchmarks/seed-study/seed-grid.md.
# Usage: benchmarks/automl/seed-grid-kill-resume.sh [--kill-after N]   (kill once N trials are complete; default 5)
#   CTK=/path/to/ctk  use that build instead of building Release; OUT=dir  where the run goes (default /tmp/ctk-seed-grid)
#   EXTRA="--train-limit 2000 --epochs 1" KILL_DELAY=5  a quick check of the script itself (the table is then not the study's)
set -euo pipefail
cd "$(dirname "$0")/../.."
benchmarks/cpu-features.sh
kill_after=5
if [ "${1:-}" = --kill-after ]; then kill_after=$2; shift 2; fi
if [ -z "${CTK:-}" ]; then dotnet build -c Release src/ClassifierToolkit.Cli -nologo -v quiet >/dev/null; CTK=src/ClassifierToolkit.Cli/bin/Release/net10.0/ctk; fi
out=${OUT:-/tmp/ctk-seed-grid}
rm -rf "$out"; mkdir -p "$out"
db="$out/run/experiment.db"
states() { sqlite3 -readonly "$db" "select state || ' ' || count(*) from trials group by state order by state" | paste -sd, -; }
finished() { sqlite3 -readonly "$db" "select number || '|' || parameters || '|' || state || '|' || finished from trials where state != 'running' order by number"; }

start=$(date +%s)
"$CTK" automl pipelines/seed-grid.json --tuner grid --pruner none --output "$out/run" ${EXTRA:-} >"$out/first.log" 2>&1 &
pid=$!
until [ "$(grep -c '^\[[0-9:]*\] trial [0-9]* complete' "$out/first.log" || true)" -ge "$kill_after" ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the search ended before $kill_after trials completed; see $out/first.log"; exit 1; }
  sleep 2
done
sleep "${KILL_DELAY:-60}"  # well inside the next trial
kill -9 "$pid"; wait "$pid" 2>/dev/null || true
echo "killed after $(( $(date +%s) - start )) s; trials before resume: $(states)"
finished >"$out/before.txt"

"$CTK" automl pipelines/seed-grid.json --tuner grid --pruner none --output "$out/run" ${EXTRA:-} --resume >"$out/resume.log" 2>&1 || echo "resume exited with $?"
echo "after resume ($(( $(date +%s) - start )) s in all): $(states)"
finished >"$out/after.txt"
# Every trial finished before the kill is still there, unchanged (same number, parameters, state, finish time).
if [ -z "$(comm -23 <(sort "$out/before.txt") <(sort "$out/after.txt"))" ]; then echo "finished trials kept: all $(wc -l <"$out/before.txt")"; else echo "LOST: $(comm -23 <(sort "$out/before.txt") <(sort "$out/after.txt"))"; fi
runs=$(sqlite3 -readonly "$db" "select count(*) from trials where state = 'complete'")
configs=$(sqlite3 -readonly "$db" "select count(distinct parameters) from trials where state = 'complete'")
echo "complete trials: $runs, distinct configurations among them: $configs (equal means none was run twice)"
sqlite3 -readonly "$db" "select number, state, coalesce(failure_reason, ''), coalesce(retry_of, '') from trials where state not in ('complete')"

# The table: each configuration's best validation accuracy (what the search sees) and its model's test accuracy.
table=benchmarks/seed-study/seed-grid.md
{
  echo "| trial | learning rate | optimizer | activation | state | best val accuracy | test accuracy | minutes |"
  echo "|---|---|---|---|---|---|---|---|"
  # Every configuration once: the killed trial's row is its retry's.
  sqlite3 -readonly "$db" "select number from trials where coalesce(failure_reason, '') != 'worker lost' order by number" | while read -r n; do
    test=–
    if [ "$(sqlite3 -readonly "$db" "select state from trials where number = $n")" = complete ]; then
      "$CTK" evaluate "$out/run/trials/$n/model.zip" --data fashion-mnist --report-dir "$out/eval/$n" >/dev/null 2>&1
      test=$(python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))['microAccuracy']:.4f}\")" "$out/eval/$n/metrics.json")
    fi
    sqlite3 -readonly -separator ' | ' "$db" "select '| ' || number, json_extract(parameters, '$.\"training.learningRate\"'), json_extract(parameters, '$.\"training.optimizer\"'),
      json_extract(parameters, '$.\"model.activation\"'), state || coalesce(' (' || failure_reason || ')', ''),
      coalesce(printf('%.4f', (select max(json_extract(metrics, '$.valAccuracy')) from epochs e where e.study = t.study and e.trial = t.number)), '–'),
      '$test', printf('%.1f |', (julianday(finished) - julianday(started)) * 1440) from trials t where number = $n"
  done
} >"$table"
cat "$table"
