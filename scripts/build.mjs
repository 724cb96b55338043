// Bundles the extension (client) and the language server with esbuild; also compiles the extension-host
// test suite, which must be plain JavaScript for VS Code to load it.
//   node scripts/build.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { cpSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const root = path.resolve(import.meta.dirname, '..');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  // ssh2's native speed-ups (cpu-features, sshcrypto.node) are optional and loaded inside try/catch.
  external: ['vscode', 'cpu-features', '*.node'],
  // jsonc-parser's default (UMD) build loads its parts with a require() esbuild cannot follow; its ESM build bundles.
  // yaml's CommonJS build reaches the bundle through getters, one call per use of isMap, isScalar… on every node of
  // every keystroke; its ESM build (the same code) binds them directly: about a fifth of the server's CPU time per
  // Compose edit.
  alias: {
    'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
    yaml: './node_modules/yaml/browser/index.js',
  },
};

const vscodeTests = readdirSync(path.join(root, 'test/vscode'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => `test/vscode/${f}`);

// Each `import * as vscode from 'vscode'` would get a namespace of its own: esbuild's interop for an external
// CommonJS module copies every property of the API object, a few hundred getters, once per importing module, and
// the extension host pays for all of them while the bundle loads. Routing 'vscode' through one ES module that
// re-exports it makes that copy once.
const oneVscodeNamespace = {
  name: 'one-vscode-namespace',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.namespace === 'vscode-namespace'
        ? { path: 'vscode', external: true }
        : { path: 'vscode', namespace: 'vscode-namespace' },
    );
    build.onLoad({ filter: /.*/, namespace: 'vscode-namespace' }, () => ({
      contents: "export * from 'vscode';",
      loader: 'js',
    }));
  },
};

// Node built-ins that the server's libraries load as their modules are evaluated, but use only on paths the server
// never takes before its first answer: vscode-jsonrpc's crypto and net (pipe and socket transports), the child_process
// of vscode-languageserver's module resolver, the fs/promises @vscode/l10n reads bundles from disk with. A new server
// thread spent about 10 ms of its ~150-ms start loading them (crypto alone 6), and the first diagnostics of a
// Dockerfile opened in a fresh window wait for that start. Each is loaded on its first use instead, through a Proxy
// that forwards property reads: what these libraries' plain require()s do with them. Only plain require() calls from
// node_modules are routed here (an import, or interop that lists the module's keys, would need more than reads).
// Berth's own code requires child_process and net where it uses them (shellcheck-runner.ts, daemon-json/net.ts).
const DEFERRED_BUILTINS = /^(node:)?(crypto|net|child_process|fs\/promises)$/;
const deferBuiltins = {
  name: 'defer-builtins',
  setup(build) {
    build.onResolve({ filter: DEFERRED_BUILTINS }, (args) =>
      args.kind === 'require-call' && args.importer.includes(`${path.sep}node_modules${path.sep}`)
        ? { path: args.path, namespace: 'deferred-builtin' }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'deferred-builtin' }, (args) => ({
      contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(args.path)}));
module.exports = new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });`,
      loader: 'js',
    }));
  },
};

const builds = [
  // Banner and footer stamp the start and end of evaluating the bundle, so activate() can report what Berth's own
  // code costs the extension host (the host's work between loading and calling activate() is not ours).
  {
    ...common,
    plugins: [oneVscodeNamespace],
    entryPoints: { extension: 'client/src/extension.ts' },
    outdir: 'dist',
    // The thread's CPU time too, where Node tells it (bench/activation reports it: a loaded machine does not inflate it).
    banner: {
      js: 'globalThis.__berthLoad = { start: performance.now(), cpu: __berthCpu() }; function __berthCpu() { const u = process.threadCpuUsage?.(); return u && (u.user + u.system) / 1000; }',
    },
    footer: { js: 'globalThis.__berthLoad.end = performance.now(); globalThis.__berthLoad.endCpu = __berthCpu();' },
  },
  // The server bundle, and dist/server.js, its entry, which runs it with a cache of its compiled code
  // (server/src/compile-cache.ts).
  { ...common, plugins: [deferBuiltins], entryPoints: { 'server-main': 'server/src/server.ts' }, outdir: 'dist' },
  {
    ...common,
    entryPoints: { server: 'server/src/start.ts' },
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
  },
  // `berth lint` (package.json bin): the same language services, for CI.
  // tinyglobby's fdir is ESM and asks import.meta.url, which a CommonJS bundle must supply.
  {
    ...common,
    entryPoints: { cli: 'server/src/cli/main.ts' },
    outdir: 'dist',
    banner: { js: "#!/usr/bin/env node\nconst __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    define: { 'import.meta.url': '__importMetaUrl' },
  },
  {
    ...common,
    entryPoints: vscodeTests,
    outdir: 'out/test/vscode',
    bundle: true,
    external: [...common.external, 'mocha'],
    minify: false,
  },
];

// The daemon.json schemas VS Code's JSON support loads (package.json `jsonValidation`; the zh-cn one through
// package.nls.zh-cn.json), generated from the option table so that they never drift from Berth's own checks.
async function writeDaemonJsonSchemas() {
  const out = await esbuild.build({
    ...common,
    entryPoints: ['server/src/daemon-json/schema.ts'],
    format: 'esm',
    sourcemap: false,
    write: false,
  });
  const { daemonJsonSchema } = await import(
    `data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`
  );
  writeFileSync(path.join(root, 'dist/daemon.schema.json'), JSON.stringify(daemonJsonSchema('en'), null, 1));
  writeFileSync(path.join(root, 'dist/daemon.schema.zh-cn.json'), JSON.stringify(daemonJsonSchema('zh-cn'), null, 1));
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const t0 = Date.now();
  await Promise.all(builds.map((b) => esbuild.build(b)));
  // dockerode reads its BuildKit .proto files relative to its own file, which is dist/ once bundled.
  cpSync(path.join(root, 'node_modules/dockerode/lib/proto'), path.join(root, 'dist/proto'), { recursive: true });
  await writeDaemonJsonSchemas();
  console.log(
    `built dist/extension.js, dist/server.js, dist/cli.js, the daemon.json schemas and the extension-host tests in ${Date.now() - t0} ms${production ? ' (production)' : ''}`,
  );
}
