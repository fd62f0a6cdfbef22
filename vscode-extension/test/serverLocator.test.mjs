// locateServer (src/serverLocator.ts), bundled by esbuild with a stand-in for the `vscode` module: which server a
// platform VSIX, a universal VSIX (no executable inside), a tool manifest, PATH and the setting lead to, in that order.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, chmodSync, statSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'plimsoll-locator-'));
const exe = process.platform === 'win32' ? 'plimsoll.exe' : 'plimsoll';
// What the stand-in `vscode` module answers: the test sets it per case.
const fakeVscode = { workspace: { isTrusted: true, workspaceFolders: [] } };
let locateServer;
const savedPath = process.env.PATH;

before(async () => {
  globalThis.__plimsollFakeVscode = fakeVscode;
  const out = path.join(work, 'locator.cjs');
  await build({
    entryPoints: [path.join(here, '..', 'src', 'serverLocator.ts')],
    bundle: true, format: 'cjs', platform: 'node', outfile: out, logLevel: 'warning',
    plugins: [{
      name: 'fake-vscode',
      setup(b) {
        b.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'fake' }));
        b.onLoad({ filter: /.*/, namespace: 'fake' }, () => ({ contents: 'module.exports = globalThis.__plimsollFakeVscode;', loader: 'js' }));
      },
    }],
  });
  ({ locateServer } = createRequire(import.meta.url)(out));
});

after(() => {
  process.env.PATH = savedPath;
  rmSync(work, { recursive: true, force: true });
});

function folder(...parts) {
  const dir = path.join(work, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}

function workspaceAt(dir) {
  fakeVscode.workspace.workspaceFolders = [{ uri: { scheme: 'file', fsPath: dir } }];
}

test('a universal VSIX (no executable inside) finds nothing when there is no tool manifest and nothing on PATH', () => {
  const universal = folder('universal-ext');
  workspaceAt(folder('empty-repo'));
  process.env.PATH = folder('empty-bin');
  assert.equal(locateServer(universal, ''), undefined);
});

test('a universal VSIX uses the repository tool manifest found in a parent folder of the workspace', () => {
  const universal = folder('universal-ext2');
  const repo = folder('repo-with-manifest');
  mkdirSync(path.join(repo, '.config'), { recursive: true });
  writeFileSync(path.join(repo, '.config', 'dotnet-tools.json'), JSON.stringify({ version: 1, isRoot: true, tools: { Plimsoll: { version: '0.1.0', commands: ['plimsoll'] } } }));
  workspaceAt(folder('repo-with-manifest', 'services', 'api'));
  process.env.PATH = folder('empty-bin');
  assert.deepEqual(locateServer(universal, ''), { command: 'dotnet', args: ['tool', 'run', 'plimsoll', '--'], origin: 'tool manifest' });
});

test('a manifest that lists other tools only, or is not JSON, is not a reason to run dotnet', () => {
  const repo = folder('repo-other-tools');
  writeFileSync(path.join(repo, 'dotnet-tools.json'), JSON.stringify({ version: 1, tools: { 'dotnet-ef': {} } }));
  const broken = folder('repo-broken', '.config');
  writeFileSync(path.join(broken, 'dotnet-tools.json'), '{ not json');
  process.env.PATH = folder('empty-bin');
  workspaceAt(repo);
  assert.equal(locateServer(folder('universal-ext3'), ''), undefined);
  workspaceAt(path.dirname(broken));
  assert.equal(locateServer(folder('universal-ext3'), ''), undefined);
});

test('a universal VSIX falls back to plimsoll on PATH', () => {
  const bin = folder('path-bin');
  writeFileSync(path.join(bin, exe), '#!/bin/sh\n');
  workspaceAt(folder('empty-repo'));
  process.env.PATH = [folder('empty-bin'), bin].join(path.delimiter);
  assert.deepEqual(locateServer(folder('universal-ext4'), ''), { command: path.join(bin, exe), args: [], origin: 'PATH' });
});

test('a platform VSIX runs its own executable, and makes it executable when the installer dropped the bit', () => {
  const platform = folder('platform-ext');
  const bundled = path.join(folder('platform-ext', 'bin', `${process.platform}-${process.arch}`), exe);
  writeFileSync(bundled, '#!/bin/sh\n');
  chmodSync(bundled, 0o644);
  process.env.PATH = folder('path-bin');
  assert.deepEqual(locateServer(platform, ''), { command: bundled, args: [], origin: 'bundled' });
  if (process.platform !== 'win32') assert.equal(statSync(bundled).mode & 0o777, 0o755);
});

test('plimsoll.path wins in a trusted workspace and is ignored in an untrusted one', () => {
  const platform = folder('platform-ext');
  fakeVscode.workspace.isTrusted = true;
  assert.deepEqual(locateServer(platform, '/opt/custom/plimsoll'), { command: '/opt/custom/plimsoll', args: [], origin: 'setting' });
  fakeVscode.workspace.isTrusted = false;
  assert.equal(locateServer(platform, '/opt/custom/plimsoll').origin, 'bundled');
  fakeVscode.workspace.isTrusted = true;
});
