// Benchmark: Compose completion and hover on a generated 200-service file, after an edit (so each tool parses the
// new text): Berth vs yaml-language-server with the official Compose JSON schema, in the same run. Prints medians
// and ratios, and how many items each offers at a new service key.
//   npx tsx bench/compose-editing/run.ts [iterations]
import { loadavg } from 'node:os';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completeCompose, type CompletionSources } from '../../server/src/compose/completion';
import { hoverCompose } from '../../server/src/compose/hover';
import { indexProject } from '../../server/src/compose/project-index';
import { parseCompose } from '../../server/src/compose/parse/document';
import { requireComposeSchema, yamlComposeService } from '../support/yaml-peer';

const ITERATIONS = Number(process.argv[2] ?? 15);
const URI = 'file:///bench/compose-editing/compose.yaml';

function generate(services: number): string {
  const out = ['services:'];
  for (let i = 0; i < services; i++) {
    out.push(
      `  svc${i}:`,
      `    image: registry.example.com/team/svc${i}:\${TAG:-latest}`,
      '    restart: unless-stopped',
      '    ports:',
      `      - "${10000 + i}:8080"`,
      '    environment:',
      `      NAME: svc${i}`,
      ...(i ? ['    depends_on:', `      - svc${i - 1}`] : []),
      '    networks: [front]',
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 30s',
    );
  }
  out.push('networks:', '  front:');
  return out.join('\n') + '\n';
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  requireComposeSchema();
  const base = generate(200);
  // A new, empty key line in service 150 (the user is about to type a key), and the hover target in service 100.
  const anchor = '  svc150:\n    image: registry.example.com/team/svc150:${TAG:-latest}\n';
  const text = base.replace(anchor, `${anchor}    \n`);
  const keyOffset = text.indexOf(anchor) + anchor.length + 4;
  const hoverOffset = text.indexOf('restart', text.indexOf('  svc100:')) + 2;

  const ls = await yamlComposeService('editing');

  const files = { readFile: () => undefined, exists: () => false };
  const sources: CompletionSources = {
    names: (kind) => [
      ...new Set(
        indexProject(model(), files)
          .files.flatMap((f) => f.index.definitions)
          .filter((d) => d.kind === kind)
          .map((d) => d.name),
      ),
    ],
    servicesOf: () => [],
    dockerfileStages: () => [],
    listDir: () => [],
    engineImages: () => [],
    variables: () => [],
  };
  let current = parseCompose(text, URI);
  const model = () => current;
  let version = 0;
  const fresh = () => TextDocument.create(URI, 'yaml', ++version, text);
  const same = fresh();
  const hoverSources = { project: () => indexProject(current, files), variables: () => new Map() };
  // "after an edit": each tool parses the new text; "same version": each reuses its parse (Berth's model cache is
  // shared with diagnostics, yaml-language-server caches its documents by version).
  const runs: Record<string, { berth: () => number; peer: () => Promise<number> }> = {
    'completion at a new service key, after an edit': {
      berth: () => {
        current = parseCompose(text, URI);
        return completeCompose(current, keyOffset, sources).length;
      },
      peer: async () => {
        const d = fresh();
        return (await ls.doComplete(d, d.positionAt(keyOffset), false)).items.length;
      },
    },
    'completion at a new service key, same version': {
      berth: () => completeCompose(current, keyOffset, sources).length,
      peer: async () => (await ls.doComplete(same, same.positionAt(keyOffset), false)).items.length,
    },
    'hover on a service key, same version': {
      berth: () => (hoverCompose(current, hoverOffset, hoverSources) ? 1 : 0),
      peer: async () => ((await ls.doHover(same, same.positionAt(hoverOffset))) ? 1 : 0),
    },
  };
  console.log(
    `compose editing bench: 200 services, ${text.split('\n').length} lines, ${ITERATIONS} iterations each (after 3 warm-ups), load average ${loadavg()[0].toFixed(1)}`,
  );
  for (const [name, { berth, peer }] of Object.entries(runs)) {
    const counts = { berth: berth(), peer: await peer() };
    for (let i = 0; i < 3; i++) {
      berth();
      await peer();
    }
    const t = { berth: [] as number[], peer: [] as number[] };
    for (let i = 0; i < ITERATIONS; i++) {
      const order: ('berth' | 'peer')[] = i % 2 ? ['berth', 'peer'] : ['peer', 'berth'];
      for (const which of order) {
        const t0 = performance.now();
        await (which === 'berth' ? berth() : peer());
        t[which].push(performance.now() - t0);
      }
    }
    console.log(
      `  ${name}: Berth median ${median(t.berth).toFixed(1)} ms (${counts.berth} results), yaml-language-server median ${median(t.peer).toFixed(1)} ms (${counts.peer} results); Berth ${(median(t.peer) / median(t.berth)).toFixed(2)}x faster`,
    );
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
