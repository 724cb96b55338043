// npm run package: production bundles, then a .vsix (with @vscode/vsce) holding only what runs; prints its size.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${name}-${version}.vsix`);
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
// --no-dependencies: everything the extension needs is bundled into dist/ by esbuild.
execFileSync(
  process.execPath,
  [
    path.join(root, 'node_modules/@vscode/vsce/vsce'),
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--skip-license',
    // README.md links README.zh-cn.md, which ships beside it: keep the link relative (there is no repository URL).
    '--no-rewrite-relative-links',
    '--out',
    out,
  ],
  { cwd: root, stdio: 'inherit' },
);
const listing = execFileSync(
  process.execPath,
  [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'],
  { cwd: root, encoding: 'utf8' },
);
const files = listing
  .trim()
  .split('\n')
  .map((l) => l.trim())
  .filter(Boolean);
console.log(`files in the VSIX:\n${files.map((l) => `  ${l}`).join('\n')}`);
// Only what runs may ship: fail loudly if anything else slipped in, or if a part that runs is missing.
const allowed = [
  /^dist\/[\w.-]+\.js$/,
  /^dist\/proto\/[\w.-]+\.proto$/,
  /^dist\/daemon\.schema(\.[\w-]+)?\.json$/,
  /^package\.nls(\.[\w-]+)?\.json$/,
  /^l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
  /^media\//,
  /^syntaxes\/[\w.-]+\.json$/,
  /^(package\.json|README(\.zh-cn)?\.md|LICENSE|CHANGELOG\.md)$/,
];
const stray = files.filter((f) => !allowed.some((a) => a.test(f)));
const missing = [
  'dist/extension.js',
  'dist/server.js',
  'dist/server-main.js',
  'dist/daemon.schema.json',
  'package.nls.zh-cn.json',
  'l10n/bundle.l10n.zh-cn.json',
  'package.json',
  'README.md',
  'LICENSE',
].filter((f) => !files.includes(f));
if (stray.length || missing.length) {
  console.error(
    `VSIX content is wrong:${stray.length ? ` unexpected ${stray.join(', ')}` : ''}${missing.length ? ` missing ${missing.join(', ')}` : ''}`,
  );
  process.exit(1);
}
console.log(`${path.basename(out)}: ${(statSync(out).size / 1024).toFixed(0)} KiB`);
