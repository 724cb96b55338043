// npm run package: production bundles, then a .vsix (with @vscode/vsce) holding only what runs; prints its size.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${name}-${version}.vsix`);
execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
// --no-dependencies: everything the extension needs is bundled into dist/ by esbuild.
execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out],
  { cwd: root, stdio: 'inherit' });
const listing = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
console.log(`files in the VSIX:\n${listing.trim().split('\n').map((l) => `  ${l}`).join('\n')}`);
console.log(`${path.basename(out)}: ${(statSync(out).size / 1024).toFixed(0)} KiB`);
