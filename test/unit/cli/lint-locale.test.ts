// `berth lint --locale zh-cn`: the same findings as in English (codes, places, severities), with the messages from the
// server's Chinese bundle; golden output of the text format (BERTH_UPDATE_GOLDEN=1 rewrites it; then read it).
import { strict as assert } from 'node:assert';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { runLint } from '../../../server/src/cli/main';

const ROOT = path.resolve(__dirname, '../../..');
const PROJECT = path.join(ROOT, 'test/fixtures/cli/project');
const GOLDEN = path.join(ROOT, 'test/fixtures/cli/golden/project.zh-cn.txt');
const ZH = JSON.parse(readFileSync(path.join(ROOT, 'server/l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const code = await runLint(args, { cwd: PROJECT, stdout: (t) => (out += t), stderr: (t) => (out += t) });
  return { code, out };
}

/** `file:line:col: severity: … [code]` → `file:line:col: severity [code]`: what must not depend on the language. */
const findings = (out: string) =>
  out
    .split('\n')
    .map((l) => /^(\S+: \w+): .* (\[[^\]]+\])$/.exec(l))
    .filter((m) => m !== null)
    .map((m) => `${m[1]} ${m[2]}`);

describe('berth lint --locale', () => {
  it('zh-cn prints the same findings with Chinese messages (golden)', async () => {
    const zh = await run(['--locale', 'zh-cn']);
    const en = await run([]);
    assert.equal(zh.code, en.code);
    assert.ok(findings(en.out).length > 5, 'the fixture project has findings');
    assert.deepEqual(findings(zh.out), findings(en.out));
    const lines = zh.out.split('\n').filter((l) => /\[[^\]]+\]$/.test(l));
    const chinese = lines.filter((l) => /[\u4e00-\u9fff]/.test(l));
    assert.deepEqual(
      lines.filter((l) => !chinese.includes(l)),
      [],
      'every finding reads in Chinese',
    );
    if (process.env.BERTH_UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, zh.out);
    assert.equal(zh.out, readFileSync(GOLDEN, 'utf8'), 'project.zh-cn.txt differs (BERTH_UPDATE_GOLDEN=1 rewrites it)');
  });

  it('zh-CN and zh-hans are Chinese; en, fr and no --locale are English', async () => {
    const casing = (out: string) => out.split('\n').find((l) => l.endsWith('[StageNameCasing]')) ?? '';
    const chinese = ZH['Stage name "{0}" should be lowercase.']!.replace('{0}', 'Build');
    for (const tag of ['zh-CN', 'zh-hans', 'zh_CN'])
      assert.ok(casing((await run(['--locale', tag])).out).includes(chinese), tag);
    for (const args of [['--locale', 'en'], ['--locale', 'fr'], []])
      assert.match(
        casing((await run(args)).out),
        /Stage name "Build" should be lowercase/,
        args.join(' ') || 'no --locale',
      );
  });
});
