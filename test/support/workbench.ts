// Opens examples/ in a real workbench (code-server with Berth installed) in headless Chromium, for the ui layer.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, repoRoot, startCodeServer, type CodeServer } from '../../scripts/code-server.mjs';

/** Where ui tests save their screenshots (git-ignored). */
export const SCREENSHOTS = path.join(repoRoot, 'test-results', 'ui');

export interface Workbench {
  server: CodeServer;
  browser: Browser;
  page: Page;
  close(): Promise<void>;
}

/** `locale` (e.g. zh-cn) opens the workbench in that display language (scripts/language-pack.mjs). */
export async function openWorkbench(opts: { locale?: string } = {}): Promise<Workbench> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const server = await startCodeServer({ installBerth: true, locale: opts.locale });
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(server.folderUrl(path.join(repoRoot, 'examples')));
  await page.locator('.monaco-workbench .activitybar').waitFor({ timeout: 60_000 });
  return {
    server,
    browser,
    page,
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

/** Clicks Berth's entry in the activity bar. */
export async function showBerth(page: Page): Promise<void> {
  const entry = page.locator('.activitybar [aria-label^="Berth"]').first();
  await entry.waitFor({ timeout: 30_000 });
  await entry.click();
}
