// The packages `package.sh` wrote (PLIMSOLL_VSIX_DIR): the platform VSIX carries the native server where locateServer
// looks for it and says its target; the universal one carries no executable, so it runs the dotnet tool.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const dir = process.env.PLIMSOLL_VSIX_DIR;
// Run by scripts/test.mjs, which packages first: without the packages these checks fail rather than pass unseen.
if (!dir) throw new Error('PLIMSOLL_VSIX_DIR is not set: run `npm test` (scripts/test.mjs packages the VSIXs and sets it)');
const entries = (vsix) => execFileSync('unzip', ['-Z1', path.join(dir, vsix)], { encoding: 'utf8' }).split('\n').filter(Boolean);
const manifest = (vsix) => execFileSync('unzip', ['-p', path.join(dir, vsix), 'extension.vsixmanifest'], { encoding: 'utf8' });

test('the linux-x64 VSIX holds the native server at bin/linux-x64/plimsoll, executable, and targets linux-x64', () => {
  assert.ok(entries('plimsoll-linux-x64.vsix').includes('extension/bin/linux-x64/plimsoll'));
  const mode = execFileSync('zipinfo', [path.join(dir, 'plimsoll-linux-x64.vsix'), 'extension/bin/linux-x64/plimsoll'], { encoding: 'utf8' });
  assert.match(mode, /^-rwx/m);
  assert.match(manifest('plimsoll-linux-x64.vsix'), /TargetPlatform="linux-x64"/);
});

test('the universal VSIX holds no executable and no target platform, and the bundled extension code', () => {
  const files = entries('plimsoll-universal.vsix');
  assert.ok(!files.some((f) => f.startsWith('extension/bin/')), files.join('\n'));
  assert.ok(files.includes('extension/dist/extension.js'));
  assert.doesNotMatch(manifest('plimsoll-universal.vsix'), /TargetPlatform=/);
});
