#!/usr/bin/env bash
# Builds the VS Code extension packages:
#   OUTDIR/plimsoll-<target>.vsix  one per target, with the Native AOT `plimsoll` inside (bin/<platform>-<arch>/)
#   OUTDIR/plimsoll-universal.vsix runs the plimsoll dotnet tool (plimsoll.path, the tool manifest, or PATH)
# Usage: bash vscode-extension/package.sh OUTDIR [TARGET…]   (VS Code targets: linux-x64, linux-arm64, alpine-x64,
# alpine-arm64, darwin-x64, darwin-arm64, win32-x64, win32-arm64; default: this machine's). Native AOT does not
# cross-compile across operating systems: build each OS's targets on that OS (a release matrix).
# PLIMSOLL_NATIVE_EXE=FILE packs that already-published native executable for the (single) target instead of publishing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
[ $# -ge 1 ] || { echo "usage: $0 OUTDIR [TARGET…]" >&2; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
shift

default_target() {
  local os arch
  case "$(uname -s)" in Linux) os=linux; [ -f /etc/alpine-release ] && os=alpine ;; Darwin) os=darwin ;; *) os=win32 ;; esac
  case "$(uname -m)" in x86_64|amd64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "unsupported machine $(uname -m)" >&2; exit 2 ;; esac
  echo "$os-$arch"
}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("$(default_target)")

# VS Code target → .NET runtime identifier, and the folder the extension looks in (Node's process.platform-arch).
rid_of() {
  case "$1" in
    linux-*) echo "linux-${1#linux-}" ;; alpine-*) echo "linux-musl-${1#alpine-}" ;;
    darwin-*) echo "osx-${1#darwin-}" ;; win32-*) echo "win-${1#win32-}" ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}
bin_dir_of() { case "$1" in alpine-*) echo "linux-${1#alpine-}" ;; *) echo "$1" ;; esac; }

cd "$here"
[ -d node_modules ] || npm ci --no-audit --no-fund --loglevel=error
node scripts/build.mjs

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The extension's files: what .vscodeignore keeps, copied so each package gets only its own binary.
stage() {
  local dir=$1
  mkdir -p "$dir"
  cp -r package.json README.md LICENSE.md .vscodeignore dist "$dir/"
  [ -d images ] && cp -r images "$dir/"
  return 0
}

vsce() { "$here/node_modules/.bin/vsce" "$@"; }

for target in "${targets[@]}"; do
  rid=$(rid_of "$target")
  dir="$work/$target"
  stage "$dir"
  bin="$dir/bin/$(bin_dir_of "$target")"
  mkdir -p "$bin"
  exe=plimsoll; case "$target" in win32-*) exe=plimsoll.exe ;; esac
  if [ -n "${PLIMSOLL_NATIVE_EXE:-}" ] && [ ${#targets[@]} -eq 1 ]; then
    cp "$PLIMSOLL_NATIVE_EXE" "$bin/$exe"
  else
    echo "publishing the Native AOT server for $rid"
    dotnet publish "$repo/src/Plimsoll.Cli" -c Release -r "$rid" -p:PlimsollNative=true --nologo -v quiet -clp:NoSummary -o "$work/publish-$rid"
    cp "$work/publish-$rid/$exe" "$bin/$exe"
  fi
  chmod 0755 "$bin/$exe"
  (cd "$dir" && vsce package --no-dependencies --target "$target" -o "$out/plimsoll-$target.vsix" >/dev/null)
  echo "wrote $out/plimsoll-$target.vsix"
done

stage "$work/universal"
(cd "$work/universal" && vsce package --no-dependencies -o "$out/plimsoll-universal.vsix" >/dev/null)
echo "wrote $out/plimsoll-universal.vsix"
