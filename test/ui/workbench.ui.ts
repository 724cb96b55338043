// The ui layer: a person's view of Berth in the real workbench (code-server + Debian Chromium, driven by
// Playwright). Screenshots go to test-results/ui/ (git-ignored) so a human can look at what the test saw.
import { strict as assert } from 'node:assert';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, repoRoot, startCodeServer } from '../../scripts/code-server.mjs';

const shots = path.join(repoRoot, 'test-results', 'ui');

describe('Berth in the workbench', () => {
  let server: Awaited<ReturnType<typeof startCodeServer>>;
  let browser: Browser;
  let page: Page;

  before(async () => {
    mkdirSync(shots, { recursive: true });
    server = await startCodeServer({ installBerth: true });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(server.folderUrl(path.join(repoRoot, 'examples')));
    await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the Berth entry in the activity bar and opens its views', async () => {
    const entry = page.locator('.activitybar [aria-label^="Berth"]').first();
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    for (const title of ['Containers', 'Images', 'Volumes', 'Networks', 'Registries']) {
      await page.locator('.pane-header', { hasText: new RegExp(`^${title}`, 'i') }).first().waitFor({ timeout: 30_000 });
    }
    await page.screenshot({ path: path.join(shots, '1-berth-views.png') });
  });

  it('underlines a Dockerfile error and lists it in the Problems panel', async () => {
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').waitFor();
    await page.keyboard.type('broken/Dockerfile');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Dockerfile' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+M');
    const problem = page.locator('.markers-panel .monaco-list-row', { hasText: 'RUNN' }).first();
    await problem.waitFor({ timeout: 20_000 });
    const text = (await problem.innerText()).replace(/\s+/g, ' ');
    assert.match(text, /RUNN/);
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(shots, '2-dockerfile-problems.png') });
  });
});
