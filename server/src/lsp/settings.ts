// Settings the server reads from the client's "berth" configuration section (or from initializationOptions
// when a standalone client has no workspace/configuration support).
export type RuleSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

export interface BerthSettings {
  /** shellcheck.enabled: run ShellCheck on RUN instructions when it is on PATH (dockerfile/shellcheck-runner.ts). */
  dockerfile: { rules: Record<string, RuleSeverity>; shellcheck?: { enabled: boolean } };
  compose: { rules: Record<string, RuleSeverity>; envFiles: string[] };
}

export const DEFAULT_SETTINGS: BerthSettings = {
  dockerfile: { rules: {}, shellcheck: { enabled: true } },
  compose: { rules: {}, envFiles: [] },
};

/** Merges whatever the client sent over the defaults, ignoring values of the wrong shape. */
export function readSettings(raw: unknown): BerthSettings {
  const obj = (v: unknown): Record<string, unknown> =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const rules = (v: unknown): Record<string, RuleSeverity> => {
    const out: Record<string, RuleSeverity> = {};
    for (const [k, s] of Object.entries(obj(v)))
      if (typeof s === 'string' && ['error', 'warning', 'info', 'hint', 'off'].includes(s)) out[k] = s as RuleSeverity;
    return out;
  };
  const r = obj(raw);
  const compose = obj(r.compose);
  const dockerfile = obj(r.dockerfile);
  return {
    dockerfile: {
      rules: rules(dockerfile.rules),
      shellcheck: { enabled: obj(dockerfile.shellcheck).enabled !== false },
    },
    compose: {
      rules: rules(compose.rules),
      envFiles: Array.isArray(compose.envFiles)
        ? compose.envFiles.filter((x): x is string => typeof x === 'string')
        : [],
    },
  };
}
