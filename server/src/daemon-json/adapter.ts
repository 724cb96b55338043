// Maps the daemon.json checks onto the LSP adapter contract: diagnostics and their quick fixes. Structure,
// completion and hover come from VS Code's JSON support with the schema Berth contributes (schema.ts), so this
// adapter answers only what that schema cannot.
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ModelCache, type AdapterContext, type LanguageAdapter } from '../lsp/adapter';
import { checkDaemonJson, toDiagnostics, type DaemonJsonIssue } from './checks';
import { effectiveExecStart, type EngineUnit } from './unit';

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

// One check per document version, shared by diagnostics and code actions; the check also reads the engine's unit
// files through the context.
const checks = new ModelCache<DaemonJsonIssue[], AdapterContext>((doc, _previous, ctx) => {
  const unit = doc.uri === LOCAL_DAEMON_JSON ? localUnit(ctx) : ({ kind: 'unknown' } as const);
  return checkDaemonJson(doc.getText(), unit);
});

const sameRange = (d: Diagnostic, doc: TextDocument, i: DaemonJsonIssue) =>
  doc.offsetAt(d.range.start) === i.start && doc.offsetAt(d.range.end) === i.end;

export const daemonJsonAdapter: LanguageAdapter = {
  languageIds: ['daemon-json'],
  diagnostics: (doc, ctx) => toDiagnostics(doc, checks.get(doc, ctx)),
  codeAction: (doc, params, ctx) => {
    const actions: CodeAction[] = [];
    for (const d of params.context.diagnostics) {
      const issue = checks.get(doc, ctx).find((i) => i.fix && i.code === d.code && sameRange(d, doc, i));
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
  forget: (uri) => checks.forget(uri),
};
