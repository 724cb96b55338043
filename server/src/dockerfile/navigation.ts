// Navigation over stage names and ARG/ENV variables: what is under the cursor, where it is declared, every place it is
// used, and the edits of a rename. Scope-aware: an ENV belongs to its stage and the stages built on it; every ARG of
// one name is the same build argument (`--build-arg NAME=…` sets them all), so they rename together.
import * as l10n from '@vscode/l10n';
import type { Position, Range, TextEdit } from 'vscode-languageserver-types';
import { mountFields } from './flags';
import type { Declaration, DockerfileModel, Stage, VariableRef } from './parse/model';

export interface StageOccurrence {
  stage: Stage;
  range: Range;
  /** Written as the stage's index (`--from=0`): found by references, never renamed. */
  byIndex: boolean;
  definition: boolean;
}

export type Target =
  | { kind: 'stage'; stage: Stage; occurrence: StageOccurrence }
  | {
      kind: 'variable';
      name: string;
      range: Range;
      declarations: Declaration[];
      ref?: VariableRef;
      declaration?: Declaration;
    };

export function contains(r: Range, p: Position): boolean {
  if (p.line < r.start.line || p.line > r.end.line) return false;
  if (p.line === r.start.line && p.character < r.start.character) return false;
  return !(p.line === r.end.line && p.character > r.end.character);
}

/** Every place a stage is named: `FROM … AS name`, `FROM name`, `COPY --from=name`, `RUN --mount=from=name`. */
export function stageOccurrences(model: DockerfileModel): StageOccurrence[] {
  const out: StageOccurrence[] = [];
  for (const s of model.stages) {
    if (s.nameRange) out.push({ stage: s, range: s.nameRange, byIndex: false, definition: true });
    const base = s.baseStage === undefined ? undefined : model.stages[s.baseStage];
    if (base && s.baseRange) out.push({ stage: base, range: s.baseRange, byIndex: false, definition: false });
  }
  for (const inst of model.instructions) {
    for (const f of inst.flags) {
      if (!f.value || !f.valueRange || f.valueRange.start.line !== f.valueRange.end.line) continue;
      if (f.name === 'from' && (inst.name === 'COPY' || inst.name === 'ADD')) {
        const stage = model.stageByName(f.value);
        if (stage) out.push({ stage, range: f.valueRange, byIndex: /^\d+$/.test(f.value), definition: false });
      } else if (f.name === 'mount' && inst.name === 'RUN') {
        for (const field of mountFields(f.value)) {
          if (field.key !== 'from' || !field.value) continue;
          const stage = model.stageByName(field.value);
          if (!stage) continue;
          const at = f.valueRange.start.character + field.end - field.value.length;
          const line = f.valueRange.start.line;
          out.push({
            stage,
            range: { start: { line, character: at }, end: { line, character: at + field.value.length } },
            byIndex: /^\d+$/.test(field.value),
            definition: false,
          });
        }
      }
    }
  }
  return out;
}

/** The stage or variable at `pos`, if any. */
export function targetAt(model: DockerfileModel, pos: Position): Target | undefined {
  const occ = stageOccurrences(model).find((o) => contains(o.range, pos));
  if (occ) return { kind: 'stage', stage: occ.stage, occurrence: occ };
  const decl = model.declarations.find((d) => contains(d.nameRange, pos));
  if (decl)
    return {
      kind: 'variable',
      name: decl.name,
      range: decl.nameRange,
      declarations: variableGroup(model, decl),
      declaration: decl,
    };
  const ref = model.references.find((r) => contains(r.range, pos));
  if (ref) {
    const d = model.resolve(ref);
    return {
      kind: 'variable',
      name: ref.name,
      range: ref.nameRange,
      declarations: d ? variableGroup(model, d) : [],
      ref,
    };
  }
  return undefined;
}

/** Stage indexes whose ENVs stage `index` inherits (itself included). */
function lineage(model: DockerfileModel, index: number): Set<number> {
  const seen = new Set<number>();
  for (let s: number | undefined = index; s !== undefined && s >= 0 && !seen.has(s); s = model.stages[s]?.baseStage)
    seen.add(s);
  return seen;
}

/** The declarations that are one variable with `decl` (see the header). */
export function variableGroup(model: DockerfileModel, decl: Declaration): Declaration[] {
  const same = model.declarations.filter((d) => d.name === decl.name);
  const group = new Set<Declaration>([decl]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of same) {
      if (group.has(d)) continue;
      for (const g of group) {
        const related =
          d.scope === g.scope ||
          (d.kind === 'ARG' && g.kind === 'ARG') ||
          (g.kind === 'ENV' && d.scope >= 0 && lineage(model, d.scope).has(g.scope)) ||
          (d.kind === 'ENV' && g.scope >= 0 && lineage(model, g.scope).has(d.scope));
        if (related) {
          group.add(d);
          grew = true;
          break;
        }
      }
    }
  }
  return same.filter((d) => group.has(d));
}

/** The references that mean the same variable as the target. */
export function variableReferences(model: DockerfileModel, t: Extract<Target, { kind: 'variable' }>): VariableRef[] {
  if (t.declarations.length === 0) {
    // Undeclared (a predefined arg, or a typo): same name, same scope, also unresolved.
    const scope = t.ref?.scope;
    return model.references.filter((r) => r.name === t.name && r.scope === scope && !model.resolve(r));
  }
  const group = new Set(t.declarations);
  return model.references.filter(
    (r) =>
      r.name === t.name &&
      (() => {
        const d = model.resolve(r);
        return !!d && group.has(d);
      })(),
  );
}

export interface Occurrence {
  range: Range;
  declaration: boolean;
}

/** Every occurrence of the target (declarations first), for references, highlights and rename. */
export function occurrences(model: DockerfileModel, t: Target, includeByIndex = true): Occurrence[] {
  if (t.kind === 'stage') {
    return stageOccurrences(model)
      .filter((o) => o.stage === t.stage && (includeByIndex || !o.byIndex))
      .map((o) => ({ range: o.range, declaration: o.definition }));
  }
  return [
    ...t.declarations.map((d) => ({ range: d.nameRange, declaration: true })),
    ...variableReferences(model, t).map((r) => ({ range: r.nameRange, declaration: false })),
  ];
}

/** Where the target is declared: the stage's name (or its FROM line when unnamed), the variable's declaration. */
export function definitionOf(model: DockerfileModel, t: Target): Range[] {
  if (t.kind === 'stage') return [t.stage.nameRange ?? t.stage.from.keywordRange];
  if (t.ref) {
    const d = model.resolve(t.ref);
    return d ? [d.nameRange] : [];
  }
  return t.declaration ? [t.declaration.nameRange] : [];
}

export const STAGE_NAME = /^[a-zA-Z][a-zA-Z0-9_.-]*$/;
export const VARIABLE_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** The range and current name to rename, or a reason why not. */
export function prepareRename(
  model: DockerfileModel,
  pos: Position,
): { range: Range; placeholder: string } | { error: string } {
  const t = targetAt(model, pos);
  if (!t) return { error: l10n.t('Put the cursor on a stage name or an ARG/ENV variable to rename it.') };
  if (t.kind === 'stage') {
    if (t.occurrence.byIndex || !t.stage.name)
      return { error: l10n.t('This stage is referred to by its index: give it a name with "AS name" first.') };
    return { range: t.occurrence.range, placeholder: t.stage.name };
  }
  if (t.declarations.length === 0)
    return { error: l10n.t('"{0}" is not declared in this Dockerfile (a predefined or undefined variable).', t.name) };
  return { range: t.range, placeholder: t.name };
}

export function renameEdits(model: DockerfileModel, pos: Position, newName: string): TextEdit[] | { error: string } {
  const t = targetAt(model, pos);
  if (!t) return { error: l10n.t('Nothing to rename here.') };
  if (t.kind === 'stage') {
    if (!STAGE_NAME.test(newName))
      return {
        error: l10n.t(
          "\"{0}\" is not a valid stage name: start with a letter, then letters, digits, '_', '.' or '-'.",
          newName,
        ),
      };
    const clash = model.stageByName(newName);
    if (clash && clash !== t.stage) return { error: `A stage named "${clash.name}" already exists.` };
  } else if (!VARIABLE_NAME.test(newName)) {
    return {
      error: l10n.t(
        '"{0}" is not a valid variable name: use letters, digits and \'_\' and do not start with a digit.',
        newName,
      ),
    };
  } else if (t.declarations.length === 0) {
    return { error: l10n.t('"{0}" is not declared in this Dockerfile.', t.name) };
  }
  return occurrences(model, t, false).map((o) => ({ range: o.range, newText: newName }));
}
