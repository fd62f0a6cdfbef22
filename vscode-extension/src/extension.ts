import * as vscode from 'vscode';
import {
  CloseAction,
  CloseHandlerResult,
  DocumentSelector,
  ErrorAction,
  ErrorHandlerResult,
  LanguageClient,
  LanguageClientOptions,
  RevealOutputChannelOn,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { locateServer, ServerCommand } from './serverLocator';

const installUrl = 'https://github.com/plimsoll-lint/plimsoll#in-ci-and-pre-commit';
const stackFiles = '**/*stack*.{yml,yaml}';

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel;
let status: vscode.StatusBarItem;
let restarting: Promise<void> = Promise.resolve();
let toldAboutCrash = false;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('Plimsoll', { log: true });
  status = vscode.window.createStatusBarItem('plimsoll.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Plimsoll';
  status.command = 'plimsoll.showOutput';
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand('plimsoll.restart', () => restart(context)),
    vscode.commands.registerCommand('plimsoll.showOutput', () => output.show()),
    vscode.commands.registerCommand('plimsoll.fixAll', () =>
      vscode.commands.executeCommand('editor.action.sourceAction', { kind: 'source.fixAll.plimsoll', apply: 'first' })),
    // The server's "Suppress PLnnnn" actions: a snippet, so the cursor waits where the reason goes.
    vscode.commands.registerCommand('plimsoll.insertSnippet', async (uri: string, line: number, snippet: string) => {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
      const editor = await vscode.window.showTextDocument(document);
      await editor.insertSnippet(new vscode.SnippetString(snippet), new vscode.Position(line, 0));
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      // Settings the client itself uses need a new client; the server reads the others through workspace/configuration.
      if (['enable', 'path', 'args', 'run', 'composeFiles'].some((name) => event.affectsConfiguration(`plimsoll.${name}`))) {
        void restart(context);
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => restart(context)),
  );
  await restart(context);
}

export async function deactivate(): Promise<void> {
  await stop();
}

function restart(context: vscode.ExtensionContext): Promise<void> {
  // One restart at a time: settings can change in quick succession.
  restarting = restarting.then(async () => {
    await stop();
    await start(context);
  });
  return restarting;
}

async function stop(): Promise<void> {
  if (!client) return;
  const old = client;
  client = undefined;
  try {
    await old.stop(2000);
  } catch (error) {
    output.warn(`stopping the server: ${String(error)}`);
  }
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const config = vscode.workspace.getConfiguration('plimsoll');
  if (!config.get<boolean>('enable', true)) {
    showStatus('disabled', 'Plimsoll is disabled (plimsoll.enable)');
    return;
  }
  const server = locateServer(context.extensionPath, config.get<string>('path', ''));
  if (!server) {
    showStatus('missing', 'plimsoll was not found');
    const choice = await vscode.window.showErrorMessage(
      'Plimsoll: no plimsoll executable found. Install it with `dotnet tool install --global Plimsoll` (or add it to the ' +
        "repository's tool manifest), or set plimsoll.path.",
      'How to install',
      'Open settings',
    );
    if (choice === 'How to install') void vscode.env.openExternal(vscode.Uri.parse(installUrl));
    if (choice === 'Open settings') void vscode.commands.executeCommand('workbench.action.openSettings', 'plimsoll.path');
    return;
  }

  const extraArgs = vscode.workspace.isTrusted ? config.get<string[]>('args', []) : [];
  const run = config.get<string>('run', 'onType');
  const command: ServerOptions = {
    command: server.command,
    args: [...server.args, 'lsp', ...extraArgs],
    transport: TransportKind.stdio,
    options: { cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: selector(config.get<string[]>('composeFiles', [])),
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
    initializationOptions: { insertSnippetCommand: true },
    diagnosticPullOptions: { onChange: run === 'onType', onSave: true, onTabs: false },
    errorHandler: {
      error: (): ErrorHandlerResult => ({ action: ErrorAction.Continue, handled: true }),
      closed: (): CloseHandlerResult => {
        // The client restarts the server; say so once per session, not on every crash.
        if (!toldAboutCrash) {
          toldAboutCrash = true;
          void vscode.window.showWarningMessage('Plimsoll: the language server stopped unexpectedly and was restarted. See the Plimsoll output for details.');
        }
        output.error('the language server stopped unexpectedly; restarting it');
        return { action: CloseAction.Restart, handled: true };
      },
    },
  };

  client = new LanguageClient('plimsoll', 'Plimsoll', command, clientOptions);
  client.onDidChangeState((event) => {
    if (event.newState === State.Running) showStatus('running', describe(server), run);
    else if (event.newState === State.Starting) showStatus('starting', describe(server), run);
    else showStatus('stopped', describe(server), run);
  });
  output.info(`starting ${describe(server)}: ${server.command} ${[...server.args, 'lsp', ...extraArgs].join(' ')}`);
  try {
    await client.start();
  } catch (error) {
    showStatus('stopped', `could not start ${server.command}`);
    output.error(`could not start the language server: ${String(error)}`);
    void vscode.window.showErrorMessage(`Plimsoll: could not start ${server.command}: ${String(error)}`);
  }
}

/** Dockerfiles and compose files (VS Code's own language ids), stack files and the user's compose globs; files and unsaved buffers. */
function selector(composeGlobs: string[]): DocumentSelector {
  const documents: DocumentSelector = [];
  for (const scheme of ['file', 'untitled']) {
    documents.push({ scheme, language: 'dockerfile' }, { scheme, language: 'dockercompose' });
  }
  for (const pattern of [stackFiles, ...composeGlobs]) documents.push({ scheme: 'file', pattern });
  return documents;
}

function describe(server: ServerCommand): string {
  return `plimsoll (${server.origin})`;
}

function showStatus(state: 'running' | 'starting' | 'stopped' | 'disabled' | 'missing', detail: string, run = 'onType'): void {
  const icon = { running: '$(check)', starting: '$(sync~spin)', stopped: '$(error)', disabled: '$(circle-slash)', missing: '$(warning)' }[state];
  // Lint-on-save is said in the status bar: otherwise squiggles that do not follow typing look like a broken server.
  const onSave = run === 'onSave';
  status.text = `${icon} Plimsoll${onSave ? ' (on save)' : ''}`;
  status.tooltip = `Plimsoll: ${state} — ${detail}${onSave ? '; lints when a file is saved (plimsoll.run)' : ''}`;
  status.show();
}
