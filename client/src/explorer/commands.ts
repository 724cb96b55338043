// The explorer's commands: container/image/volume/network actions, per-view sort/filter/toggles, refresh and the
// engine picker. Destructive actions always confirm first (through prompts.ts, so tests can answer).
import * as vscode from 'vscode';
import { candidateSockets, listContexts } from '../engine/connection';
import type { ViewKind } from './views';
import { confirm, input, pick } from '../commands/prompts';
import type { ExplorerController } from './controller';
import type { InspectDocuments } from './inspect';
import { splitRepoTag } from '../image-reference';
import type { ExplorerNode, NodeRef, RefKind, SortKey } from './model/nodes';
import { describeRefs, runForEach, selectedRefs } from './selection';
import { existsSync } from 'node:fs';

type Handler = (node?: ExplorerNode, nodes?: ExplorerNode[]) => Promise<unknown>;

export function registerExplorerCommands(
  context: vscode.ExtensionContext,
  controller: () => Promise<ExplorerController>,
  inspect: InspectDocuments,
): void {
  const reg = (id: string, fn: Handler): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, (node?: ExplorerNode, nodes?: ExplorerNode[]) =>
        fn(node, Array.isArray(nodes) ? nodes : undefined),
      ),
    );
  };
  const refsOf = async (
    view: ViewKind,
    kinds: RefKind[],
    node?: ExplorerNode,
    nodes?: ExplorerNode[],
  ): Promise<[ExplorerController, NodeRef[]]> => {
    const c = await controller();
    return [c, await selectedRefs(c, view, kinds, node, nodes)];
  };

  // ---- containers ----
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
  reg('berth.containers.inspect', async (node, nodes) => {
    const [c, refs] = await refsOf('containers', ['container'], node, nodes);
    void c;
    for (const r of refs) await inspect.open('container', r.id, r.name);
  });
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

  // ---- images ----
  reg('berth.images.inspect', async (node, nodes) => {
    const [, refs] = await refsOf('images', ['image'], node, nodes);
    for (const r of refs) await inspect.open('image', r.id, r.name);
  });
  reg('berth.images.remove', async (node, nodes) => {
    const [c, refs] = await refsOf('images', ['image'], node, nodes);
    if (
      !refs.length ||
      !(await confirm(
        `Remove ${describeRefs(refs, 'image')}?`,
        'Remove',
        'A tag is removed; the image itself goes when no tag is left. Images used by containers cannot be removed.',
      ))
    )
      return;
    // A tag is removed by its name (so other tags of the same image stay); an untagged image by its id.
    await runForEach(c, `Removing ${describeRefs(refs, 'image')}`, refs, (e, r, signal) =>
      e.removeImage(r.name.includes(':') ? r.name : r.id, { signal }),
    );
  });
  reg('berth.images.tag', async (node) => {
    const [c, refs] = await refsOf('images', ['image'], node);
    if (refs.length !== 1) return;
    const target = await input({
      prompt: `New tag for ${refs[0].name}`,
      value: refs[0].name,
      validateInput: (v) =>
        /^[a-z0-9][\w.\-/:]*[\w]$/i.test(v.trim())
          ? undefined
          : 'Use repository[:tag], e.g. registry.example.com/team/app:1.0',
    });
    if (!target) return;
    const [repo, tag] = splitRepoTag(target.trim());
    await runForEach(c, `Tagging ${refs[0].name} as ${repo}:${tag}`, refs, (e, r, signal) =>
      e.tagImage(r.id, repo, tag, { signal }),
    );
  });
  reg('berth.images.pruneDangling', async () => {
    const c = await controller();
    if (!(await confirm('Remove all dangling (untagged, unused) images?', 'Prune'))) return;
    await reportPrune(c, 'dangling images', (e) => e.pruneImages({ danglingOnly: true }));
  });

  // ---- volumes ----
  reg('berth.volumes.inspect', async (node, nodes) => {
    const [, refs] = await refsOf('volumes', ['volume'], node, nodes);
    for (const r of refs) await inspect.open('volume', r.id, r.name);
  });
  reg('berth.volumes.remove', async (node, nodes) => {
    const [c, refs] = await refsOf('volumes', ['volume'], node, nodes);
    if (!refs.length || !(await confirm(`Remove ${describeRefs(refs, 'volume')}? Their data is deleted.`, 'Remove')))
      return;
    await runForEach(c, `Removing ${describeRefs(refs, 'volume')}`, refs, (e, r, signal) =>
      e.removeVolume(r.id, { signal }),
    );
  });
  reg('berth.volumes.prune', async () => {
    const c = await controller();
    if (!(await confirm('Remove all volumes no container uses? Their data is deleted.', 'Prune'))) return;
    await reportPrune(c, 'unused volumes', (e) => e.pruneVolumes());
  });

  // ---- networks ----
  reg('berth.networks.inspect', async (node, nodes) => {
    const [, refs] = await refsOf('networks', ['network'], node, nodes);
    for (const r of refs) await inspect.open('network', r.id, r.name);
  });
  reg('berth.networks.create', async () => {
    const c = await controller();
    const name = await input({
      prompt: 'Network name',
      validateInput: (v) => (/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(v) ? undefined : 'Letters, digits, "_", "." and "-"'),
    });
    if (!name) return;
    const driver = (
      await pick([{ label: 'bridge' }, { label: 'overlay' }, { label: 'macvlan' }, { label: 'ipvlan' }], {
        placeHolder: 'Driver',
      })
    )?.label;
    if (!driver) return;
    const subnet = await input({
      prompt: 'Subnet (optional, e.g. 10.10.0.0/24)',
      validateInput: (v) => (!v || /^[\d.:a-f]+\/\d+$/i.test(v) ? undefined : 'A CIDR such as 10.10.0.0/24'),
    });
    if (subnet === undefined) return;
    await runForEach(c, `Creating network ${name}`, [{ kind: 'network', id: name, name }], (e, _r, signal) =>
      e.createNetwork(name, { driver, subnet: subnet || undefined, signal }),
    );
  });
  reg('berth.networks.remove', async (node, nodes) => {
    const [c, refs] = await refsOf('networks', ['network'], node, nodes);
    if (!refs.length || !(await confirm(`Remove ${describeRefs(refs, 'network')}?`, 'Remove'))) return;
    await runForEach(c, `Removing ${describeRefs(refs, 'network')}`, refs, (e, r, signal) =>
      e.removeNetwork(r.id, { signal }),
    );
  });
  reg('berth.networks.prune', async () => {
    const c = await controller();
    if (!(await confirm('Remove all networks no container uses?', 'Prune'))) return;
    await reportPrune(c, 'unused networks', (e) => e.pruneNetworks());
  });

  // ---- per-view sort, filter, toggles ----
  for (const view of ['containers', 'images', 'volumes', 'networks'] as const) {
    reg(`berth.${view}.sort`, async () => {
      const c = await controller();
      const current = c.persisted(view).sort ?? 'name';
      const choice = await pick(
        (['name', 'created', 'status'] as SortKey[]).map((k) => ({
          label: k,
          description: k === current ? 'current' : undefined,
        })),
        { placeHolder: 'Sort by' },
      );
      if (choice) await c.updateOptions(view, { sort: choice.label as SortKey });
    });
    reg(`berth.${view}.filter`, async () => {
      const c = await controller();
      const text = await input({
        prompt: `Filter ${view} by name, image or label (empty = show all)`,
        value: c.persisted(view).filter ?? '',
      });
      if (text !== undefined) await c.updateOptions(view, { filter: text.trim() || undefined });
    });
    reg(`berth.${view}.clearFilter`, async () => (await controller()).updateOptions(view, { filter: undefined }));
  }
  reg('berth.images.toggleDangling', async () => {
    const c = await controller();
    await c.updateOptions('images', { showDangling: !c.persisted('images').showDangling });
  });
  reg('berth.networks.toggleBuiltIn', async () => {
    const c = await controller();
    await c.updateOptions('networks', { showBuiltIn: !c.persisted('networks').showBuiltIn });
  });
  reg('berth.containers.toggleWorkspaceOnly', async () => {
    const c = await controller();
    await c.updateOptions('containers', { onlyWorkspaceProjects: !c.persisted('containers').onlyWorkspaceProjects });
  });

  // ---- refresh and engine ----
  reg('berth.explorer.refresh', async () => (await controller()).refresh());
  reg('berth.engine.retry', async () => (await controller()).refresh());
  reg('berth.engine.openSettings', async () =>
    vscode.commands.executeCommand('workbench.action.openSettings', 'berth.engine.host'),
  );
  reg('berth.explorer.refreshInspect', async () => {
    const uri = vscode.window.activeTextEditor?.document.uri;
    if (uri) inspect.refresh(uri);
  });
  reg('berth.engine.choose', async () => {
    const c = await controller();
    const items: Array<vscode.QuickPickItem & { host?: string; enter?: boolean }> = [
      {
        label: 'Automatic',
        description: 'setting, DOCKER_HOST, current context, then the default sockets',
        host: undefined,
      },
      ...listContexts().map((x) => ({
        label: x.name,
        description: x.host,
        detail: x.description || undefined,
        host: x.name,
      })),
      ...candidateSockets()
        .filter((s) => existsSync(s))
        .map((s) => ({ label: s, description: 'socket', host: `unix://${s}` })),
      { label: 'Enter a host…', description: 'unix://, tcp:// or ssh://', enter: true },
    ];
    const choice = await pick(items, {
      placeHolder: `Engine in use: ${c.manager.current.kind === 'connected' ? c.manager.current.engine.endpoint.label : 'none'}`,
    });
    if (!choice) return;
    let host = choice.host;
    if (choice.enter) {
      host = await input({
        prompt: 'Engine host',
        placeHolder: 'unix:///run/user/1000/docker.sock, tcp://host:2376, ssh://user@host',
        validateInput: (v) =>
          /^(unix|tcp|ssh|npipe):\/\/.+/.test(v.trim()) || v.trim().startsWith('/')
            ? undefined
            : 'Start with unix://, tcp:// or ssh://',
      });
      if (!host) return;
    }
    await c.useEngine(host?.trim());
  });
}

async function reportPrune(
  c: ExplorerController,
  what: string,
  act: (e: Awaited<ReturnType<ExplorerController['engine']>>) => Promise<{ deleted: string[]; spaceReclaimed: number }>,
): Promise<void> {
  try {
    const r = await act(await c.engine());
    const mb = (r.spaceReclaimed / 1e6).toFixed(1);
    void vscode.window.showInformationMessage(
      `Pruned ${r.deleted.length} ${what}${r.spaceReclaimed ? `, reclaimed ${mb} MB` : ''}.`,
    );
  } catch (e) {
    void vscode.window.showErrorMessage(`Pruning ${what} failed: ${(e as Error).message}`);
  }
}
