#!/usr/bin/env bash
# Runs every test suite of the repository on a fresh machine, installing first what the suites need
# (npm packages from their lock files; Debian packages: pre-commit, shellcheck, a C toolchain for Native AOT, strace,
# docker-registry and skopeo for the registry tests of `plimsoll pin`).
# Usage: bash tests/run-all.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

step() { printf '\n=== %s\n' "$*"; }

# Debian packages the end-to-end tests use: pre-commit for the hook test; a C toolchain (gcc or clang, and
# binutils' objcopy) for the Native AOT tool package that the release-packaging test builds.
apt_install() {
  step "apt-get install $*"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "$* missing and this user cannot install it (run as root, or apt-get install $*)" >&2
  fi
}
command -v pre-commit >/dev/null 2>&1 || apt_install pre-commit
# shellcheck (0.9) for PL7001: its tests run the real program.
command -v shellcheck >/dev/null 2>&1 || apt_install shellcheck
# docker-registry (distribution 2.8) and skopeo for the `plimsoll pin` end-to-end tests (a registry on 127.0.0.1,
# images pushed from OCI layouts); apache2-utils' htpasswd for the registry's bcrypt password file.
missing_pin_tools=()
command -v docker-registry >/dev/null 2>&1 || missing_pin_tools+=(docker-registry)
command -v skopeo >/dev/null 2>&1 || missing_pin_tools+=(skopeo)
command -v htpasswd >/dev/null 2>&1 || missing_pin_tools+=(apache2-utils)
if [ "${#missing_pin_tools[@]}" -gt 0 ]; then apt_install "${missing_pin_tools[@]}"; fi
if ! { command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; } || ! command -v objcopy >/dev/null 2>&1; then
  apt_install gcc binutils
fi
# strace: the native tool's heap-commit prefault is checked on the system calls it makes (NativeToolTests).
command -v strace >/dev/null 2>&1 || apt_install strace

# npm packages used by the suites (SARIF validators, VS Code extension), installed from their lock files.
for dir in tools/sarif vscode-extension; do
  if [ -f "$dir/package-lock.json" ]; then
    step "npm ci in $dir"
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
done

step ".NET build (Release)"
dotnet build Lint.sln -c Release --nologo -v quiet -clp:NoSummary

# The release packages (Native AOT for this machine + fallback), made once: the packaging tests install them, and
# the CLI tests run a second time against the installed native executable.
step "release tool packages (tools/pack-release.sh)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bash tools/pack-release.sh "$work/feed"
printf '<?xml version="1.0"?><configuration><packageSources><clear /></packageSources></configuration>' > "$work/nuget.config"
dotnet tool install --configfile "$work/nuget.config" --tool-path "$work/tool" --add-source "$work/feed" Plimsoll
export PLIMSOLL_RELEASE_FEED="$work/feed"

log=$(mktemp)
status=0
run_tests() {
  local rc
  set +e
  dotnet test Lint.sln -c Release --no-build --nologo -v quiet --logger "console;verbosity=minimal" "$@" 2>&1 | tee -a "$log"
  rc=${PIPESTATUS[0]}
  set -e
  if [ "$rc" != 0 ]; then status=$rc; fi
}

step ".NET tests (xunit: unit, conformance, corpus, oracles, CLI and end-to-end)"
run_tests

step "CLI tests again, against the installed Native AOT tool"
export PLIMSOLL_TEST_TOOL="$work/tool/plimsoll"
run_tests --filter "(FullyQualifiedName~Plimsoll.Tests.Cli|FullyQualifiedName~LintCorpusSarifTests)&FullyQualifiedName!~NativeToolTests&FullyQualifiedName!~ToolInstallTests&FullyQualifiedName!~PreCommitTests"
unset PLIMSOLL_TEST_TOOL

if [ -f vscode-extension/package.json ] && grep -q '"test"' vscode-extension/package.json; then
  step "VS Code extension tests"
  # The native server the release packages already built (tools/pack-release.sh) goes into the VSIX: no second AOT publish.
  PLIMSOLL_NATIVE_EXE="$work/tool/plimsoll" npm test --prefix vscode-extension
fi

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -Eo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo
echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
