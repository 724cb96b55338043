// The language server speaks English and Chinese (server/src/l10n/locale.ts). This test keeps its bundles honest:
// server/l10n/bundle.l10n.json is every message the server can show (test/support/server-messages.ts), the zh-cn
// bundle translates each one with the same placeholders and holds no stale key, and the locale tags map as documented.
// It also checks the switch itself: a check, a hover text and a reused Compose finding follow the chosen language.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { completeCompose } from '../../server/src/compose/completion';
import { composeDiagnostics } from '../../server/src/compose/diagnostics';
import { ServiceReuse } from '../../server/src/compose/diagnostics/reuse';
import { parseCompose } from '../../server/src/compose/parse/document';
import { validateDockerfile } from '../../server/src/dockerfile/diagnostics';
import { flagDoc } from '../../server/src/dockerfile/docs';
import { messageLocale, useLocale } from '../../server/src/l10n/locale';
import { SERVER_ROOT, serverMessages } from '../support/server-messages';
import { memoryFiles } from './compose/helpers';
import { typeScriptSources } from '../support/files-under';

const read = (f: string) => JSON.parse(readFileSync(join(SERVER_ROOT, 'l10n', f), 'utf8')) as Record<string, string>;
const placeholders = (s: string) => [...s.matchAll(/\{(\d+|[A-Za-z_]\w*)\}/g)].map((m) => m[0]).sort();

/** What is wrong with a translation: keys without text, lost or added placeholders, keys English no longer has. */
export function bundleProblems(en: Record<string, string>, zh: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(en)) {
    const text = zh[key];
    if (typeof text !== 'string' || !text.trim()) problems.push(`no zh-cn text for ${JSON.stringify(key)}`);
    else if (placeholders(key).join() !== placeholders(text).join())
      problems.push(`placeholders differ for ${JSON.stringify(key)}: ${JSON.stringify(text)}`);
  }
  for (const key of Object.keys(zh)) if (!(key in en)) problems.push(`stale zh-cn key ${JSON.stringify(key)}`);
  return problems;
}

const sourceFiles = typeScriptSources;

describe('language server messages', () => {
  after(() => useLocale(undefined));

  it('the checker reports a missing key, a lost placeholder and a stale key', () => {
    assert.deepEqual(bundleProblems({ 'A {0}': 'A {0}', B: 'B' }, { 'A {0}': '甲', C: '丙' }), [
      'placeholders differ for "A {0}": "甲"',
      'no zh-cn text for "B"',
      'stale zh-cn key "C"',
    ]);
  });

  it('server/l10n/bundle.l10n.json holds every message of server/src and its tables, and nothing else', async () => {
    const en = await serverMessages();
    assert.ok(Object.keys(en).length > 700, `only ${Object.keys(en).length} messages found`);
    assert.deepEqual(read('bundle.l10n.json'), en, 'stale: run `node --import tsx test/support/server-messages.ts`');
  });

  it('zh-cn translates every message with the same placeholders', () => {
    assert.deepEqual(bundleProblems(read('bundle.l10n.json'), read('bundle.l10n.zh-cn.json')), []);
  });

  it('no l10n.t in server/src takes a template literal (it could not be extracted)', () => {
    const dynamic = sourceFiles(join(SERVER_ROOT, 'src')).flatMap((f) =>
      [...readFileSync(f, 'utf8').matchAll(/\bl10n\.t\(\s*`/g)].map((m) => `${relative(SERVER_ROOT, f)} @${m.index}`),
    );
    assert.deepEqual(dynamic, []);
  });

  it('zh-cn, zh-CN, zh-hans (and zh_CN) are Chinese; anything else is English', () => {
    for (const tag of ['zh-cn', 'zh-CN', 'zh-hans', 'zh-Hans', 'zh_CN', ' zh-cn '])
      assert.equal(messageLocale(tag), 'zh-cn');
    for (const tag of [undefined, '', 'en', 'en-US', 'fr', 'zh-tw', 'zh-hant', 'ja'])
      assert.equal(messageLocale(tag), 'en');
  });

  it('a Dockerfile check and its documentation follow the chosen language, back and forth', () => {
    const text = 'FROM alpine:3.20 AS Build\nRUNN echo hi\n';
    const messages = () => validateDockerfile(text).map((d) => `${d.code}: ${d.message}`);
    useLocale('en');
    const english = messages();
    assert.ok(
      english.includes('UnknownInstruction: Unknown instruction: RUNN (did you mean RUN?)'),
      english.join('\n'),
    );
    useLocale('zh-cn');
    assert.ok(messages().includes('UnknownInstruction: 未知指令：RUNN（是否想写 RUN？）'), messages().join('\n'));
    assert.ok(messages().includes('StageNameCasing: 阶段名 "Build" 应为小写。'), messages().join('\n'));
    assert.match(flagDoc('COPY', 'chown') ?? '', /复制后文件的属主/);
    useLocale('en');
    assert.deepEqual(messages(), english);
    assert.match(flagDoc('COPY', 'chown') ?? '', /^Owner of the copied files/);
  });

  it('Compose key completions (described once per language) follow the chosen language, back and forth', () => {
    const text = 'services:\n  web:\n    image: nginx\n    \n';
    const offset = text.indexOf('nginx\n') + 'nginx\n    '.length;
    const none = () => [];
    const sources = {
      names: none,
      servicesOf: none,
      dockerfileStages: none,
      listDir: none,
      variables: none,
      engineImages: none,
    };
    const restart = () => {
      const items = completeCompose(parseCompose(text, 'file:///p/compose.yaml'), offset, sources) ?? [];
      const item = items.find((i) => i.label === 'restart');
      assert.ok(item, items.map((i) => i.label).join(', '));
      return `${item.detail} | ${(item.documentation as { value: string }).value}`;
    };
    useLocale('en');
    const english = restart();
    assert.match(english, /^string \| /);
    useLocale('zh-cn');
    assert.match(restart(), /^字符串 \| /);
    useLocale('en');
    assert.equal(restart(), english);
  });

  it('Compose findings reused from the previous version are not replayed in the previous language', () => {
    const text = 'services:\n  web:\n    image: nginx\n    restart: sometimes\n';
    const files = memoryFiles({ 'compose.yaml': text });
    const reuse = new ServiceReuse();
    const check = () =>
      composeDiagnostics(parseCompose(text, 'file:///p/compose.yaml'), files, { withProcessEnv: false, reuse }).map(
        (d) => d.message,
      );
    useLocale('en');
    assert.deepEqual(check(), [
      '"sometimes" is not a restart policy: use no, always, on-failure[:max-retries] or unless-stopped.',
    ]);
    check();
    assert.ok(reuse.reused > 0, 'the unchanged service was reused');
    useLocale('zh-cn');
    assert.deepEqual(check(), [
      '"sometimes" 不是重启策略：请使用 no、always、on-failure[:max-retries] 或 unless-stopped。',
    ]);
  });
});
