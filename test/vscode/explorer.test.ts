// The explorer in a real VS Code against the private engine: the views fill from the engine, a context-menu action
// runs on a preset multi-selection (and the tree follows from events alone), a destructive one asks first, inspect
// opens a read-only JSON document, and a filter is remembered for the view.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import { FIXTURE_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { berth, flattenNodes, until } from './support';

const engineRun = new EngineTestRun();
const { docker, id: run, labels } = engineRun;
const project = `berthvs${run}`;

suite('explorer', () => {
  let api: BerthApi;
  const ids: Record<string, string> = {};

  suiteSetup(async () => {
    api = await berth();
    for (const [name, extra] of [
      ['web', { 'com.docker.compose.project': project, 'com.docker.compose.service': 'web' }],
      ['api', { 'com.docker.compose.project': project, 'com.docker.compose.service': 'api' }],
      ['solo', {}],
    ] as const) {
      ids[name] = (
        await docker.createContainer({
          name: `${name}-${run}`,
          Image: FIXTURE_IMAGE,
          Labels: { ...labels, ...extra },
        })
      ).id;
    }
    await docker.createVolume({ Name: `berth-vs-${run}`, Labels: labels });
  });
  suiteTeardown(async () => {
    await engineRun.cleanup();
    const c = await api.explorer.controller();
    await c.updateOptions('containers', { filter: undefined });
  });

  const roots = (view: 'containers' | 'images' | 'volumes' | 'networks') => api.explorer.providers[view].lastRoots;
  const containerNode = (id: string) => flattenNodes(roots('containers')).find((n) => n.id === `container/${id}`);

  test('the views appear with items from the private engine, and the status bar names it', async () => {
    await vscode.commands.executeCommand('workbench.view.extension.berth');
    await vscode.commands.executeCommand('berth.containers.focus');
    const group = await until(
      () => roots('containers').find((n) => n.id === `containers/project/${project}` && n.children?.length === 2),
      'the Compose project group with both services',
    );
    assert.deepEqual(group.children!.map((n) => n.label).sort(), [`api-${run}`, `web-${run}`]);
    // Created containers reach the model event by event: the group may show before the standalone one.
    await until(
      () => flattenNodes(roots('containers')).find((n) => n.id === `container/${ids.solo}`),
      'the standalone container',
    );
    await vscode.commands.executeCommand('berth.volumes.focus');
    await until(() => roots('volumes').find((n) => n.label === `berth-vs-${run}`), 'the volume');
    await vscode.commands.executeCommand('berth.images.focus');
    const [fixtureRepo] = FIXTURE_IMAGE.split(':');
    const repo = await until(() => roots('images').find((n) => n.label === fixtureRepo), 'the fixture repository');
    assert.match(repo.description!, /in use/);
    const c = await api.explorer.controller();
    assert.equal(c.manager.current.kind, 'connected');
    await vscode.commands.executeCommand('berth.containers.focus');
  });

  test('Start on a preset multi-selection starts both, and the tree follows from events', async () => {
    const web = await until(() => containerNode(ids.web), 'web node');
    const apiNode = await until(() => containerNode(ids.api), 'api node');
    await vscode.commands.executeCommand('berth.containers.start', web, [web, apiNode]);
    for (const id of [ids.web, ids.api]) assert.equal((await docker.getContainer(id).inspect()).State.Running, true);
    await until(
      () =>
        [ids.web, ids.api].every((id) => containerNode(id)?.contextValue.startsWith('container.running')) || undefined,
      'both running in the tree',
    );
    assert.equal(containerNode(ids.solo)?.contextValue, 'container.created', 'the unselected container is untouched');
  });

  test('Remove asks first; declining keeps the containers, confirming force-removes the running ones', async () => {
    const web = containerNode(ids.web)!;
    const apiNode = containerNode(ids.api)!;
    api.prompts.answerNextPrompts([undefined]);
    await vscode.commands.executeCommand('berth.containers.remove', web, [web, apiNode]);
    assert.equal((await docker.getContainer(ids.web).inspect()).State.Running, true, 'declined: still there');
    api.prompts.answerNextPrompts(['Remove']);
    await vscode.commands.executeCommand('berth.containers.remove', web, [web, apiNode]);
    await assert.rejects(docker.getContainer(ids.web).inspect(), /no such container/i);
    await until(
      () =>
        (!containerNode(ids.web) &&
          !containerNode(ids.api) &&
          !roots('containers').some((n) => n.id === `containers/project/${project}`)) ||
        undefined,
      'the project gone from the tree',
    );
  });

  test('Inspect opens a read-only JSON document; a filter is applied and shown on the view', async () => {
    const solo = await until(() => containerNode(ids.solo), 'solo node');
    await vscode.commands.executeCommand('berth.containers.inspect', solo);
    const doc = vscode.window.activeTextEditor!.document;
    assert.equal(doc.uri.scheme, 'berth-inspect');
    assert.equal(doc.languageId, 'json');
    assert.equal((JSON.parse(doc.getText()) as { Id: string }).Id, ids.solo);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    api.prompts.answerNextPrompts([`solo-${run}`]);
    await vscode.commands.executeCommand('berth.containers.filter');
    await until(() => {
      const all = flattenNodes(roots('containers')).filter((n) => n.ref?.kind === 'container');
      return (all.length === 1 && all[0].id === `container/${ids.solo}`) || undefined;
    }, 'only the filtered container');
    assert.equal(api.explorer.treeViews.containers.description, `filter: solo-${run}`);
    await vscode.commands.executeCommand('berth.containers.clearFilter');
  });
});
