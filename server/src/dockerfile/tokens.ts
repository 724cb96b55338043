// Semantic tokens that refine the TextMate grammar with what only the model knows: which words are stage names
// (declared or referenced), which variables are declared, used or predefined, flag names, LABEL keys, ports.
// Encoded with the shared legend of server/src/lsp/adapter.ts.
import type { Range, SemanticTokens } from 'vscode-languageserver-types';
import { TOKEN_MODIFIERS, TOKEN_TYPES } from '../lsp/adapter';
import type { DockerfileModel, Instruction } from './model';
import { PREDEFINED_ARGS } from './model';
import { stageOccurrences } from './navigation';

type TokenType = (typeof TOKEN_TYPES)[number];
type TokenModifier = (typeof TOKEN_MODIFIERS)[number];
interface Token { line: number; char: number; length: number; type: number; mods: number }

export function semanticTokens(model: DockerfileModel): SemanticTokens {
  const tokens: Token[] = [];
  const add = (r: Range | undefined, type: TokenType, ...mods: TokenModifier[]) => {
    if (!r || r.start.line !== r.end.line || r.end.character <= r.start.character) return;
    tokens.push({
      line: r.start.line, char: r.start.character, length: r.end.character - r.start.character, type: TOKEN_TYPES.indexOf(type),
      mods: mods.reduce((m, x) => m | (1 << TOKEN_MODIFIERS.indexOf(x)), 0),
    });
  };
  for (const d of model.directives) { add(d.nameRange, 'macro'); add(d.valueRange, 'string'); }
  const instruction = (inst: Instruction) => {
    add(inst.keywordRange, 'keyword', ...(inst.name === 'MAINTAINER' ? ['deprecated' as const] : []));
    for (const f of inst.flags) add({ start: f.range.start, end: f.nameRange.end }, 'parameter');
    if (inst.name === 'LABEL') for (const p of inst.pairs) add(p.keyRange, 'property');
    if (inst.name === 'EXPOSE') for (const a of inst.args) if (/^\d+(-\d+)?(\/\w+)?$/.test(a.value)) add({ start: a.range.start, end: { line: a.range.start.line, character: a.range.start.character + /^[\d-]+/.exec(a.value)![0].length } }, 'number');
    if (inst.onbuild) instruction(inst.onbuild);
  };
  for (const inst of model.instructions) instruction(inst);
  for (const s of model.stages) {
    add(s.asRange, 'keyword');
    if (s.baseStage === undefined && s.baseRange && !s.base.includes('$')) add(s.baseRange, 'type');
  }
  for (const o of stageOccurrences(model)) add(o.range, 'class', ...(o.definition ? ['declaration' as const] : []));
  for (const d of model.declarations) add(d.nameRange, 'variable', 'declaration', ...(d.kind === 'ARG' ? ['readonly' as const] : []));
  for (const r of model.references) {
    const d = model.resolve(r);
    add(r.nameRange, 'variable', ...(!d && PREDEFINED_ARGS.includes(r.name) ? ['defaultLibrary' as const] : []), ...(d?.kind === 'ARG' ? ['readonly' as const] : []));
  }
  // Sorted and without overlaps, as the protocol requires (the first of two overlapping tokens wins).
  tokens.sort((a, b) => a.line - b.line || a.char - b.char);
  const data: number[] = [];
  let line = 0;
  let char = 0;
  let end = -1;
  let endLine = -1;
  for (const t of tokens) {
    if (t.line === endLine && t.char < end) continue;
    data.push(t.line - line, t.line === line ? t.char - char : t.char, t.length, t.type, t.mods);
    line = t.line; char = t.char; endLine = t.line; end = t.char + t.length;
  }
  return { data };
}
