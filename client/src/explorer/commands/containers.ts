// Containers view commands: lifecycle (start, stop, restart, pause, kill), remove, inspect, copy id/name, open a
// published port. Destructive actions confirm first (through prompts.ts, so tests can answer).
import * as vscode from 'vscode';
import { confirm, pick } from '../../commands/prompts';
import { describeRefs, runForEach } from '../selection';
import { registerInspect, type ExplorerCommandKit } from './kit';

export function registerContainerCommands(kit: ExplorerCommandKit): void {
  const { reg, refsOf } = kit;
  const lifecycle = (id: string, verb: string, act: Parameters<typeof runForEach>[3], destructive?: string): void =>
    reg(id, async (node, nodes) => {
      const [c, refs] = await refsOf('containers', ['container'], node, nodes);
      if (!refs.length) return;
      if (destructive && !(await confirm(`${destructive} ${describeRefs(refs, 'container')}?`, destructive))) return;
      await runForEach(c, `${verb} ${describeRefs(refs, 'container')}`, refs, act);
    });
  lifecycle('berth.containers.start', 'Starting', (e, r, signal) => e.startContainer(r.id, { signal }));
  lifecycle('berth.containers.stop', 'Stopping', (e, r, signal) => e.stopContainer(r.id, { signal }), 'Stop');
  lifecycle(
    'berth.containers.restart',
    'Restarting',
    (e, r, signal) => e.restartContainer(r.id, { signal }),
    'Restart',
  );
  lifecycle('berth.containers.pause', 'Pausing', (e, r, signal) => e.pauseContainer(r.id, { signal }));
  lifecycle('berth.containers.unpause', 'Resuming', (e, r, signal) => e.unpauseContainer(r.id, { signal }));
  lifecycle('berth.containers.kill', 'Killing', (e, r, signal) => e.killContainer(r.id, { signal }), 'Kill');
  reg('berth.containers.remove', async (node, nodes) => {
    const [c, refs] = await refsOf('containers', ['container'], node, nodes);
    if (!refs.length) return;
    const running = new Set(
      (c.store.data.containers ?? [])
        .filter((x) => x.State === 'running' || x.State === 'paused' || x.State === 'restarting')
        .map((x) => x.Id),
    );
    const live = refs.filter((r) => running.has(r.id)).length;
    const detail = live
      ? `${live} of them ${live === 1 ? 'is' : 'are'} running and will be stopped and removed (force).`
      : undefined;
    if (!(await confirm(`Remove ${describeRefs(refs, 'container')}?`, 'Remove', detail))) return;
    await runForEach(c, `Removing ${describeRefs(refs, 'container')}`, refs, (e, r, signal) =>
      e.removeContainer(r.id, { force: running.has(r.id), signal }),
    );
  });
  registerInspect(kit, 'containers', 'container');
  reg('berth.containers.copyId', async (node, nodes) => {
    const [, refs] = await refsOf('containers', ['container'], node, nodes);
    if (refs.length) await vscode.env.clipboard.writeText(refs.map((r) => r.id).join('\n'));
  });
  reg('berth.containers.copyName', async (node, nodes) => {
    const [, refs] = await refsOf('containers', ['container'], node, nodes);
    if (refs.length) await vscode.env.clipboard.writeText(refs.map((r) => r.name).join('\n'));
  });
  reg('berth.containers.openPort', async (node) => {
    const [c, refs] = await refsOf('containers', ['container'], node);
    const ports = refs.flatMap((r) =>
      (r.publishedPorts ?? []).filter((p) => p.type === 'tcp').map((p) => ({ ...p, name: r.name })),
    );
    if (!ports.length) {
      void vscode.window.showInformationMessage('This container publishes no TCP port.');
      return;
    }
    const chosen =
      ports.length === 1
        ? ports[0]
        : (await pick(ports.map((p) => ({ label: `${p.port}`, description: p.name, p }))))?.p;
    if (!chosen) return;
    // A remote engine publishes on its own host; a local one on loopback.
    const engine = await c.engine();
    const remote = /^(tcp|ssh):\/\//.test(engine.endpoint.host)
      ? new URL(engine.endpoint.host.replace(/^tcp:/, 'http:')).hostname
      : undefined;
    const host = remote ?? (chosen.ip === '0.0.0.0' || chosen.ip === '::' ? 'localhost' : chosen.ip);
    await vscode.env.openExternal(vscode.Uri.parse(`http://${host.includes(':') ? `[${host}]` : host}:${chosen.port}`));
  });
}
