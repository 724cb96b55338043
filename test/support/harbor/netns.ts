// A plain-HTTP server on a non-loopback address inside a network namespace this test creates (ip netns + a veth
// pair with a private /30). The Docker daemon treats only 127.0.0.0/8 as insecure by default, so pushing there
// makes the real daemon answer with its real "server gave HTTP response to HTTPS client" text. Needs root.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';

export interface PlainHttpInNamespace {
  hostPort: string;
  close(): void;
}

function ip(...args: string[]): void {
  const r = spawnSync('ip', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr.trim() || r.error?.message}`);
}

export async function plainHttpInNamespace(tag: string): Promise<PlainHttpInNamespace> {
  const ns = `berth-h7-${tag}`;
  const [hostIf, nsIf] = [`bh7${tag.slice(0, 6)}a`, `bh7${tag.slice(0, 6)}b`];
  const octet = randomInt(1, 250);
  const [hostAddr, nsAddr] = [`10.231.${octet}.1`, `10.231.${octet}.2`];
  let server: ChildProcess | undefined;
  const close = () => {
    server?.kill();
    spawnSync('ip', ['link', 'del', hostIf]);
    spawnSync('ip', ['netns', 'del', ns]);
  };
  try {
    ip('netns', 'add', ns);
    ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
    ip('link', 'set', nsIf, 'netns', ns);
    ip('addr', 'add', `${hostAddr}/30`, 'dev', hostIf);
    ip('link', 'set', hostIf, 'up');
    ip('netns', 'exec', ns, 'ip', 'addr', 'add', `${nsAddr}/30`, 'dev', nsIf);
    ip('netns', 'exec', ns, 'ip', 'link', 'set', nsIf, 'up');
    const code = `require('http').createServer((q, r) => { r.writeHead(404); r.end('plain http'); }).listen(8080, '${nsAddr}', () => console.log('listening'))`;
    const child = spawn('ip', ['netns', 'exec', ns, process.execPath, '-e', code], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    server = child;
    await new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the server in the namespace did not start')), 5000);
      child.stdout!.on('data', (d: Buffer) => {
        if (d.toString().includes('listening')) {
          clearTimeout(t);
          resolve();
        }
      });
      child.on('exit', (c) => {
        clearTimeout(t);
        reject(new Error(`the server in the namespace exited (${c})`));
      });
    });
    return { hostPort: `${nsAddr}:8080`, close };
  } catch (e) {
    close();
    throw e;
  }
}
