// Maps the daemon.json checks onto the LSP adapter contract: diagnostics and their quick fixes. Structure,
// completion and hover come from VS Code's JSON support with the schema Berth contributes (schema.ts), so this
// adapter answers only what that schema cannot.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AdapterContext, LanguageAdapter } from '../lsp/adapter';
import { checkDaemonJson, toDiagnostics, type DaemonJsonIssue, type EngineUnit } from './checks';
import { effectiveExecStart } from './unit';

// The local engine's configuration file, and where systemd keeps the unit that starts that engine.
const LOCAL_DAEMON_JSON = 'file:///etc/docker/daemon.json';
const UNIT_FILES = [
  'file:///etc/systemd/system/docker.service',
  'file:///lib/systemd/system/docker.service',
  'file:///usr/lib/systemd/system/docker.service',
];
const DROP_INS = 'file:///etc/systemd/system/docker.service.d';

function localUnit(ctx: AdapterContext): EngineUnit {
  for (const uri of UNIT_FILES) {
    const unit = ctx.readFile(uri);
    if (unit === undefined) continue;
    const dropIns = ctx
      .listDir(DROP_INS)
      .filter((e) => !e.isDirectory && e.name.endsWith('.conf'))
      .map((e) => e.name)
      .sort()
      .map((name) => ctx.readFile(`${DROP_INS}/${name}`) ?? '');
    return { kind: 'local', path: uri.replace('file://', ''), execStart: effectiveExecStart([unit, ...dropIns]) };
  }
  return { kind: 'unknown' };
}

// One check per document version, shared by diagnostics and code actions (like ModelCache, but the check also
// reads the unit files through the context).
const checked = new Map<string, { version: number; list: DaemonJsonIssue[] }>();

function check(doc: TextDocument, ctx: AdapterContext): DaemonJsonIssue[] {
  const hit = checked.get(doc.uri);
  if (hit?.version === doc.version) return hit.list;
  const unit = doc.uri === LOCAL_DAEMON_JSON ? localUnit(ctx) : ({ kind: 'unknown' } as const);
  const list = checkDaemonJson(doc.getText(), unit);
  checked.set(doc.uri, { version: doc.version, list });
  return list;
}

const sameRange = (d: Diagnostic, doc: TextDocument, i: DaemonJsonIssue) =>
  doc.offsetAt(d.range.start) === i.start && doc.offsetAt(d.range.end) === i.end;

export const daemonJsonAdapter: LanguageAdapter = {
  languageIds: ['daemon-json'],
  diagnostics: (doc, ctx) => toDiagnostics(doc, check(doc, ctx)),
  codeAction: (doc, params, ctx) => {
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const issue = check(doc, ctx).find((i) => i.fix && i.code === d.code && sameRange(d, doc, i));
      if (!issue?.fix) continue;
      const range = { start: doc.positionAt(issue.start), end: doc.positionAt(issue.end) };
      actions.push({
        title: issue.fix.title,
        kind: 'quickfix',
        diagnostics: [d],
        isPreferred: true,
        edit: { changes: { [doc.uri]: [{ range, newText: issue.fix.newText }] } },
      });
    }
    return actions;
  },
  forget: (uri) => checked.delete(uri),
};
