// The engine the engine-facing benchmarks talk to: the user's DOCKER_HOST when set, else the private engine that
// scripts/engine.sh starts (its environment, read once, as the test layers read it).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

/** Points DOCKER_HOST (and the fixture image names) at the private engine unless the user named one. */
export function usePrivateEngine(): void {
  if (process.env.DOCKER_HOST) return;
  const root = path.resolve(import.meta.dirname, '../..');
  const r = spawnSync('bash', [path.join(root, 'scripts/engine.sh'), 'env'], { encoding: 'utf8' });
  for (const m of r.stdout.matchAll(/^export (\w+)=(.*)$/gm)) process.env[m[1]!] = m[2];
}

/** The busybox image the private engine holds (its name under Podman differs). */
export const busyboxImage = () => process.env.BERTH_BUSYBOX_IMAGE ?? 'berth/busybox:latest';
