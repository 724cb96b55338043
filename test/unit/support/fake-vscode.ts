// A minimal stand-in for the `vscode` module, enough to register Berth's Harbor commands and run them in plain Node:
// commands are captured, messages recorded, the workspace's trust and settings set by the test.
import Module from 'node:module';
import * as l10n from '@vscode/l10n';

type Listener<T> = (e: T) => unknown;

class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  event = (l: Listener<T>) => {
    this.listeners.push(l);
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((x) => x !== l);
      },
    };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export interface FakeSetting {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

export const fake = {
  trusted: false,
  commands: new Map<string, (...args: unknown[]) => unknown>(),
  executed: [] as Array<{ id: string; args: unknown[] }>,
  messages: [] as Array<{ level: 'error' | 'warning' | 'info'; text: string }>,
  /** `berth.harbor.tls` → inspect() values. */
  settings: new Map<string, FakeSetting>(),
  configChanged: new EventEmitter<{ affectsConfiguration(s: string): boolean }>(),
  trustGranted: new EventEmitter<void>(),
  reset(): void {
    this.trusted = false;
    this.executed = [];
    this.messages = [];
    this.settings.clear();
  },
};

function effective(s: FakeSetting | undefined): unknown {
  return s?.workspaceFolderValue ?? s?.workspaceValue ?? s?.globalValue ?? s?.defaultValue;
}

const message = (level: 'error' | 'warning' | 'info') => (text: string) => {
  fake.messages.push({ level, text });
  return Promise.resolve(undefined);
};

export const vscodeStub = {
  EventEmitter,
  Disposable: class {
    constructor(readonly fn: () => void) {}
    dispose() {
      this.fn();
    }
  },
  TreeItem: class {
    constructor(
      public label: unknown,
      public collapsibleState?: number,
    ) {}
  },
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  ThemeIcon: class {
    constructor(public id: string) {}
  },
  ThemeColor: class {
    constructor(public id: string) {}
  },
  MarkdownString: class {
    constructor(public value = '') {}
  },
  ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
  Uri: { parse: (s: string) => ({ toString: () => s }), file: (p: string) => ({ fsPath: p }) },
  commands: {
    registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => {
      fake.commands.set(id, fn);
      return { dispose: () => fake.commands.delete(id) };
    },
    executeCommand: (id: string, ...args: unknown[]) => {
      fake.executed.push({ id, args });
      return Promise.resolve(undefined);
    },
  },
  window: {
    showErrorMessage: message('error'),
    showWarningMessage: message('warning'),
    showInformationMessage: message('info'),
    setStatusBarMessage: () => ({ dispose() {} }),
    createTreeView: () => ({ visible: false, dispose() {}, reveal: () => Promise.resolve() }),
    createOutputChannel: () => ({ appendLine() {}, append() {}, show() {}, dispose() {} }),
    withProgress: (_o: unknown, task: (p: unknown, t: unknown) => unknown) =>
      task(
        { report() {} },
        {
          onCancellationRequested() {
            return { dispose() {} };
          },
        },
      ),
  },
  workspace: {
    get isTrusted() {
      return fake.trusted;
    },
    getConfiguration: (section: string) => ({
      get: (key: string, fallback?: unknown) => effective(fake.settings.get(`${section}.${key}`)) ?? fallback,
      inspect: (key: string) => ({ key: `${section}.${key}`, ...fake.settings.get(`${section}.${key}`) }),
    }),
    onDidChangeConfiguration: fake.configChanged.event,
    onDidGrantWorkspaceTrust: fake.trustGranted.event,
  },
  env: { clipboard: { writeText: () => Promise.resolve() }, openExternal: () => Promise.resolve(true) },
  // English, as VS Code gives it without a language pack: the message itself with its {0} placeholders filled.
  l10n: { t: l10n.t, bundle: undefined },
};

/** Makes `require('vscode')` return the stub. Call before loading any client module that imports vscode. */
export function installFakeVscode(): void {
  const M = Module as unknown as {
    _resolveFilename: (req: string, ...rest: unknown[]) => string;
    _cache: Record<string, unknown>;
  };
  const id = '\0fake-vscode';
  const original = M._resolveFilename;
  if ((original as { fake?: boolean }).fake) return;
  const resolve = Object.assign(
    (req: string, ...rest: unknown[]) => (req === 'vscode' ? id : original.call(Module, req, ...rest)),
    { fake: true },
  );
  M._resolveFilename = resolve;
  M._cache[id] = { id, filename: id, loaded: true, exports: vscodeStub };
}

/** An ExtensionContext with in-memory global state and secrets. */
export function fakeContext(): unknown {
  const state = new Map<string, unknown>();
  const secrets = new Map<string, string>();
  return {
    subscriptions: [] as Array<{ dispose(): void }>,
    globalState: {
      get: (k: string, d?: unknown) => (state.has(k) ? state.get(k) : d),
      update: (k: string, v: unknown) => {
        state.set(k, v);
        return Promise.resolve();
      },
    },
    workspaceState: {
      get: (k: string, d?: unknown) => (state.has(`ws:${k}`) ? state.get(`ws:${k}`) : d),
      update: (k: string, v: unknown) => {
        state.set(`ws:${k}`, v);
        return Promise.resolve();
      },
    },
    secrets: {
      get: (k: string) => Promise.resolve(secrets.get(k)),
      store: (k: string, v: string) => {
        secrets.set(k, v);
        return Promise.resolve();
      },
      delete: (k: string) => {
        secrets.delete(k);
        return Promise.resolve();
      },
    },
    logUri: { fsPath: '/tmp/berth-fake-log' },
    extensionUri: { fsPath: '/tmp' },
  };
}
