// The ui layer: a person's view of Berth in the real workbench (code-server + Debian Chromium, driven by
// Playwright). Screenshots go to test-results/ui/ (git-ignored) so a human can look at what the test saw.
import { strict as assert } from 'node:assert';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { SCREENSHOTS as shots, openWorkbench, showBerth, type Workbench } from '../support/workbench';

describe('Berth in the workbench', () => {
  let workbench: Workbench;
  let page: Page;

  before(async () => {
    workbench = await openWorkbench();
    page = workbench.page;
  });
  after(async () => {
    await workbench?.close();
  });

  it('shows the Berth entry in the activity bar and opens its views', async () => {
    await showBerth(page);
    for (const title of ['Containers', 'Images', 'Volumes', 'Networks', 'Registries']) {
      await page
        .locator('.pane-header', { hasText: new RegExp(`^${title}`, 'i') })
        .first()
        .waitFor({ timeout: 30_000 });
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
