// Creates and starts the vscode-languageclient connection to dist/server.js over IPC. Loaded on first need only:
// evaluating vscode-languageclient costs more than everything else Berth does at activation.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { DAEMON_JSON_SELECTOR } from './client';
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

export async function startLanguageServer(
  context: vscode.ExtensionContext,
  languageIds: readonly string[],
): Promise<LanguageClient> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [...languageIds.map((language) => ({ language })), DAEMON_JSON_SELECTOR],
    // The server's messages follow VS Code's display language (it reads this before the `locale` of initialize).
    initializationOptions: { locale: vscode.env.language },
    synchronize: {
      configurationSection: 'berth',
      // Diagnostics of open files depend on these (COPY vs .dockerignore, compose vs its Dockerfile and .env).
      fileEvents: vscode.workspace.createFileSystemWatcher(
        '**/{.dockerignore,*.dockerignore,Dockerfile*,*.dockerfile,Containerfile*,.env,*.env,compose*.y*ml,docker-compose*.y*ml}',
      ),
    },
  };
  const client = new LanguageClient('berth', 'Berth Language Server', serverOptions, clientOptions);
  await client.start();
  return client;
}
