// `npm test`: type-check and bundle the extension, publish the Native AOT server once, package the VSIXs with it,
// drive the server with vscode-jsonrpc (node --test), then run the extension in real VS Code (code-server) when
// the e2e kit is available (PLIMSOLL_SHARED or ../shared beside the repository; PLIMSOLL_SKIP_VSCODE_E2E=1 skips it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(here, '..');
const work = mkdtempSync(path.join(tmpdir(), 'plimsoll-vscode-test-'));
const run = (command, args, options = {}) => execFileSync(command, args, { stdio: 'inherit', cwd: here, ...options });

try {
  run('npx', ['tsc', '--noEmit', '-p', '.']);
  run('node', ['scripts/build.mjs']);

  // PLIMSOLL_NATIVE_EXE: an already-published native server (saves the publish when iterating on the extension).
  let server = process.env.PLIMSOLL_NATIVE_EXE;
  if (!server) {
    const publish = path.join(work, 'publish');
    console.log('publishing the Native AOT server (linux-x64)');
    run('dotnet', ['publish', path.join(repo, 'src', 'Plimsoll.Cli'), '-c', 'Release', '-r', 'linux-x64', '-p:PlimsollNative=true',
      '--nologo', '-v', 'quiet', '-clp:NoSummary', '-o', publish]);
    server = path.join(publish, 'plimsoll');
  }
  const vsixDir = path.join(work, 'vsix');
  run('bash', ['package.sh', vsixDir, 'linux-x64'], { env: { ...process.env, PLIMSOLL_NATIVE_EXE: server } });

  run('node', ['--test', '--test-concurrency=1', 'test/serverLocator.test.mjs', 'test/vsix.test.mjs', 'test/server.test.mjs'],
    { env: { ...process.env, PLIMSOLL_SERVER: server, PLIMSOLL_VSIX_DIR: vsixDir } });

  const shared = process.env.PLIMSOLL_SHARED ?? path.join(repo, '..', 'shared');
  const kit = path.join(shared, 'tools', 'vscode-e2e');
  if (process.env.PLIMSOLL_SKIP_VSCODE_E2E === '1') {
    console.log('VS Code end-to-end tests skipped (PLIMSOLL_SKIP_VSCODE_E2E=1)');
  } else if (!existsSync(path.join(kit, 'install.sh'))) {
    throw new Error(`the VS Code e2e kit is missing (${kit}); set PLIMSOLL_SHARED or PLIMSOLL_SKIP_VSCODE_E2E=1`);
  } else {
    const result = spawnSync('bash', ['e2e/run.sh', path.join(vsixDir, 'plimsoll-linux-x64.vsix'), kit], { stdio: 'inherit', cwd: here });
    if (result.status !== 0) throw new Error(`VS Code end-to-end tests failed (exit ${result.status})`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
