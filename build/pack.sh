#!/usr/bin/env bash
# Packs every library under src/ and the ctk tool into artifacts/: Release, deterministic, one version for all.
#
#   build/pack.sh [--version V] [--all-platforms] [-p:Name=Value ...]
#
#   --version V       the version of every package (default: VersionPrefix in build/Packaging.props)
#   --all-platforms   the tool for every platform it supports (linux-x64, win-x64, osx-arm64); by default only for
#                     this machine's, since each platform's tool package carries its own libtorch (~200 MB packed)
#   -p:Name=Value     passed to dotnet pack, e.g. -p:TorchBackend=cuda for a ctk that carries CUDA libtorch
#
# Re-runnable: it empties artifacts/ first and rebuilds only what changed. Then, e.g.:
#   dotnet tool install --global ClassifierToolkit.Cli --add-source artifacts --version <V>
set -euo pipefail
cd "$(dirname "$0")/.."

version=""
all_platforms=0
properties=()
while [ $# -gt 0 ]; do
  case "$1" in
    --version) [ $# -ge 2 ] || { echo "error: --version needs a value, e.g. --version 0.9.1" >&2; exit 2; }; version="$2"; shift 2 ;;
    --all-platforms) all_platforms=1; shift ;;
    -p:*=*) properties+=("$1"); shift ;;
    -h|--help) sed -n '2,/^[^#]/{/^#/s/^# \{0,1\}//p}' "$0"; exit 0 ;;
    *) echo "error: unknown option '$1'; see build/pack.sh --help" >&2; exit 2 ;;
  esac
done
if [ -z "$version" ]; then
  version=$(sed -n 's:.*<VersionPrefix>\(.*\)</VersionPrefix>.*:\1:p' build/Packaging.props)
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
tool_rids=()
if [ "$all_platforms" = 0 ]; then
  rid=$(dotnet --info | sed -n 's/^ *RID: *//p' | head -n 1)
  tool_rids=("-p:ToolPackageRuntimeIdentifiers=$rid")
fi

# One invocation for all packable projects (those under src/), through a solution filter of the repository's
# solution, so MSBuild builds each project once and packs them in parallel. Listed afresh each time: a new
# project under src/ is packed without editing this script.
artifacts="$PWD/artifacts"
rm -rf "$artifacts"
mkdir -p "$artifacts"
filter="$artifacts/.packages.slnf"
projects=$(find src -mindepth 2 -maxdepth 2 -name '*.csproj' | sort | sed 's/.*/"&"/' | paste -sd, -)
printf '{ "solution": { "path": "%s", "projects": [ %s ] } }\n' "$PWD/ClassifierToolkit.sln" "$projects" > "$filter"

start=$(date +%s)
dotnet pack "$filter" -c Release -nologo -v minimal -p:Version="$version" -p:PackageOutputPath="$artifacts/" "${tool_rids[@]}" "${properties[@]}"
rm -f "$filter"

# What the install test and anyone else can check the packages against.
printf '{ "version": "%s", "commit": "%s" }\n' "$version" "$(git rev-parse HEAD 2>/dev/null || echo unknown)" > "$artifacts/pack.json"

echo
echo "Packed $version in $(( $(date +%s) - start )) s into artifacts/:"
( cd "$artifacts" && ls -1 ./*.nupkg | sed 's|^\./||' | while read -r package; do
    printf '  %-52s %8s\n' "$package" "$(du -h "$package" | cut -f1)"
  done )
echo "Install the tool: dotnet tool install --global ClassifierToolkit.Cli --add-source artifacts --version $version"
