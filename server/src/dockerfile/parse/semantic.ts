// The semantic pass: stages (with base stages), ARG/ENV declarations with their scopes, and scope-aware resolution of
// variable references. FROM lines resolve against global ARGs; a stage sees its own ARGs/ENVs declared earlier and
// those of the stage it builds on (as BuildKit documents: a global ARG must be redeclared, a parent stage's are inherited).
import type { Declaration, DockerfileModel, Instruction, Stage, VariableRef } from './model';
import { parse, type ParseResult } from './parser';

/**
 * What a model hands on to its next version, under a hidden key of the model (a WeakMap would keep it through every
 * young-generation collection, and a full check's garbage would reach the old generation): its parse, for the
 * incremental re-parse, and values derived from one instruction's own text (see instructionMemo).
 */
const STATE = Symbol('dockerfile model state');
interface ModelState {
  parse: ParseResult;
  memo: Map<symbol, Map<Instruction, unknown>>;
  derived: Map<symbol, unknown>;
}
type WithState = DockerfileModel & { [STATE]?: ModelState };

/**
 * A value computed once per model (stage lineages, ARG defaults…), kept with the model for the reason above; a model
 * not built here computes it on every call.
 */
export function perModel<T>(model: DockerfileModel, key: symbol, build: () => T): T {
  const derived = (model as WithState)[STATE]?.derived;
  if (!derived) return build();
  if (derived.has(key)) return derived.get(key) as T;
  const value = build();
  derived.set(key, value);
  return value;
}

/**
 * Values computed from one instruction's own text (its shell script…), by instruction. The next version's model
 * starts with the entries of the instructions it takes over, so they are computed once, not once per keystroke.
 */
export function instructionMemo(model: DockerfileModel, key: symbol): Map<Instruction, unknown> {
  const memo = (model as WithState)[STATE]?.memo;
  if (!memo) return new Map();
  let values = memo.get(key);
  if (!values) memo.set(key, (values = new Map()));
  return values;
}

/**
 * The model of `text`. With `previous` (the model of an earlier version of the same document, which must not be used
 * afterwards: its instructions move into the new model), only the instructions the edit touched are parsed again.
 */
export function buildModel(text: string, previous?: DockerfileModel): DockerfileModel {
  const before = previous && (previous as WithState)[STATE];
  const p = parse(text, before?.parse);
  const stages: Stage[] = [];
  const declarations: Declaration[] = [];
  let current: Stage | undefined;
  // Lower-cased stage name → the first stage with it: lookups by name stay O(1) with thousands of stages.
  const byName = new Map<string, Stage>();
  for (const inst of p.instructions) {
    if (inst.name === 'FROM') {
      current = newStage(inst, stages, byName);
      const lower = current.name?.toLowerCase();
      if (lower !== undefined && !byName.has(lower)) byName.set(lower, current);
      stages.push(current);
    } else if (current) {
      current.instructions.push(inst);
      current.range = { start: current.range.start, end: inst.range.end };
    }
    inst.stage = current ? current.index : -1;
    if (inst.onbuild) inst.onbuild.stage = inst.stage;
    if (inst.name === 'ARG' || inst.name === 'ENV') {
      for (const pair of inst.pairs) {
        declarations.push({
          kind: inst.name,
          name: pair.key,
          nameRange: pair.keyRange,
          value: pair.value,
          valueRange: pair.valueRange,
          scope: inst.stage,
          instruction: inst,
        });
      }
    }
  }
  const topLevel = p.instructions;
  const references: VariableRef[] = p.refs.map((r) => {
    const owner = topLevel[r.instruction.index] ?? r.instruction;
    return {
      name: r.ref.name,
      range: r.range,
      nameRange: r.nameRange,
      modifier: r.ref.modifier,
      guarded: r.ref.guarded,
      instruction: owner,
      expandedByBuilder: r.expandedByBuilder,
      inHeredoc: r.inHeredoc,
      scope: owner.name === 'FROM' ? -1 : owner.stage,
    };
  });
  const byScope = new Map<number, Declaration[]>();
  for (const d of declarations) {
    const list = byScope.get(d.scope) ?? [];
    list.push(d);
    byScope.set(d.scope, list);
  }
  const globalArgs = byScope.get(-1) ?? [];

  // Declarations of each scope by name, in document order: a lookup is a binary search, not a scan of the scope
  // (4,000 global ARGs each used twice took a second).
  const scopeNames = new Map<readonly Declaration[], Map<string, Declaration[]>>();
  for (const list of byScope.values()) {
    const names = new Map<string, Declaration[]>();
    for (const d of list) (names.get(d.name) ?? names.set(d.name, []).get(d.name)!).push(d);
    scopeNames.set(list, names);
  }
  const lastBefore = (
    list: readonly Declaration[] | undefined,
    name: string,
    before: number,
    kinds: readonly string[],
  ): Declaration | undefined => {
    const same = list && scopeNames.get(list)?.get(name);
    if (!same) return undefined;
    let lo = 0;
    let hi = same.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (same[mid]!.instruction.index < before)
        lo = mid + 1; // lo ≤ mid < hi ≤ same.length
      else hi = mid;
    }
    for (let k = lo - 1; k >= 0; k--) if (kinds.includes(same[k]!.kind)) return same[k];
    return undefined;
  };

  // What a stage inherits from the stages it builds on, by variable name: filled once per (stage, name) walked, so a
  // long `FROM s1 AS s2`, `FROM s2 AS s3`… chain is walked once, not once per reference.
  const inherited = new Map<string, Declaration | null>();
  const fromBases = (scope: number, name: string): Declaration | undefined => {
    const walked: number[] = [];
    const seen = new Set<number>([scope]);
    let found: Declaration | null = null;
    for (let base = stages[scope]?.baseStage; base !== undefined && !seen.has(base); base = stages[base]?.baseStage) {
      seen.add(base);
      const memo = inherited.get(`${base}\0${name}`);
      if (memo !== undefined) {
        found = memo;
        break;
      }
      walked.push(base);
      const own = lastBefore(byScope.get(base), name, Number.MAX_SAFE_INTEGER, ['ARG', 'ENV']);
      if (own) {
        found = own;
        break;
      }
    }
    // Each walked stage resolves `name` to what was found above it (or to nothing).
    for (let k = walked.length - 1; k >= 0; k--) {
      const own = lastBefore(byScope.get(walked[k]!), name, Number.MAX_SAFE_INTEGER, ['ARG', 'ENV']);
      if (own) found = own;
      inherited.set(`${walked[k]}\0${name}`, found);
    }
    return found ?? undefined;
  };

  const resolve = (ref: VariableRef): Declaration | undefined => {
    if (ref.scope < 0) return lastBefore(globalArgs, ref.name, ref.instruction.index, ['ARG']);
    const own = lastBefore(byScope.get(ref.scope), ref.name, ref.instruction.index, ['ARG', 'ENV']);
    if (own) return own;
    // ARG and ENV of the stages this one builds on (`FROM stage-a AS stage-c` inherits both).
    return fromBases(ref.scope, ref.name);
  };

  const stageByName = (name: string): Stage | undefined => {
    if (/^\d+$/.test(name)) return stages[Number(name)];
    return byName.get(name.toLowerCase());
  };

  const model: DockerfileModel = {
    text,
    lines: p.lines,
    escapeChar: p.escapeChar,
    directives: p.directives,
    comments: p.comments,
    instructions: p.instructions,
    stages,
    declarations,
    globalArgs,
    references,
    problems: p.problems,
    resolve,
    stageByName,
  };
  const memo = new Map<symbol, Map<Instruction, unknown>>();
  for (const [key, old] of before?.memo ?? []) {
    const values = new Map<Instruction, unknown>();
    for (const inst of p.instructions) {
      const value = old.get(inst);
      if (value !== undefined) values.set(inst, value);
    }
    memo.set(key, values);
  }
  Object.defineProperty(model, STATE, { value: { parse: p, memo, derived: new Map() } satisfies ModelState });
  return model;
}

function newStage(from: Instruction, earlier: readonly Stage[], byName: ReadonlyMap<string, Stage>): Stage {
  const [image, as, name] = from.args;
  const stage: Stage = {
    index: earlier.length,
    from,
    base: image?.value ?? '',
    baseRange: image?.range,
    instructions: [from],
    range: from.range,
  };
  if (as && as.value.toUpperCase() === 'AS' && name) {
    stage.name = name.value;
    stage.nameRange = name.range;
    stage.asRange = as.range;
  }
  const platform = from.flags.find((f) => f.name === 'platform');
  if (platform) stage.platform = platform;
  if (stage.base) {
    const lower = stage.base.toLowerCase();
    const base = byName.get(lower);
    if (base) stage.baseStage = base.index;
  }
  return stage;
}
