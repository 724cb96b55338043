// Incremental re-checking of Compose files must give exactly the diagnostics of a full check. Random realistic files
// (anchors, aliases, merge keys, x- blocks, top-level sections, findings inside services and inside anchors) take
// random edit sequences (characters, lines, whole services, anchors and aliases, env file changes); after every edit
// the diagnostics computed with the previous versions' reused findings must equal a full check's. A failure names its
// seed: replay it with BERTH_SEED=<seed> (test/support/property-seed.ts).
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams, replayHint } from '../support/property-seed';
import { realisticCompose } from '../../bench/support/realistic';
import { composeDiagnostics } from '../../server/src/compose/diagnostics';
import { ServiceReuse } from '../../server/src/compose/diagnostics/reuse';
import { isAlias, isMap, isPair, isScalar, isSeq, type Scalar, type YAMLMap } from 'yaml';
import { changedStretch, keepsNesting } from '../../server/src/compose/parse/fast-yaml/reparse';
import { effectivePairs, parseCompose, type ComposeModel } from '../../server/src/compose/parse/document';
import { nestingDepth } from '../../server/src/compose/parse/nesting';
import { walkNodes } from '../../server/src/compose/parse/walk';
import { indexFile } from '../../server/src/compose/project-index';
import { documentSymbols } from '../../server/src/compose/symbols';
import { memoryFiles } from './compose/helpers';

const URI = 'file:///project/compose.yaml';
const ENV_FILES = ['TAG=1.2\nREQ=yes\n', 'TAG=1.2\n', 'REQ=\nCPUS=lots\n'];

const HEADS = [
  'services:\n',
  [
    'name: shop',
    'x-logging: &default-logging',
    '  driver: json-file',
    '  options:',
    '    max-size: "${LOG_MAX_SIZE:-10m}"',
    'x-healthcheck: &healthcheck',
    '  interval: 30s',
    '  retries: 3',
    'x-common: &common',
    '  restart: unless-stopped',
    '  networks: [back]',
    '  environment: &common-env',
    '    TZ: ${TZ:-UTC}',
    '    NEED: ${REQ:?set REQ}',
    'services:',
    '',
  ].join('\n'),
  // Findings inside the anchors: reported where the anchor is written, once, whichever service merges it first.
  [
    'x-common: &common',
    '  restart: sometimes',
    '  cpus: many',
    '  environment: &common-env',
    '    BAD: ${',
    'x-healthcheck: &healthcheck',
    '  interval: soon',
    'x-logging: &default-logging',
    '  driver: 12',
    'services:',
    '',
  ].join('\n'),
];

const SERVICE_LINES = [
  '    image: registry.example.com/app:${TAG:-latest}',
  '    image: "${TAG:?no tag}"',
  '    restart: sometimes',
  '    restart: unless-stopped',
  '    ports:\n      - "8080:80"',
  '    ports:\n      - "${PORT:-80}:80"\n      - 99999:1',
  '    environment:\n      <<: *common-env\n      A: ${A}\n      R: ${REQ:?needed}',
  '    environment:\n      - A=1\n      - B=${',
  '    <<: *common',
  '    <<: [*common, *healthcheck]',
  '    healthcheck:\n      <<: *healthcheck\n      test: ["CMD", "true"]',
  '    logging: *default-logging',
  '    labels: &labels\n      team: shop',
  '    labels: *labels',
  '    depends_on:\n      - svc0\n      - ghost',
  '    networks: [back, nowhere]',
  '    volumes:\n      - data:/data\n      - ./x:/x:rw,bogus',
  '    build: .',
  '    bogus_key: 1',
  '    cpus: "${CPUS:-0.5}"',
  '    command: echo ${',
  '    mem_limit: lots',
  '    container_name: fixed\n    scale: 2',
  '    extends:\n      service: svc0',
  '    x-note: &note\n      text: ${NOTE:?x}',
  '    profiles: [web]',
  // The loader's own checks (consistency): network_mode beside networks, a long port without a target.
  '    network_mode: host',
  '    ports:\n      - published: "9090"\n      - target: 80',
  // Keys that are not strings (the parse lists them), in a service and in a map inside it.
  '    123: number',
  '    sysctls:\n      true: 1\n      net.core.somaxconn: 1024',
  '    # a comment',
  '',
];

const TAILS = [
  '',
  'networks:\n  back:\nvolumes:\n  data:\n',
  'networks:\n  back:\n    driver: 12\nvolumes:\n  data:\n    external: true\n    driver: local\nsecrets:\n  s: {}\n',
];

const file = fc
  .record({
    head: fc.nat(HEADS.length - 1),
    services: fc.array(fc.subarray(SERVICE_LINES, { maxLength: 6 }), { minLength: 1, maxLength: 7 }),
    tail: fc.nat(TAILS.length - 1),
    realistic: fc.boolean(),
    duplicates: fc.nat(3),
  })
  .map(({ head, services, tail, realistic, duplicates }) =>
    realistic && head === 0
      ? realisticCompose(6).text
      : HEADS[head] +
        services.map((lines, i) => [`  svc${i}:`, ...keyOnce(lines, duplicates === 0)].join('\n') + '\n').join('') +
        TAILS[tail],
  );

/** A service's lines with each key once (duplicate keys send the whole file to the `yaml` parser), unless `keep`. */
function keyOnce(lines: string[], keep: boolean): string[] {
  const seen = new Set<string>();
  return lines.filter((line) => {
    const key = line.trim().split(':')[0];
    if (keep || !key || key.startsWith('#')) return true;
    return !seen.has(key) && !!seen.add(key);
  });
}

const PIECES = [
  'x',
  ' ',
  ':',
  '\n',
  '-',
  '$',
  '{',
  '}',
  '&a',
  '*a',
  '*common',
  '#',
  '"',
  '<<: *common\n',
  '    restart: nope\n',
  '  svcX:\n    image: x\n',
  'x-extra: &extra\n  image: busybox\n',
  'networks:\n  extra:\n',
  '  ',
  '\t',
];

type Edit = [
  kind: 'type' | 'insert' | 'delete' | 'line' | 'dropLine' | 'service' | 'dropService' | 'env',
  at: number,
  n: number,
];
const edit: fc.Arbitrary<Edit> = fc.tuple(
  fc.constantFrom(
    'type',
    'type',
    'type',
    'insert',
    'insert',
    'delete',
    'delete',
    'line',
    'dropLine',
    'service',
    'dropService',
    'env',
  ),
  fc.nat(),
  fc.nat(),
) as fc.Arbitrary<Edit>;

/** Applies one edit; returns the new text and the env file to use. */
function apply(text: string, [kind, at, n]: Edit, env: number): { text: string; env: number } {
  const i = at % (text.length + 1);
  const lines = text.split('\n');
  const l = at % lines.length;
  switch (kind) {
    case 'type': {
      // Typing (or deleting) at the end of a value inside a service: what editing a large file mostly is.
      const values = lines.flatMap((x, k) => (/^ {4,}\S.*: \S/.test(x) ? [k] : []));
      if (!values.length) return { text, env };
      const k = values[at % values.length];
      const col = lines[k].indexOf(': ') + 2 + (n % Math.max(1, lines[k].length - lines[k].indexOf(': ') - 1));
      lines[k] =
        n % 3 === 0
          ? lines[k].slice(0, col) + lines[k].slice(col + 1)
          : lines[k].slice(0, col) + 'xyz0:-'[n % 6] + lines[k].slice(col);
      return { text: lines.join('\n'), env };
    }
    case 'insert':
      return { text: text.slice(0, i) + PIECES[n % PIECES.length] + text.slice(i), env };
    case 'delete':
      return { text: text.slice(0, i) + text.slice(i + 1 + (n % 3)), env };
    case 'line':
      lines.splice(l, 0, SERVICE_LINES[n % SERVICE_LINES.length]);
      return { text: lines.join('\n'), env };
    case 'dropLine':
      lines.splice(l, 1);
      return { text: lines.join('\n'), env };
    case 'service': {
      // A copy of a whole service block (under a new name), inserted before another service or at the end.
      const starts = lines.flatMap((x, k) => (/^ {2}\S/.test(x) ? [k] : []));
      if (!starts.length) return { text, env };
      const from = starts[n % starts.length];
      let to = from + 1;
      while (to < lines.length && /^( {3,}|\s*$)/.test(lines[to])) to++;
      const block = lines.slice(from, to);
      block[0] = block[0].replace(/^ {2}[^:]*/, `  copy${at % 97}`);
      lines.splice(starts[at % starts.length], 0, ...block);
      return { text: lines.join('\n'), env };
    }
    case 'dropService': {
      const starts = lines.flatMap((x, k) => (/^ {2}\S/.test(x) ? [k] : []));
      if (!starts.length) return { text, env };
      const from = starts[n % starts.length];
      let to = from + 1;
      while (to < lines.length && /^( {3,}|\s*$)/.test(lines[to])) to++;
      lines.splice(from, to - from);
      return { text: lines.join('\n'), env };
    }
    case 'env':
      return { text, env: (env + 1 + (n % 2)) % ENV_FILES.length };
  }
}

/** Everything a parse gives that the features read: the node tree (kinds, values, ranges, props), lines, tables. */
function shape(model: ComposeModel): unknown {
  const node = (n: unknown): unknown => {
    if (!n || typeof n !== 'object') return n;
    if (isPair(n)) return { key: node(n.key), value: node(n.value) };
    const x = n as Scalar & YAMLMap & { flow?: boolean; source?: string };
    return {
      kind: isMap(n) ? 'map' : isSeq(n) ? 'seq' : isAlias(n) ? 'alias' : isScalar(n) ? 'scalar' : '?',
      range: x.range,
      // A merge key's value is a new Symbol('<<') in every parse: compared by its description.
      ...(isScalar(n)
        ? {
            value: typeof x.value === 'symbol' ? String(x.value) : x.value,
            type: x.type,
            format: x.format,
            source: x.source,
          }
        : {}),
      ...(isAlias(n) ? { source: (n as { source: string }).source } : {}),
      anchor: x.anchor,
      tag: x.tag,
      flow: x.flow,
      ...(isMap(n) || isSeq(n) ? { items: (n as YAMLMap).items.map(node) } : {}),
    };
  };
  return {
    contents: node(model.doc.contents),
    range: model.doc.range,
    lines: model.lineCounter.lineStarts,
    issues: model.issues,
    documents: model.documents,
    aliasBomb: model.aliasBomb,
    anchors: model.anchorNodes.map((a) => a.range),
    aliases: model.aliasNodes.map((a) => [a.range, model.resolve(a)?.range]),
    nonStringKeys: model.nonStringKeys.map((k) => k.range),
  };
}

describe('compose incremental re-check', () => {
  it('after every edit of a random sequence, diagnostics with reuse equal a full check', () => {
    let reused = 0;
    let reparsed = 0;
    let checks = 0;
    let symbolsReused = 0;
    let outlineReused = 0;
    fc.assert(
      fc.property(file, fc.array(edit, { minLength: 1, maxLength: 12 }), (initial, edits) => {
        const reuse = new ServiceReuse();
        let text = initial;
        let env = 0;
        let previous: ComposeModel | undefined;
        let previousSymbols = new Set<object>();
        let previousOutline = new Set<object>();
        const check = () => {
          const files = memoryFiles({ 'compose.yaml': text, '.env': ENV_FILES[env], Dockerfile: 'FROM alpine\n' });
          const options = { withProcessEnv: false };
          const fresh = parseCompose(text, URI);
          const full = composeDiagnostics(fresh, files, options);
          // The incremental parse updates the previous version's document: it is built from `previous`, and
          // `previous` is not used again.
          const model = parseCompose(text, URI, previous);
          if (previous && model.doc === previous.doc) reparsed++;
          previous = model;
          assert.deepStrictEqual(shape(model), shape(fresh), `parse after edits, text:\n${text}`);
          const incremental = composeDiagnostics(model, files, { ...options, reuse });
          assert.deepStrictEqual(incremental, full, `after edits, text:\n${text}`);
          // The reference index, built from the previous version's where the edit left services alone.
          const index = indexFile(model);
          assert.deepStrictEqual(index, indexFile(fresh), `index after edits, text:\n${text}`);
          const symbols = [...index.definitions, ...index.references];
          symbolsReused += symbols.filter((s) => previousSymbols.has(s)).length;
          previousSymbols = new Set(symbols);
          // The outline, whose services' entries are reused the same way; not asked of every version (as an editor
          // asks), so that it is reused across versions that made none.
          if (checks % 3 !== 1) {
            const outline = documentSymbols(model);
            assert.deepStrictEqual(outline, documentSymbols(fresh), `outline after edits, text:\n${text}`);
            const entries = outline.flatMap((s) => s.children ?? []);
            outlineReused += entries.filter((e) => previousOutline.has(e)).length;
            previousOutline = new Set(entries);
          }
          reused += reuse.reused;
          checks++;
        };
        check();
        for (const e of edits) {
          ({ text, env } = apply(text, e, env));
          check();
        }
      }),
      propertyParams({ numRuns: 250 }),
    );
    // The property means something only if services were in fact reused and re-read alone.
    assert.ok(reused > checks, `only ${reused} services reused over ${checks} checks (${replayHint})`);
    assert.ok(
      reparsed > checks / 20,
      `only ${reparsed} of ${checks} versions re-read one service alone (${replayHint})`,
    );
    assert.ok(
      symbolsReused > checks,
      `only ${symbolsReused} index symbols reused over ${checks} checks (${replayHint})`,
    );
    // (Entries that moved are copies, and most edits move the services after them: fewer are the very same object.)
    assert.ok(
      outlineReused > checks / 20,
      `only ${outlineReused} outline entries reused over ${checks} checks (${replayHint})`,
    );
  });

  it('an edit without line breaks or brackets, after the indentation of its line, keeps the nesting depth', () => {
    const alphabet = ['\n', ' ', '-', '[', ']', '{', '}', '#', '\r', 'a', ':'];
    const text = fc.array(fc.constantFrom(...alphabet), { maxLength: 80 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(3), text, (before, at, removed, inserted) => {
        const from = at % (before.length + 1);
        const after = before.slice(0, from) + inserted + before.slice(from + removed);
        const stretch = changedStretch(before, after);
        if (keepsNesting(before, after, stretch))
          assert.equal(nestingDepth(after, Infinity).depth, nestingDepth(before, Infinity).depth);
      }),
      propertyParams({ numRuns: 3000 }),
    );
  });

  it('the changed stretch is the longest common start and end, across its chunked comparison', () => {
    // Texts longer than changedStretch's chunks, made of a repeated short pattern (so that the common start and end
    // may overlap, as when a repeated line is typed again), edits anywhere, of any length.
    const pattern = fc.string({ minLength: 1, maxLength: 6 });
    const base = fc.tuple(pattern, fc.nat(700)).map(([p, n]) => p.repeat(n));
    const inserted = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.tuple(pattern, fc.nat(200)).map(([p, n]) => p.repeat(n)),
    );
    fc.assert(
      fc.property(base, fc.nat(), fc.nat(1200), inserted, (before, at, removed, inserted) => {
        const from = at % (before.length + 1);
        const after = before.slice(0, from) + inserted + before.slice(from + removed);
        const s = changedStretch(before, after);
        const limit = Math.min(before.length, after.length);
        let start = 0;
        while (start < limit && before[start] === after[start]) start++;
        let tail = 0;
        while (tail < limit - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
        assert.deepStrictEqual(s, { from: start, previousTo: before.length - tail, to: after.length - tail });
      }),
      propertyParams({ numRuns: 2000 }),
    );
  });

  it('an edit inside a service re-reads that service alone, and gives the full parse', () => {
    const { text } = realisticCompose(50);
    const previous = parseCompose(text, URI);
    const at = text.indexOf('CACHE_TTL', text.indexOf('  svc25:')) + 'CACHE_TTL: "'.length;
    const edited = text.slice(0, at) + '1' + text.slice(at);
    const model = parseCompose(edited, URI, previous);
    assert.equal(model.doc, previous.doc, 'the previous document is updated in place');
    assert.deepStrictEqual(shape(model), shape(parseCompose(edited, URI)));
  });

  it('effective pairs carried from version to version are those of a fresh parse', () => {
    const { text, files } = realisticCompose(20);
    const access = memoryFiles({ 'compose.yaml': text, ...files });
    const at = text.indexOf('CACHE_TTL', text.indexOf('  svc10:')) + 'CACHE_TTL: "'.length;
    // The edit renames a key of svc10, so its map's pairs differ from one version to the next.
    const edits = [text, text.slice(0, at - 'CACHE_TTL: "'.length) + 'CACHE_TTX: "' + text.slice(at)];
    let model = parseCompose(text, URI);
    for (let i = 0; i < 9; i++) {
      composeDiagnostics(model, access, { withProcessEnv: false });
      model = parseCompose(edits[(i + 1) % 2]!, URI, model);
      assert.ok(model.carried, 'the edit is carried from the version before');
    }
    const pairsOf = (m: ComposeModel) => {
      const out: string[] = [];
      walkNodes(m.doc.contents, (n) => {
        if (!isMap(n)) return;
        const pairs = effectivePairs(m, n);
        for (const p of pairs)
          if (!p.merged) assert.ok(n.items.includes(p.pair), `${p.key}: a pair of an earlier tree`);
        out.push(pairs.map((p) => `${p.key}${p.merged ? '*' : ''}`).join(','));
      });
      return out;
    };
    const carried = pairsOf(model);
    assert.ok(carried.some((p) => p.includes('CACHE_TTX')));
    assert.deepStrictEqual(carried, pairsOf(parseCompose(edits[1]!, URI)));
  });

  it('a service edited into a duplicate of another service name goes to the full parse and its error', () => {
    const text = 'services:\n  a:\n    image: x\n  b:\n    image: y\n  c:\n    image: z\n';
    const previous = parseCompose(text, URI);
    const edited = text.replace('    image: x\n', '    image: x\n  c:\n    image: w\n');
    const model = parseCompose(edited, URI, previous);
    assert.notEqual(model.doc, previous.doc);
    assert.deepStrictEqual(shape(model), shape(parseCompose(edited, URI)));
    assert.ok(model.issues.some((i) => i.code === 'DUPLICATE_KEY'));
  });

  it('a one-character edit inside one service re-checks that service only', () => {
    const { text, files } = realisticCompose(50);
    const access = memoryFiles({ 'compose.yaml': text, ...files });
    const reuse = new ServiceReuse();
    const run = (t: string) => composeDiagnostics(parseCompose(t, URI), access, { withProcessEnv: false, reuse });
    run(text);
    const at = text.indexOf('CACHE_TTL', text.indexOf('  svc25:')) + 'CACHE_TTL: "'.length;
    const edited = text.slice(0, at) + '1' + text.slice(at);
    assert.deepStrictEqual(
      run(edited),
      composeDiagnostics(parseCompose(edited, URI), access, { withProcessEnv: false }),
    );
    // Three rules (schema, interpolation, consistency) check service by service: 49 services each reused, one
    // checked again.
    assert.equal(reuse.reused, 3 * 49);
    assert.equal(reuse.checked, 3);
  });
});
