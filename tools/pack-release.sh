#!/usr/bin/env bash
# The release packages of the dotnet tool (.NET 10 RID-specific tool packages):
#   Plimsoll.<version>.nupkg        the pointer package users install by name: it only lists the packages below
#   Plimsoll.<rid>.<version>.nupkg  Native AOT executable for each RID (≈20 ms start), with the framework-dependent
#                                   build beside it in jit/ for runs that load rule packs (--rules)
#   Plimsoll.any.<version>.nupkg    framework-dependent fallback for every other platform
#   Plimsoll.Analyzers.<version>.nupkg  the Roslyn analyzer package (PlimsollPackAnalyzers=true: never by a plain pack)
# Native AOT compiles only for the OS it runs on: a release runs this on one machine per OS, each with its RIDs,
# and passes the same full list in PLIMSOLL_TOOL_RIDS so every pointer package names every package.
# A plain `dotnet pack` (what pre-commit runs) is unaffected and still makes one portable package.
# Usage: bash tools/pack-release.sh OUTDIR [RID...]     (default RID: this machine's)
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:?usage: tools/pack-release.sh OUTDIR [RID...]}
shift
if [ $# -eq 0 ]; then set -- "$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"; fi
rids=${PLIMSOLL_TOOL_RIDS:-$(IFS=';'; echo "$*");any}
props=(-c Release --nologo -v quiet -p:PlimsollNative=true "-p:ToolPackageRuntimeIdentifiers=\"$rids\"" -o "$out")
cli=src/Plimsoll.Cli/Plimsoll.Cli.csproj
dotnet pack "$cli" "${props[@]}"
for rid in "$@"; do dotnet pack "$cli" "${props[@]}" -r "$rid"; done
dotnet pack "$cli" "${props[@]}" -r any
dotnet pack src/Plimsoll.Analyzers/Plimsoll.Analyzers.csproj -c Release --nologo -v quiet -p:PlimsollPackAnalyzers=true -o "$out"
ls "$out"/*.nupkg
