// Serves the workbench for scripts/start.sh: installs the freshly packaged VSIX into a demo profile kept in the
// cache (so settings and connections survive restarts), starts code-server and prints the URL.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, startCodeServer } from './code-server.mjs';

const { name, version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const profile = path.join(process.env.BERTH_CACHE, 'demo');
const extensionsDir = path.join(profile, 'extensions');
execFileSync(
  process.env.CODE_SERVER_NODE,
  [
    process.env.CODE_SERVER_ENTRY,
    '--extensions-dir',
    extensionsDir,
    '--user-data-dir',
    path.join(profile, 'user-data'),
    '--install-extension',
    path.join(repoRoot, `${name}-${version}.vsix`),
    '--force',
  ],
  {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg'), XDG_DATA_HOME: path.join(profile, 'xdg') },
  },
);
const server = await startCodeServer({
  port: Number(process.env.BERTH_PORT ?? 8080),
  extensionsDir,
  userDataDir: path.join(profile, 'user-data'),
  // BERTH_LOCALE=zh-cn: the workbench in Chinese (a minimal language pack; see language-pack.mjs).
  locale: process.env.BERTH_LOCALE,
});
const url = server.folderUrl(path.join(repoRoot, 'examples'));
console.log(
  `\nBerth is running in VS Code at:\n\n  ${url}\n\nengine: ${process.env.DOCKER_HOST}\nPress Ctrl-C to stop.`,
);
const stop = async () => {
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.process.on('exit', (code) => {
  console.error(`code-server exited (${code}); log: ${server.logPath}`);
  process.exit(code ?? 1);
});
