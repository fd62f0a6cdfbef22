// Language server speed, measured from an LSP client over stdio (vscode-jsonrpc, as VS Code's client uses):
//   keystroke → diagnostics for that version (didChange sent → textDocument/diagnostic answered), p50/p99,
//   on a 300-line Dockerfile and on a 300-line compose.yaml with an override file;
//   server start → first diagnostics; resident memory with 500 corpus files open.
// usage: node bench/lsp/lsp-bench.mjs PLIMSOLL_EXECUTABLE [CORPUS_DIR]   (vscode-jsonrpc from vscode-extension/node_modules)
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const rpc = createRequire(path.join(here, '..', '..', 'vscode-extension', 'package.json'))('vscode-jsonrpc/node');
const [server, corpus = path.join(here, '..', '..', '..', 'shared', 'corpus')] = process.argv.slice(2);
const work = mkdtempSync(path.join(tmpdir(), 'plimsoll-lsp-bench-'));

function start() {
  const started = process.hrtime.bigint();
  const child = spawn(server, ['lsp'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();
  return { child, connection, started };
}

const ms = (from) => Number(process.hrtime.bigint() - from) / 1e6;
const percentile = (values, p) => { const s = [...values].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const capabilities = { textDocument: { diagnostic: {} }, workspace: { configuration: true, diagnostics: { refreshSupport: true } } };
const rssMb = (pid) => { const s = readFileSync(`/proc/${pid}/status`, 'utf8'); return { rss: +/VmRSS:\s+(\d+)/.exec(s)[1] / 1024, peak: +/VmHWM:\s+(\d+)/.exec(s)[1] / 1024 }; };

async function initialize(connection, root) {
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities });
  await connection.sendNotification('initialized', {});
}

async function stop({ connection, child }) {
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  await new Promise((resolve) => child.on('exit', resolve));
  connection.dispose();
}

// Types `text` at the end of `line` one character at a time; each keystroke is followed by a pull for its version.
async function typing(connection, uri, line, column, text, rounds) {
  const times = [];
  let version = 1;
  for (let r = 0; r < rounds; r++) {
    for (const ch of text) {
      const t = process.hrtime.bigint();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line, character: column }, end: { line, character: column } }, text: ch }] });
      const report = await connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      times.push(ms(t));
      if (!report.resultId.startsWith(`${version}.`)) throw new Error(`report for ${report.resultId}, expected version ${version}`);
      column++;
    }
    // delete what was typed, as one edit
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ range: { start: { line, character: column - text.length }, end: { line, character: column } }, text: '' }] });
    column -= text.length;
  }
  return times;
}

function dockerfile300() {
  const lines = ['# syntax=docker/dockerfile:1', 'FROM debian:12.5 AS build', 'ARG VERSION=1.0'];
  for (let i = 0; lines.length < 296; i++) {
    lines.push(`RUN apt-get update && apt-get install -y --no-install-recommends pkg${i} \\`, `    && rm -rf /var/lib/apt/lists/*`,
      `ENV STEP_${i}=value${i}`, `COPY src/part${i} /app/part${i}`);
  }
  lines.push('FROM gcr.io/distroless/base-debian12', 'COPY --from=build /app /app', 'USER nonroot', 'ENTRYPOINT ["/app/run"]');
  return lines.slice(0, 300).join('\n') + '\n';
}

function compose300() {
  const lines = ['services:'];
  for (let i = 0; lines.length < 290; i++) {
    lines.push(`  svc${i}:`, `    image: registry.example.com/team/svc${i}:1.${i}.0`, `    user: "1000"`, `    environment:`,
      `      LOG_LEVEL: info`, `      PORT: "80${String(i).padStart(2, '0')}"`, `    networks: [back]`, `    read_only: true`);
  }
  lines.push('networks:', '  back:', '    driver: bridge');
  return lines.slice(0, 300).join('\n') + '\n';
}

const results = {};
try {
  // 1. start → first diagnostics (Dockerfile of the insecure example)
  const starts = [];
  for (let i = 0; i < 10; i++) {
    const s = start();
    await initialize(s.connection, work);
    const uri = pathToFileURL(path.join(work, 'Dockerfile')).href;
    await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'dockerfile', version: 1, text: 'FROM ubuntu\nRUN curl http://x | sh\n' } });
    await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
    starts.push(ms(s.started));
    await stop(s);
  }
  results.startToFirstDiagnostics = { p50: percentile(starts, 50), max: Math.max(...starts) };

  // 2. keystroke latency
  const s = start();
  await initialize(s.connection, work);
  const df = path.join(work, 'Dockerfile');
  writeFileSync(df, dockerfile300());
  const dfUri = pathToFileURL(df).href;
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: dfUri, languageId: 'dockerfile', version: 1, text: dockerfile300() } });
  await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: dfUri } });
  const dfTimes = typing(s.connection, dfUri, 4, 'RUN apt-get update && apt-get install -y --no-install-recommends pkg0'.length, ' curl', 1);
  const dfAll = await dfTimes;
  const more = await typing(s.connection, dfUri, 4, 'RUN apt-get update && apt-get install -y --no-install-recommends pkg0'.length, ' wget jq', 40);
  const dockerTimes = dfAll.concat(more).slice(20); // the first keystrokes warm the server
  results.keystrokeDockerfile300 = { n: dockerTimes.length, p50: percentile(dockerTimes, 50), p99: percentile(dockerTimes, 99) };

  const composePath = path.join(work, 'compose.yaml');
  writeFileSync(composePath, compose300());
  writeFileSync(path.join(work, 'compose.override.yaml'), 'services:\n  svc0:\n    environment:\n      DEBUG: "1"\n');
  const cUri = pathToFileURL(composePath).href;
  await s.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: cUri, languageId: 'dockercompose', version: 1, text: compose300() } });
  await s.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri: cUri } });
  const composeTimes = (await typing(s.connection, cUri, 5, '      LOG_LEVEL: info'.length, 'rmation', 45)).slice(20);
  results.keystrokeCompose300WithOverride = { n: composeTimes.length, p50: percentile(composeTimes, 50), p99: percentile(composeTimes, 99) };
  await stop(s);

  // 3. memory with 500 corpus files open
  const m = start();
  await initialize(m.connection, work);
  const files = [
    ...readdirSync(path.join(corpus, 'dockerfiles')).sort().slice(0, 350).map((f) => [path.join(corpus, 'dockerfiles', f), 'dockerfile', `d${f}/Dockerfile`]),
    ...readdirSync(path.join(corpus, 'compose')).sort().slice(0, 150).map((f) => [path.join(corpus, 'compose', f), 'dockercompose', `c${f}/compose.yaml`]),
  ];
  for (const [file, languageId, name] of files) {
    const uri = pathToFileURL(path.join(work, 'open', name)).href;
    await m.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text: readFileSync(file, 'utf8') } });
    await m.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
  }
  results.memoryWith500Open = { files: files.length, ...rssMb(m.child.pid) };
  await stop(m);
} finally {
  rmSync(work, { recursive: true, force: true });
}
const round = (o) => JSON.parse(JSON.stringify(o, (k, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
console.log(JSON.stringify(round(results), null, 2));
