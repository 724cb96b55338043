// First-stage Compose checks: YAML syntax errors with the parser's own ranges. The full service replaces this.
import { LineCounter, parseAllDocuments } from 'yaml';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

export function validateCompose(text: string): Diagnostic[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const pos = (offset: number) => { const p = lineCounter.linePos(offset); return { line: p.line - 1, character: p.col - 1 }; };
  return list.flatMap((d) => [...d.errors, ...d.warnings].map((e) => ({
    range: { start: pos(e.pos[0]), end: pos(Math.max(e.pos[1], e.pos[0])) },
    severity: e.name === 'YAMLWarning' ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error,
    source: 'berth', code: e.code, message: e.message.split('\n')[0],
  })));
}
