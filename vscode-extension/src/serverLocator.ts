import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** How to start `plimsoll lsp`: an executable and the arguments before `lsp`. */
export interface ServerCommand {
  command: string;
  args: string[];
  /** Where it came from, for the output panel and the status bar. */
  origin: 'setting' | 'bundled' | 'tool manifest' | 'PATH';
}

const executableName = process.platform === 'win32' ? 'plimsoll.exe' : 'plimsoll';

/**
 * The server to run, in order: `plimsoll.path` (trusted workspaces only), the native executable shipped in a
 * platform VSIX (bin/<platform>-<arch>/), the repository's dotnet tool manifest, `plimsoll` on PATH.
 */
export function locateServer(extensionPath: string, configuredPath: string): ServerCommand | undefined {
  if (configuredPath && vscode.workspace.isTrusted) {
    return { command: configuredPath, args: [], origin: 'setting' };
  }
  const bundled = path.join(extensionPath, 'bin', `${process.platform}-${process.arch}`, executableName);
  if (fs.existsSync(bundled)) {
    makeExecutable(bundled);
    return { command: bundled, args: [], origin: 'bundled' };
  }
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme === 'file' && manifestHasPlimsoll(folder.uri.fsPath)) {
      return { command: 'dotnet', args: ['tool', 'run', 'plimsoll', '--'], origin: 'tool manifest' };
    }
  }
  const onPath = findOnPath(executableName);
  return onPath ? { command: onPath, args: [], origin: 'PATH' } : undefined;
}

// A VSIX is a zip: the execute bit may not survive every installer, so set it before the first start.
function makeExecutable(file: string): void {
  if (process.platform === 'win32') return;
  try {
    const mode = fs.statSync(file).mode;
    if ((mode & 0o111) !== 0o111) fs.chmodSync(file, 0o755);
  } catch {
    // Starting it will fail with a clear message in the output panel.
  }
}

// dotnet looks for .config/dotnet-tools.json (or dotnet-tools.json) in the folder and its parents.
function manifestHasPlimsoll(folder: string): boolean {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, '.config', 'dotnet-tools.json'), path.join(dir, 'dotnet-tools.json')]) {
      try {
        const manifest = JSON.parse(fs.readFileSync(candidate, 'utf8')) as { tools?: Record<string, unknown> };
        if (manifest.tools && Object.keys(manifest.tools).some((name) => name.toLowerCase() === 'plimsoll')) return true;
      } catch {
        // no manifest here, or not JSON
      }
    }
    if (path.dirname(dir) === dir) return false;
  }
}

function findOnPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}
