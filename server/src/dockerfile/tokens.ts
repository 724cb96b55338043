// Semantic tokens that refine the TextMate grammar with what only the model knows: which words are stage names
// (declared or referenced), which variables are declared, used or predefined, flag names, LABEL keys, ports.
// Encoded with the shared legend of server/src/lsp/adapter.ts.
import type { SemanticTokens } from 'vscode-languageserver-types';
import { TokenCollector } from '../lsp/tokens';
import type { DockerfileModel, Instruction } from './parse/model';
import { PREDEFINED_ARGS } from './parse/model';
import { stageOccurrences } from './navigation';

export function semanticTokens(model: DockerfileModel): SemanticTokens {
  const tokens = new TokenCollector();
  const add = tokens.add.bind(tokens);
  for (const d of model.directives) {
    add(d.nameRange, 'macro');
    add(d.valueRange, 'string');
  }
  const instruction = (inst: Instruction) => {
    add(inst.keywordRange, 'keyword', ...(inst.name === 'MAINTAINER' ? ['deprecated' as const] : []));
    for (const f of inst.flags) add({ start: f.range.start, end: f.nameRange.end }, 'parameter');
    if (inst.name === 'LABEL') for (const p of inst.pairs) add(p.keyRange, 'property');
    if (inst.name === 'EXPOSE')
      for (const a of inst.args)
        if (/^\d+(-\d+)?(\/\w+)?$/.test(a.value))
          add(
            {
              start: a.range.start,
              end: {
                line: a.range.start.line,
                character: a.range.start.character + /^[\d-]+/.exec(a.value)![0].length,
              },
            },
            'number',
          );
    if (inst.onbuild) instruction(inst.onbuild);
  };
  for (const inst of model.instructions) instruction(inst);
  for (const s of model.stages) {
    add(s.asRange, 'keyword');
    if (s.baseStage === undefined && s.baseRange && !s.base.includes('$')) add(s.baseRange, 'type');
  }
  for (const o of stageOccurrences(model)) add(o.range, 'class', ...(o.definition ? ['declaration' as const] : []));
  for (const d of model.declarations)
    add(d.nameRange, 'variable', 'declaration', ...(d.kind === 'ARG' ? ['readonly' as const] : []));
  for (const r of model.references) {
    const d = model.resolve(r);
    add(
      r.nameRange,
      'variable',
      ...(!d && PREDEFINED_ARGS.includes(r.name) ? ['defaultLibrary' as const] : []),
      ...(d?.kind === 'ARG' ? ['readonly' as const] : []),
    );
  }
  return tokens.encode();
}
