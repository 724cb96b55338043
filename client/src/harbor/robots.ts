// Robot accounts as Berth shows and builds them: permission lists for Harbor's create call, expiry in words, and the
// `docker login` line offered after creation, which never contains the secret. Pure: no vscode.
import * as l10n from '@vscode/l10n';
import type { HarborAccess, HarborRobot, HarborRobotPermission } from './types';

/** What Berth offers once a new secret has been shown (the test answers with these labels). */
export const STORE_OFFER = 'Store it as a Berth registry credential';
export const LOGIN_OFFER = 'Copy a docker login line (--password-stdin)';

/** The access every robot is offered first; the rest of Harbor's catalogue (GET /permissions) follows. */
export const PUSH: HarborAccess = { resource: 'repository', action: 'push' };
export const PULL: HarborAccess = { resource: 'repository', action: 'pull' };

export function accessLabel(a: HarborAccess): string {
  return `${a.action} ${a.resource}`;
}

/** Harbor's catalogue with push and pull first and duplicates dropped. */
export function permissionChoices(catalogue: HarborAccess[] | undefined): HarborAccess[] {
  const out: HarborAccess[] = [PULL, PUSH];
  for (const a of catalogue ?? [])
    if (!out.some((o) => o.resource === a.resource && o.action === a.action))
      out.push({ resource: a.resource, action: a.action });
  return out;
}

/** One permission entry per project, each with the same access: what POST /robots takes. */
export function robotPermissions(projects: string[], access: HarborAccess[]): HarborRobotPermission[] {
  return projects.map((namespace) => ({
    kind: 'project',
    namespace,
    access: access.map(({ resource, action }) => ({ resource, action, effect: 'allow' })),
  }));
}

/** "never", or days as a positive whole number; undefined when the text is neither. */
export function parseDuration(text: string): number | undefined {
  const t = text.trim().toLowerCase();
  if (t === 'never' || t === '-1') return -1;
  return /^[1-9]\d{0,4}$/.test(t) ? Number(t) : undefined;
}

export function expiryText(r: Pick<HarborRobot, 'expires_at'>, now = Date.now()): string {
  if (r.expires_at === undefined || r.expires_at === -1) return l10n.t('never expires');
  const ms = r.expires_at * 1000;
  if (ms < now) return l10n.t('expired');
  return l10n.t('expires {0}', new Date(ms).toISOString().slice(0, 10));
}

export function robotDescription(r: HarborRobot, now = Date.now()): string {
  const access = [
    ...new Set((r.permissions ?? []).flatMap((p) => p.access.map((a) => (a.action === '*' ? 'all' : a.action)))),
  ];
  return [r.disable ? l10n.t('disabled') : undefined, access.join(', ') || l10n.t('no permissions'), expiryText(r, now)]
    .filter(Boolean)
    .join(' · ');
}

/**
 * The login line to copy: the secret comes from stdin (here an environment variable the user sets), so it is never
 * in the line, the shell history or the process list. The name is single-quoted because robot names contain `$`.
 */
export function dockerLoginLine(registry: string, robotName: string): string {
  return `printf '%s' "$HARBOR_ROBOT_SECRET" | docker login ${registry} --username '${robotName.replace(/'/g, `'\\''`)}' --password-stdin`;
}
