#!/usr/bin/env bash
# Records the libraries' public API in their PublicAPI.*.txt files (Microsoft.CodeAnalysis.PublicApiAnalyzers).
#   build/public-api.sh            adds every public symbol not yet declared to PublicAPI.Unshipped.txt, and drops
#                                  declared symbols that no longer exist; review the diff: it is the API change.
#   build/public-api.sh --ship     moves PublicAPI.Unshipped.txt into PublicAPI.Shipped.txt (at a release).
# The build fails (RS0016/RS0017) on any public change not written there, so an API change is always deliberate.
set -euo pipefail
cd "$(dirname "$0")/.."
libraries=(ClassifierToolkit ClassifierToolkit.Onnx ClassifierToolkit.Reports ClassifierToolkit.Serving ClassifierToolkit.Torch ClassifierToolkit.AutoML)

if [[ "${1:-}" == "--ship" ]]; then
  for library in "${libraries[@]}"; do
    folder="src/$library"
    # cat, then one filter: grep -v exits 1 on a file with nothing but the header, which errexit would take for a failure.
    cat "$folder/PublicAPI.Shipped.txt" "$folder/PublicAPI.Unshipped.txt" | { echo '#nullable enable'; grep -v -e '^#nullable' -e '^$' | LC_ALL=C sort -u || true; } > "$folder/PublicAPI.Shipped.txt.new"
    mv "$folder/PublicAPI.Shipped.txt.new" "$folder/PublicAPI.Shipped.txt"
    echo '#nullable enable' > "$folder/PublicAPI.Unshipped.txt"
  done
  exit 0
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
for library in "${libraries[@]}"; do
  # Warnings, not errors, so one build reports every undeclared (RS0016) and vanished (RS0017) symbol of the library.
  dotnet build "src/$library/$library.csproj" -v q -nologo -clp:NoSummary -p:TreatWarningsAsErrors=false --no-incremental \
    -p:WarningsAsErrors= -p:NoWarn=NU1603 > "$log" 2>&1 || true
  folder="src/$library"
  added=$(grep -E "warning RS0016:.*\[.*/$library\.csproj\]" "$log" | sed -E "s/.*Symbol '(.*)' is not part of the declared public API.*/\1/" | LC_ALL=C sort -u || true)
  removed=$(grep -E "warning RS0017:.*\[.*/$library\.csproj\]" "$log" | sed -E "s/.*Symbol '(.*)' is part of the declared API, but is either not public or could not be found.*/\1/" | LC_ALL=C sort -u || true)
  for file in "$folder/PublicAPI.Shipped.txt" "$folder/PublicAPI.Unshipped.txt"; do
    if [[ -n "$removed" ]]; then grep -vxF -f <(echo "$removed") "$file" > "$file.new" || true; mv "$file.new" "$file"; fi
    [[ -s "$file" ]] || echo '#nullable enable' > "$file"
  done
  if [[ -n "$added" ]]; then
    { cat "$folder/PublicAPI.Unshipped.txt"; echo "$added"; } | { echo '#nullable enable'; grep -v -e '^#nullable' -e '^$' | LC_ALL=C sort -u || true; } > "$folder/PublicAPI.Unshipped.txt.new"
    mv "$folder/PublicAPI.Unshipped.txt.new" "$folder/PublicAPI.Unshipped.txt"
  fi
  echo "$library: $(echo -n "$added" | grep -c . || true) added, $(echo -n "$removed" | grep -c . || true) removed"
done
