// Every setting the code reads is declared in package.json (so the Settings editor shows it and offers a UI), and
// every declared setting is read somewhere (so none is dead). A setting the code reads but the manifest lacks is
// flagged by VS Code as unknown and silently ignored by users who look for it in the Settings editor.
//
// What the code reads is found two ways:
// - the server: readSettings() is run over a recording proxy, so every path it touches is seen, whatever its shape;
// - the client: its sources are scanned for the two ways it reads settings (`trustedSetting(section, key)` and
//   `getConfiguration(section).get(key)`, or a `const` holding getConfiguration()'s result). Any other getConfiguration() form fails the test, so a new way of
//   reading a setting cannot slip past it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSettings } from '../../server/src/lsp/settings';
import { typeScriptSources } from '../support/files-under';

const root = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, unknown> } };
};
const declared = new Set(Object.keys(manifest.contributes.configuration.properties));

// Read by vscode-languageclient itself, by the `<client id>.trace.server` convention.
const READ_BY_LIBRARY = new Set(['berth.trace.server']);

/** Paths readSettings() touches on an object that has nothing in it: the settings the server can read. */
function serverReads(): Set<string> {
  const touched = new Set<string>();
  const record = (path: string): object =>
    new Proxy(
      {},
      {
        get(_target, key) {
          if (typeof key !== 'string') return undefined;
          const at = path ? `${path}.${key}` : key;
          touched.add(at);
          return record(at);
        },
      },
    );
  readSettings(record(''));
  // A path is a setting when nothing deeper was read below it (`compose` is a section, `compose.rules` a setting).
  const leaves = [...touched].filter((p) => ![...touched].some((q) => q.startsWith(`${p}.`)));
  return new Set(leaves.map((p) => `berth.${p}`));
}

const sources = typeScriptSources;

/** Settings the client reads, from its sources; throws on a getConfiguration() call of an unknown form. */
function clientReads(): Set<string> {
  const found = new Set<string>();
  for (const file of sources(join(root, 'client', 'src'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/trustedSetting(?:<[^(]*>)?\(\s*'([\w.]+)',\s*'([\w.]+)'/g))
      found.add(`${m[1]}.${m[2]}`);
    for (const m of text.matchAll(/getConfiguration\(([^)]*)\)/g)) {
      const where = `${file.slice(root.length + 1)}: getConfiguration(${m[1]})`;
      if (file.endsWith(join('client', 'src', 'trust.ts'))) continue; // trustedSetting's own body
      // The language client hands the whole section to the server at start; what the server reads of it is recorded
      // by the server test above.
      if (file.endsWith(join('client', 'src', 'language', 'start-server.ts')) && m[1] === "'berth'") continue;
      const section = /^\s*'([\w.]+)'/.exec(m[1] ?? '')?.[1];
      assert.ok(section, `${where}: name the section as a string literal so this test can see what is read`);
      const start = m.index ?? 0;
      const rest = text.slice(start + m[0].length, start + m[0].length + 80);
      const key = /^\s*\.get(?:<[^>]*>)?\(\s*'([\w.]+)'/.exec(rest)?.[1];
      // The other form: `const c = ….getConfiguration('section');` then `c.get('key')` calls in the same file.
      const name = /const (\w+) = [\w.]*$/.exec(text.slice(Math.max(0, start - 60), start))?.[1];
      const keys = key
        ? [key]
        : name
          ? [...text.matchAll(new RegExp(`\\b${name}\\.get(?:<[^>]*>)?\\(\\s*'([\\w.]+)'`, 'g'))].map((k) => k[1])
          : [];
      assert.ok(keys.length > 0, `${where}: read keys with .get('key') on the result so this test sees them`);
      for (const k of keys) found.add(`${section}.${k}`);
    }
  }
  return found;
}

test('every setting the server reads is declared in package.json', () => {
  const reads = serverReads();
  assert.ok(reads.size >= 3, `the recording proxy saw too little: ${[...reads].join(', ')}`);
  const missing = [...reads].filter((k) => !declared.has(k));
  assert.deepEqual(missing, [], `read by the server but not declared in package.json: ${missing.join(', ')}`);
});

test('every setting the client reads is declared in package.json', () => {
  const reads = clientReads();
  assert.ok(reads.size >= 3, `the source scan found too little: ${[...reads].join(', ')}`);
  const missing = [...reads].filter((k) => !declared.has(k));
  assert.deepEqual(missing, [], `read by the client but not declared in package.json: ${missing.join(', ')}`);
});

test('every declared setting is read by the client, the server or the language client library', () => {
  const reads = new Set([...serverReads(), ...clientReads(), ...READ_BY_LIBRARY]);
  const unread = [...declared].filter((k) => !reads.has(k));
  assert.deepEqual(unread, [], `declared in package.json but read nowhere: ${unread.join(', ')}`);
});
