// Reference checks across the project's files: undefined services / networks / volumes / configs / secrets / models,
// depends_on cycles, and top-level definitions nobody uses (hint).
import type { ComposeCode } from '../diagnostics/codes';
import type { ComposeReference } from '../index';
import type { RefKind } from '../spec/types';
import type { Rule } from './context';

const UNDEFINED: Record<RefKind, ComposeCode> = {
  service: 'undefined-service', network: 'undefined-network', volume: 'undefined-volume',
  config: 'undefined-config', secret: 'undefined-secret', model: 'undefined-model',
};

/** Names Compose provides without a top-level definition. */
const IMPLICIT: Partial<Record<RefKind, string[]>> = { network: ['default'] };

export const referencesRule: Rule = (ctx) => {
  const { project } = ctx;
  const here = project.files[0].index;
  const defined = (kind: RefKind, name: string) => IMPLICIT[kind]?.includes(name) || project.definitionsOf(kind, name).length > 0;
  for (const ref of here.references) {
    if (ref.kind === 'anchor' || defined(ref.kind, ref.name)) continue;
    const where = ref.kind === 'service' ? 'under `services`' : `under the top-level \`${ref.kind}s\``;
    ctx.report({ code: UNDEFINED[ref.kind], range: ref.range, message: `${cap(ref.kind)} "${ref.name}" is not defined ${where}.`, data: { kind: ref.kind, name: ref.name } });
  }
  for (const def of here.definitions) {
    if (def.kind === 'service' || def.kind === 'anchor' || def.kind === 'model') continue;
    if (IMPLICIT[def.kind]?.includes(def.name)) continue;
    if (project.referencesTo(def.kind, def.name).length === 0) {
      ctx.report({ code: 'unused-definition', range: def.range, tag: 'unnecessary', message: `${cap(def.kind)} "${def.name}" is defined but no service uses it.`, data: { kind: def.kind, name: def.name } });
    }
  }
  reportCycles(ctx, here.references.filter((r) => r.kind === 'service' && r.via === 'depends_on'), project.files.flatMap((f) => f.index.references));
};

function reportCycles(ctx: Parameters<Rule>[0], local: ComposeReference[], all: ComposeReference[]): void {
  const edges = new Map<string, Set<string>>();
  for (const r of all) if (r.kind === 'service' && r.via === 'depends_on' && r.service !== undefined) {
    if (!edges.has(r.service)) edges.set(r.service, new Set());
    edges.get(r.service)!.add(r.name);
  }
  const reaches = (from: string, to: string): string[] | undefined => {
    const stack: [string, string[]][] = [[from, [from]]]; const seen = new Set<string>();
    while (stack.length) {
      const [node, trail] = stack.pop()!;
      if (node === to && trail.length > 1) return trail;
      if (seen.has(node)) continue;
      seen.add(node);
      for (const n of edges.get(node) ?? []) stack.push([n, [...trail, n]]);
    }
    return undefined;
  };
  for (const r of local) {
    if (r.service === undefined) continue;
    const trail = r.service === r.name ? [r.service, r.name] : (() => { const t = reaches(r.name, r.service!); return t ? [r.service!, ...t] : undefined; })();
    if (trail) ctx.report({ code: 'depends-on-cycle', range: r.range, message: `Services depend on each other in a cycle: ${trail.join(' → ')}. Compose cannot decide which to start first.` });
  }
}

function cap(s: string): string { return s[0].toUpperCase() + s.slice(1); }
