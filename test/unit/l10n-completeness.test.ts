// Berth ships in English and Chinese (zh-cn). This test keeps the Chinese complete and honest:
// - the client's strings: @vscode/l10n-dev extracts every vscode.l10n.t / l10n.t call from client/src (as
//   `npm run l10n:export` does); l10n/bundle.l10n.json must equal that extraction, and l10n/bundle.l10n.zh-cn.json
//   must translate every key, hold no stale key, and keep exactly the same placeholders ({0}, {name});
// - the manifest: every %key% in package.json is in package.nls.json, and package.nls.zh-cn.json translates every
//   key with the same placeholders, command links and `code spans` (setting names, CLI flags, examples);
// - the language server's bundle, when it has one (server/l10n/ or l10n/server/): the same rules.
// A string passed to l10n.t as a template literal cannot be extracted and is never translated: that fails too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import { typeScriptSources } from '../support/files-under';

const root = join(__dirname, '..', '..');
type Bundle = Record<string, string | { message: string; comment?: string[] }>;

const readJson = (p: string): Record<string, unknown> => JSON.parse(readFileSync(join(root, p), 'utf8'));
const text = (v: Bundle[string]): string => (typeof v === 'string' ? v : v.message);

const sourceFiles = (dir: string): string[] => typeScriptSources(dir).sort();

/** The placeholders of a message, sorted: `{0}`, `{name}` (not JSON braces such as `{ "a": 1 }`). */
const placeholders = (s: string): string[] => [...s.matchAll(/\{(\d+|[A-Za-z_]\w*)\}/g)].map((m) => m[0]).sort();
/** What must survive translation unchanged in manifest markdown: `code spans` and (command:…) links. */
const verbatim = (s: string): string[] =>
  [...s.matchAll(/`[^`]+`|\]\((command:[^)]+|https?:[^)]+)\)/g)].map((m) => m[0]).sort();

/** Problems of a translation `zh` of the English `en`, one line each. */
export function translationProblems(
  en: Record<string, string>,
  zh: Record<string, string>,
  opts: { verbatim?: boolean } = {},
): string[] {
  const problems: string[] = [];
  for (const [key, english] of Object.entries(en)) {
    const chinese = zh[key];
    if (typeof chinese !== 'string' || !chinese.trim()) {
      problems.push(`no zh-cn text for ${JSON.stringify(key)}`);
      continue;
    }
    const [pe, pz] = [placeholders(english), placeholders(chinese)];
    if (pe.join() !== pz.join())
      problems.push(`placeholders differ for ${JSON.stringify(key)}: en [${pe}] zh-cn [${pz}]`);
    if (opts.verbatim) {
      const [ve, vz] = [verbatim(english), verbatim(chinese)];
      if (ve.join('\n') !== vz.join('\n'))
        problems.push(`code spans or links differ for ${JSON.stringify(key)}: en [${ve}] zh-cn [${vz}]`);
    }
  }
  for (const key of Object.keys(zh)) if (!(key in en)) problems.push(`stale zh-cn key ${JSON.stringify(key)}`);
  return problems;
}

const flat = (b: Bundle): Record<string, string> => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, text(v)]));

test('the checker itself: a missing key, a stale key and a lost placeholder are each reported', () => {
  const en = { 'Removed {0}.': 'Removed {0}.', 'Pull {0} from {1}': 'Pull {0} from {1}', Images: 'Images' };
  const zh = { 'Removed {0}.': '已删除。', Images: '镜像', 'Old text': '旧文本' };
  assert.deepEqual(translationProblems(en, zh).sort(), [
    'no zh-cn text for "Pull {0} from {1}"',
    'placeholders differ for "Removed {0}.": en [{0}] zh-cn []',
    'stale zh-cn key "Old text"',
  ]);
  assert.deepEqual(
    translationProblems({ k: 'Set `a.b` [x](command:c)' }, { k: '设置 `a.c` [x](command:c)' }, { verbatim: true }),
    ['code spans or links differ for "k": en [](command:c),`a.b`] zh-cn [](command:c),`a.c`]'],
  );
});

test('client: l10n/bundle.l10n.json is what l10n-dev extracts from client/src, and no l10n.t takes a template literal', async () => {
  const files = sourceFiles(join(root, 'client/src'));
  const extracted = await getL10nJson(files.map((f) => ({ contents: readFileSync(f, 'utf8'), extension: '.ts' })));
  assert.ok(Object.keys(extracted).length > 0, 'no l10n.t call found in client/src');
  assert.deepEqual(
    flat(readJson('l10n/bundle.l10n.json') as Bundle),
    flat(extracted as Bundle),
    'l10n/bundle.l10n.json is stale: run `npm run l10n:export`',
  );
  const dynamic = files.flatMap((f) =>
    [...readFileSync(f, 'utf8').matchAll(/\bl10n\.t\(\s*`/g)].map((m) => `${relative(root, f)} @${m.index}`),
  );
  assert.deepEqual(dynamic, [], 'l10n.t with a template literal: use a string with {0} placeholders');
});

test('client: l10n/bundle.l10n.zh-cn.json translates every key with the same placeholders', () => {
  const en = flat(readJson('l10n/bundle.l10n.json') as Bundle);
  const zh = flat(readJson('l10n/bundle.l10n.zh-cn.json') as Bundle);
  assert.deepEqual(translationProblems(en, zh), []);
});

test('manifest: every %key% of package.json is in package.nls.json, and zh-cn translates them all', () => {
  const manifest = readFileSync(join(root, 'package.json'), 'utf8');
  const en = readJson('package.nls.json') as Record<string, string>;
  const used = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]!);
  assert.ok(used.length > 100, `only ${used.length} %key% references in package.json`);
  assert.deepEqual(
    used.filter((k) => !(k in en)),
    [],
    'package.json names keys package.nls.json lacks',
  );
  assert.deepEqual(
    Object.keys(en).filter((k) => !used.includes(k)),
    [],
    'package.nls.json has keys package.json never uses',
  );
  assert.deepEqual(
    translationProblems(en, readJson('package.nls.zh-cn.json') as Record<string, string>, { verbatim: true }),
    [],
  );
});

test('manifest: no command, view, welcome or setting text is left in English in package.json', () => {
  const m = readJson('package.json') as {
    contributes: {
      commands: { command: string; title: string; category?: string }[];
      views: Record<string, { id: string; name: string }[]>;
      viewsWelcome: { view: string; contents: string }[];
      configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
    };
  };
  const isKey = (s: string | undefined) => s === undefined || /^%[^%]+%$/.test(s);
  const literal = [
    ...m.contributes.commands
      .filter((c) => !isKey(c.title) || !(isKey(c.category) || c.category === 'Berth'))
      .map((c) => c.command),
    ...Object.values(m.contributes.views)
      .flat()
      .filter((v) => !isKey(v.name))
      .map((v) => v.id),
    ...m.contributes.viewsWelcome.filter((w) => !isKey(w.contents)).map((w) => `${w.view} welcome`),
    ...Object.entries(m.contributes.configuration.properties)
      .filter(([, p]) => !isKey(p.description) || !isKey(p.markdownDescription))
      .map(([k]) => k),
  ];
  assert.deepEqual(literal, []);
});

test('language server: its bundle is translated with the same placeholders', () => {
  const dirs = ['server/l10n', 'l10n/server'].filter((d) => existsSync(join(root, d)));
  assert.ok(dirs.length, 'the language server has no l10n bundle folder (server/l10n/ or l10n/server/)');
  for (const dir of dirs) {
    const english = readdirSync(join(root, dir)).filter(
      (f) => f.endsWith('.json') && !/\.[a-z]{2}(-[a-z]+)?\.json$/i.test(f),
    );
    assert.ok(english.length, `${dir} has no English bundle`);
    for (const f of english) {
      const zhFile = join(dir, f.replace(/\.json$/, '.zh-cn.json'));
      assert.ok(existsSync(join(root, zhFile)), `${zhFile} is missing`);
      assert.deepEqual(
        translationProblems(flat(readJson(join(dir, f)) as Bundle), flat(readJson(zhFile) as Bundle)),
        [],
        `${dir}/${f}`,
      );
    }
  }
});
