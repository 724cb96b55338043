// Harbor's project roles and what Berth says about members: role names by id, the role pick list, and the one
// message for a refusal ("this needs the Project Admin role on <project>"). Pure: no vscode.
import { HarborError } from './errors';
import type { HarborMember } from './types';

/** Harbor's role ids, in the order a user reads them from most to least rights. */
export const ROLES: ReadonlyArray<{ id: number; label: string; detail: string }> = [
  { id: 1, label: 'Project Admin', detail: 'everything, including members, robots and project settings' },
  { id: 4, label: 'Maintainer', detail: 'push, pull, delete, scan, and manage tags and retention' },
  { id: 2, label: 'Developer', detail: 'push and pull' },
  { id: 3, label: 'Guest', detail: 'pull and read' },
  { id: 5, label: 'Limited Guest', detail: 'pull only; cannot list members or logs' },
];

export function roleName(id: number): string {
  return ROLES.find((r) => r.id === id)?.label ?? `role ${id}`;
}

export function memberLabel(m: HarborMember): { label: string; description: string } {
  return {
    label: m.entity_name,
    description: `${roleName(m.role_id)}${m.entity_type === 'g' ? ' · group' : ''}`,
  };
}

/** Harbor answers 403 (and 401 for an expired login) when the caller is not a Project Admin; say which role is needed. */
export function asProjectAdminError(e: unknown, project: string): unknown {
  if (e instanceof HarborError && e.kind === 'forbidden' && !/read-only mode/.test(e.message))
    return new HarborError('forbidden', `This needs the Project Admin role on ${project}.`, e.status, e.code);
  return e;
}
