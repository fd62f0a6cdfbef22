#!/usr/bin/env bash
# Runs every test suite of the repository on a fresh machine: installs what the suites need first.
# Usage: bash tests/run-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n=== %s\n' "$*"; }

# npm packages used by the suites (SARIF validator, VS Code extension), installed from their lock files.
for dir in tools/sarif vscode-extension; do
  if [ -f "$dir/package-lock.json" ]; then
    step "npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

step ".NET build"
dotnet build Lint.sln -c Release --nologo -v quiet -clp:NoSummary

step ".NET tests (xunit)"
dotnet test Lint.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal"

if [ -f vscode-extension/package.json ] && grep -q '"test"' vscode-extension/package.json; then
  step "VS Code extension tests"
  npm test --prefix vscode-extension
fi

step "all suites passed"
