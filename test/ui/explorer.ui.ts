// The ui layer's look at the explorer: a Compose project's containers grouped under the project, a standalone
// container beside them, in the real workbench against the real engine. Screenshot: test-results/ui/3-containers.png.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { FIXTURE_IMAGE } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { SCREENSHOTS as shots, openWorkbench, showBerth, type Workbench } from '../support/workbench';
const engineRun = new EngineTestRun();
const { docker, id: run, labels } = engineRun;
const project = `uidemo${run}`;

describe('the Containers view in the workbench', () => {
  let workbench: Workbench;
  let page: Page;

  before(async () => {
    // Labels as Compose writes them: that is all the grouping relies on.
    for (const service of ['web', 'cache']) {
      const c = await docker.createContainer({
        name: `${project}-${service}-1`,
        Image: FIXTURE_IMAGE,
        Labels: {
          ...labels,
          'com.docker.compose.project': project,
          'com.docker.compose.service': service,
          'com.docker.compose.container-number': '1',
        },
      });
      await c.start();
    }
    await docker.createContainer({ name: `standalone-${run}`, Image: FIXTURE_IMAGE, Labels: labels });
    workbench = await openWorkbench();
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    await engineRun.cleanup();
  });

  it('groups a Compose project’s containers under the project', async () => {
    await showBerth(page);
    const group = page.locator('.monaco-list-row', { hasText: project }).first();
    await group.waitFor({ timeout: 30_000 });
    if ((await group.getAttribute('aria-expanded')) === 'false') await group.click();
    for (const service of ['web', 'cache']) {
      await page
        .locator('.monaco-list-row', { hasText: `${project}-${service}-1` })
        .first()
        .waitFor({ timeout: 15_000 });
    }
    const standalone = page.locator('.monaco-list-row', { hasText: `standalone-${run}` }).first();
    await standalone.waitFor({ timeout: 15_000 });
    // The project's containers are indented below their group; the standalone one is not among them.
    const groupLevel = Number(await group.getAttribute('aria-level'));
    const childLevel = Number(
      await page
        .locator('.monaco-list-row', { hasText: `${project}-web-1` })
        .first()
        .getAttribute('aria-level'),
    );
    assert.equal(childLevel, groupLevel + 1);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, '3-containers.png') });
  });
});
