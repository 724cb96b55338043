// The over-LSP half of the Compose and Dockerfile benchmarks: Berth's dist/server.js and the peer, each started over
// stdio the same way, the same realistic file opened in both, then alternating rounds of a one-character edit
// (didChange → publishDiagnostics) and of the requests an editor sends while typing.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { fmt, median, p95, TimedServer, type ServerSpec } from './lsp-timing';

const ROOT = path.resolve(__dirname, '../..');
/** Berth's bundled server; BERTH_SERVER names another build of it (to compare two builds, or profile one). */
export const BERTH: ServerSpec = {
  name: 'Berth',
  command: process.execPath,
  args: [path.resolve(process.env.BERTH_SERVER ?? path.join(ROOT, 'dist/server.js')), '--stdio'],
};

/** yaml-language-server validating with the official Compose schema, as Red Hat's YAML extension would. */
export function yamlLanguageServer(schemaPath: string): ServerSpec {
  const yaml = {
    schemas: { [pathToFileURL(schemaPath).toString()]: ['compose*.yaml', 'docker-compose*.yml'] },
    validate: true,
    hover: true,
    completion: true,
    schemaStore: { enable: false },
  };
  return {
    name: 'yaml-language-server',
    command: process.execPath,
    args: [path.join(ROOT, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'],
    configuration: (section) => (section === 'yaml' ? yaml : section === '[yaml]' ? {} : null),
    settings: { yaml },
  };
}

/** The transport floor: a server that keeps documents as Berth's does and publishes nothing (floor-server.ts). */
export const FLOOR: ServerSpec = {
  name: 'floor (no language work)',
  command: process.execPath,
  args: ['--import', 'tsx', path.join(__dirname, 'floor-server.ts'), '--stdio'],
};

export const DOCKER_LANGSERVER: ServerSpec = {
  name: 'docker-langserver',
  command: process.execPath,
  args: [path.join(ROOT, 'node_modules/dockerfile-language-server-nodejs/bin/docker-langserver'), '--stdio'],
};

export interface Probe {
  method: string;
  line: number;
  character: number;
  extra?: Record<string, unknown>;
}

export interface LspFigures {
  name: string;
  open: number;
  edits: number[];
  /** CPU ms the server used per edit (all its threads, from the edit until its diagnostics arrived). */
  editCpu: number[];
  requests: Map<string, number[]>;
}

/** The document both servers open (`text` as `fileName`, beside `files`), and the peer to compare Berth with. */
export interface BenchDocument {
  fileName: string;
  languageId: string;
  peerLanguageId?: string;
  text: string;
  files: Record<string, string>;
  peer: ServerSpec;
}

/** A fresh folder holding the document and its files; its URI and the document's. */
function benchFolder(
  doc: Pick<BenchDocument, 'fileName' | 'text' | 'files'>,
  prefix: string,
): { dir: string; root: string; uri: string } {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  for (const [name, text] of Object.entries(doc.files)) writeFileSync(path.join(dir, name), text);
  writeFileSync(path.join(dir, doc.fileName), doc.text);
  return {
    dir,
    root: pathToFileURL(dir).toString(),
    uri: pathToFileURL(path.join(dir, doc.fileName)).toString(),
  };
}

/**
 * Opens the document in Berth and in the peer; then `rounds` rounds, alternating which server goes first, of one edit
 * (typing a character at `edit`, then deleting it) and each probe request.
 */
export async function compareOverLsp(
  opts: BenchDocument & {
    edit: { line: number; character: number };
    probes: Probe[];
    rounds: number;
    /** Uncounted rounds before the counted ones (3 by default: the first edits a user types after opening). */
    warmupRounds?: number;
    /** Quiet time after both opens before the first edit (a user reading the file before typing); none by default. */
    pauseAfterOpenMs?: number;
  },
): Promise<LspFigures[]> {
  const { dir, root, uri } = benchFolder(opts, 'berth-lsp-bench-');
  const specs = [BERTH, opts.peer];
  const servers = await Promise.all(specs.map((s) => TimedServer.start(s, root)));
  const figures: LspFigures[] = [];
  try {
    // The peer opens first: Berth re-checks in idle time to warm its code up (lsp/warm-up.ts), and the peer's open
    // would otherwise be that idle time, so Berth's first edits would not be those of a freshly opened file.
    const opened = new Map<number, number>();
    for (const i of [1, 0])
      opened.set(
        i,
        await servers[i].open(uri, i === 0 ? opts.languageId : (opts.peerLanguageId ?? opts.languageId), opts.text),
      );
    for (const [i, spec] of specs.entries())
      figures.push({ name: spec.name, open: opened.get(i)!, edits: [], editCpu: [], requests: new Map() });
    if (opts.pauseAfterOpenMs) await new Promise((r) => setTimeout(r, opts.pauseAfterOpenMs));
    // Warm-up rounds are not counted: both servers JIT their hot paths on the first edits.
    for (let round = -(opts.warmupRounds ?? 3); round < opts.rounds; round++) {
      const order = round % 2 ? [0, 1] : [1, 0];
      for (const k of order) {
        const s = servers[k];
        const cpu0 = s.cpuMs();
        const typed = await s.edit(uri, opts.edit.line, opts.edit.character, 0, 'x');
        const cpu1 = s.cpuMs();
        const deleted = await s.edit(uri, opts.edit.line, opts.edit.character, 1, '');
        const cpu2 = s.cpuMs();
        if (round >= 0) {
          figures[k].edits.push(typed, deleted);
          figures[k].editCpu.push(cpu1 - cpu0, cpu2 - cpu1);
        }
        await probe(s, uri, opts.probes, round >= 0 ? figures[k].requests : new Map());
      }
    }
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

/** Sends each probe request once, adding its time to `into` under the method's name. */
async function probe(
  s: TimedServer,
  uri: string,
  probes: readonly Probe[],
  into: Map<string, number[]>,
): Promise<void> {
  for (const p of probes) {
    const params = { textDocument: { uri }, position: { line: p.line, character: p.character }, ...p.extra };
    let ms: number;
    try {
      ms = await s.request(p.method, params);
    } catch {
      continue; // a request the server does not offer (yaml-language-server has no references): no figure
    }
    const key = p.method.replace('textDocument/', '');
    into.set(key, [...(into.get(key) ?? []), ms]);
  }
}

/** What featureLatency measured: each request's times, and the rounds and pauses that produced them. */
export interface FeatureLatency {
  requests: Map<string, number[]>;
  rounds: number;
  pausesMs: readonly number[];
}

/**
 * Berth alone, for a p95 that means one: FEATURE_ROUNDS rounds (60 by default) of a pause (cycling through
 * `pausesMs`: a user reading, then typing), one edit typed and deleted, and each probe. compareOverLsp's rounds are
 * few, since the peer may take seconds per edit, and a p95 of 15 samples is their maximum.
 */
export async function featureLatency(
  opts: Omit<BenchDocument, 'peer' | 'peerLanguageId'> & {
    edit: { line: number; character: number };
    probes: Probe[];
    pausesMs: readonly number[];
  },
): Promise<FeatureLatency> {
  const rounds = Number(process.env.FEATURE_ROUNDS ?? 60);
  const { dir, root, uri } = benchFolder(opts, 'berth-lsp-features-');
  const server = await TimedServer.start(BERTH, root);
  const requests = new Map<string, number[]>();
  try {
    await server.open(uri, opts.languageId, opts.text);
    for (let round = -3; round < rounds; round++) {
      await new Promise((r) => setTimeout(r, round < 0 ? 0 : opts.pausesMs[round % opts.pausesMs.length]));
      await server.edit(uri, opts.edit.line, opts.edit.character, 0, 'x');
      await server.edit(uri, opts.edit.line, opts.edit.character, 1, '');
      await probe(server, uri, opts.probes, round >= 0 ? requests : new Map());
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { requests, rounds, pausesMs: opts.pausesMs };
}

/** Prints featureLatency's figures. */
export function printFeatureLatency(title: string, { requests, rounds, pausesMs }: FeatureLatency): void {
  const pauses = pausesMs.map((p) => p / 1000).join(', ');
  console.log(`  over LSP, Berth alone (${title}; ${rounds} rounds, each after a pause of ${pauses} s in turn):`);
  for (const [method, times] of requests)
    console.log(
      `    ${method.padEnd(22)} median ${fmt(median(times)).padStart(6)} ms p95 ${fmt(p95(times)).padStart(6)} ms max ${fmt(Math.max(...times)).padStart(6)} ms (${times.length} requests)`,
    );
}

/** Prints the figures of compareOverLsp: Berth and its peer side by side, with the ratio of medians. */
export function printLsp(title: string, figures: LspFigures[]): void {
  const [berth, peer] = figures;
  console.log(`  over LSP (${title}; ${berth.edits.length} edits each, alternating):`);
  const berthPart = (a: number[]) => `Berth median ${fmt(median(a)).padStart(6)} ms p95 ${fmt(p95(a)).padStart(6)} ms`;
  const row = (what: string, a: number[], b: number[]) => {
    // A request the peer does not offer has no figure of its own: say so rather than print NaN.
    const offered = b.some((x) => !Number.isNaN(x));
    const peerPart = offered
      ? `${peer.name} median ${fmt(median(b)).padStart(7)} ms p95 ${fmt(p95(b)).padStart(7)} ms | ratio ${(median(b) / median(a)).toFixed(1)}x`
      : `${peer.name} does not offer it`;
    console.log(`    ${what.padEnd(22)} ${berthPart(a)} | ${peerPart}`);
  };
  console.log(`    open → diagnostics     Berth ${fmt(berth.open)} ms | ${peer.name} ${fmt(peer.open)} ms`);
  row('edit → diagnostics', berth.edits, peer.edits);
  // CPU time leaves out waiting for a CPU: the fairer comparison on a busy machine.
  if (!Number.isNaN(median(berth.editCpu))) row('  CPU time per edit', berth.editCpu, peer.editCpu);
  for (const [method, times] of berth.requests) row(method, times, peer.requests.get(method) ?? [NaN]);
}

/**
 * A server's cold start as an editor meets it: from spawning the process to the first diagnostics of a document opened
 * right after initialize. Berth and the peer alternate, each launch in a fresh process and folder. Reports wall time
 * and the process's CPU time (every thread) for each.
 */
export async function coldStarts(
  opts: BenchDocument & { launches: number },
): Promise<{ name: string; wall: number[]; cpu: number[] }[]> {
  const specs = [BERTH, opts.peer];
  const figures = specs.map((s) => ({ name: s.name, wall: [] as number[], cpu: [] as number[] }));
  for (let i = 0; i < opts.launches * 2; i++) {
    const k = (i + Math.floor(i / 2)) % 2; // B P P B B P…: neither always goes first
    const { dir, root, uri } = benchFolder(opts, 'berth-cold-start-');
    const t0 = performance.now();
    const server = await TimedServer.start(specs[k], root);
    try {
      await server.open(uri, k === 0 ? opts.languageId : (opts.peerLanguageId ?? opts.languageId), opts.text);
      figures[k].wall.push(performance.now() - t0);
      figures[k].cpu.push(server.cpuMs());
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return figures;
}

/** Prints coldStarts' figures: medians, p95 and the ratio. */
export function printColdStarts(title: string, figures: { name: string; wall: number[]; cpu: number[] }[]): void {
  const [berth, peer] = figures;
  console.log(`  cold start over LSP (${title}; spawn → first diagnostics, ${berth.wall.length} launches each):`);
  for (const [what, pick] of [
    ['wall time', (f: (typeof figures)[number]) => f.wall],
    ['CPU time, every thread', (f: (typeof figures)[number]) => f.cpu],
  ] as const)
    console.log(
      `    ${what.padEnd(22)} Berth median ${fmt(median(pick(berth))).padStart(6)} ms p95 ${fmt(p95(pick(berth))).padStart(6)} ms | ` +
        `${peer.name} median ${fmt(median(pick(peer))).padStart(6)} ms p95 ${fmt(p95(pick(peer))).padStart(6)} ms | ratio ${(median(pick(peer)) / median(pick(berth))).toFixed(1)}x`,
    );
}
