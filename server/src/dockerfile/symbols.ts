// The outline: global ARGs, then one symbol per stage (named after its name or base) holding its instructions.
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import type { DockerfileModel, Instruction } from './parse/model';

const KIND: Readonly<Record<string, SymbolKind>> = {
  ARG: SymbolKind.Variable,
  ENV: SymbolKind.Variable,
  LABEL: SymbolKind.Property,
  EXPOSE: SymbolKind.Number,
  RUN: SymbolKind.Function,
  CMD: SymbolKind.Event,
  ENTRYPOINT: SymbolKind.Event,
  HEALTHCHECK: SymbolKind.Event,
  COPY: SymbolKind.File,
  ADD: SymbolKind.File,
  WORKDIR: SymbolKind.Package,
  VOLUME: SymbolKind.Package,
  USER: SymbolKind.Key,
  SHELL: SymbolKind.Operator,
  ONBUILD: SymbolKind.Event,
  STOPSIGNAL: SymbolKind.Constant,
};

function shorten(text: string, max = 60): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

function instructionSymbol(inst: Instruction): DocumentSymbol {
  const name =
    inst.pairs.length && (inst.name === 'ARG' || inst.name === 'ENV')
      ? `${inst.name} ${inst.pairs.map((p) => p.key).join(', ')}`
      : shorten(`${inst.name} ${inst.argsText || ''}`);
  return {
    name,
    detail: inst.startLine !== inst.endLine ? `${inst.endLine - inst.startLine + 1} lines` : undefined,
    kind: KIND[inst.name] ?? SymbolKind.Field,
    range: inst.range,
    selectionRange: inst.keywordRange,
  };
}

export function documentSymbols(model: DockerfileModel): DocumentSymbol[] {
  const out: DocumentSymbol[] = [];
  for (const inst of model.instructions) if (inst.stage < 0) out.push(instructionSymbol(inst));
  for (const stage of model.stages) {
    const base =
      stage.baseStage !== undefined
        ? `stage ${model.stages[stage.baseStage]?.name ?? stage.baseStage}`
        : stage.base || '(no image)';
    out.push({
      name: stage.name ?? `stage ${stage.index}`,
      detail: `FROM ${base}${stage.platform?.value ? ` (${stage.platform.value})` : ''}`,
      kind: SymbolKind.Class,
      range: stage.range,
      selectionRange: stage.nameRange ?? stage.from.keywordRange,
      children: stage.instructions.filter((i) => i !== stage.from).map((i) => instructionSymbol(i)),
    });
  }
  return out;
}
