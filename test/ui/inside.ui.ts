// The ui layer's look inside containers and images: the live stats panel drawing its charts for the running
// containers, and the Layers view of an image. Screenshots: test-results/ui/inside-stats-panel.png and
// test-results/ui/inside-layers-view.png.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import * as tar from 'tar-stream';
import { BUSYBOX_IMAGE, followProgress } from '../support/engine-env';
import { EngineTestRun } from '../support/engine-run';
import { SCREENSHOTS as shots, openWorkbench, showBerth, type Workbench } from '../support/workbench';

const engineRun = new EngineTestRun();
const { docker, id: run } = engineRun;
const layered = `berth-ui/layers-${run}:latest`;

/** An image with a few layers of different sizes, one of them 12 MB of package lists an apt-get update left. */
async function buildLayeredImage(): Promise<void> {
  const dockerfile = [
    `FROM ${BUSYBOX_IMAGE}`,
    'ENV APP_HOME=/app',
    'RUN mkdir -p /var/lib/apt/lists && echo apt-get update && dd if=/dev/zero of=/var/lib/apt/lists/index bs=1k count=12000',
    'RUN dd if=/dev/zero of=/app.bin bs=1k count=3000',
    'WORKDIR /app',
    'CMD ["sh"]',
  ].join('\n');
  const pack = tar.pack();
  pack.entry({ name: 'Dockerfile' }, dockerfile);
  pack.finalize();
  const stream = await docker.buildImage(pack as unknown as NodeJS.ReadableStream, {
    t: layered,
    labels: engineRun.labels,
  });
  await followProgress(docker, stream);
}

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
      await engineRun.busybox({ name: `ui-stats-${name}-${run}`, script });
    }
    await buildLayeredImage();
    workbench = await openWorkbench();
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
    await engineRun.cleanup(layered);
  });

  it('draws live charts of the running containers in the stats panel', async () => {
    await showBerth(page);
    await runCommand(page, 'Show Live Stats of All Running Containers');
    // The webview's document sits in two nested frames.
    const view = page.frameLocator('iframe.webview').frameLocator('iframe');
    await view.locator('#now tr', { hasText: `ui-stats-busy-${run}` }).waitFor({ timeout: 30_000 });
    // A line needs two points: wait until every chart has drawn a few seconds of them.
    await view.locator('figure[data-chart="cpu"] polyline').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(12_000);
    assert.equal(await view.locator('figure.chart').count(), 5);
    assert.ok((await view.locator('figure[data-chart="mem"] polyline').count()) >= 2);
    await page.screenshot({ path: path.join(shots, 'inside-stats-panel.png') });
    await page.keyboard.press('Control+W');
  });

  it('lists an image’s layers in the Layers view, biggest first, with a hint on the large one', async () => {
    // Room for the Layers view: the other views of the side bar fold.
    for (const title of ['Containers', 'Images', 'Volumes', 'Networks', 'Registries', 'Disk Usage']) {
      const header = page.locator('.pane-header', { hasText: new RegExp(`^${title}`, 'i') }).first();
      if ((await header.count()) && (await header.getAttribute('aria-expanded')) === 'true')
        await header.click({ position: { x: 12, y: 10 } }); // the twistie, not the title actions
    }
    await runCommand(page, 'Show Layers');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type(layered);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: layered }).first().waitFor();
    await page.keyboard.press('Enter');
    const header = page.locator('.pane-header', { hasText: /^Layers/i }).first();
    await header.waitFor({ timeout: 30_000 });
    const pane = page.locator('.pane', { has: header });
    await pane.locator('.monaco-list-row', { hasText: 'apt-get update' }).first().waitFor({ timeout: 30_000 });
    // The view's own title button (the sort commands are not in the palette).
    await header.hover();
    await header.locator('.action-label[aria-label^="Sort Biggest First"]').click();
    const first = pane.locator('.monaco-list-row').first();
    await first.filter({ hasText: 'apt-get update' }).waitFor({ timeout: 15_000 });
    await pane.locator('.monaco-list-row', { hasText: 'package lists stay' }).waitFor({ timeout: 15_000 });
    // The picture: only the Layers view open, in a side bar wide enough for the instructions.
    for (const title of ['Containers', 'Images', 'Volumes', 'Networks', 'Registries', 'Disk Usage']) {
      const other = page.locator('.pane-header', { hasText: new RegExp(`^${title}`, 'i') }).first();
      if ((await other.count()) && (await other.getAttribute('aria-expanded')) === 'true')
        await other.click({ position: { x: 12, y: 10 } });
    }
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width + 1;
      const y = sidebar.y + sidebar.height / 2;
      await page.mouse.move(x, y);
      await page.mouse.down();
      await page.mouse.move(x + 500, y, { steps: 10 });
      await page.mouse.up();
    }
    await page.keyboard.press('Escape');
    await page.mouse.move(1300, 800);
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(shots, 'inside-layers-view.png') });
  });
});
