#!/usr/bin/env bash
# The extension in real VS Code (code-server 4.100.3 = VS Code 1.100.3, headless Chromium): installs the VSIX,
# opens a copy of examples/insecure, and runs e2e/vscode.mjs (squiggles and Problems, quick fix, typing, run onSave).
# usage: e2e/run.sh PLIMSOLL-LINUX-X64.VSIX KIT_DIR   (KIT_DIR: shared/tools/vscode-e2e)
# VSCODE_E2E_PREFIX=DIR reuses an installed kit; otherwise the kit is installed into a temporary prefix.
# Screenshots go to vscode-extension/test-artifacts/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
ext=$(cd "$here/.." && pwd)
repo=$(cd "$ext/.." && pwd)
vsix=$(realpath "$1"); kit=$(realpath "$2")
port=${E2E_PORT:-18093}
run=$(mktemp -d /tmp/plimsoll-vscode-e2e.XXXXXX)
prefix=${VSCODE_E2E_PREFIX:-}
if [ -z "$prefix" ]; then
  prefix="$run/kit"
  echo "installing code-server and Playwright into $prefix (shared/tools/vscode-e2e/install.sh)"
  bash "$kit/install.sh" "$prefix" > "$run/install.log" 2>&1 || { tail -30 "$run/install.log" >&2; exit 1; }
fi
cs="$prefix/node_modules/.bin/code-server"

mkdir -p "$run/user/User" "$run/exts" "$run/xdg" "$run/tmp" "$run/ws" "$ext/test-artifacts"
cp "$repo/examples/insecure/Dockerfile" "$repo/examples/insecure/compose.yaml" "$run/ws/"
# code-server, Chromium and VS Code write only under $run.
export XDG_CONFIG_HOME="$run/xdg/config" XDG_DATA_HOME="$run/xdg/data" XDG_CACHE_HOME="$run/xdg/cache" TMPDIR="$run/tmp"
cat > "$run/user/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "security.workspace.trust.enabled": false, "workbench.tips.enabled": false,
  "chat.disableAIFeatures": true, "workbench.secondarySideBar.defaultVisibility": "hidden",
  "editor.hover.enabled": false, "files.autoSave": "off" }
JSON
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$port" > "$run/config.yaml"
args=(--config "$run/config.yaml" --user-data-dir "$run/user" --extensions-dir "$run/exts" --disable-telemetry
      --disable-update-check --disable-workspace-trust --disable-getting-started-override)
"$cs" "${args[@]}" --install-extension "$vsix" >/dev/null
# Own process group: the server, its extension hosts and plimsoll stop together.
EXTENSIONS_GALLERY='{}' setsid "$cs" "${args[@]}" "$run/ws" > "$run/code-server.log" 2>&1 &
cs_pid=$!
cleanup() {
  kill -TERM -- -"$cs_pid" 2>/dev/null || true
  for _ in $(seq 1 20); do kill -0 -- -"$cs_pid" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- -"$cs_pid" 2>/dev/null || true
  if [ -n "${KEEP_RUN:-}" ]; then echo "kept $run"; else rm -rf "$run"; fi
}
trap cleanup EXIT
for _ in $(seq 1 60); do curl -sf -o /dev/null "http://127.0.0.1:$port/healthz" && break; sleep 0.5; done
VSCODE_E2E_PREFIX="$prefix" timeout 300 node "$here/vscode.mjs" "http://127.0.0.1:$port" "$run/ws" "$ext/test-artifacts"
