// Signature help: the forms of the instruction under the cursor (from docs.ts), with the part being typed active.
import { translated } from '../l10n/locale';
import type { Position, SignatureHelp, SignatureInformation } from 'vscode-languageserver-types';
import { INSTRUCTION_DOCS } from './docs';
import type { DockerfileModel, Instruction } from './parse/model';

/** Splits "KEYWORD a [b c] <d>" into its parts after the keyword, keeping bracketed groups whole, with offsets. */
function parts(label: string): [number, number][] {
  const out: [number, number][] = [];
  let depth = 0;
  let start = -1;
  const first = label.indexOf(' ');
  if (first < 0) return out;
  for (let i = first + 1; i <= label.length; i++) {
    const c = label[i];
    if (c === '[' || c === '<') depth++;
    if (c === ']' || c === '>') depth--;
    if ((c === ' ' && depth === 0) || i === label.length) {
      if (start >= 0) out.push([start, i]);
      start = -1;
    } else if (start < 0) start = i;
  }
  return out;
}

function instructionAt(model: DockerfileModel, pos: Position): Instruction | undefined {
  const top = model.instructions.find((i) => i.startLine <= pos.line && pos.line <= i.endLine);
  if (!top) return undefined;
  if (top.heredocs.some((h) => pos.line >= h.bodyRange.start.line && pos.line > top.startLine)) return undefined;
  return top.onbuild ?? top;
}

export function signatureHelp(model: DockerfileModel, pos: Position): SignatureHelp | undefined {
  const inst = instructionAt(model, pos);
  const doc = inst && INSTRUCTION_DOCS[inst.name];
  if (!inst || !doc) return undefined;
  const kw = inst.keywordRange.end;
  if (pos.line === kw.line && pos.character <= kw.character) return undefined;
  const signatures: SignatureInformation[] = doc.syntax.map((label) => ({
    label,
    documentation: translated(doc.summary),
    parameters: parts(label).map(([a, b]) => ({ label: [a, b] as [number, number] })),
  }));
  const before = (r: { end: Position }) =>
    r.end.line < pos.line || (r.end.line === pos.line && r.end.character < pos.character);
  const line = model.lines[pos.line] ?? '';
  const typingFlag = /(^|\s)--[\w-]*(=\S*)?$/.test(line.slice(0, pos.character));
  let active: number;
  if (inst.form === 'exec' || /^\s*\[/.test(inst.body))
    active = Math.max(
      0,
      doc.syntax.findIndex((s) => s.includes('["')),
    );
  else if (inst.heredocs.length)
    active = Math.max(
      0,
      doc.syntax.findIndex((s) => s.includes('<<')),
    );
  else if (inst.name === 'HEALTHCHECK' && inst.args[0]?.value.toUpperCase() === 'NONE') active = 1;
  else
    active = Math.max(
      0,
      doc.syntax.findIndex((s) => !s.includes('["') && !s.includes('<<')),
    );
  const sig = signatures[active];
  if (!sig) return undefined;
  const labels = (sig.parameters ?? []).map((p) => sig.label.slice(...(p.label as [number, number])));
  let param: number;
  if (typingFlag) {
    const flag = /--([\w-]*)\S*$/.exec(line.slice(0, pos.character))![1];
    param = labels.findIndex((l) => l.startsWith(`[--${flag}`));
    if (param < 0) param = labels.findIndex((l) => l.startsWith('[--'));
  } else {
    const positional = labels.map((l, i) => ({ l, i })).filter((x) => !x.l.startsWith('[--'));
    const n = inst.args.filter((a) => before(a.range)).length;
    param = positional[Math.min(n, positional.length - 1)]?.i ?? 0;
  }
  return { signatures, activeSignature: active, activeParameter: Math.max(0, param) };
}
