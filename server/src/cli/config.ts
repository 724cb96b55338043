// `berth lint`'s settings: a `.berth.json` (the editor's `berth.*` settings, in the same shape) under the command line's
// flags. `.berth.json` holds `{ "dockerfile": { "rules": {…} }, "compose": { "rules": {…}, "envFiles": […] },
// "failOn": "warning" }`; the VS Code spelling (`"berth.dockerfile.rules": {…}`) is read too, so a project can share
// one block with its .vscode/settings.json.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SETTINGS, readSettings, type BerthSettings, type RuleSeverity } from '../lsp/settings';

export type FailOn = RuleSeverity | 'none';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'info', 'hint', 'none'];

export interface LintSettings extends BerthSettings {
  failOn: FailOn;
  /** Whether the command line or .berth.json chose failOn (else a .hadolint.yaml failure-threshold may). */
  failOnSet: boolean;
}

/** The settings of a `.berth.json` text. Throws with the file's name when it is no JSON object. */
export function parseBerthJson(text: string, file: string): Partial<LintSettings> & BerthSettings {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not JSON (${(e as Error).message})`, { cause: e });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${file}: expected a JSON object`);
  const obj = raw as Record<string, unknown>;
  // `berth.dockerfile.rules` → { dockerfile: { rules } }: flat VS Code keys become the nested shape.
  const nested: Record<string, Record<string, unknown>> = {};
  for (const [key, value] of Object.entries(obj)) {
    const m = /^berth\.(dockerfile|compose)\.(\w+)$/.exec(key);
    // Both groups always take part in a match.
    if (m) (nested[m[1]!] ??= {})[m[2]!] = value;
  }
  const merged = {
    dockerfile: { ...(nested.dockerfile ?? {}), ...((obj.dockerfile as object) ?? {}) },
    compose: { ...(nested.compose ?? {}), ...((obj.compose as object) ?? {}) },
  };
  const settings = readSettings(merged);
  const failOn = obj.failOn ?? obj['berth.lint.failOn'];
  if (failOn !== undefined && !FAIL_ON.includes(failOn as FailOn))
    throw new Error(`${file}: failOn must be one of ${FAIL_ON.join(', ')}`);
  return { ...settings, ...(failOn !== undefined ? { failOn: failOn as FailOn } : {}) };
}

/** `.berth.json` in `dir` or the nearest folder above it; undefined when there is none. */
export function findBerthJson(dir: string): string | undefined {
  for (let d = path.resolve(dir), depth = 0; depth < 64; depth++) {
    const candidate = path.join(d, '.berth.json');
    try {
      readFileSync(candidate, 'utf8');
      return candidate;
    } catch {
      /* not here */
    }
    const up = path.dirname(d);
    if (up === d) return undefined;
    d = up;
  }
  return undefined;
}

/** Flags win over the file: per-rule severities are merged, code by code, into both languages' tables. */
export function lintSettings(
  file: (Partial<LintSettings> & BerthSettings) | undefined,
  flags: { rules: Record<string, RuleSeverity>; envFiles: string[]; failOn?: FailOn },
): LintSettings {
  return {
    dockerfile: {
      ...DEFAULT_SETTINGS.dockerfile,
      ...(file?.dockerfile ?? {}),
      rules: { ...(file?.dockerfile.rules ?? {}), ...flags.rules },
    },
    compose: {
      rules: { ...(file?.compose.rules ?? {}), ...flags.rules },
      envFiles: flags.envFiles.length ? flags.envFiles : (file?.compose.envFiles ?? []),
    },
    failOn: flags.failOn ?? file?.failOn ?? 'error',
    failOnSet: (flags.failOn ?? file?.failOn) !== undefined,
  };
}
