// Benchmark: full diagnostics of a realistic 200-service compose file (anchors, merge keys, extends, profiles,
// interpolation everywhere; bench/support/realistic.ts) by Berth (parse, schema, interpolation, references, files,
// Dockerfile cross-checks, semantics) vs yaml-language-server validating with the official Compose JSON schema, in the
// same run: in-process (its language service API), then over LSP (both servers over stdio: edit → diagnostics, and
// the requests an editor sends while typing). Prints medians, p95 and ratios, Berth's growth on 100 → 1,000
// anchored services, and the false-positive count (Errors + Warnings) of each on the corpus's valid files.
// Berth runs twice: a full check of the text, and the editor's case, a one-character edit after which the previous
// version's parse and per-service findings are reused (`incremental`). The editing features (hover, completion,
// definition, references, rename, highlights, links, symbols) are timed on the same file, in-process and over LSP;
// over LSP also by Berth alone (FEATURE_ROUNDS rounds after pauses), for a p95 from more than the alternating rounds.
//   npx tsx bench/compose/run.ts [iterations] [--no-lsp] [--lsp-rounds=N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Position } from 'vscode-languageserver-types';
import { LineCounter, parseDocument } from 'yaml';
import { composeAdapter } from '../../server/src/compose/adapter';
import { composeDiagnostics } from '../../server/src/compose/diagnostics';
import { ServiceReuse } from '../../server/src/compose/diagnostics/reuse';
import { parseCompose, YAML_OPTIONS } from '../../server/src/compose/parse/document';
import { parseBlockYaml } from '../../server/src/compose/parse/fast-yaml/parse';
import { corpusFiles, diskFiles } from '../../test/unit/compose/helpers';
import { memoryContext } from '../../test/support/adversarial';
import { realisticCompose } from '../support/realistic';
import {
  compareOverLsp,
  featureLatency,
  printFeatureLatency,
  printLsp,
  yamlLanguageServer,
} from '../support/lsp-bench';
import { fmt, p95 } from '../support/lsp-timing';
import { COMPOSE_SCHEMA_PATH, requireComposeSchema, yamlComposeService } from '../support/yaml-peer';

const ROOT = path.resolve(__dirname, '../..');
const ITERATIONS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 15);
const WITH_LSP = !process.argv.includes('--no-lsp');
/** Processes per size in the growth table (GROWTH_PROCESSES=1 for a quick look). */
const GROWTH_PROCESSES = Number(process.env.GROWTH_PROCESSES ?? 5);
// yaml-language-server takes seconds per edit on this file: fewer LSP rounds keep the run within minutes.
const LSP_ROUNDS = Number(
  /^--lsp-rounds=(\d+)$/.exec(process.argv.find((a) => a.startsWith('--lsp-rounds=')) ?? '')?.[1] ?? ITERATIONS,
);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  requireComposeSchema();
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-bench-compose-'));
  const { text, files: beside } = realisticCompose(200);
  for (const [name, body] of Object.entries(beside)) writeFileSync(path.join(dir, name), body);
  const file = path.join(dir, 'compose.yaml');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const files = diskFiles();

  // The peer: yaml-language-server's language service with the official Compose schema for every file.
  const ls = await yamlComposeService('validation');

  let version = 0;
  const berth = () => composeDiagnostics(parseCompose(text, uri), files, {});
  const peer = () => ls.doValidation(TextDocument.create(uri, 'yaml', ++version, text), false);
  // The editor's case: a character typed in service 100, then deleted, each version built from the one before.
  const typedAt = text.indexOf('CACHE_TTL: "1', text.indexOf('  svc100:')) + 'CACHE_TTL: "1'.length;
  const typed = text.slice(0, typedAt) + 'x' + text.slice(typedAt);
  const reuse = new ServiceReuse();
  let model = parseCompose(text, uri);
  composeDiagnostics(model, files, { reuse });
  let edits = 0;
  const incremental = () => {
    model = parseCompose(++edits % 2 ? typed : text, uri, model);
    return composeDiagnostics(model, files, { reuse });
  };

  const berthFindings = berth();
  const peerFindings = await peer();
  for (let i = 0; i < 3; i++) {
    berth();
    incremental();
    await peer();
  }
  // Wall time and this process's CPU time (user + system) per call; on a busy shared machine CPU time is the steadier.
  const kinds = () => ({
    berth: [] as number[],
    incremental: [] as number[],
    peer: [] as number[],
    parse: [] as number[],
    fast: [] as number[],
  });
  const wall = kinds();
  const cpu = kinds();
  const measure = async (which: keyof typeof wall, run: () => unknown) => {
    const c = process.cpuUsage();
    const t = performance.now();
    await run();
    wall[which].push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu[which].push((d.user + d.system) / 1000);
  };
  for (let i = 0; i < ITERATIONS; i++) {
    // Alternate the order so that neither tool always runs right after the other's garbage.
    if (i % 2) {
      await measure('berth', berth);
      await measure('incremental', incremental);
      await measure('peer', peer);
    } else {
      await measure('peer', peer);
      await measure('incremental', incremental);
      await measure('berth', berth);
    }
    // The floor both tools share: the `yaml` package's parse of the same text (both are built on it).
    await measure('parse', () => parseDocument(text));
    await measure('fast', () => parseBlockYaml(text, YAML_OPTIONS, new LineCounter()));
  }
  const fastPath = parseBlockYaml(text, YAML_OPTIONS, new LineCounter()) !== undefined;
  console.log(
    `compose bench: 200 anchored services, ${text.split('\n').length} lines, ${ITERATIONS} iterations each (after 3 warm-ups), load average ${loadavg()[0].toFixed(1)}`,
  );
  console.log(
    `  Berth (schema + interpolation + references + files + Dockerfile + semantics): median wall ${median(wall.berth).toFixed(1)} ms, CPU ${median(cpu.berth).toFixed(1)} ms, ${berthFindings.length} findings`,
  );
  console.log(
    `  Berth after a one-character edit (previous parse and unchanged services' findings reused): median wall ${median(wall.incremental).toFixed(1)} ms, p95 ${fmt(p95(wall.incremental))} ms, CPU ${median(cpu.incremental).toFixed(1)} ms; ${reuse.reused} service checks reused, ${reuse.checked} run`,
  );
  console.log(
    `  yaml-language-server ${readVersion()} (official JSON schema only): median wall ${median(wall.peer).toFixed(1)} ms, CPU ${median(cpu.peer).toFixed(1)} ms, ${peerFindings.length} findings`,
  );
  console.log(
    `  yaml package parse alone (yaml-language-server's parser; Berth's fallback): median wall ${median(wall.parse).toFixed(1)} ms, CPU ${median(cpu.parse).toFixed(1)} ms`,
  );
  console.log(
    `  Berth's block-YAML fast path alone (same nodes and ranges): median wall ${median(wall.fast).toFixed(1)} ms, CPU ${median(cpu.fast).toFixed(1)} ms; took this file: ${fastPath ? 'yes' : 'NO (fell back to yaml)'}`,
  );
  console.log(
    `  ratio: Berth is ${(median(wall.peer) / median(wall.berth)).toFixed(2)}x faster by wall time, ${(median(cpu.peer) / median(cpu.berth)).toFixed(2)}x by CPU time (target >= 3x)`,
  );

  console.log(
    `  ratio after an edit: Berth is ${(median(wall.peer) / median(wall.incremental)).toFixed(1)}x faster by wall time, ${(median(cpu.peer) / median(cpu.incremental)).toFixed(1)}x by CPU time (target >= 50x over LSP)`,
  );
  console.log(`  p95: Berth ${fmt(p95(wall.berth))} ms, yaml-language-server ${fmt(p95(wall.peer))} ms`);

  // The peer's editing features: a language service of its own with hover and completion on (as its LSP server
  // configures itself when the client enables them).
  await editingFeatures(text, uri, beside, await yamlComposeService('editing'));

  // Growth: Berth's full diagnostics, and after a one-character edit, as the anchored file grows (linear: 1,000
  // services within 5.5x of 200). Each size in processes of its own (growth.ts), without the peer's heap; one
  // process's median moves by a third from process to process (where its collections and compilations fall), so each
  // size runs in GROWTH_PROCESSES processes, interleaved, and the row is the median of their medians. Wall time and
  // the processes' CPU time (the steadier on a shared machine).
  const growth = { full: [] as string[], incremental: [] as string[] };
  const previous = { full: 0, incremental: 0 };
  const base = { full: 0, incremental: 0 };
  const baseCpu = { full: 0, incremental: 0 };
  const sizes = [100, 200, 500, 1000];
  type GrowthRow = Record<'full' | 'incremental', { wall: number; cpu: number }>;
  const runs = new Map<number, GrowthRow[]>(sizes.map((n) => [n, []]));
  for (let p = 0; p < GROWTH_PROCESSES; p++)
    for (const n of sizes) {
      const child = spawnSync(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, 'growth.ts'), String(n), dir],
        { cwd: ROOT, encoding: 'utf8' },
      );
      if (child.status !== 0) throw new Error(`growth.ts ${n} failed: ${child.stderr}`);
      runs.get(n)!.push(JSON.parse(child.stdout.trim().split('\n').at(-1)!) as GrowthRow);
    }
  for (const n of sizes) {
    const rows = runs.get(n)!;
    const pick = (k: 'full' | 'incremental', m: 'wall' | 'cpu') => median(rows.map((r) => r[k][m]));
    const row: GrowthRow = {
      full: { wall: pick('full', 'wall'), cpu: pick('full', 'cpu') },
      incremental: { wall: pick('incremental', 'wall'), cpu: pick('incremental', 'cpu') },
    };
    for (const k of ['full', 'incremental'] as const) {
      const { wall: med, cpu: cpuMed } = row[k];
      if (n === 200) {
        base[k] = med;
        baseCpu[k] = cpuMed;
      }
      growth[k].push(
        `${n}: ${fmt(med)} ms${previous[k] ? ` (×${(med / previous[k]).toFixed(2)})` : ''}, CPU ${fmt(cpuMed)} ms` +
          (n === 1000 ? ` = ${(med / base[k]).toFixed(1)}x of 200 (CPU ${(cpuMed / baseCpu[k]).toFixed(1)}x)` : ''),
      );
      previous[k] = med;
    }
  }
  console.log(
    `  growth, Berth in-process full check, anchored services → median of ${GROWTH_PROCESSES} processes' medians: ${growth.full.join(', ')}`,
  );
  console.log(`  growth, Berth in-process after an edit → median ms: ${growth.incremental.join(', ')}`);

  if (WITH_LSP) {
    const lines = text.split('\n');
    const at = (needle: string, from = 0) => {
      const l = lines.findIndex((x, i) => i >= from && x.includes(needle));
      return { line: l, character: lines[l].indexOf(needle) };
    };
    const mid = at('  svc100:').line;
    const edit = at('CACHE_TTL: "160"', mid);
    const alias = at('*default-logging', mid);
    const image = at('image: registry', mid);
    const dependency = at('svc99:', mid);
    const probes = [
      { method: 'textDocument/hover', line: alias.line, character: alias.character + 3 },
      { method: 'textDocument/completion', line: image.line, character: 4 },
      { method: 'textDocument/definition', line: alias.line, character: alias.character + 3 },
      { method: 'textDocument/definition', line: dependency.line, character: dependency.character + 2 },
      {
        method: 'textDocument/references',
        line: mid,
        character: 4,
        extra: { context: { includeDeclaration: true } },
      },
      { method: 'textDocument/documentHighlight', line: mid, character: 4 },
      { method: 'textDocument/documentSymbol', line: 0, character: 0 },
      { method: 'textDocument/documentLink', line: 0, character: 0 },
      { method: 'textDocument/prepareRename', line: mid, character: 4 },
      { method: 'textDocument/rename', line: mid, character: 4, extra: { newName: 'orders' } },
    ];
    const doc = {
      fileName: 'compose.yaml',
      languageId: 'dockercompose',
      text,
      files: beside,
      edit: { line: edit.line, character: edit.character + 'CACHE_TTL: "1'.length },
      probes,
    };
    const figures = await compareOverLsp({
      ...doc,
      peerLanguageId: 'yaml',
      peer: yamlLanguageServer(COMPOSE_SCHEMA_PATH),
      rounds: LSP_ROUNDS,
    });
    printLsp('200 anchored services', figures);
    printFeatureLatency('200 anchored services', await featureLatency({ ...doc, pausesMs: [250, 1000, 3000, 8000] }));
  }

  // False positives: Errors and Warnings on the corpus's valid files (each file is a correct, working project).
  let berthFp = 0;
  let peerFp = 0;
  const peerKinds = new Map<string, number>();
  for (const f of corpusFiles('valid')) {
    const t = readFileSync(f, 'utf8');
    const u = pathToFileURL(f).toString();
    berthFp += composeDiagnostics(parseCompose(t, u), files, { withProcessEnv: false }).filter(
      (d) => d.severity! <= 2,
    ).length;
    const pd = (await ls.doValidation(TextDocument.create(u, 'yaml', ++version, t), false)).filter(
      (d) => (d.severity ?? 1) <= 2,
    );
    peerFp += pd.length;
    for (const d of pd) {
      const k = String(d.message).split('\n')[0].slice(0, 60);
      peerKinds.set(k, (peerKinds.get(k) ?? 0) + 1);
    }
  }
  console.log(
    `  false positives on ${corpusFiles('valid').length} valid corpus files: Berth ${berthFp}, yaml-language-server ${peerFp}`,
  );
  for (const [k, n] of [...peerKinds].sort((a, b) => b[1] - a[1]).slice(0, 6)) console.log(`    peer: ${n} x ${k}`);
  rmSync(dir, { recursive: true, force: true });
}

/**
 * The editing features on the 200-service file, in-process, as the server runs them: after an edit (a new version,
 * checked first, as the server does), each request on that version. Berth through its LSP adapter; the peer through
 * its language service, for the features it offers. Prints median and p95 of each.
 */
async function editingFeatures(
  text: string,
  uri: string,
  beside: Record<string, string>,
  ls: {
    doHover(d: TextDocument, p: Position): Promise<unknown>;
    doComplete(d: TextDocument, p: Position, k: boolean): Promise<unknown>;
    doDefinition(d: TextDocument, p: unknown): unknown;
    findDocumentSymbols2(d: TextDocument): unknown;
    findLinks(d: TextDocument): Promise<unknown>;
    prepareRename(d: TextDocument, p: unknown): unknown;
    doRename(d: TextDocument, p: unknown): unknown;
  },
): Promise<void> {
  const folder = uri.slice(0, uri.lastIndexOf('/'));
  const ctx = memoryContext(folder, { ...beside, 'compose.yaml': text });
  const lines = text.split('\n');
  const at = (needle: string, from = 0): Position => {
    const l = lines.findIndex((x, i) => i >= from && x.includes(needle));
    return { line: l, character: lines[l].indexOf(needle) };
  };
  const mid = at('  svc100:').line;
  const service = { line: mid, character: 4 };
  const alias = at('*default-logging', mid);
  const aliasAt = { line: alias.line, character: alias.character + 3 };
  const dependency = at('svc99:', mid);
  const dependencyAt = { line: dependency.line, character: dependency.character + 2 };
  const keyAt = { line: at('image: registry', mid).line, character: 4 };
  const edit = at('CACHE_TTL: "1', mid);
  const typedAt = { line: edit.line, character: edit.character + 'CACHE_TTL: "1'.length };
  const c = composeAdapter;
  let version = 1;
  let doc = TextDocument.create(uri, 'dockercompose', version, text);
  const td = { uri };
  const features: Record<string, { berth: () => unknown; peer?: () => unknown }> = {
    hover: {
      berth: () => c.hover!(doc, { textDocument: td, position: aliasAt }, ctx),
      peer: () => ls.doHover(doc, aliasAt),
    },
    completion: {
      berth: () => c.completion!(doc, { textDocument: td, position: keyAt }, ctx),
      peer: () => ls.doComplete(doc, keyAt, false),
    },
    'definition (alias)': {
      berth: () => c.definition!(doc, { textDocument: td, position: aliasAt }, ctx),
      peer: () => ls.doDefinition(doc, { textDocument: td, position: aliasAt }),
    },
    'definition (service)': { berth: () => c.definition!(doc, { textDocument: td, position: dependencyAt }, ctx) },
    references: {
      berth: () =>
        c.references!(doc, { textDocument: td, position: service, context: { includeDeclaration: true } }, ctx),
    },
    highlights: { berth: () => c.documentHighlight!(doc, { textDocument: td, position: service }, ctx) },
    prepareRename: {
      berth: () => c.prepareRename!(doc, { textDocument: td, position: service }, ctx),
      peer: () => ls.prepareRename(doc, { textDocument: td, position: aliasAt }),
    },
    rename: {
      berth: () => c.rename!(doc, { textDocument: td, position: service, newName: 'orders' }, ctx),
      peer: () => ls.doRename(doc, { textDocument: td, position: aliasAt, newName: 'logs' }),
    },
    documentLink: { berth: () => c.documentLink!(doc, { textDocument: td }, ctx), peer: () => ls.findLinks(doc) },
    documentSymbol: {
      berth: () => c.documentSymbol!(doc, { textDocument: td }, ctx),
      peer: () => ls.findDocumentSymbols2(doc),
    },
  };
  const times = new Map(Object.keys(features).map((k) => [k, { berth: [] as number[], peer: [] as number[] }]));
  const rounds = 40;
  for (let round = -3; round < rounds; round++) {
    // A new version (typed or deleted character), checked first as the server does, then every request on it.
    doc = TextDocument.update(
      doc,
      [
        {
          range: { start: typedAt, end: round % 2 ? typedAt : { ...typedAt, character: typedAt.character + 1 } },
          text: round % 2 ? 'x' : '',
        },
      ],
      ++version,
    );
    await c.diagnostics(doc, ctx);
    for (const [name, f] of Object.entries(features)) {
      let t = performance.now();
      await f.berth();
      const berthMs = performance.now() - t;
      if (round < 0) continue;
      times.get(name)!.berth.push(berthMs);
      if (!f.peer || round % 4) continue; // the peer re-parses on each new version: sampled every 4th round
      t = performance.now();
      await f.peer();
      times.get(name)!.peer.push(performance.now() - t);
    }
  }
  console.log(`  editing features in-process on the 200-service file (${rounds} versions, each checked first):`);
  for (const [name, { berth, peer }] of times)
    console.log(
      `    ${name.padEnd(22)} Berth median ${fmt(median(berth)).padStart(5)} ms p95 ${fmt(p95(berth)).padStart(5)} ms` +
        (peer.length
          ? ` | yaml-language-server median ${fmt(median(peer)).padStart(6)} ms p95 ${fmt(p95(peer)).padStart(6)} ms`
          : ''),
    );
}

function readVersion(): string {
  try {
    return JSON.parse(readFileSync(path.join(ROOT, 'node_modules/yaml-language-server/package.json'), 'utf8')).version;
  } catch {
    return '?';
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
