// Benchmark: full diagnostics of a realistic 200-service compose file (anchors, merge keys, extends, profiles,
// interpolation everywhere; bench/support/realistic.ts) by Berth (parse, schema, interpolation, references, files,
// Dockerfile cross-checks, semantics) vs yaml-language-server validating with the official Compose JSON schema, in the
// same run: in-process (its language service API), then over LSP (both servers over stdio: edit → diagnostics, and
// the requests an editor sends while typing). Prints medians, p95 and ratios, Berth's growth on 100 → 1,000
// anchored services, and the false-positive count (Errors + Warnings) of each on the corpus's valid files.
//   npx tsx bench/compose/run.ts [iterations] [--no-lsp]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { LineCounter, parseDocument } from 'yaml';
import { composeDiagnostics } from '../../server/src/compose/diagnostics';
import { parseCompose, YAML_OPTIONS } from '../../server/src/compose/parse';
import { parseBlockYaml } from '../../server/src/compose/fast-yaml/parse';
import { corpusFiles, diskFiles } from '../../test/unit/compose/helpers';
import { realisticCompose } from '../support/realistic';
import { compareOverLsp, printLsp, yamlLanguageServer } from '../support/lsp-bench';
import { fmt, p95 } from '../support/lsp-timing';

const ROOT = path.resolve(__dirname, '../..');
const SCHEMA_PATH = path.resolve(ROOT, '../shared/reference/compose-spec/compose-spec.json');
const ITERATIONS = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 15);
const WITH_LSP = !process.argv.includes('--no-lsp');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  if (!existsSync(SCHEMA_PATH)) {
    console.error(`Cannot run: the official schema is missing at ${SCHEMA_PATH}`);
    process.exit(1);
  }
  const schemaText = readFileSync(SCHEMA_PATH, 'utf8');
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-bench-compose-'));
  const { text, files: beside } = realisticCompose(200);
  for (const [name, body] of Object.entries(beside)) writeFileSync(path.join(dir, name), body);
  const file = path.join(dir, 'compose.yaml');
  writeFileSync(file, text);
  const uri = pathToFileURL(file).toString();
  const files = diskFiles();

  // The peer: yaml-language-server's language service with the official Compose schema for every file.
  const { getLanguageService } = await import('yaml-language-server');
  const schemaUri = pathToFileURL(SCHEMA_PATH).toString();
  const ls = getLanguageService({
    schemaRequestService: async (u: string) =>
      u === schemaUri ? schemaText : Promise.reject(new Error(`no schema ${u}`)),
    workspaceContext: { resolveRelativePath: (rel: string, res: string) => new URL(rel, res).toString() },
  } as never);
  ls.configure({
    validate: true,
    completion: false,
    hover: false,
    format: false,
    schemas: [{ uri: schemaUri, fileMatch: ['*'] }],
  } as never);

  let version = 0;
  const berth = () => composeDiagnostics(parseCompose(text, uri), files, {});
  const peer = () => ls.doValidation(TextDocument.create(uri, 'yaml', ++version, text), false);

  const berthFindings = berth();
  const peerFindings = await peer();
  for (let i = 0; i < 3; i++) {
    berth();
    await peer();
  }
  // Wall time and this process's CPU time (user + system) per call; on a busy shared machine CPU time is the steadier.
  const wall = { berth: [] as number[], peer: [] as number[], parse: [] as number[], fast: [] as number[] };
  const cpu = { berth: [] as number[], peer: [] as number[], parse: [] as number[], fast: [] as number[] };
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
      await measure('peer', peer);
    } else {
      await measure('peer', peer);
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

  console.log(`  p95: Berth ${fmt(p95(wall.berth))} ms, yaml-language-server ${fmt(p95(wall.peer))} ms`);

  // Growth: Berth's full diagnostics as the anchored file doubles (linear means ×2 per doubling).
  const growth: string[] = [];
  let previous = 0;
  for (const n of [100, 200, 500, 1000]) {
    const t = realisticCompose(n).text;
    const u = pathToFileURL(path.join(dir, `grow${n}.yaml`)).toString();
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const s0 = performance.now();
      composeDiagnostics(parseCompose(t, u), files, {});
      times.push(performance.now() - s0);
    }
    const m = median(times);
    growth.push(`${n}: ${fmt(m)} ms${previous ? ` (×${(m / previous).toFixed(2)})` : ''}`);
    previous = m;
  }
  console.log(`  growth, Berth in-process, anchored services → median ms: ${growth.join(', ')}`);

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
    const figures = await compareOverLsp({
      fileName: 'compose.yaml',
      languageId: 'dockercompose',
      peerLanguageId: 'yaml',
      text,
      files: beside,
      peer: yamlLanguageServer(SCHEMA_PATH),
      edit: { line: edit.line, character: edit.character + 'CACHE_TTL: "1'.length },
      rounds: ITERATIONS,
      probes: [
        { method: 'textDocument/hover', line: alias.line, character: alias.character + 3 },
        { method: 'textDocument/completion', line: image.line, character: 4 },
        { method: 'textDocument/definition', line: alias.line, character: alias.character + 3 },
        { method: 'textDocument/documentSymbol', line: 0, character: 0 },
        { method: 'textDocument/documentLink', line: 0, character: 0 },
        { method: 'textDocument/prepareRename', line: mid, character: 4 },
      ],
    });
    printLsp('200 anchored services', figures);
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
