// The published `plimsoll lsp` (the Native AOT executable a platform VSIX ships) driven by vscode-jsonrpc over stdio.
// PLIMSOLL_SERVER names the executable (scripts/test.mjs publishes it).
import assert from 'node:assert/strict';
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { applyEdits, startServer } from './lspClient.mjs';

const server = process.env.PLIMSOLL_SERVER;
assert.ok(server, 'PLIMSOLL_SERVER must name the plimsoll executable');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const examples = path.join(repo, 'examples', 'insecure');
const dockerfileUri = pathToFileURL(path.join(examples, 'Dockerfile')).href;
const composeUri = pathToFileURL(path.join(examples, 'compose.yaml')).href;
const dockerfile = readFileSync(path.join(examples, 'Dockerfile'), 'utf8');
const compose = readFileSync(path.join(examples, 'compose.yaml'), 'utf8');
const scratch = mkdtempSync(path.join(tmpdir(), 'plimsoll-lsp-test-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

test('initialize answers with incremental sync, pull diagnostics and code action kinds', async () => {
  const lsp = startServer(server);
  const { capabilities, serverInfo } = await lsp.initialize(pathToFileURL(examples).href);
  assert.equal(capabilities.textDocumentSync.change, 2);
  assert.equal(capabilities.diagnosticProvider.identifier, 'plimsoll');
  assert.deepEqual(capabilities.codeActionProvider.codeActionKinds, ['quickfix', 'source.fixAll.plimsoll']);
  assert.equal(serverInfo.name, 'plimsoll');
  assert.equal(await lsp.stop(), 0);
});

test('the insecure examples get their PL findings with rule pages; unchanged when asked again', async () => {
  const lsp = startServer(server);
  await lsp.initialize(pathToFileURL(examples).href);
  await lsp.open(dockerfileUri, 'dockerfile', dockerfile);
  await lsp.open(composeUri, 'dockercompose', compose);

  const report = await lsp.pull(dockerfileUri);
  assert.equal(report.kind, 'full');
  const codes = report.items.map((d) => d.code);
  for (const id of ['PL1001', 'PL1003', 'PL1005', 'PL2001', 'PL2002', 'PL4002']) assert.ok(codes.includes(id), `${id} in ${codes}`);
  const http = report.items.find((d) => d.code === 'PL1003' && d.range.start.line === 5);
  assert.equal(http.source, 'plimsoll');
  assert.match(http.codeDescription.href, /PL1003\.md$/);
  assert.equal(http.severity, 1);

  const composeReport = await lsp.pull(composeUri);
  const composeCodes = composeReport.items.map((d) => d.code);
  for (const id of ['PL1001', 'PL2002', 'PL2005', 'PL4001']) assert.ok(composeCodes.includes(id), `${id} in ${composeCodes}`);

  const again = await lsp.pull(dockerfileUri, report.resultId);
  assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });
  assert.equal(await lsp.stop(), 0);
});

test('the quick fix turns http into https; typing brings a new finding', async () => {
  const lsp = startServer(server);
  await lsp.initialize(pathToFileURL(examples).href);
  await lsp.open(dockerfileUri, 'dockerfile', dockerfile);
  const http = (await lsp.pull(dockerfileUri)).items.find((d) => d.code === 'PL1003' && d.range.start.line === 5);
  const actions = await lsp.connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: dockerfileUri }, range: http.range, context: { diagnostics: [http] },
  });
  const fix = actions.find((a) => a.title.startsWith('Fix PL1003'));
  const fixed = applyEdits(dockerfile, fix.edit.changes[dockerfileUri]);
  assert.equal(fixed.split('\n')[5], ' && curl -fsSL https://get.example.com/install.sh | sh');
  assert.ok(actions.some((a) => a.title === 'Suppress PL1003 on this line'));
  assert.ok(actions.some((a) => a.title === 'Show documentation for PL1003'));

  // Type "EXPOSE 22" on a new last line, one keystroke at a time.
  const lines = dockerfile.split('\n');
  let line = lines.length - 1, character = 0, version = 1;
  for (const ch of 'EXPOSE 22\n') {
    await lsp.change(dockerfileUri, ++version, { start: { line, character }, end: { line, character } }, ch);
    if (ch === '\n') { line++; character = 0; } else character++;
  }
  const after = await lsp.pull(dockerfileUri);
  assert.ok(after.resultId.startsWith(`${version}.`));
  assert.ok(after.items.length > 0);
  assert.equal(await lsp.stop(), 0);
});

test('a client without pull support gets pushed diagnostics with the version they belong to', async () => {
  const lsp = startServer(server, { pull: false });
  const { capabilities } = await lsp.initialize(pathToFileURL(scratch).href);
  assert.equal(capabilities.diagnosticProvider, undefined);
  const uri = pathToFileURL(path.join(scratch, 'Dockerfile')).href;
  await lsp.open(uri, 'dockerfile', 'FROM alpine:3.19\nUSER app\n', 1);
  const first = await lsp.nextPublish((p) => p.uri === uri && p.version === 1);
  assert.ok(!first.diagnostics.some((d) => d.code === 'PL1001'));
  await lsp.change(uri, 2, { start: { line: 0, character: 5 }, end: { line: 0, character: 16 } }, 'ubuntu');
  const second = await lsp.nextPublish((p) => p.uri === uri && p.version === 2);
  assert.ok(second.diagnostics.some((d) => d.code === 'PL1001'));
  assert.equal(await lsp.stop(), 0);
});

test('a binary buffer and half-typed compose text do not stop the server', async () => {
  const lsp = startServer(server);
  await lsp.initialize(pathToFileURL(scratch).href);
  const uri = pathToFileURL(path.join(scratch, 'Dockerfile')).href;
  let binary = '';
  for (let i = 0; i < 200_000; i++) binary += String.fromCharCode((i * 7919) % 0xd7ff);
  await lsp.open(uri, 'dockerfile', binary);
  assert.equal((await lsp.pull(uri)).kind, 'full');
  const half = pathToFileURL(path.join(scratch, 'compose.yaml')).href;
  writeFileSync(path.join(scratch, 'compose.yaml'), '');
  await lsp.open(half, 'dockercompose', 'services:\n  web:\n    image: [nginx\n    ports: {"80\n');
  assert.equal((await lsp.pull(half)).kind, 'full');
  assert.equal(await lsp.stop(), 0);
});
