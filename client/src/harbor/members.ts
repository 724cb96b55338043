// Harbor's project roles and what Berth says about members: role names by id, the role pick list, and the one
// message for a refusal ("this needs the Project Admin role on <project>"). Pure: no vscode.
import * as l10n from '@vscode/l10n';
import { HarborError } from './errors';
import type { HarborMember } from './types';

/** Harbor's role ids, in the order a user reads them from most to least rights (a function: the words are
 *  translated, and the bundle is only known once the extension is activated). */
export function roles(): ReadonlyArray<{ id: number; label: string; detail: string }> {
  return [
    {
      id: 1,
      label: l10n.t('Project Admin'),
      detail: l10n.t('everything, including members, robots and project settings'),
    },
    { id: 4, label: l10n.t('Maintainer'), detail: l10n.t('push, pull, delete, scan, and manage tags and retention') },
    { id: 2, label: l10n.t('Developer'), detail: l10n.t('push and pull') },
    { id: 3, label: l10n.t('Guest'), detail: l10n.t('pull and read') },
    { id: 5, label: l10n.t('Limited Guest'), detail: l10n.t('pull only; cannot list members or logs') },
  ];
}

export function roleName(id: number): string {
  return roles().find((r) => r.id === id)?.label ?? l10n.t('role {0}', id);
}

export function memberLabel(m: HarborMember): { label: string; description: string } {
  return {
    label: m.entity_name,
    description: m.entity_type === 'g' ? l10n.t('{0} · group', roleName(m.role_id)) : roleName(m.role_id),
  };
}

/** Harbor answers 403 (and 401 for an expired login) when the caller is not a Project Admin; say which role is needed. */
export function asProjectAdminError(e: unknown, project: string): unknown {
  if (e instanceof HarborError && e.kind === 'forbidden' && !/read-only mode/.test(e.message))
    return new HarborError('forbidden', l10n.t('This needs the Project Admin role on {0}.', project), e.status, e.code);
  return e;
}
