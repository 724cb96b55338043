// Reference checks across the project's files: undefined services / networks / volumes / configs / secrets / models,
// depends_on cycles, and top-level definitions nobody uses (hint).
import * as l10n from '@vscode/l10n';
import type { ComposeCode } from '../diagnostics/codes';
import type { ComposeReference } from '../project-index';
import type { RefKind } from '../spec/types';
import type { Rule } from './context';

const UNDEFINED: Record<RefKind, ComposeCode> = {
  service: 'undefined-service',
  network: 'undefined-network',
  volume: 'undefined-volume',
  config: 'undefined-config',
  secret: 'undefined-secret',
  model: 'undefined-model',
};

/** Names Compose provides without a top-level definition. */
const IMPLICIT: Partial<Record<RefKind, string[]>> = { network: ['default'] };

export const referencesRule: Rule = (ctx) => {
  const { project } = ctx;
  const here = project.files[0]!.index; // a project always holds the file it was built for, first
  const defined = (kind: RefKind, name: string) =>
    IMPLICIT[kind]?.includes(name) || project.definitionsOf(kind, name).length > 0;
  for (const ref of here.references) {
    if (ref.kind === 'anchor' || defined(ref.kind, ref.name)) continue;
    const where = ref.kind === 'service' ? l10n.t('under `services`') : l10n.t('under the top-level `{0}s`', ref.kind);
    ctx.report({
      code: UNDEFINED[ref.kind],
      range: ref.range,
      message: l10n.t('{0} "{1}" is not defined {2}.', cap(ref.kind), ref.name, where),
      data: { kind: ref.kind, name: ref.name },
    });
  }
  for (const def of here.definitions) {
    if (def.kind === 'service' || def.kind === 'anchor' || def.kind === 'model') continue;
    if (IMPLICIT[def.kind]?.includes(def.name)) continue;
    if (project.referencesTo(def.kind, def.name).length === 0) {
      ctx.report({
        code: 'unused-definition',
        range: def.range,
        tag: 'unnecessary',
        message: l10n.t('{0} "{1}" is defined but no service uses it.', cap(def.kind), def.name),
        data: { kind: def.kind, name: def.name },
      });
    }
  }
  reportCycles(
    ctx,
    here.references.filter((r) => r.kind === 'service' && r.via === 'depends_on'),
    project.files.flatMap((f) => f.index.references),
  );
};

function reportCycles(ctx: Parameters<Rule>[0], local: ComposeReference[], all: ComposeReference[]): void {
  const edges = new Map<string, Set<string>>();
  for (const r of all)
    if (r.kind === 'service' && r.via === 'depends_on' && r.service !== undefined) {
      if (!edges.has(r.service)) edges.set(r.service, new Set());
      edges.get(r.service)!.add(r.name);
    }
  const component = stronglyConnected(edges);
  const sizes = new Map<number, number>();
  for (const c of component.values()) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  for (const r of local) {
    if (r.service === undefined) continue;
    const inCycle =
      r.service === r.name ||
      (component.get(r.service) !== undefined && component.get(r.service) === component.get(r.name));
    if (!inCycle) continue;
    const path = r.service === r.name ? [r.name] : pathBetween(edges, r.name, r.service);
    const size = sizes.get(component.get(r.service)!) ?? 0;
    const cycle = path
      ? shorten([r.service, ...path]).join(' → ')
      : l10n.t('{0} → {1} → … ({2} services in all)', r.service, r.name, size);
    ctx.report({
      code: 'depends-on-cycle',
      range: r.range,
      message: l10n.t(
        'Services depend on each other in a cycle: {0}. Compose cannot decide which to start first.',
        cycle,
      ),
    });
  }
}

/** Tarjan's strongly connected components (iterative): service → component id. Linear in the graph's size. */
function stronglyConnected(edges: Map<string, Set<string>>): Map<string, number> {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const comp = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let comps = 0;
  for (const start of edges.keys()) {
    if (index.has(start)) continue;
    const work: [string, string[]][] = [[start, [...(edges.get(start) ?? [])]]];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    for (let top; (top = work.at(-1)); ) {
      const [v, rest] = top;
      if (rest.length) {
        const w = rest.pop()!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push([w, [...(edges.get(w) ?? [])]]);
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
        continue;
      }
      work.pop();
      const caller = work.at(-1);
      if (caller) {
        const u = caller[0];
        low.set(u, Math.min(low.get(u)!, low.get(v)!));
      }
      if (low.get(v) === index.get(v)) {
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          comp.set(w, comps);
        } while (w !== v);
        comps++;
      }
    }
  }
  return comp;
}

/** A search visits at most this many services: each cycle edge is reported, so the searches must stay short. */
const PATH_SEARCH_LIMIT = 200;

/**
 * A shortest depends_on path from one service to another (breadth-first), for the message; undefined when it is
 * longer than the search may look (a ring of thousands of services is still reported, without the full trail).
 */
function pathBetween(edges: Map<string, Set<string>>, from: string, to: string): string[] | undefined {
  const previous = new Map<string, string>([[from, '']]);
  const queue = [from];
  for (let head = 0; head < queue.length && previous.size <= PATH_SEARCH_LIMIT; head++) {
    const v = queue[head]!; // head < queue.length
    if (v === to) break;
    for (const w of edges.get(v) ?? [])
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
  }
  if (!previous.has(to)) return undefined;
  const out: string[] = [];
  for (let v: string | undefined = to; v; v = previous.get(v)) out.unshift(v);
  return out;
}

/** A long trail keeps its ends: `a → b → c → … → y → z`. */
function shorten(trail: string[]): string[] {
  return trail.length <= 12 ? trail : [...trail.slice(0, 6), '…', ...trail.slice(-5)];
}

/** The kind of a definition as a message starts with it ("Service", "Volume"…), in the message language. */
function cap(kind: string): string {
  const names: Record<string, string> = {
    service: l10n.t('Service'),
    network: l10n.t('Network'),
    volume: l10n.t('Volume'),
    config: l10n.t('Config'),
    secret: l10n.t('Secret'),
    model: l10n.t('Model'),
  };
  return names[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}
