// The shared Compose model APIs: parse (ranges, tags, merge keys, aliases), nodeAt, specAt and interpolation scanning.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { scanInterpolations, substitute } from '../../../server/src/compose/parse/interpolation';
import { effectivePairs, getKey, nodeAt, parseCompose, scalarString } from '../../../server/src/compose/parse/document';
import { describeKinds, keysOf, specAt } from '../../../server/src/compose/spec';
import { isMap } from 'yaml';

describe('parseCompose', () => {
  it('maps parser errors to LSP ranges and keeps !reset / !override nodes without errors', () => {
    const m = parseCompose(
      'services:\n  web:\n    ports: !reset []\n    environment: !override {A: 1}\n    command: !reset null\n',
    );
    assert.deepEqual(m.issues, []);
    const bad = parseCompose('a: [1\n');
    assert.ok(bad.issues.length > 0 && bad.issues[0].range.start.line >= 0);
  });
  it('applies merge keys and resolves aliases', () => {
    const m = parseCompose(
      'x-a: &a\n  image: nginx\n  restart: always\nservices:\n  web:\n    <<: *a\n    restart: "no"\n',
    );
    const web = getKey(m, getKey(m, m.doc.contents, 'services'), 'web');
    assert.ok(isMap(web));
    assert.deepEqual(
      effectivePairs(m, web).map((p) => `${p.key}:${p.merged}`),
      ['restart:false', 'image:true'],
    );
    assert.equal(scalarString(getKey(m, web, 'image')), 'nginx');
    assert.deepEqual(m.value, {
      'x-a': { image: 'nginx', restart: 'always' },
      services: { web: { image: 'nginx', restart: 'no' } },
    });
  });
  it('reports unresolved aliases and flags alias bombs', () => {
    assert.equal(parseCompose('a: *nothing\n').issues[0].code, 'BAD_ALIAS');
    let t = 'a: &a [x,x,x,x,x,x,x,x,x,x]\n';
    let prev = 'a';
    for (const n of 'bcdefg') {
      t += `${n}: &${n} [${Array(10)
        .fill('*' + prev)
        .join(',')}]\n`;
      prev = n;
    }
    const bomb = parseCompose(t);
    assert.equal(bomb.aliasBomb, true);
    assert.equal(bomb.value, undefined);
  });
  it('converts between offsets and positions', () => {
    const m = parseCompose('services:\n  web:\n    image: nginx\n');
    assert.deepEqual(m.positionAt(m.offsetAt({ line: 2, character: 11 })), { line: 2, character: 11 });
    assert.equal(m.text.slice(m.offsetAt({ line: 2, character: 11 }), m.offsetAt({ line: 2, character: 16 })), 'nginx');
  });
});

describe('nodeAt', () => {
  const m = parseCompose('services:\n  web:\n    ports:\n      - "80:80"\n    image: nginx\n');
  it('finds keys with their path', () => {
    const at = nodeAt(m, m.offsetAt({ line: 4, character: 6 }));
    assert.deepEqual([at.path, at.onKey], [['services', 'web', 'image'], true]);
  });
  it('finds values inside lists', () => {
    const at = nodeAt(m, m.offsetAt({ line: 3, character: 10 }));
    assert.deepEqual([at.path, at.onKey], [['services', 'web', 'ports', 0], false]);
  });
});

describe('specAt', () => {
  it('describes keys by YAML path, through free keys and list items', () => {
    assert.deepEqual(specAt(['services', 'any', 'restart'])?.format, 'restart');
    assert.deepEqual(specAt(['services', 'any', 'depends_on', 'db', 'condition'])?.enum, [
      'service_started',
      'service_healthy',
      'service_completed_successfully',
    ]);
    assert.ok(specAt(['services', 'any', 'ports', 0, 'published']));
    assert.ok(specAt(['services', 'any', 'develop', 'watch', 2, 'action'])?.enum?.includes('sync+restart'));
    assert.equal(specAt(['services', 'any', 'nonsense']), undefined);
    assert.equal(specAt(['x-anything', 'image']), undefined);
    assert.ok(specAt(['version'])?.deprecated);
  });
  it('lists keys and readable kinds', () => {
    assert.ok(keysOf(specAt(['services', 'any'])).length >= 90);
    assert.equal(describeKinds(specAt(['services', 'any', 'build'])!), 'string | mapping');
  });
});

describe('interpolation', () => {
  it('scans every form with positions', () => {
    const { items, errors } = scanInterpolations(
      'a ${A} $B ${C:-d} ${D-e} ${E:?f} ${F?g} ${G:+h} ${H+i} $$J ${K:-${L}}',
    );
    assert.deepEqual(
      items.map((i) => `${i.name}${i.op}${i.arg}`),
      ['A', 'B', 'C:-d', 'D-e', 'E:?f', 'F?g', 'G:+h', 'H+i', 'K:-${L}', 'L'],
    );
    assert.deepEqual(errors, []);
    assert.equal(items[0].start, 2);
  });
  it('reports malformed forms', () => {
    assert.equal(scanInterpolations('${A').errors.length, 1);
    assert.equal(scanInterpolations('${}').errors.length, 1);
    assert.equal(scanInterpolations('${A:x}').errors.length, 1);
  });
  it('substitutes known values and gives up on unknown ones', () => {
    const vars = new Map([
      ['A', '1'],
      ['E', ''],
    ]);
    const look = (n: string) => vars.get(n);
    assert.equal(substitute('${A}-${B:-2}-${E:-3}-${E-4}-${A:+x}-$$', look), '1-2-3--x-$');
    assert.equal(substitute('${B}', look), undefined);
  });
});
