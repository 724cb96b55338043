// Reuses, after an edit, the findings of the services whose text did not change. The schema and interpolation checks
// of one service read only three things: the service's own text, the anchors its aliases reach, and the known
// variables. When all three are as they were, its earlier findings are replayed instead of checking it again; they
// move with the service by whole lines (a reused service starts a line, so its columns stay). Rules that compare
// services, or read files on disk, still run in full on every version.
//
// What makes a service reusable, all checked here: the file is one YAML document (several are merged into one map,
// whose services no longer come from one stretch of text); the service's key is the first thing on its line; and
// each alias in its text reaches either an anchor inside that text or one outside whose position and text are
// unchanged (and, through its own aliases, the same for what it reaches).
import { currentLocale } from '../../l10n/locale';
import { isMap, isScalar, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Range } from 'vscode-languageserver-types';
import type { Variables } from '../env';
import { keyText, type ComposeModel } from '../parse/document';
import type { Problem } from './codes';

/** One reported finding, and whether it lies in the service (it moves with it) or in an anchor before it (it stays). */
interface Stored {
  problem: Problem;
  moves: boolean;
}

interface Entry {
  /** First line of the service's text when the findings were made. */
  line: number;
  problems: Stored[];
}

/** A service's text as a cache key, and the line where that text starts. */
interface Unit {
  key: string;
  line: number;
}

/** How a unit's key was made: from this text and these outside anchors (see unitOf). */
interface KeyParts {
  text: string;
  reached: string;
  key: string;
}

/** Findings per service and rule, kept from one version of a file to the next (one instance per open document). */
export class ServiceReuse {
  /** By rule, then by service key (see unitOf). */
  private previous = new Map<string, Map<string, Entry>>();
  private current = new Map<string, Map<string, Entry>>();
  private variables: string | undefined;
  private variableMap: Variables | undefined;
  private locale: string | undefined;
  private model: ComposeModel | undefined;
  /** The root's own `services` map, when its services can be reused. */
  private services: YAMLMap | undefined;
  private units = new Map<Node, Unit | null>();
  /** By service key node: how its unit key was made, in this version and in the one before. */
  private keyParts = new Map<Node, KeyParts>();
  private previousKeyParts = new Map<Node, KeyParts>();
  private anchors = new Map<Node, string>();
  /** How many services the last check reused, and how many it checked (for tests and benchmarks). */
  reused = 0;
  checked = 0;

  /** Starts the check of a version: what it finds is what the next version may reuse. */
  begin(model: ComposeModel, variables: Variables): void {
    // Findings are kept as messages: a change of language, like one of the variables, drops them. The same map means
    // the same variables (env.ts keeps it while the env files read the same), so its contents are compared only when
    // the map is new.
    const locale = currentLocale();
    let fingerprint = this.variables;
    if (variables !== this.variableMap || locale !== this.locale) {
      fingerprint = locale;
      for (const [name, v] of variables) fingerprint += `${name.length}:${name}${v.value.length}:${v.value}`;
      this.variableMap = variables;
      this.locale = locale;
    }
    if (fingerprint !== this.variables) this.previous.clear();
    else if (this.current.size) this.previous = this.current;
    this.variables = fingerprint;
    this.current = new Map();
    this.units.clear();
    this.previousKeyParts = this.keyParts;
    this.keyParts = new Map();
    this.anchors.clear();
    this.reused = this.checked = 0;
    this.model = model;
    this.services = undefined;
    const root = model.doc.contents;
    if (model.documents !== 1 || !isMap(root)) return;
    const own = (root.items as Pair[]).find((p) => keyText(p) === 'services');
    if (own && isMap(own.value)) this.services = own.value;
  }

  /** Ends the check: findings of services that are gone are dropped. */
  end(): void {
    this.previous = this.current;
    this.current = new Map();
    this.model = undefined;
    this.services = undefined;
  }

  /** Whether `map` is the services map whose entries `run` may reuse. */
  isServices(map: unknown): boolean {
    return map !== undefined && map === this.services;
  }

  /**
   * Runs `check` (one rule's check of the service `pair`), reporting through `ctx.report`, or replays what it
   * reported on an earlier version when the service and what it reads are unchanged.
   */
  run(rule: string, ctx: { report(p: Problem): void }, pair: Pair, check: () => void): void {
    const unit = this.unitOf(pair);
    if (!unit) {
      this.checked++;
      check();
      return;
    }
    let current = this.current.get(rule);
    if (!current) this.current.set(rule, (current = new Map()));
    const hit = this.previous.get(rule)?.get(unit.key) ?? current.get(unit.key);
    if (hit) {
      this.reused++;
      current.set(unit.key, hit);
      const shift = unit.line - hit.line;
      for (const { problem, moves } of hit.problems)
        ctx.report({ ...problem, range: moved(problem.range, moves ? shift : 0) });
      return;
    }
    this.checked++;
    const outer = ctx.report;
    const problems: Stored[] = [];
    let reusable = true;
    ctx.report = (p) => {
      outer.call(ctx, p);
      // A position inside `data` would have to move too; no schema or interpolation finding carries one today.
      if (p.data && JSON.stringify(p.data).includes('"line"')) reusable = false;
      problems.push({ problem: { ...p, range: moved(p.range, 0) }, moves: p.range.start.line >= unit.line });
    };
    try {
      check();
    } finally {
      ctx.report = outer;
    }
    if (reusable) current.set(unit.key, { line: unit.line, problems });
  }

  /** The key of a service: its text from the start of its key's line, and the outside anchors its aliases reach. */
  private unitOf(pair: Pair): Unit | null {
    const keyNode = pair.key as Node | null;
    if (!keyNode) return null;
    let unit = this.units.get(keyNode);
    if (unit !== undefined) return unit;
    unit = null;
    const model = this.model!;
    const text = model.text;
    const value = pair.value as Node | null;
    const start = keyNode.range?.[0];
    const end = value?.range ? value.range[1] : keyNode.range?.[1];
    if (isScalar(keyNode) && start !== undefined && end !== undefined && end >= start) {
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      let firstOnLine = true;
      for (let i = lineStart; i < start && firstOnLine; i++) firstOnLine = text.charCodeAt(i) === 32;
      const reached = firstOnLine ? this.outsideAnchors(lineStart, end, 0) : undefined;
      if (reached !== undefined) {
        // A service the edit did not touch keeps its key node (fast-yaml/reparse.ts): when its text and anchors are
        // as before, the previous key itself is reused. Comparing two strings is a native comparison; a new key
        // string would be hashed again on every version, character by character (a third of a reused check).
        const own = text.slice(lineStart, end);
        const before = this.previousKeyParts.get(keyNode);
        const parts =
          before && before.reached === reached && before.text === own
            ? before
            : { text: own, reached, key: `${own}\u0000${reached}` };
        this.keyParts.set(keyNode, parts);
        unit = { key: parts.key, line: model.positionAt(lineStart).line };
      }
    }
    this.units.set(keyNode, unit);
    return unit;
  }

  /**
   * What the aliases written in text[from, to) reach outside it: each anchor's position and text, and what its own
   * aliases reach. Undefined when that cannot be told (too deep).
   */
  private outsideAnchors(from: number, to: number, depth: number): string | undefined {
    if (depth > 16) return undefined;
    const model = this.model!;
    const aliases = model.aliasNodes;
    // Aliases are in document order: binary search for the first at or after `from`.
    let lo = 0;
    let hi = aliases.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((aliases[mid]!.range?.[0] ?? 0) < from)
        lo = mid + 1; // lo ≤ mid < hi ≤ aliases.length
      else hi = mid;
    }
    let out = '';
    for (let i = lo, alias; (alias = aliases[i]) && (alias.range?.[0] ?? 0) < to; i++) {
      const target = model.resolve(alias) as Node | null;
      const range = target?.range;
      if (!target || !range) {
        out += `\u0002*${alias.source}`; // unresolved: stays so while no anchor of that name comes before
        continue;
      }
      if (range[0] >= from && range[1] <= to) continue; // inside: the text says it all
      let known = this.anchors.get(target);
      if (known === undefined) {
        const inner = this.outsideAnchors(range[0], range[1], depth + 1);
        if (inner === undefined) return undefined;
        const at = model.positionAt(range[0]);
        known = `\u0002${at.line}:${at.character}:${model.text.slice(range[0], range[1])}\u0003${inner}`;
        this.anchors.set(target, known);
      }
      out += known;
    }
    return out;
  }
}

function moved(range: Range, lines: number): Range {
  return {
    start: { line: range.start.line + lines, character: range.start.character },
    end: { line: range.end.line + lines, character: range.end.character },
  };
}
