// A real LSP client connection (vscode-jsonrpc, the library under vscode-languageclient) to `plimsoll lsp` over stdio.
import { spawn } from 'node:child_process';
import * as rpc from 'vscode-jsonrpc/node';

export function startServer(executable, { pull = true, args = [] } = {}) {
  const child = spawn(executable, ['lsp', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = [];
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.push(params);
    for (const waiter of [...waiters]) if (waiter.match(params)) { waiters.splice(waiters.indexOf(waiter), 1); waiter.resolve(params); }
  });
  const logs = [];
  connection.onNotification('window/logMessage', (params) => logs.push(params));
  connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/diagnostic/refresh', () => null);
  connection.listen();

  const capabilities = {
    textDocument: pull ? { diagnostic: { dynamicRegistration: false }, synchronization: {} } : { publishDiagnostics: { versionSupport: true } },
    workspace: { configuration: true, diagnostics: { refreshSupport: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
  };
  return {
    child,
    connection,
    logs,
    exited,
    get stderr() { return stderr; },
    initialize: (rootUri) => connection.sendRequest('initialize', { processId: process.pid, rootUri, capabilities }).then(async (result) => {
      await connection.sendNotification('initialized', {});
      return result;
    }),
    open: (uri, languageId, text, version = 1) => connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } }),
    change: (uri, version, range, text) => connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] }),
    pull: (uri, previousResultId) => connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId }),
    nextPublish: (match) => {
      const seen = published.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
    async stop() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
}

/** Applies LSP text edits (line/character, UTF-16) to a string. */
export function applyEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p) => Math.min(text.length, (lineStarts[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  return result;
}
