// Disk use, prune and moving images in a real VS Code against the private engine: the Disk Usage view's rows, a
// prune of stopped containers whose confirmation is answered (and one declined: nothing removed), and save to a
// .tar and load back, with the question before a load that would move an existing tag.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { BerthApi } from '../../client/src/api';
import { BUSYBOX_IMAGE, FIXTURE_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { berth } from './support';

const engineRun = new EngineTestRun();
const { docker, id: run } = engineRun;

suite('disk use, prune and moving images', () => {
  let api: BerthApi;
  const scratch = mkdtempSync(path.join(tmpdir(), 'berth-vscode-moving-'));
  const tag = `berth-vscode/save-${run}:v1`;

  suiteSetup(async () => {
    api = await berth();
  });
  suiteTeardown(async () => {
    await engineRun.cleanup(tag);
    rmSync(scratch, { recursive: true, force: true });
  });

  test('the Disk Usage view has a row per kind with size and reclaimable part', async () => {
    const rows = await api.moving.diskUsage.getChildren();
    assert.deepEqual(
      rows.map((r) => r.row.kind),
      ['images', 'containers', 'volumes', 'buildCache'],
    );
    const images = api.moving.diskUsage.getTreeItem(rows[0]!);
    assert.match(String(images.description), /reclaimable/);
  });

  test('Prune Stopped Containers: declined leaves them; answered "Prune" removes them and reports what it freed', async () => {
    const c = await engineRun.busybox({ name: `moving-prune-${run}`, script: 'head -c 100000 /dev/zero > /blob' });
    await c.wait();

    api.prompts.answerNextPrompts([undefined]); // Escape at the confirmation
    const declined = await vscode.commands.executeCommand('berth.prune.containers');
    assert.equal(declined, undefined);
    assert.ok(await c.inspect(), 'nothing is removed when the question is declined');

    api.prompts.answerNextPrompts(['Prune']);
    await vscode.commands.executeCommand('berth.prune.containers');
    const record = api.moving.lastPrune();
    assert.ok(record, 'the prune ran');
    assert.equal(api.prompts.pendingAnswers(), 0);
    const item = record.plans[0]!.items.find((i) => i.id === c.id);
    assert.ok(item, 'the question listed the container');
    assert.equal(item.name, `moving-prune-${run}`);
    assert.ok(record.plans[0]!.bytes >= 100_000, `about ${record.plans[0]!.bytes} B shown before`);
    assert.ok(record.outcomes[0]!.deleted.includes(c.id));
    assert.match(record.report, /stopped container/);
    await assert.rejects(c.inspect(), 'the container is gone');
  });

  test('Save to .tar and Load round trip; loading over a tag that names another image asks first', async () => {
    await docker.getImage(BUSYBOX_IMAGE).tag({ repo: `berth-vscode/save-${run}`, tag: 'v1' });
    const id = (await docker.getImage(tag).inspect()).Id;
    const file = path.join(scratch, 'saved.tar');
    const saved = await vscode.commands.executeCommand('berth.images.save', tag, vscode.Uri.file(file));
    assert.equal(saved, file);
    assert.ok(statSync(file).size > 100_000);

    await docker.getImage(tag).remove();
    const loaded = await vscode.commands.executeCommand<string[]>('berth.images.load', vscode.Uri.file(file));
    assert.ok(
      loaded?.some((l) => l.endsWith(tag)),
      `loaded: ${loaded?.join(', ')}`,
    );
    assert.equal((await docker.getImage(tag).inspect()).Id, id);

    // The tag now names another image: the load asks, and "no" leaves it where it is.
    await docker.getImage(FIXTURE_IMAGE).tag({ repo: `berth-vscode/save-${run}`, tag: 'v1' });
    const fixtureId = (await docker.getImage(FIXTURE_IMAGE).inspect()).Id;
    api.prompts.answerNextPrompts([undefined]);
    assert.equal(await vscode.commands.executeCommand('berth.images.load', vscode.Uri.file(file)), undefined);
    assert.equal((await docker.getImage(tag).inspect()).Id, fixtureId, 'declined: the tag did not move');
    api.prompts.answerNextPrompts(['Load']);
    await vscode.commands.executeCommand('berth.images.load', vscode.Uri.file(file));
    assert.equal((await docker.getImage(tag).inspect()).Id, id, 'answered "Load": the tag moved back');

    // Saving onto an existing file asks too; declined, the file stays as it was.
    const before = statSync(file).mtimeMs;
    api.prompts.answerNextPrompts([undefined]);
    assert.equal(await vscode.commands.executeCommand('berth.images.save', tag, vscode.Uri.file(file)), undefined);
    assert.equal(statSync(file).mtimeMs, before);
    assert.ok(existsSync(file));
  });
});
