// The workbench in Chinese (display language zh-cn, a minimal language pack: scripts/language-pack.mjs): Berth's views
// carry their Chinese titles from package.nls.zh-cn.json. Screenshot: test-results/ui/4-zh-cn-views.png.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { repoRoot } from '../../scripts/code-server.mjs';
import { SCREENSHOTS as shots, openWorkbench, showBerth, type Workbench } from '../support/workbench';

const zh = JSON.parse(readFileSync(path.join(repoRoot, 'package.nls.zh-cn.json'), 'utf8')) as Record<string, string>;

describe('the workbench in Chinese', () => {
  let workbench: Workbench;
  let page: Page;

  before(async () => {
    workbench = await openWorkbench({ locale: 'zh-cn' });
    page = workbench.page;
  });

  after(async () => {
    await workbench?.close();
  });

  it('shows Berth’s views with their Chinese titles', async () => {
    // The language the workbench loaded its messages for (set by the language pack's nls script).
    assert.equal(await page.evaluate('globalThis._VSCODE_NLS_LANGUAGE'), 'zh-cn');
    await showBerth(page);
    const titles = ['berth.containers', 'berth.images', 'berth.volumes', 'berth.networks', 'berth.registries'].map(
      (id) => zh[`${id}.name`]!,
    );
    assert.deepEqual(titles, ['容器', '镜像', '数据卷', '网络', '镜像仓库']);
    for (const title of titles) {
      await page
        .locator('.pane-header h3.title', { hasText: new RegExp(`^${title}$`) })
        .first()
        .waitFor({ timeout: 30_000 });
    }
    // An English title would mean the workbench fell back to package.nls.json.
    assert.equal(await page.locator('.pane-header h3.title', { hasText: /^Containers$/ }).count(), 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: path.join(shots, '4-zh-cn-views.png') });
  });
});
