// The ui layer's look inside containers and images: the live stats panel drawing its charts for the running
// containers, and the Layers view of an image. Screenshots: test-results/ui/inside-stats-panel.png and
// test-results/ui/inside-layers-view.png.
import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { BUSYBOX_IMAGE, TEST_LABEL, removeTestObjects, testDocker } from '../support/engine-env';
import { SCREENSHOTS as shots, openWorkbench, showBerth, type Workbench } from '../support/workbench';

const docker = testDocker();
const run = randomUUID().slice(0, 8);

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').waitFor();
  await page.keyboard.type(title);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

describe('inside containers and images in the workbench', () => {
  let workbench: Workbench;
  let page: Page;

  before(async () => {
    for (const [name, script] of [
      ['busy', 'while :; do i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; sleep 1; done'],
      ['quiet', 'while :; do echo x > /tmp/x; sleep 1; done'],
    ] as const) {
      const c = await docker.createContainer({
        name: `ui-stats-${name}-${run}`,
        Image: BUSYBOX_IMAGE,
        Cmd: ['sh', '-c', script],
        Labels: { [TEST_LABEL]: run },
      });
      await c.start();
    }
    workbench = await openWorkbench();
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    await removeTestObjects(docker, run);
  });

  it('draws live charts of the running containers in the stats panel', async () => {
    await showBerth(page);
    await runCommand(page, 'Show Live Stats of All Running Containers');
    // The webview's document sits in two nested frames.
    const view = page.frameLocator('iframe.webview').frameLocator('iframe');
    await view.locator('#now tr', { hasText: `ui-stats-busy-${run}` }).waitFor({ timeout: 30_000 });
    // A line needs two points: wait until every chart has drawn a few seconds of them.
    await view.locator('figure[data-chart="cpu"] polyline').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(6000);
    assert.equal(await view.locator('figure.chart').count(), 5);
    assert.ok((await view.locator('figure[data-chart="mem"] polyline').count()) >= 2);
    await page.screenshot({ path: path.join(shots, 'inside-stats-panel.png') });
    await page.keyboard.press('Control+W');
  });

  it('lists an image’s layers in the Layers view', async () => {
    await runCommand(page, 'Show Layers');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(BUSYBOX_IMAGE);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: BUSYBOX_IMAGE }).first().waitFor();
    await page.keyboard.press('Enter');
    const header = page.locator('.pane-header', { hasText: /^Layers/i }).first();
    await header.waitFor({ timeout: 30_000 });
    const pane = page.locator('.pane', { has: header });
    await pane.locator('.monaco-list-row').first().waitFor({ timeout: 30_000 });
    assert.ok((await pane.locator('.monaco-list-row').count()) >= 1);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shots, 'inside-layers-view.png') });
  });
});
