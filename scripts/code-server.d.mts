// Types for scripts/code-server.mjs (plain JavaScript so that the shell scripts can run it without a build).
import type { ChildProcess } from 'node:child_process';
import type { Browser } from 'playwright-core';

export const repoRoot: string;
export const CHROMIUM_ARGS: string[];
export function freePort(): Promise<number>;
export interface CodeServer {
  url: string;
  port: number;
  scratch: string;
  logPath: string;
  userDataDir: string;
  extensionsDir: string;
  process: ChildProcess;
  folderUrl(folder: string, payload?: Array<[string, string]>): string;
  stop(options?: { keep?: boolean }): Promise<void>;
}
export function startCodeServer(o?: {
  userDataDir?: string;
  extensionsDir?: string;
  installBerth?: boolean;
  port?: number;
  smokeTestDriver?: boolean;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  workspaceTrust?: boolean;
  /** Display language, e.g. zh-cn (a minimal language pack is installed for it). */
  locale?: string;
}): Promise<CodeServer>;
export function launchChromium(): Promise<Browser>;
