// The editor and the build context must agree on what .dockerignore leaves out: on a seeded, generated corpus of
// ignore files and file trees, CopyIgnoredFile (the editor's verdict, through validateDockerfile) fires for a COPY
// source exactly when the build context the client would send (planContext, on a real folder) lacks that file.
// With `!` exceptions BuildKit's check says nothing, so then the editor must stay silent and only the sent list counts.
//   BERTH_SEED=N             replays a run (the seed is printed; test/support/property-seed.ts)
//   BERTH_AGREEMENT_RUNS=N   how many trees (default 150)
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { propertyParams, propertySeed, replayHint } from '../../support/property-seed';
import { planContext } from '../../../client/src/engine/build-context';
import { validateDockerfile } from '../../../server/src/dockerfile/diagnostics';

const RUNS = Number(process.env.BERTH_AGREEMENT_RUNS ?? 150);

const SEGMENTS = ['a', 'b', 'src', 'x.env', 'd.txt', '.git', 'node_modules', 'ab'];
const segment = fc.constantFrom(...SEGMENTS);
const filePath = fc.array(segment, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('/'));

/** A pattern piece: a name, or one of the wildcards moby knows. */
const piece = fc.oneof(
  { weight: 4, arbitrary: segment },
  { weight: 1, arbitrary: fc.constantFrom('*', '**', '*.env', '?', 'a*', '[ab]', '[!a]*', 'x.*') },
);
const pattern = fc
  .tuple(
    fc.array(piece, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('', '/', './'),
    fc.constantFrom('', '/'),
    fc.boolean(),
  )
  .map(([parts, lead, trail, bang]) => `${bang ? '!' : ''}${lead}${parts.join('/')}${trail}`);
const ignoreFile = fc
  .tuple(fc.array(pattern, { minLength: 1, maxLength: 5 }), fc.boolean())
  .map(([lines, withExceptions]) => (withExceptions ? lines : lines.map((l) => l.replace(/^!/, ''))))
  .map((lines) => `# generated\n${lines.join('\n')}\n`);

/** Files only: a path that is a folder for another file is dropped, so every path is a regular file. */
function asFiles(paths: string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.filter((p) => !unique.some((q) => q.startsWith(`${p}/`)));
}

describe('.dockerignore: the editor and the build context agree', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'berth-agreement-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  let n = 0;

  it(`on ${RUNS} generated ignore files and trees (seed ${propertySeed})`, { timeout: 120_000 }, async () => {
    console.log(`[agreement] seed ${propertySeed} (${replayHint}), ${RUNS} runs`);
    let compared = 0;
    let ignored = 0;
    await fc.assert(
      fc.asyncProperty(ignoreFile, fc.array(filePath, { minLength: 1, maxLength: 12 }), async (ignore, paths) => {
        const dir = path.join(root, String(n++));
        const files = asFiles(paths);
        for (const f of files) {
          mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
          writeFileSync(path.join(dir, f), f);
        }
        writeFileSync(path.join(dir, 'Dockerfile'), 'FROM scratch\n');
        writeFileSync(path.join(dir, '.dockerignore'), ignore);
        const plan = await planContext({ contextDir: dir });
        const sent = new Set(plan.entries);
        const dockerfile = `FROM scratch\n${files.map((f) => `COPY ${f} /x/\n`).join('')}`;
        const flagged = new Set(
          validateDockerfile(dockerfile, { dockerignore: ignore })
            .filter((d) => d.code === 'CopyIgnoredFile')
            .map((d) => files[d.range.start.line - 1]),
        );
        const exceptions = /^!/m.test(ignore);
        for (const f of files) {
          compared++;
          if (!sent.has(f)) ignored++;
          if (exceptions) assert.ok(!flagged.has(f), `with ! exceptions the editor stays silent, yet flagged ${f}`);
          else
            assert.equal(
              flagged.has(f),
              !sent.has(f),
              `${f}: editor ${flagged.has(f) ? 'flags it' : 'is silent'}, build context ${sent.has(f) ? 'sends' : 'leaves out'} it\n${ignore}`,
            );
        }
        rmSync(dir, { recursive: true, force: true });
      }),
      propertyParams({ numRuns: RUNS }),
    );
    console.log(`[agreement] ${compared} paths compared, ${ignored} left out of the context`);
    // The generator must exercise both verdicts, or the property says nothing.
    assert.ok(ignored > compared / 20 && ignored < compared, `${ignored} of ${compared} left out (${replayHint})`);
  });
});
