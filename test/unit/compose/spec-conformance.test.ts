// Conformance of our Compose model with the official schema (a reference file read as an oracle, never copied; see
// docs/reference-files.md):
// every property, free-key map, list item and enum value of the schema exists in our model with a compatible type.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { rootSpec, specAt, type SpecNode, type ValueKind } from '../../../server/src/compose/spec';
import { readReferenceFile } from '../../support/reference-files';

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  $defs?: Record<string, Schema>;
};

interface Finding {
  path: string;
  problem: string;
}

/** Walks the schema next to our model and lists every mismatch. */
function compare(schema: Schema): { findings: Finding[]; checked: number } {
  const defs = schema.$defs ?? {};
  const findings: Finding[] = [];
  let checked = 0;
  const deref = (s: Schema): Schema => {
    let n = s;
    for (let i = 0; n.$ref && i < 10; i++) n = defs[n.$ref.split('/').pop()!] ?? {};
    return n;
  };
  const refsOnStack: string[] = [];
  const walk = (raw: Schema, ours: SpecNode, where: string, siblings: string[] = []): void => {
    // Recursion in the schema only happens through $ref: follow each ref at most twice on the current branch.
    if (raw.$ref && refsOnStack.filter((r) => r === raw.$ref).length >= 2) return;
    if (raw.$ref) refsOnStack.push(raw.$ref);
    const s = deref(raw);
    const alts = [...(s.oneOf ?? []), ...(s.anyOf ?? []), ...(s.allOf ?? [])];
    // Types of all alternatives together: `oneOf: [string, integer]` is the same as `type: [string, integer]`.
    const altTypes = alts.flatMap((a) => ([] as string[]).concat(deref(a).type ?? []));
    for (const alt of alts) walk(alt, ours, where, altTypes);
    const types = ([] as string[]).concat(s.type ?? []);
    for (const t of types) {
      checked++;
      const ok = compatible(t, [...types, ...siblings], ours.kinds);
      if (!ok)
        findings.push({
          path: where,
          problem: `schema type ${t} (of ${types.join('|')}) not accepted by ours (${ours.kinds.join('|')})`,
        });
    }
    for (const v of s.enum ?? []) {
      checked++;
      if (typeof v === 'string' && !(ours.enum ?? []).includes(v) && !ours.format)
        findings.push({ path: where, problem: `enum value "${v}" missing` });
    }
    for (const [name, child] of Object.entries(s.properties ?? {})) {
      checked++;
      const mine = ours.properties?.[name];
      if (!mine) {
        findings.push({ path: `${where}.${name}`, problem: 'property missing' });
        continue;
      }
      walk(child, mine, `${where}.${name}`);
    }
    for (const [pattern, child] of Object.entries(s.patternProperties ?? {})) {
      if (pattern === '^x-') continue; // extension fields: allowed wherever we have fixed properties
      checked++;
      if (!ours.values) {
        findings.push({ path: `${where}[${pattern}]`, problem: 'free keys (map values) missing' });
        continue;
      }
      walk(child, ours.values, `${where}{}`);
    }
    if (typeof s.additionalProperties === 'object') {
      checked++;
      if (ours.values) walk(s.additionalProperties, ours.values, `${where}{}`);
      else if (types.includes('object') && !ours.properties)
        findings.push({ path: where, problem: 'free keys missing' });
    }
    if (s.items) {
      checked++;
      if (!ours.items) findings.push({ path: `${where}[]`, problem: 'list items missing' });
      else walk(s.items, ours.items, `${where}[]`);
    }
    if (raw.$ref) refsOnStack.pop();
  };
  walk(schema, rootSpec, '');
  return { findings, checked };
}

/** Schema types vs our kinds. A schema `string` next to another scalar type only admits interpolation, which we handle. */
function compatible(t: string, all: string[], ours: readonly ValueKind[]): boolean {
  if (ours.includes(t as ValueKind)) return true;
  if (t === 'integer' && ours.includes('number')) return true;
  if (t === 'number' && ours.includes('integer')) return true; // we are stricter where only integers make sense
  if (t === 'string' && all.some((o) => o !== 'string' && o !== 'object' && o !== 'array' && o !== 'null')) return true;
  return false;
}

describe('Compose model conformance with the official schema', () => {
  const text = readReferenceFile('composeSchema', 'compose spec conformance');
  if (text === undefined) return void it.skip('reference schema absent');
  const schema = JSON.parse(text) as Schema;

  it('covers every property, map, list and enum of the schema with compatible types', () => {
    const { findings, checked } = compare(schema);
    assert.ok(checked > 400, `walked only ${checked} schema facts`);
    assert.deepEqual(findings, []);
  });

  it('describes every service attribute of the schema in our own words', () => {
    const service = (schema.$defs?.service.properties ?? {}) as Record<string, Schema & { description?: string }>;
    assert.ok(Object.keys(service).length >= 90);
    for (const [name, def] of Object.entries(service)) {
      const ours = specAt(['services', 'web', name]);
      assert.ok(ours, `services.*.${name} missing`);
      assert.ok(ours.description.length > 10, `${name} needs a description`);
      if (def.description)
        assert.notEqual(ours.description.trim(), def.description.trim(), `${name}: description copied from the schema`);
    }
  });

  it('finds a missing property when the model lacks one (the check can fail)', () => {
    const trimmed = JSON.parse(JSON.stringify(schema)) as Schema;
    trimmed.$defs!.service.properties!.not_a_real_key = { type: 'string' };
    trimmed.$defs!.service.properties!.cgroup = { type: 'string', enum: ['host', 'private', 'made-up'] };
    trimmed.$defs!.service.properties!.tty = { type: 'array' };
    const findings = compare(trimmed).findings;
    assert.ok(
      findings.some((f) => f.path.endsWith('not_a_real_key')),
      'missing property found',
    );
    assert.ok(
      findings.some((f) => f.path.endsWith('cgroup') && f.problem.includes('made-up')),
      'missing enum value found',
    );
    assert.ok(
      findings.some((f) => f.path.endsWith('tty') && f.problem.includes('array')),
      'incompatible type found',
    );
  });
});
