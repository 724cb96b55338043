// Containers view commands: lifecycle (start, stop, restart, pause, kill), remove, inspect, copy id/name, open a
// published port. Destructive actions confirm first (through prompts.ts, so tests can answer).
import * as vscode from 'vscode';
import { confirm, pick } from '../../commands/prompts';
import { describeRefs, runForEach } from '../selection';
import { registerInspect, type ExplorerCommandKit } from './kit';

export function registerContainerCommands(kit: ExplorerCommandKit): void {
  const { reg, refsOf } = kit;
  /**
   * `berth.containers.<verb>` runs the engine's `<verb>Container` over the selection; `progress` and the question
   * make whole sentences of "container web" / "3 containers (…)", to translate whole. With a `confirmation` (its
   * button and question), it asks first.
   */
  const lifecycle = (
    verb: 'start' | 'stop' | 'restart' | 'pause' | 'unpause' | 'kill',
    progress: (what: string) => string,
    confirmation?: [label: string, question: (what: string) => string],
  ): void =>
    reg(`berth.containers.${verb}`, async (node, nodes) => {
      const [c, refs] = await refsOf('containers', ['container'], node, nodes);
      if (!refs.length) return;
      const what = describeRefs(refs, 'container');
      if (confirmation && !(await confirm(confirmation[1](what), confirmation[0]))) return;
      await runForEach(c, progress(what), refs, (e, r, signal) => e[`${verb}Container`](r.id, { signal }));
    });
  lifecycle('start', (w) => vscode.l10n.t('Starting {0}', w));
  lifecycle('stop', (w) => vscode.l10n.t('Stopping {0}', w), [
    vscode.l10n.t('Stop'),
    (w) => vscode.l10n.t('Stop {0}?', w),
  ]);
  lifecycle('restart', (w) => vscode.l10n.t('Restarting {0}', w), [
    vscode.l10n.t('Restart'),
    (w) => vscode.l10n.t('Restart {0}?', w),
  ]);
  lifecycle('pause', (w) => vscode.l10n.t('Pausing {0}', w));
  lifecycle('unpause', (w) => vscode.l10n.t('Resuming {0}', w));
  lifecycle('kill', (w) => vscode.l10n.t('Killing {0}', w), [
    vscode.l10n.t('Kill'),
    (w) => vscode.l10n.t('Kill {0}?', w),
  ]);
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
      ? live === 1
        ? vscode.l10n.t('{0} of them is running and will be stopped and removed (force).', live)
        : vscode.l10n.t('{0} of them are running and will be stopped and removed (force).', live)
      : undefined;
    const what = describeRefs(refs, 'container');
    if (!(await confirm(vscode.l10n.t('Remove {0}?', what), vscode.l10n.t('Remove'), detail))) return;
    await runForEach(c, vscode.l10n.t('Removing {0}', what), refs, (e, r, signal) =>
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
      void vscode.window.showInformationMessage(vscode.l10n.t('This container publishes no TCP port.'));
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
