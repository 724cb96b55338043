// The build context Berth sends: exactly the files the classic docker CLI would send for a tree with a
// .dockerignore using comments, `**`, directory patterns, `!` exceptions (inside excluded directories too), and
// an ignored Dockerfile (which is always kept). The expected list is worked out by hand from Docker's rules.
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tar from 'tar-stream';
import { packContext, parseDockerignore, planContext } from '../../client/src/engine/build-context';

function listTar(stream: NodeJS.ReadableStream): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const out = new Map<string, string>();
    const x = tar.extract();
    x.on('entry', (h, s, next) => {
      const chunks: Buffer[] = [];
      s.on('data', (c: unknown) => {
        chunks.push(c as Buffer);
      });
      s.on('end', () => {
        out.set(`${h.name.replace(/\/$/, '')}${h.type === 'directory' ? '/' : ''}`, Buffer.concat(chunks).toString());
        assert.equal(h.uid, 0);
        next();
      });
    });
    x.on('finish', () => resolve(out));
    x.on('error', reject);
    stream.pipe(x);
  });
}

describe('build context tar', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'berth-ctx-'));
    const put = (rel: string, text = rel) => {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    };
    put(
      '.dockerignore',
      [
        '# build outputs and junk',
        '*.log',
        'node_modules',
        'docs',
        '!docs/keep.md',
        '**/secret*',
        'build/',
        '!build/out/app.bin',
        'src/**/*.tmp',
        'Dockerfile',
        '  ',
        '/abs.txt',
      ].join('\n'),
    );
    put('Dockerfile', 'FROM scratch\n');
    for (const f of [
      'app.log',
      'README.md',
      'node_modules/a/index.js',
      'docs/keep.md',
      'docs/other.md',
      'src/main.c',
      'src/x/y.tmp',
      'src/x/z.c',
      'src/secret.txt',
      'deep/a/secret-key',
      'deep/a/ok.txt',
      'build/out/app.bin',
      'build/out/other.o',
      'build/tmp.o',
      'secret.env',
      'abs.txt',
      'sub/abs.txt',
      'logs/today.log',
    ])
      put(f);
    put('data/big.bin', 'x'.repeat(200_000)); // larger files are streamed rather than read whole
    symlinkSync('README.md', path.join(dir, 'readme-link'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('parses .dockerignore like the CLI (comments, blanks, leading slash, trailing slash)', () => {
    assert.deepEqual(parseDockerignore('# c\n\n /a/ \n!b/../c\n**/x\n'), ['a', '!c', '**/x']);
  });

  it('contains exactly the files Docker would send', async () => {
    const plan = await planContext({ contextDir: dir });
    const entries = await listTar(packContext(plan));
    assert.deepEqual([...entries.keys()].sort(), [
      '.dockerignore',
      'Dockerfile',
      'README.md',
      'build/out/app.bin',
      'data/',
      'data/big.bin',
      'deep/',
      'deep/a/',
      'deep/a/ok.txt',
      'docs/keep.md',
      'logs/',
      'logs/today.log',
      'readme-link',
      'src/',
      'src/main.c',
      'src/x/',
      'src/x/z.c',
      'sub/',
      'sub/abs.txt',
    ]);
    assert.equal(entries.get('data/big.bin')?.length, 200_000);
    assert.equal(entries.get('src/x/z.c'), 'src/x/z.c');
    assert.equal(plan.fileCount, 11); // `*.log` matches at the root only: logs/today.log is sent, as Docker does
    assert.ok(plan.patterns.includes('!Dockerfile'), 'the ignored Dockerfile is kept by an added exception');
  });

  it('keeps a Dockerfile in a subfolder that a pattern excludes', async () => {
    const d2 = mkdtempSync(path.join(tmpdir(), 'berth-ctx2-'));
    try {
      mkdirSync(path.join(d2, 'ops'));
      writeFileSync(path.join(d2, 'ops/Dockerfile.prod'), 'FROM scratch\n');
      writeFileSync(path.join(d2, 'ops/notes.txt'), 'x');
      writeFileSync(path.join(d2, '.dockerignore'), 'ops\n.dockerignore\n');
      const entries = await listTar(
        packContext(await planContext({ contextDir: d2, dockerfile: 'ops/Dockerfile.prod' })),
      );
      assert.deepEqual([...entries.keys()].sort(), ['.dockerignore', 'ops/Dockerfile.prod']);
    } finally {
      rmSync(d2, { recursive: true, force: true });
    }
  });
});
